// The local kind scripts converge after a SIGKILL at their step boundaries, and after kind itself died half-way.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { KindClusterArgs, renderKindConfig, resolveKindCluster } from "../../components/kind/config";
import { renderKindCreate, renderKindDelete, renderKindKubeconfig } from "../../components/kind/scripts";
import { FULL_SWEEP, killPoints } from "../fixtures/kill-points";
import { KindSandbox, removeKindSandboxes } from "./sandbox";

const ARGS: KindClusterArgs = { podCidr: "10.244.0.0/16", serviceCidr: "10.96.0.0/16", workers: 2, skipKubeProxy: true };
const east = resolveKindCluster("dev-east", ARGS);

describe("kind scripts after an interruption (stub kind)", () => {
    const sandbox = (): KindSandbox => new KindSandbox();
    after(removeKindSandboxes);

    it("lists clusters without a pipe, so grep -q can never end kind with SIGPIPE under pipefail", () => {
        for (const script of [renderKindCreate(east), renderKindKubeconfig(east)]) {
            expect(script).not.to.match(/kind get [^\n|]*\|\s*grep/);
        }
        const box = sandbox();
        // The match comes first and far more than a pipe buffer follows: `kind get clusters | grep -Fqx` would die of SIGPIPE.
        fs.mkdirSync(path.join(box.state, "clusters"));
        fs.writeFileSync(path.join(box.state, "clusters", "dev-east"), renderKindConfig(east));
        fs.writeFileSync(
            path.join(box.state, "more-clusters"),
            `${Array.from({ length: 30000 }, (_, i) => `other-cluster-${i}`).join("\n")}\n`,
        );
        const run = box.run(renderKindCreate(east));
        expect(run.stdout, run.stderr).to.equal("kind cluster dev-east already exists\n");
    });

    it(`create and delete converge when SIGKILLed at ${FULL_SWEEP ? "any step boundary" : "sampled step boundaries (FULL_SWEEP=1: any)"} and run again`, () => {
        for (const [title, prepare, script] of [
            ["create", (box: KindSandbox) => box, renderKindCreate(east)],
            ["delete", (box: KindSandbox) => (box.run(renderKindCreate(east)), box), renderKindDelete(east)],
        ] as const) {
            const before = prepare(sandbox());
            const reference = new KindSandbox(before);
            const trace = path.join(reference.state, "boundaries.trace");
            const whole = reference.run(script, { SANDBOX_TRACE: trace }, 0);
            expect(whole.status, whole.stderr).to.equal(0);
            const shapes = fs.readFileSync(trace, "utf8").split("\n").filter(Boolean);
            expect(shapes, title).to.have.length(whole.boundaries);
            const failures: string[] = [];
            for (const boundary of killPoints(`kind ${title}`, shapes)) {
                const box = new KindSandbox(before);
                const killed = box.run(script, {}, boundary);
                const again = box.run(script);
                if (
                    killed.signal !== "SIGKILL" ||
                    again.status !== 0 ||
                    JSON.stringify(box.snapshot()) !== JSON.stringify(reference.snapshot())
                ) {
                    failures.push(`${title} boundary ${boundary}: ${killed.signal} then ${again.status} ${again.stderr}`);
                }
            }
            expect(whole.boundaries, title).to.be.greaterThan(2);
            expect(failures).to.deep.equal([]);
        }
    });

    it("deletes and creates again a cluster that an interrupted create left half-made", () => {
        const box = sandbox();
        const half = box.run(renderKindCreate(east), { STUB_PARTIAL: "1" });
        expect(half.status).to.equal(137);
        const again = box.run(renderKindCreate(east));
        expect(again.status, again.stderr).to.equal(0);
        expect(again.stdout).to.contain(
            "kind cluster dev-east was left half-created by an interrupted run: deleting it to create it again",
        );
        expect(fs.readFileSync(path.join(box.state, "clusters", "dev-east"), "utf8")).to.equal(renderKindConfig(east));
        expect(box.run(renderKindCreate(east)).stdout).to.equal("kind cluster dev-east already exists\n");
    });
});

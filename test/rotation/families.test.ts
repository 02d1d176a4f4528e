// What raising each rotation generation replaces, by the offline diff: the Cilium CA, Antrea member tokens, Contrail tokens.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { DiffEntry } from "../../tools/engine/update-diff";
import { KeptRender, keptRender, projectDir, scratchProject } from "../render/render-fixtures";

/** A stack file with `rotation: { <key>: <generation> }` added under the section whose `kind:` line is given. */
function withRotation(stack: string, kindLine: string, key: string, generation: number): string {
    const text = fs.readFileSync(path.join(projectDir, `Pulumi.${stack}.yaml`), "utf8");
    const edited = text.replace(`\n    ${kindLine}\n`, `\n    ${kindLine}\n    rotation:\n      ${key}: ${generation}\n`);
    expect(edited, `${stack}: ${kindLine}`).to.not.equal(text);
    return edited;
}

const nameOf = (entry: DiffEntry): string => entry.urn.split("::").pop() ?? "";
const changed = (render: KeptRender): DiffEntry[] => [...(render.result.report?.diff.resources ?? [])].filter((e) => e.op !== "same");
const ops = (render: KeptRender, op: string, type: RegExp): string[] =>
    changed(render)
        .filter((entry) => entry.op === op && type.test(entry.type))
        .map(nameOf)
        .sort();

/** Renders generation 0 written out (against the file as it is), then 1 against it. */
async function bump(stack: string, kindLine: string, key: string): Promise<{ zero: KeptRender; one: KeptRender }> {
    const text = fs.readFileSync(path.join(projectDir, `Pulumi.${stack}.yaml`), "utf8");
    const base = await keptRender(scratchProject(text), "scratch");
    const zero = await keptRender(scratchProject(withRotation(stack, kindLine, key, 0)), "scratch", base);
    const one = await keptRender(scratchProject(withRotation(stack, kindLine, key, 1)), "scratch", zero);
    return { zero, one };
}

describe("rotation: what each generation replaces (offline diff)", function () {
    this.timeout(600_000);

    describe("cni.rotation.ca on dev (Cilium Cluster Mesh over two kind clusters)", () => {
        let zero: KeptRender;
        let one: KeptRender;
        before(async () => ({ zero, one } = await bump("dev", "kind: cilium", "ca")));

        it("generation 0 written out changes nothing", () => {
            expect(changed(zero).map(nameOf)).to.deep.equal([]);
        });

        it("replaces the CA and, per cluster, the four clustermesh certificates with their keys", () => {
            const roles = ["server", "admin", "remote", "local"];
            const leaves = ["dev-east", "dev-west"].flatMap((c) =>
                roles.flatMap((role) => [`cilium-${c}-${role}-key`, `cilium-${c}-${role}-csr`, `cilium-${c}-${role}-cert`]),
            );
            expect(ops(one, "replace", /^tls:/)).to.deep.equal(["cilium-ca-cert", "cilium-ca-key", ...leaves].sort());
            expect(changed(one).find((e) => nameOf(e) === "cilium-ca-key")?.reason).to.equal("replacementTrigger changed (0 → 1)");
        });

        it("updates the releases and the certificate Secrets in place; creates and deletes nothing", () => {
            expect(ops(one, "update", /^kubernetes:helm\.sh/)).to.deep.equal(["cilium-dev-east-release", "cilium-dev-west-release"]);
            const secrets = ops(one, "update", /^kubernetes:core\/v1:Secret$/);
            expect(secrets.length).to.equal(8);
            expect(one.result.report?.diff.summary.create).to.equal(0);
            expect(one.result.report?.diff.summary.delete).to.equal(0);
        });

        it("restarts no pod: tls.ca feeds Secrets only, and no Cilium 1.20.0 pod template refers to it", () => {
            const restarts = one.result.report?.restarts.restarts ?? [];
            expect(restarts, restarts.join("\n")).to.deep.equal([]);
            const templates = changed(one).filter((e) => /^kubernetes:apps\/v1:/.test(e.type));
            expect(templates.map(nameOf)).to.deep.equal([]);
        });
    });

    describe("mesh.rotation.memberTokens on antrea-kind", () => {
        let zero: KeptRender;
        let one: KeptRender;
        let two: KeptRender;
        before(async () => {
            ({ zero, one } = await bump("antrea-kind", "kind: antrea-multicluster", "memberTokens"));
            two = await keptRender(
                scratchProject(withRotation("antrea-kind", "kind: antrea-multicluster", "memberTokens", 2)),
                "scratch",
                one,
            );
        });

        it("generation 0 written out changes nothing", () => {
            expect(changed(zero).map(nameOf)).to.deep.equal([]);
        });

        it("replaces each member's token Secret on the leader (deleted first) and updates the member's copy", () => {
            const replaced = changed(one).filter((e) => e.op === "replace" && e.type === "kubernetes:core/v1:Secret");
            expect(replaced.map(nameOf).sort()).to.deep.equal([
                "antrea-clusterset-access-antrea-east-token",
                "antrea-clusterset-access-antrea-west-token",
            ]);
            for (const entry of replaced) {
                expect(entry.reason).to.equal(
                    "replacementTrigger changed (0 → 1); deleteBeforeReplace (deleted before it is created again)",
                );
            }
            expect(ops(one, "update", /^kubernetes:core\/v1:Secret$/)).to.deep.equal([
                "antrea-clusterset-member-antrea-east-token",
                "antrea-clusterset-member-antrea-west-token",
            ]);
        });

        it("replaces no ServiceAccount, binding, ClusterSet or controller", () => {
            const others = changed(one).filter((e) => e.type.startsWith("kubernetes:") && !/core\/v1:Secret$/.test(e.type));
            expect(others.map((e) => `${e.op} ${nameOf(e)}`)).to.deep.equal([]);
        });

        it("restarts each member's controller (it reads the token only at start) once its copy of the new token is written", () => {
            const created = changed(one).filter((e) => e.op === "create");
            expect(created.map(nameOf).sort()).to.deep.equal([
                "antrea-clusterset-member-antrea-east-token-rollout",
                "antrea-clusterset-member-antrea-west-token-rollout",
            ]);
            const records = one.result.run.records;
            const rollout = records.find((r) => r.name === "antrea-clusterset-member-antrea-west-token-rollout");
            const copy = records.find((r) => r.name === "antrea-clusterset-member-antrea-west-token");
            expect(rollout?.dependencies).to.include(copy?.urn);
            expect(zero.result.run.records.filter((r) => r.name.endsWith("-token-rollout"))).to.deep.equal([]);
        });

        it("the next generation re-mints the tokens again and re-runs the restarts, which the diff lists", () => {
            expect(ops(two, "replace", /^command:/)).to.deep.equal([
                "antrea-clusterset-member-antrea-east-token-rollout",
                "antrea-clusterset-member-antrea-west-token-rollout",
            ]);
            expect(ops(two, "replace", /^kubernetes:core\/v1:Secret$/)).to.have.length(2);
            const restarts = two.result.report?.restarts.restarts ?? [];
            expect(
                restarts.filter((line) => line.startsWith("antrea-mc-controller in ")),
                restarts.join("\n"),
            ).to.have.length(2);
        });
    });

    describe("mesh.rotation.tokens on contrail-lab", () => {
        let zero: KeptRender;
        let one: KeptRender;
        before(async () => ({ zero, one } = await bump("contrail-lab", "kind: contrail", "tokens")));

        it("generation 0 written out changes nothing", () => {
            expect(changed(zero).map(nameOf)).to.deep.equal([]);
        });

        it("replaces both crosswise token Secrets of every distributed cluster and updates the kubeconfig Secrets built from them", () => {
            const replaced = ops(one, "replace", /^kubernetes:core\/v1:Secret$/);
            expect(replaced.length).to.be.greaterThan(1);
            expect(replaced.every((name) => name.endsWith("-access-token"))).to.equal(true);
            const kubeconfigs = ops(one, "update", /^kubernetes:core\/v1:Secret$/);
            expect(kubeconfigs.some((name) => name.endsWith("-central-kubeconfig"))).to.equal(true);
            expect(kubeconfigs.some((name) => name.endsWith("-workload-kubeconfig"))).to.equal(true);
            expect(ops(one, "replace", /^kubernetes:core\/v1:ServiceAccount$/)).to.deep.equal([]);
        });

        it("restarts the deployer that reads central-kubeconfig and updates the Kubemanager that reads workload-kubeconfig", () => {
            const entries = changed(one);
            const deployer = entries.find((e) => nameOf(e) === "contrail-cluster2-deployer");
            expect(deployer?.changed, "deployer").to.include("environment.CONTRAIL_RESTART_STAMP");
            const kubemanager = entries.find((e) => nameOf(e) === "contrail-cluster2-kubemanager");
            expect(kubemanager?.op, "kubemanager").to.equal("update");
        });
    });
});

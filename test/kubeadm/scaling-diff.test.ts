// The offline diff of scaling cilium-lab: a worker added to one cluster creates only its steps; removed, it is drained first.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { RecordedResource } from "../../tools/engine/recorder";
import { DiffEntry } from "../../tools/engine/update-diff";
import { KeptRender, keptRender, projectDir, scratchProject } from "../render/render-fixtures";

const COMMAND = "command:remote:Command";
const base = fs.readFileSync(path.join(projectDir, "Pulumi.cilium-lab.yaml"), "utf8");
const WORKER = "        - host: 172.26.0.142\n          name: k8s-cilium-01-wk01\n";
/** cilium-lab with a second worker in k8s-cilium-01. */
const grown = base.replace(WORKER, `${WORKER}        - host: 172.26.0.143\n          name: k8s-cilium-01-wk02\n`);
/** The new worker's steps, in the order the program declares them. */
const NEW_STEPS = ["prepare", "deregister", "join", "cleanup"].map((role) => `k8s-cilium-01-wk02-${role}`);

const nameOf = (entry: DiffEntry): string => entry.urn.split("::").pop() ?? "";
/** `op name` of every resource the diff does not leave the same. */
const changes = (render: KeptRender | undefined): string[] =>
    (render?.result.report?.diff.resources ?? []).filter((entry) => entry.op !== "same").map((entry) => `${entry.op} ${nameOf(entry)}`);

describe("offline diff: scaling the workers of one cluster of cilium-lab", function () {
    this.timeout(300_000);
    let added: KeptRender | undefined;
    let removed: KeptRender | undefined;

    before(async () => {
        expect(grown, "the stack file still has k8s-cilium-01-wk01 where the edit expects it").to.not.equal(base);
        const before = await keptRender(scratchProject(base), "scratch");
        added = await keptRender(scratchProject(grown), "scratch", before);
        removed = await keptRender(scratchProject(base), "scratch", added);
    });

    it("adding a worker creates only its steps; every other node's steps stay the same", () => {
        expect(changes(added)).to.have.members([
            "update k8s-cilium-01",
            ...NEW_STEPS.map((name) => `create ${name}`),
            // The join token step lists the joining nodes: it runs again in place (and renews an expiring token).
            "update k8s-cilium-01-token",
            // Gates whose triggers carry the node list: they check every node again, including the new one.
            "replace cilium-k8s-cilium-01-running",
            "replace cilium-mesh-k8s-cilium-01-health",
        ]);
        const entries = added?.result.report?.diff.resources ?? [];
        const token = entries.find((entry) => nameOf(entry) === "k8s-cilium-01-token");
        expect(token?.changed).to.deep.equal(["create"]);
        const otherSteps = entries.filter((entry) => entry.type === COMMAND && !/-(wk02-\w+|token)$/.test(nameOf(entry)));
        expect(otherSteps.length).to.be.greaterThan(10);
        expect(otherSteps.filter((entry) => entry.op !== "same").map(nameOf)).to.deep.equal([]);
        expect(entries.filter((entry) => entry.op === "replace").every((entry) => entry.reason === "triggers changed")).to.equal(true);
    });

    it("removing it deletes only its steps, and their delete order drains it, resets it, then deletes its Node", () => {
        expect(changes(removed)).to.have.members([
            "update k8s-cilium-01",
            ...NEW_STEPS.map((name) => `delete ${name}`),
            "update k8s-cilium-01-token",
            "replace cilium-k8s-cilium-01-running",
            "replace cilium-mesh-k8s-cilium-01-health",
        ]);
        const deleted = (removed?.result.report?.diff.resources ?? []).filter((entry) => entry.op === "delete");
        expect(new Set(deleted.map((entry) => entry.reason))).to.deep.equal(new Set(["removed from program"]));
        // What the engine runs on delete is the last deployed state's: the render the removal diffs against.
        const state = new Map((added?.state.resources ?? []).map((record: RecordedResource) => [record.name, record]));
        const [, deregister, join, cleanup] = NEW_STEPS.map((name) => state.get(name));
        expect(cleanup?.dependencies, "the drain goes before the reset").to.include(join?.urn);
        expect(join?.dependencies, "the reset goes before the Node deletion").to.include(deregister?.urn);
        expect(String(cleanup?.inputs.delete)).to.contain(
            "drain k8s-cilium-01-wk02 --ignore-daemonsets --delete-emptydir-data --force --timeout=120s",
        );
        expect(String(join?.inputs.delete)).to.contain("kubeadm reset --force");
        expect(String(deregister?.inputs.delete)).to.contain("delete node k8s-cilium-01-wk02 --ignore-not-found");
        expect(removed?.result.files.get("diff.md")).to.match(/\| delete \| k8s-cilium-01-wk02-cleanup \|/);
    });
});

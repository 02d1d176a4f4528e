// The offline diff of a Kubernetes version bump on cilium-lab: only in-place updates, one upgrade step per node, skews refused.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { renderStack } from "../../tools/render";
import { DiffEntry } from "../../tools/engine/update-diff";
import { KeptRender, keptRender, projectDir, scratchProject } from "../render/render-fixtures";

const lab = fs.readFileSync(path.join(projectDir, "Pulumi.cilium-lab.yaml"), "utf8");
/** cilium-lab with `versions.kubernetes` set. */
const withVersion = (version: string): string => `${lab.replace(/\n*$/, "\n")}  multicluster:versions:\n    kubernetes: "${version}"\n`;
const nameOf = (entry: DiffEntry): string => entry.urn.split("::").pop() ?? "";

describe("offline diff: a Kubernetes version bump on cilium-lab", function () {
    this.timeout(300_000);
    let base: KeptRender;
    let patch: KeptRender;
    let minor: KeptRender;

    before(async () => {
        expect(lab).not.to.contain("multicluster:versions:");
        base = await keptRender(scratchProject(lab), "scratch");
        patch = await keptRender(scratchProject(withVersion("1.36.2")), "scratch", base);
        minor = await keptRender(scratchProject(withVersion("1.37.0")), "scratch", patch);
    });

    const changed = (render: KeptRender): DiffEntry[] =>
        (render.result.report?.diff.resources ?? []).filter((entry) => entry.op !== "same");
    const nodes = ["k8s-cilium-01-cp", "k8s-cilium-01-wk01", "k8s-cilium-02-cp", "k8s-cilium-02-wk01"];

    for (const [label, version, render] of [
        ["one patch (1.36.1 → 1.36.2)", "1.36.2", () => patch],
        ["then one minor (1.36.2 → 1.37.0)", "1.37.0", () => minor],
    ] as const) {
        it(`${label}: nothing is created, replaced or deleted; the upgrade steps run, one per node`, () => {
            const report = render().result.report;
            expect(report?.diff.summary).to.include({ create: 0, replace: 0, delete: 0 });
            const entries = changed(render());
            expect(entries.every((entry) => entry.op === "update" && entry.reason === "updated in place")).to.equal(true);
            const upgrades = entries.filter((entry) => /-upgrade-/.test(nameOf(entry))).map(nameOf);
            expect(upgrades).to.have.members(nodes.map((node) => node.replace(/-(cp|wk01)$/, "-upgrade-$1")));
            // Provisioning steps run again in place, each a no-op on a running node: prepare points apt at the version
            // (and leaves the joined node's packages to its upgrade step), init and token read their config again.
            const provisioning = entries.filter((entry) => entry.type === "command:remote:Command" && !/-upgrade-/.test(nameOf(entry)));
            expect(provisioning.map((entry) => `${nameOf(entry)} ${entry.changed.join(",")}`)).to.have.members([
                ...nodes.map((node) => `${node}-prepare create`),
                ...["k8s-cilium-01", "k8s-cilium-02"].flatMap((cluster) => [`${cluster}-init stdin`, `${cluster}-token stdin`]),
            ]);
            const others = entries
                .filter((entry) => entry.type !== "command:remote:Command")
                .map((entry) => `${entry.type} ${nameOf(entry)}`);
            expect(others).to.have.members([
                "multicluster:kubeadm:KubeadmCluster k8s-cilium-01",
                "multicluster:kubeadm:KubeadmCluster k8s-cilium-02",
            ]);
            const script = String(
                render().result.run.records.find((record) => record.name === "k8s-cilium-01-upgrade-wk01")?.inputs.create,
            );
            expect(script).to.contain(`target=${version}`);
        });
    }

    it("orders each cluster's upgrades control plane first, then the worker; the clusters upgrade in parallel", () => {
        const records = minor.result.run.records;
        const find = (name: string) => records.find((record) => record.name === name)!;
        for (const cluster of ["k8s-cilium-01", "k8s-cilium-02"]) {
            expect(find(`${cluster}-upgrade-wk01`).dependencies).to.include(find(`${cluster}-upgrade-cp`).urn);
        }
        expect(find("k8s-cilium-02-upgrade-cp").dependencies).not.to.include(find("k8s-cilium-01-upgrade-wk01").urn);
        expect(find("k8s-cilium-01-upgrade-cp").dependencies).not.to.include(find("k8s-cilium-02-upgrade-wk01").urn);
    });

    it("refuses two minors at once, and a downgrade, at render time with the key, both versions and the fix", async () => {
        for (const [version, message] of [
            [
                "1.38.0",
                'versions.kubernetes = "1.38.0" skips from 1.36.1 to 1.38.0, more than the one minor kubeadm upgrades at a time (running cluster k8s-cilium-01); fix: set versions.kubernetes to 1.37.x first and run pulumi up, then 1.38.0.',
            ],
            [
                "1.36.0",
                'versions.kubernetes = "1.36.0" would downgrade the running cluster from 1.36.1 to 1.36.0, which KubeadmCluster never does (running cluster k8s-cilium-01); fix: set versions.kubernetes back to 1.36.1 or to a later version (a downgrade is a rebuild: a new cluster from a backup).',
            ],
        ]) {
            const refused = await renderStack({
                projectDir: scratchProject(withVersion(version)),
                stack: "scratch",
                showSecrets: false,
                keepState: true,
                against: { dir: "PREV", state: base.state },
            });
            const text = String((refused.run.error as Error | undefined)?.message);
            expect(text.split("\n")[0], version).to.equal("stack scratch as an update from PREV is invalid (2 problems):");
            expect(text.split("\n")[1], version).to.equal(`  - ${message}`);
            expect(refused.report, version).to.equal(undefined);
        }
    });

    it("has no version-guard dynamic resource any more (a dynamic provider would also block a multi-language package)", () => {
        for (const render of [base, patch, minor]) {
            const records = render.result.run.records;
            expect(
                records.filter((record) => record.type.startsWith("pulumi-nodejs:dynamic") && /kubernetes-version/.test(record.name)),
            ).to.deep.equal([]);
            expect(records.filter((record) => /-kubernetes-version$/.test(record.name))).to.deep.equal([]);
        }
    });
});

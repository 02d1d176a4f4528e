// Chart upgrades in the offline diff: a changed chart version updates its releases in place and re-runs their gates.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { DiffEntry } from "../../tools/engine/update-diff";
import { versionJumpIssues } from "../../tools/engine/version-jumps";
import { RecordedResource } from "../../tools/engine/recorder";
import { renderStack } from "../../tools/render";
import { ciliumVersionJumps } from "../../stacks/areas/cilium/version-jumps";
import { antreaVersionJumps } from "../../stacks/areas/antrea/version-jumps";
import { KeptRender, keptRender, projectDir, scratchProject } from "./render-fixtures";

/** A stack file of this project with `multicluster:versions` overrides appended (none of these files sets the key). */
function stackWith(stack: string, versions: Record<string, string>, edit: (text: string) => string = (text) => text): string {
    const text = edit(fs.readFileSync(path.join(projectDir, `Pulumi.${stack}.yaml`), "utf8"));
    expect(text).to.not.match(/^ {2}multicluster:versions:/m);
    const lines = Object.entries(versions).map(([key, value]) => `    ${key}: "${value}"\n`);
    return lines.length > 0 ? `${text}  multicluster:versions:\n${lines.join("")}` : text;
}

const nameOf = (entry: DiffEntry): string => entry.urn.split("::").pop() ?? "";
const changes = (render: KeptRender | undefined): DiffEntry[] =>
    (render?.result.report?.diff.resources ?? []).filter((e) => e.op !== "same");
/** The ops that are not `same`, as `op name (changed: reason)` lines, sorted. */
const changeLines = (render: KeptRender | undefined): string[] =>
    changes(render)
        .map((e) => `${e.op} ${nameOf(e)} (${e.changed.join(",")}: ${e.reason})`)
        .sort();
const gateRerun = (name: string) => `replace ${name} (triggers: triggers changed)`;
const releaseUpdate = (name: string) => `update ${name} (version: updated in place)`;

describe("chart upgrades: a changed chart version in the offline diff", function () {
    this.timeout(300_000);

    it("raising versions.cilium one patch on cilium-lab: 2 releases updated in place, their gates re-run, 0 clusters re-created", async () => {
        const base = await keptRender(scratchProject(stackWith("cilium-lab", {})), "scratch");
        const after = await keptRender(scratchProject(stackWith("cilium-lab", { cilium: "1.20.1" })), "scratch", base);
        const clusters = ["k8s-cilium-01", "k8s-cilium-02"];
        expect(changeLines(after)).to.deep.equal(
            [
                ...clusters.map((c) => releaseUpdate(`cilium-${c}-release`)),
                // The pre-upgrade check (the running Cilium at most one minor away) runs again before each release changes.
                ...clusters.map((c) => `replace cilium-${c}-version-jump (create,triggers: triggers changed)`),
                ...clusters.flatMap((c) =>
                    [
                        `cilium-${c}-running`,
                        `cilium-lb-${c}-crds`,
                        `cilium-ingress-${c}-address`,
                        `cilium-mesh-${c}-health`,
                        `demo-${c}-proof-request`,
                    ].map(gateRerun),
                ),
            ].sort(),
        );
        expect(after.result.report?.diff.summary).to.deep.include({ create: 0, update: 2, replace: 12, delete: 0 });
        const records = after.result.run.records;
        for (const cluster of clusters) {
            const check = records.find((r) => r.name === `cilium-${cluster}-version-jump`);
            expect(records.find((r) => r.name === `cilium-${cluster}-release`)?.dependencies).to.include(check?.urn);
        }
        // Nothing of a cluster (remote provisioning steps, providers, nodes) changes.
        const entries = after.result.report?.diff.resources ?? [];
        const provisioning = entries.filter((e) => e.type === "command:remote:Command" || e.type === "pulumi:providers:kubernetes");
        expect(provisioning.length).to.be.greaterThan(10);
        expect(provisioning.filter((e) => e.op !== "same").map(nameOf)).to.deep.equal([]);
    });

    it("Linkerd, MetalLB and Traefik: every release of the chart updated, every gate that vouches for it re-run, nothing else", async () => {
        const base = await keptRender(scratchProject(stackWith("linkerd-kind", {})), "scratch");
        const bumped = (versions: Record<string, string>) =>
            keptRender(scratchProject(stackWith("linkerd-kind", versions)), "scratch", base);
        const clusters = ["kind-east", "kind-west"];
        const linkerd = await bumped({ linkerd: "2026.8.4" });
        expect(changeLines(linkerd)).to.deep.equal(
            [
                ...clusters.flatMap((c) => ["crds", "control-plane", "viz", "multicluster"].map((r) => releaseUpdate(`linkerd-${c}-${r}`))),
                ...clusters.flatMap((c) => ["control-plane-ready", "link-crd", "running"].map((g) => gateRerun(`linkerd-${c}-${g}`))),
                ...clusters.map((c) => gateRerun(`demo-${c}-proof-requests`)),
                ...["kind-west-to-kind-east", "kind-east-to-kind-west"].flatMap((l) => [
                    `update link-${l}-link (metadata.annotations.linkerd.io/created-by: updated in place)`,
                    gateRerun(`link-${l}-health`),
                ]),
            ].sort(),
        );
        const metallb = await bumped({ metallb: "0.16.2" });
        expect(changeLines(metallb)).to.deep.equal(
            clusters.flatMap((c) => [releaseUpdate(`metallb-${c}-release`), gateRerun(`metallb-${c}-webhook`)]).sort(),
        );
        const traefik = await bumped({ traefik: "41.3.1" });
        expect(changeLines(traefik)).to.deep.equal(
            clusters.flatMap((c) => [releaseUpdate(`ingress-${c}-release`), gateRerun(`ingress-${c}-running`)]).sort(),
        );
    });

    it("AKO and AMKO: the releases updated, their restart gates re-run", async () => {
        const on = (text: string) =>
            text.replace('host: ""', 'host: "192.168.110.5"').concat("  multicluster:aviPassword:\n    secure: v1:placeholder\n");
        const versions = { kubernetes: "1.34.0" };
        const base = await keptRender(scratchProject(stackWith("antrea-lab", versions, on)), "scratch");
        const clusters = ["tanzuhispano-01", "tanzuhispano-db", "tanzuhispano-02"];
        for (const chart of ["ako", "amko"]) {
            const after = await keptRender(scratchProject(stackWith("antrea-lab", { ...versions, [chart]: "2.1.2" }, on)), "scratch", base);
            expect(changeLines(after), chart).to.deep.equal(
                clusters.flatMap((c) => [releaseUpdate(`avi-${chart}-${c}-release`), gateRerun(`avi-${chart}-${c}-running`)]).sort(),
            );
        }
    });

    it("Antrea: releases and Multi-cluster controllers updated, gates re-run, each member's controller after the leader's", async () => {
        const base = await keptRender(scratchProject(stackWith("antrea-dedicated-leader", {})), "scratch");
        const after = await keptRender(scratchProject(stackWith("antrea-dedicated-leader", { antrea: "2.7.1" })), "scratch", base);
        const lines = changeLines(after);
        const clusters = ["test-cluster-north", "test-cluster-east", "test-cluster-west"];
        expect(lines).to.include.members([
            ...clusters.flatMap((c) => [
                releaseUpdate(`antrea-${c}-release`),
                gateRerun(`antrea-${c}-running`),
                `replace antrea-${c}-version-jump (create,triggers: triggers changed)`,
            ]),
            ...["leader", "member-test-cluster-east", "member-test-cluster-west"].flatMap((c) => [
                `update antrea-clusterset-${c}-controller (objs: updated in place)`,
                gateRerun(`antrea-clusterset-${c}-running`),
            ]),
        ]);
        expect(
            changes(after)
                .filter((e) => e.op !== "update" && e.op !== "replace")
                .map(nameOf),
        ).to.deep.equal([]);
        expect(
            changes(after)
                .filter((e) => e.op === "replace" && e.reason !== "triggers changed")
                .map(nameOf),
        ).to.deep.equal([]);
        // Leader first (antrea@v2.7.0 docs/multicluster/upgrade.md): each member's controller Deployment waits on its
        // `-leader-first` gate, which runs again (its script names the new tag) and waits on the leader's controller at it.
        const records = after.result.run.records;
        for (const member of ["test-cluster-east", "test-cluster-west"]) {
            const gate = records.find((r) => r.name === `antrea-clusterset-member-${member}-leader-first`);
            const controller = records.find((r) => r.name === `antrea-clusterset-member-${member}-controller`);
            expect(controller?.dependencies).to.include(gate?.urn);
            expect(lines).to.include(`update antrea-clusterset-member-${member}-leader-first (create: updated in place)`);
            expect(String(gate?.inputs.create)).to.contain("want=v2.7.1").and.contain("leader test-cluster-north");
        }
    });
});

describe("chart upgrades: version jumps upstream refuses", function () {
    this.timeout(120_000);

    /** One Helm release record of `chart` at `version`. */
    const release = (chart: string, version: string, name = `${chart}-east-release`): RecordedResource =>
        ({
            urn: `urn:pulumi:s::p::kubernetes:helm.sh/v3:Release::${name}`,
            type: "kubernetes:helm.sh/v3:Release",
            name,
            inputs: { chart, version },
        }) as unknown as RecordedResource;
    const refused = (chart: string, from: string, to: string): string[] =>
        versionJumpIssues([release(chart, from)], [release(chart, to)], [...ciliumVersionJumps, ...antreaVersionJumps]).map(
            (i) => i.message,
        );

    it("Cilium moves one minor at a time, up or down (cilium@v1.20.0 upgrade-warning.rst)", () => {
        expect(refused("cilium", "1.19.6", "1.20.0")).to.deep.equal([]);
        expect(refused("cilium", "1.20.0", "1.19.6")).to.deep.equal([]);
        expect(refused("cilium", "1.20.0", "1.20.1")).to.deep.equal([]);
        expect(refused("cilium", "1.18.4", "1.20.0")).to.deep.equal([
            'versions.cilium = "1.20.0" is two minors above the deployed 1.18.4; fix: upgrade one minor at a time: 1.19.x first.',
        ]);
        expect(refused("cilium", "1.20.1", "2.0.0")).to.deep.equal([
            'versions.cilium = "2.0.0" is not in the major line of the deployed 1.20.1; fix: upgrade one minor at a time from 1.20.1.',
        ]);
        expect(refused("cilium", "1.20.1", "1.18.4")).to.deep.equal([
            'versions.cilium = "1.18.4" is two minors below the deployed 1.20.1; fix: roll back one minor at a time: 1.19.x first.',
        ]);
    });

    it("Antrea upgrades at most four minors at once (antrea@v2.7.0 docs/versioning.md)", () => {
        expect(refused("antrea", "2.3.0", "2.7.0")).to.deep.equal([]);
        expect(refused("antrea", "2.7.0", "2.1.0")).to.deep.equal([]);
        expect(refused("antrea", "2.2.1", "2.7.0")).to.deep.equal([
            'versions.antrea = "2.7.0" is five minors above the deployed 2.2.1, and Antrea supports upgrades of at most 4 minor versions; fix: upgrade in steps of at most 4 minors: 2.6.x first.',
        ]);
    });

    it("one issue per key and pair of versions; a release new in this run jumps from nothing", () => {
        const before = [release("cilium", "1.18.0", "a"), release("cilium", "1.18.0", "b")];
        const after = [release("cilium", "1.20.0", "a"), release("cilium", "1.20.0", "b"), release("cilium", "1.20.0", "c")];
        expect(versionJumpIssues(before, after, ciliumVersionJumps)).to.have.length(1);
        expect(versionJumpIssues([], after, ciliumVersionJumps)).to.deep.equal([]);
        expect(versionJumpIssues(before, after, [])).to.deep.equal([]);
    });

    it("a release in a cluster the update creates again is a new install: no jump", () => {
        const provider = (incarnation: string) =>
            ({
                urn: "urn:pulumi:s::p::pulumi:providers:kubernetes::east-k8s",
                type: "pulumi:providers:kubernetes",
                name: "east-k8s",
                provider: null,
                inputs: { clusterIdentifier: incarnation },
            }) as unknown as RecordedResource;
        const inCluster = (version: string) => ({ ...release("cilium", version), provider: provider("").urn }) as RecordedResource;
        const before = [provider("east@1"), inCluster("1.18.0")];
        expect(versionJumpIssues(before, [provider("east@1"), inCluster("1.20.0")], ciliumVersionJumps)).to.have.length(1);
        expect(versionJumpIssues(before, [provider("east@2"), inCluster("1.20.0")], ciliumVersionJumps)).to.deep.equal([]);
    });

    it("an update from a stack deployed two Cilium minors back is refused before it renders anything", async () => {
        const base = await keptRender(scratchProject(stackWith("dev", {})), "scratch");
        // The state of a stack deployed at 1.18.4: its releases' recorded version (the project no longer renders 1.18).
        const resources = base.state.resources.map((r) =>
            r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.chart === "cilium"
                ? { ...r, inputs: { ...r.inputs, version: "1.18.4" } }
                : r,
        );
        const result = await renderStack({
            projectDir: scratchProject(stackWith("dev", {})),
            stack: "scratch",
            showSecrets: false,
            against: { dir: "PREV", state: { ...base.state, resources } },
        });
        expect(String((result.run.error as Error | undefined)?.message)).to.equal(
            [
                "stack scratch as an update from PREV is invalid (1 problem):",
                '  - versions.cilium = "1.20.0" is two minors above the deployed 1.18.4; fix: upgrade one minor at a time: 1.19.x first.',
            ].join("\n"),
        );
        expect(result.report).to.equal(undefined);
        expect(result.files.has("diff.json")).to.equal(false);
    });
});

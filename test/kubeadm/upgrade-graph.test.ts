// The upgrade steps in the graph: one per node, first control plane → other control planes → workers, one at a time per cluster.
import { expect } from "chai";
import { KubeadmCluster } from "../../components/kubeadm/cluster";
import { resolveKubeadmCluster } from "../../components/kubeadm/resolve";
import { describeSteps, planSteps } from "../../components/kubeadm/steps";
import { renderUpgrade } from "../../components/kubeadm/upgrade-scripts";
import { upgradeSkewIssue } from "../../components/kubeadm/upgrade-skew";
import { HIGHLY_AVAILABLE, SMALL } from "../fixtures/kubeadm-clusters";
import { expectGolden } from "../golden";
import { RecordedGraph, recordProgram } from "../mocks";

const COMMAND = "command:remote:Command";
const small = resolveKubeadmCluster("alpha", SMALL);
const ha = resolveKubeadmCluster("beta", HIGHLY_AVAILABLE);

describe("Kubernetes upgrade steps in the graph", () => {
    let graph: RecordedGraph;
    before(async () => {
        graph = await recordProgram(() => {
            new KubeadmCluster("alpha", SMALL);
            new KubeadmCluster("beta", HIGHLY_AVAILABLE);
        });
        expect(graph.error, String(graph.error)).to.equal(undefined);
    });
    const step = (name: string) => graph.find(COMMAND, name);
    const waits = (dependent: string, dependency: string) => graph.dependsOn(step(dependent), step(dependency));

    it("plans one upgrade step per node, control planes first, each after the previous one (a chain: one node at a time)", () => {
        const upgrades = (cluster: typeof ha) => planSteps(cluster).filter((entry) => entry.role.startsWith("upgrade-"));
        expect(upgrades(ha).map((entry) => `${entry.role} on ${entry.node.name} after ${entry.after.join(", ")}`)).to.deep.equal([
            "upgrade-cp-1 on beta-cp-1 after cp-1-prepare, ready",
            "upgrade-cp-2 on beta-cp-2 after cp-2-prepare, cp-2-join, upgrade-cp-1",
            "upgrade-cp-3 on beta-cp-3 after cp-3-prepare, cp-3-join, upgrade-cp-2",
            "upgrade-worker-1 on beta-worker-1 after worker-1-prepare, worker-1-join, upgrade-cp-3",
        ]);
        expect(upgrades(small).map((entry) => entry.role)).to.deep.equal(["upgrade-cp-1", "upgrade-worker-1", "upgrade-w2"]);
        expect(upgrades(small).map((entry) => entry.stdin)).to.deep.equal(["none", "admin-kubeconfig", "admin-kubeconfig"]);
    });

    it("wires the chain as dependencies, and every join waits for the first control plane's upgrade (nodes join at the cluster's version)", () => {
        for (const [dependent, dependency] of [
            ["beta-upgrade-cp-1", "beta-ready"],
            ["beta-upgrade-cp-2", "beta-upgrade-cp-1"],
            ["beta-upgrade-cp-3", "beta-upgrade-cp-2"],
            ["beta-upgrade-worker-1", "beta-upgrade-cp-3"],
            ["alpha-upgrade-worker-1", "alpha-upgrade-cp-1"],
            ["alpha-upgrade-w2", "alpha-upgrade-worker-1"],
            ["alpha-upgrade-w2", "alpha-w2-join"],
            ["alpha-worker-1-join", "alpha-upgrade-cp-1"],
            ["beta-cp-2-join", "beta-upgrade-cp-1"],
        ]) {
            expect(waits(dependent, dependency), `${dependent} after ${dependency}`).to.equal(true);
        }
        expect(waits("alpha-upgrade-w2", "alpha-upgrade-cp-1"), "only the previous node").to.equal(false);
    });

    it("keeps clusters independent: no step of one waits for a step of the other", () => {
        const alpha = graph.ofType(COMMAND).filter((record) => record.name.startsWith("alpha-"));
        const beta = graph.ofType(COMMAND).filter((record) => record.name.startsWith("beta-"));
        for (const record of alpha) {
            expect(
                beta.filter((other) => graph.dependsOn(record, other) || graph.dependsOn(other, record)),
                record.name,
            ).to.deep.equal([]);
        }
    });

    it("puts the version in the script text only: a version change updates the upgrade steps, never replaces them", () => {
        for (const name of ["alpha-upgrade-cp-1", "alpha-upgrade-w2"]) {
            const triggers = JSON.stringify(graph.inputsOf(step(name)).triggers);
            expect(triggers, name).not.to.contain("1.36.1");
            expect(String(graph.inputsOf(step(name)).create), name).to.contain("target=1.36.1");
        }
        expect(graph.isSecretInput(step("alpha-upgrade-w2"), "stdin")).to.equal(true);
        expect(graph.inputsOf(step("alpha-upgrade-w2")).logging).to.equal("none");
        expect(graph.inputsOf(step("alpha-upgrade-cp-1")).stdin).to.equal(undefined);
    });

    it("states the skew rule with the key, both versions and the fix", () => {
        expect(upgradeSkewIssue("versions.kubernetes", "1.36.1", "1.36.2")).to.equal(undefined);
        expect(upgradeSkewIssue("versions.kubernetes", "1.36.1", "1.37.0")).to.equal(undefined);
        expect(upgradeSkewIssue("versions.kubernetes", "1.36.1", "1.38.0")?.message).to.equal(
            'versions.kubernetes = "1.38.0" skips from 1.36.1 to 1.38.0, more than the one minor kubeadm upgrades at a time; fix: set versions.kubernetes to 1.37.x first and run pulumi up, then 1.38.0.',
        );
        expect(upgradeSkewIssue("versions.kubernetes", "1.37.2", "1.37.1")?.message).to.equal(
            'versions.kubernetes = "1.37.1" would downgrade the running cluster from 1.37.2 to 1.37.1, which KubeadmCluster never does; fix: set versions.kubernetes back to 1.37.2 or to a later version (a downgrade is a rebuild: a new cluster from a backup).',
        );
    });

    describe("goldens", () => {
        it("renders upgrade-apply.sh", () =>
            expectGolden("kubeadm/upgrade-apply.sh", renderUpgrade(small, small.controlPlanes[0], "apply")));
        it("renders upgrade-control-plane.sh", () =>
            expectGolden("kubeadm/upgrade-control-plane.sh", renderUpgrade(ha, ha.controlPlanes[1], "node")));
        it("renders upgrade-worker.sh", () => expectGolden("kubeadm/upgrade-worker.sh", renderUpgrade(small, small.workers[0], "node")));
        it("lists the upgrade steps in the runbook", () =>
            expect(describeSteps(planSteps(small))).to.contain("upgrade-w2 on alpha-w2 after"));
    });
});

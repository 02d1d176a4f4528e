import { expect } from "chai";
import { wireLayers } from "../../stacks/program";
import { diffRecordings } from "../../tools/engine/diff";
import { RecordedResource } from "../../tools/engine/recorder";
import { runProgram } from "../../tools/engine/run";
import { SimulationState } from "../../tools/engine/state";
import { fakeClustersOf, loadStackFile } from "../fixtures/cilium-clusters";

type Edit = (values: Record<string, unknown>) => Record<string, unknown>;

/** Runs a stack over fake clusters on the replace-aware state, as consecutive `pulumi up`s share their state. */
async function up(
    stack: string,
    state: SimulationState,
    edit: Edit = (values) => values,
    recreated: string[] = [],
): Promise<RecordedResource[]> {
    const config = loadStackFile(stack, edit);
    const result = await runProgram({
        project: "multicluster",
        stack: "test",
        config: {},
        secretKeys: [],
        simulation: { state },
        program: () => wireLayers(config, { byKey: {} }, fakeClustersOf(config, recreated)),
    });
    expect(result.error, String(result.error)).to.equal(undefined);
    return [...result.records];
}

/** What `up` would do to each named resource going from `before` to `after` ("none" when untouched). */
function actions(
    before: readonly RecordedResource[],
    after: readonly RecordedResource[],
    names: readonly string[],
): Record<string, string> {
    const diffs = diffRecordings(before, after);
    return Object.fromEntries(names.map((name) => [name, diffs.find((diff) => diff.name === name)?.action ?? "none"]));
}

const withVersion =
    (cilium: string): Edit =>
    (values) => ({ ...values, versions: { cilium } });

describe("Cilium gates re-run when what they vouch for changes (replace-aware engine state)", () => {
    it("a chart version change re-runs the running wait, the CRD wait, every mesh health gate and the demo proofs", async () => {
        const state = new SimulationState();
        const before = await up("dev", state, withVersion("1.20.0"));
        const same = await up("dev", state, withVersion("1.20.0"));
        const gates = [
            "cilium-dev-east-running",
            "cilium-lb-dev-east-crds",
            "cilium-mesh-dev-east-health",
            "cilium-mesh-dev-west-health",
            "demo-dev-east-proof-request",
        ];
        expect(actions(before, same, gates), "nothing changed, nothing re-runs").to.deep.equal(
            Object.fromEntries(gates.map((gate) => [gate, "none"])),
        );
        const after = await up("dev", state, withVersion("1.19.6"));
        expect(actions(same, after, [...gates, "cilium-dev-east-release"])).to.deep.equal({
            ...Object.fromEntries(gates.map((gate) => [gate, "replace"])),
            "cilium-dev-east-release": "update",
        });
    });
});

describe("Cilium gates re-run when a cluster they vouch for changes", () => {
    it("a re-created peer re-runs the other cluster's health gate and the demo proofs, not its running wait", async () => {
        const state = new SimulationState();
        const before = await up("dev", state);
        // The peer's "API server ready" step gets a new ID: a new incarnation of dev-west.
        const after = await up("dev", state, (values) => values, ["dev-west"]);
        expect(
            actions(before, after, [
                "cilium-mesh-dev-east-health",
                "demo-dev-east-proof-request",
                "cilium-dev-east-running",
                "cilium-dev-west-running",
            ]),
        ).to.deep.equal({
            "cilium-mesh-dev-east-health": "replace",
            "demo-dev-east-proof-request": "replace",
            "cilium-dev-east-running": "none",
            "cilium-dev-west-running": "replace",
        });
    });

    it("a node added to a kubeadm cluster re-runs that cluster's running wait and health gate only", async () => {
        const state = new SimulationState();
        const before = await up("cilium-lab", state);
        const withWorker: Edit = (values) => ({
            ...values,
            clusters: (values.clusters as Record<string, unknown>[]).map((cluster, i) =>
                i !== 0
                    ? cluster
                    : {
                          ...cluster,
                          workers: [...(cluster.workers as object[]), { host: "172.26.0.143", name: "k8s-cilium-01-wk02" }],
                      },
            ),
        });
        const after = await up("cilium-lab", state, withWorker);
        expect(
            actions(before, after, [
                "cilium-k8s-cilium-01-running",
                "cilium-mesh-k8s-cilium-01-health",
                "cilium-k8s-cilium-02-running",
                "cilium-mesh-k8s-cilium-02-health",
            ]),
        ).to.deep.equal({
            "cilium-k8s-cilium-01-running": "replace",
            "cilium-mesh-k8s-cilium-01-health": "replace",
            "cilium-k8s-cilium-02-running": "none",
            "cilium-mesh-k8s-cilium-02-health": "none",
        });
    });
});

import { expect } from "chai";
import { runStackProgram } from "../../stacks/program";
import { diffRecordings } from "../../tools/engine/diff";
import { RecordedResource } from "../../tools/engine/recorder";
import { runProgram } from "../../tools/engine/run";
import { SimulationState } from "../../tools/engine/state";
import { unwrapSecrets } from "../../tools/engine/secret-values";
import { loadStackFile } from "../fixtures/cilium-clusters";

const PROVIDER = "pulumi:providers:kubernetes";
const COMMAND = "command:remote:Command";
type Values = Record<string, unknown>;

/** Runs a whole stack (real KubeadmClusters) on the replace-aware state, as consecutive `pulumi up`s share it. */
async function up(
    stack: string,
    state: SimulationState,
    edit: (values: Values) => Values = (values) => values,
): Promise<RecordedResource[]> {
    const config = loadStackFile(stack, edit);
    const result = await runProgram({
        project: "multicluster",
        stack: "test",
        config: {},
        secretKeys: [],
        simulation: { state },
        program: () => runStackProgram(config, { byKey: {} }),
    });
    expect(result.error, String(result.error)).to.equal(undefined);
    return [...result.records];
}

/** The first cluster's first control plane renamed: same host and endpoint, so the kubeconfig text stays the same. */
function renameFirstControlPlane(values: Values): Values {
    const clusters = values.clusters as Values[];
    const [first, ...rest] = clusters;
    const [cp, ...otherCps] = first.controlPlanes as Values[];
    return { ...values, clusters: [{ ...first, controlPlanes: [{ ...cp, name: `${String(first.name)}-master` }, ...otherCps] }, ...rest] };
}

const named = (records: readonly RecordedResource[], type: string, name: string) =>
    records.find((record) => record.type === type && record.name === name);
const triggersOf = (record: RecordedResource): unknown[] => (unwrapSecrets(record.inputs.triggers) as unknown[] | undefined) ?? [];

for (const stack of ["cilium-lab", "antrea-lab"]) {
    describe(`replacing kubeadm init behind an unchanged kubeconfig (${stack}, replace-aware engine state)`, function () {
        this.timeout(240_000);
        let earlier: RecordedResource[];
        let later: RecordedResource[];
        let cluster: string;

        before(async () => {
            const state = new SimulationState();
            cluster = String(loadStackFile(stack).clusters[0].name);
            earlier = await up(stack, state);
            later = await up(stack, state, renameFirstControlPlane);
        });

        it("replaces init, and with it the provider, while the kubeconfig text stays the same", () => {
            const diffs = diffRecordings(earlier, later);
            const action = (type: string, name: string) => diffs.find((diff) => diff.type === type && diff.name === name)?.action ?? "none";
            expect(action(COMMAND, `${cluster}-init`)).to.equal("replace");
            expect(action(PROVIDER, `${cluster}-k8s`)).to.equal("replace");
            const kubeconfig = (records: RecordedResource[]) =>
                JSON.stringify(unwrapSecrets(named(records, PROVIDER, `${cluster}-k8s`)!.inputs.kubeconfig));
            expect(kubeconfig(later)).to.equal(kubeconfig(earlier));
        });

        it("marks every in-cluster resource of that cluster deleteBeforeReplace (packaged components through a transform), and replaces each", () => {
            const provider = named(later, PROVIDER, `${cluster}-k8s`)!;
            const inCluster = later.filter((record) => record.custom && record.provider === provider.urn);
            expect(inCluster.length).to.be.greaterThan(0);
            const unsafe = inCluster
                .filter((record) => !record.options.deleteBeforeReplace)
                .map((record) => `${record.type} ${record.name}`);
            expect(unsafe, "created in the new cluster, then deleted through the old provider").to.deep.equal([]);
            const groups = inCluster.filter((record) =>
                /yaml\/v2:ConfigGroup|yaml:ConfigFile|yaml\/v2:ConfigFile|helm\.sh\/v4:Chart/.test(record.type),
            );
            expect(groups.filter((record) => record.options.transforms === 0).map((record) => record.name)).to.deep.equal([]);
            const actions = new Map(diffRecordings(earlier, later).map((diff) => [diff.urn, diff.action]));
            expect(inCluster.filter((record) => actions.get(record.urn) !== "replace").map((record) => record.name)).to.deep.equal([]);
        });

        it("re-runs every gate of that cluster (each carries the incarnation), and every step that vouches for the new cluster", () => {
            const incarnation = (records: RecordedResource[]) =>
                String(unwrapSecrets(named(records, PROVIDER, `${cluster}-k8s`)!.inputs.clusterIdentifier));
            const gates = earlier.filter(
                (record) => record.type === "command:local:Command" && triggersOf(record)[0] === incarnation(earlier),
            );
            expect(gates.length).to.be.greaterThan(0);
            const actions = new Map(diffRecordings(earlier, later).map((diff) => [diff.urn, diff.action]));
            expect(gates.filter((gate) => actions.get(gate.urn) !== "replace").map((gate) => gate.name)).to.deep.equal([]);
            const rebuilt = earlier.filter(
                (record) =>
                    record.type === COMMAND &&
                    record.name.startsWith(`${cluster}-`) &&
                    /-(ready|token|deregister|join|cleanup)$/.test(record.name),
            );
            expect(rebuilt.map((record) => `${record.name} ${actions.get(record.urn)}`)).to.deep.equal(
                rebuilt.map((record) => `${record.name} replace`),
            );
        });

        it("leaves the other clusters alone", () => {
            const others = later.filter((record) => record.type === PROVIDER && !record.name.startsWith(`${cluster}-`));
            const actions = new Map(diffRecordings(earlier, later).map((diff) => [diff.urn, diff.action]));
            expect(others.map((record) => actions.get(record.urn) ?? "none")).to.satisfy((list: string[]) =>
                list.every((action) => action !== "replace"),
            );
        });
    });
}

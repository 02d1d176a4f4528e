import { expect } from "chai";
import { MC_CONFIG_KEY } from "../../components/antrea/cluster-set/mc-config";
import { StackConfig } from "../../stacks/config/types";
import { loadStackFile } from "../fixtures/cilium-clusters";
import { wireLayers } from "../../stacks/program";
import { RecordedGraph, recordProgram } from "../mocks";
import { antreaClustersOf, runLayers } from "./graph";

const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";

function mcConfigText(graph: RecordedGraph, name: string): string {
    return (graph.inputsOf(graph.find(CONFIG_MAP, name)).data as Record<string, string>)[MC_CONFIG_KEY];
}

describe("antrea ClusterSet: what a real run needs (seed 000)", () => {
    let config: StackConfig;
    let graph: RecordedGraph;
    before(async () => {
        config = loadStackFile("antrea-lab");
        graph = await runLayers(config);
    });

    it("turns stretched policies on in the leader's controller too (it alone reconciles LabelIdentity exports)", () => {
        // antrea@v2.7.0:multicluster/cmd/multicluster-controller/leader.go registers LabelIdentityExportReconciler
        // only with EnableStretchedNetworkPolicy; user-guide.md: "for each antrea-mc-controller in the ClusterSet".
        expect(mcConfigText(graph, "antrea-clusterset-leader-config")).to.contain("enableStretchedNetworkPolicy: true");
        for (const member of ["tanzuhispano-01", "tanzuhispano-db", "tanzuhispano-02"]) {
            expect(mcConfigText(graph, `antrea-clusterset-member-${member}-config`), member).to.contain(
                "enableStretchedNetworkPolicy: true",
            );
        }
    });
});

const COMMAND = "command:local:Command";

/** A gate's recorded triggers (the cluster's incarnation first), as text. */
function triggersOf(graph: RecordedGraph, name: string): string {
    return JSON.stringify(graph.inputsOf(graph.find(COMMAND, name)).triggers);
}

/** Re-renders the lab with an edit and lists which of the given commands' triggers changed. */
async function rerunGates(
    edit: (values: Record<string, any>) => Record<string, any>,
    names: readonly string[],
    before: RecordedGraph,
): Promise<string[]> {
    const after = await runLayers(loadStackFile("antrea-lab", edit));
    return names.filter((name) => triggersOf(before, name) !== triggersOf(after, name));
}

const GATES = [
    "antrea-clusterset-member-tanzuhispano-01-health",
    "antrea-clusterset-member-tanzuhispano-01-peers-check",
    "antrea-clusterset-access-tanzuhispano-01-health",
    "antrea-mc-demo-tanzuhispano-02-proof",
];

describe("antrea ClusterSet: gateway IP precedence (G5)", () => {
    it("reaches every member's controller configuration as gatewayIPPrecedence", async () => {
        const graph = await runLayers(
            loadStackFile("antrea-lab", (values: Record<string, any>) => ({
                ...values,
                mesh: { ...values.mesh, gatewayIpPrecedence: "public" },
            })),
        );
        for (const member of ["tanzuhispano-01", "tanzuhispano-db", "tanzuhispano-02"]) {
            expect(mcConfigText(graph, `antrea-clusterset-member-${member}-config`), member).to.contain("gatewayIPPrecedence: public");
        }
    });
});

describe("antrea ClusterSet gates re-run when what they vouch for changes (seed 000)", function () {
    this.timeout(120000);
    let graph: RecordedGraph;
    before(async () => {
        graph = await runLayers(loadStackFile("antrea-lab"));
    });

    it("on a change of the agents' values (cni.*), which the ClusterSet controllers never see", async () => {
        expect(await rerunGates((values) => ({ ...values, cni: { ...values.cni, tunnelType: "vxlan" } }), GATES, graph)).to.deep.equal(
            GATES,
        );
    });

    it("on an Antrea version bump, whose controller restarts are what the gates must see settle", async () => {
        expect(await rerunGates((values) => ({ ...values, versions: { antrea: "2.7.1" } }), GATES, graph)).to.deep.equal(GATES);
    });

    it("on a gateway move of the member, and of the exporter for the proof", async () => {
        const edit = (values: Record<string, any>) => ({
            ...values,
            mesh: { ...values.mesh, gatewayNodes: { ...values.mesh.gatewayNodes, "tanzuhispano-01": "tanzuhispano-01-worker-2" } },
        });
        expect(await rerunGates(edit, GATES, graph)).to.deep.equal(GATES);
    });

    it("on a re-created member cluster, even its peers' checks and the proofs that rely on it", async () => {
        const config = loadStackFile("antrea-lab");
        const after = await recordProgram(() => wireLayers(config, { byKey: {} }, antreaClustersOf(config, ["tanzuhispano-01"])));
        const peers = ["antrea-clusterset-member-tanzuhispano-02-peers-check", "antrea-clusterset-member-tanzuhispano-db-peers-check"];
        expect([...GATES, ...peers].filter((name) => triggersOf(graph, name) !== triggersOf(after, name))).to.deep.equal([
            ...GATES,
            ...peers,
        ]);
    });
});

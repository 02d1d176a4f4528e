import { expect } from "chai";
import { loadStackFile } from "../fixtures/cilium-clusters";
import { expectGolden } from "../golden";
import { RecordedGraph } from "../mocks";
import { runLayers } from "./graph";

const COMMAND = "command:local:Command";

describe("antrea ClusterSet: Pulumi.antrea-dedicated-leader.yaml (seed 001, dedicated leader)", () => {
    let graph: RecordedGraph;
    before(async () => {
        graph = await runLayers(loadStackFile("antrea-dedicated-leader"));
    });

    it("runs only the leader controller in the leader cluster, in the guide's namespace", () => {
        const names = graph.records.map((record) => record.name);
        expect(names.filter((name) => name.startsWith("antrea-clusterset-member-test-cluster-north"))).to.deep.equal([]);
        expect(names.filter((name) => name.startsWith("antrea-clusterset-access-test-cluster-north"))).to.deep.equal([]);
        const ns = graph.inputsOf(graph.find("kubernetes:core/v1:Namespace", "antrea-clusterset-leader-namespace"));
        expect(ns.metadata).to.deep.equal({ name: "antrea-mcs-ns" });
        expect(String(graph.inputsOf(graph.find(COMMAND, "antrea-clusterset-leader-running")).create)).to.contain(
            "antrea-mcs-ns-antrea-mc-validating-webhook-configuration",
        );
    });

    it("gives the leader's agents no Multicluster gate and the members the gateway", () => {
        const values = (name: string) =>
            graph.inputsOf(graph.find("kubernetes:helm.sh/v3:Release", `antrea-${name}-release`)).values as Record<string, any>;
        expect(values("test-cluster-north").featureGates).not.to.have.property("Multicluster");
        expect(values("test-cluster-north")).not.to.have.property("multicluster");
        expect(values("test-cluster-east").multicluster.enableGateway).to.equal(true);
    });

    it("points every member at the leader API from the Cluster contract, with the leader namespace", () => {
        for (const member of ["test-cluster-east", "test-cluster-west"]) {
            const cs = graph.inputsOf(
                graph.find("kubernetes:multicluster.crd.antrea.io/v1alpha2:ClusterSet", `antrea-clusterset-member-${member}-clusterset`),
            );
            expect(cs.spec).to.deep.equal({
                clusterID: member,
                leaders: [{ clusterID: "test-cluster-north", server: "https://192.168.130.11:6443", secret: `member-${member}-token` }],
                namespace: "antrea-mcs-ns",
            });
        }
    });

    it("exports once east's MC controller serves and proves the answer through antrea-mc-web in west after both ClusterSets are healthy", () => {
        const exported = graph.find("kubernetes:multicluster.x-k8s.io/v1alpha1:ServiceExport", "antrea-mc-demo-test-cluster-east-export");
        expect(graph.inputsOf(exported)).to.deep.include({ metadata: { name: "web", namespace: "antrea-mc-demo" } });
        const proof = graph.find(COMMAND, "antrea-mc-demo-test-cluster-west-proof");
        expect(graph.dependsOn(proof, exported)).to.equal(true);
        expect(graph.dependsOn(proof, graph.find(COMMAND, "antrea-clusterset-member-test-cluster-west-health"))).to.equal(true);
        expect(graph.dependsOn(exported, graph.find(COMMAND, "antrea-clusterset-member-test-cluster-east-running"))).to.equal(true);
        expect(graph.dependsOn(exported, graph.find(COMMAND, "antrea-clusterset-access-test-cluster-east-health"))).to.equal(false);
        expect(graph.dependsOn(proof, graph.find(COMMAND, "antrea-clusterset-access-test-cluster-east-health"))).to.equal(true);
        expectGolden("antrea/demo-proof.sh", String(graph.inputsOf(proof).create));
        expect(graph.ofType(COMMAND).map((record) => record.name)).not.to.include("antrea-mc-demo-test-cluster-east-proof");
    });
});

describe("antrea ClusterSet day 2 (seed 001 with two gateway candidates per member)", () => {
    let graph: RecordedGraph;
    before(async () => {
        // Gateway candidates: the controller elects a Ready one and fails over to the other.
        graph = await runLayers(
            loadStackFile("antrea-dedicated-leader", (values) => ({
                ...values,
                mesh: {
                    ...(values.mesh as object),
                    gatewayNodes: {
                        "test-cluster-east": ["test-cluster-east-worker-1", "test-cluster-east-worker-2"],
                        "test-cluster-west": ["test-cluster-west-worker-1", "test-cluster-west-worker-2"],
                    },
                },
            })),
        );
    });

    it("annotates every gateway candidate of a member (the first keeps -gateway) after all of them registered", () => {
        const patches = graph.ofType("kubernetes:core/v1:NodePatch").filter((record) => record.name.includes("test-cluster-east"));
        expect(patches.map((record) => [record.name, (graph.inputsOf(record).metadata as any).name])).to.deep.equal([
            ["antrea-clusterset-member-test-cluster-east-gateway", "test-cluster-east-worker-1"],
            ["antrea-clusterset-member-test-cluster-east-gateway-test-cluster-east-worker-2", "test-cluster-east-worker-2"],
        ]);
        const gate = String(graph.inputsOf(graph.find(COMMAND, "antrea-clusterset-member-test-cluster-east-health")).create);
        expect(gate).to.contain("' test-cluster-east-worker-1 test-cluster-east-worker-2 '");
        for (const patch of patches) {
            expect(graph.dependsOn(graph.find(COMMAND, "antrea-clusterset-member-test-cluster-east-health"), patch)).to.equal(true);
        }
    });

    it("applies a member's controller only after the leader's runs the same release (leader first), not its objects", () => {
        const leaderFirst = graph.find(COMMAND, "antrea-clusterset-member-test-cluster-west-leader-first");
        expect(String(graph.inputsOf(leaderFirst).create))
            .to.contain("want=v2.7.0")
            .and.to.contain("-n antrea-mcs-ns get deployment antrea-mc-controller");
        expect(
            graph.dependsOn(
                graph.find("kubernetes:yaml/v2:ConfigGroup", "antrea-clusterset-member-test-cluster-west-controller"),
                leaderFirst,
            ),
        ).to.equal(true);
        expect(
            graph.dependsOn(
                graph.find("kubernetes:yaml/v2:ConfigGroup", "antrea-clusterset-member-test-cluster-west-objects"),
                leaderFirst,
            ),
        ).to.equal(false);
        // On a first install it returns at once, so it waits on nothing of the leader but its API server.
        expect(graph.dependsOn(leaderFirst, graph.find(COMMAND, "antrea-clusterset-leader-running"))).to.equal(false);
    });

    it("re-exports the member's ServiceExports under the endpoint type once its controller is connected again", () => {
        const reexport = graph.find(COMMAND, "antrea-clusterset-member-test-cluster-east-reexport");
        expect(String(graph.inputsOf(reexport).create)).to.contain("=ClusterIP --overwrite");
        expect(graph.dependsOn(reexport, graph.find(COMMAND, "antrea-clusterset-member-test-cluster-east-health"))).to.equal(true);
        expect(graph.dependsOn(graph.find(COMMAND, "antrea-mc-demo-test-cluster-west-proof"), reexport)).to.equal(true);
    });
});

describe("antrea without a ClusterSet", () => {
    it("installs Antrea alone when the mesh is none", async () => {
        const lab = loadStackFile("antrea-lab", (values) => ({ ...values, mesh: { kind: "none" }, ingress: { kind: "none" } }));
        const graph = await runLayers(lab);
        expect(graph.ofType("multicluster:antrea:AntreaInstall")).to.have.length(3);
        expect(graph.ofType("multicluster:antrea:AntreaClusterSet")).to.deep.equal([]);
        const values = graph.inputsOf(graph.find("kubernetes:helm.sh/v3:Release", "antrea-tanzuhispano-01-release")).values as Record<
            string,
            any
        >;
        expect(values).not.to.have.property("multicluster");
        expect(values.nodePortLocal).to.deep.equal({ enable: true, portRange: "61000-62000" });
    });
});

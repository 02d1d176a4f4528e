import { expect } from "chai";
import { ContrailCrossClusterNetwork } from "../../components/contrail/network-wiring";
import { ISOLATED_NAMESPACE_LABEL, NetworkSide, crossClusterNetwork, isolatedNamespace } from "../../components/contrail/networks";
import { toYamlDocuments } from "../../components/shared/yaml";
import { fakeCluster } from "../fixtures/cilium-clusters";
import { expectGolden } from "../golden";
import { recordProgram } from "../mocks";

/** Seed 002's example: ns1 on central cluster1 (vn1 10.0.0.0/24), ns1 on distributed cluster2 (vn2 20.0.0.0/24). */
const central: NetworkSide = { namespace: "ns1", namespaceLabel: { ns: "ns1" }, network: { name: "vn1", cidr: "10.0.0.0/24" } };
const distributed: NetworkSide = {
    distributedCluster: "cluster2", namespace: "ns1", namespaceLabel: { ns: "cluster2-ns1" }, network: { name: "vn2", cidr: "20.0.0.0/24" },
};

describe("Contrail network helpers", () => {
    it("labels an isolated namespace and sets its forwarding mode", () => {
        expect(isolatedNamespace({ name: "ns1", labels: { ns: "cluster2-ns1" }, forwardingMode: "fabric-snat" }).metadata).to.deep.equal({
            name: "ns1",
            labels: { ns: "cluster2-ns1", [ISOLATED_NAMESPACE_LABEL]: "true" },
            annotations: { "core.juniper.net/forwarding-mode": "fabric-snat" },
        });
    });

    it("renders seed 002's cross-cluster VN/VNR pair on the central cluster, the distributed side in its mirror namespace (golden)", () => {
        const rendered = crossClusterNetwork(central, distributed);
        expectGolden("contrail/cross-cluster-network.yaml", toYamlDocuments([...rendered.namespaces, ...rendered.central]));
        expect(rendered.central.map((object) => `${object.kind} ${object.metadata.namespace}/${object.metadata.name}`)).to.deep.equal([
            "Subnet ns1/vn1-v4", "VirtualNetwork ns1/vn1",
            "Subnet kubemanager-cluster2-cluster2-ns1/vn2-v4", "VirtualNetwork kubemanager-cluster2-cluster2-ns1/vn2",
            "VirtualNetworkRouter ns1/vn1-vnr", "VirtualNetworkRouter kubemanager-cluster2-cluster2-ns1/vn2-vnr",
        ]);
    });

    it("creates the namespaces on their own clusters and the VN/VNRs on the central one after the mirror exists", async () => {
        const graph = await recordProgram(() => {
            const cluster1 = fakeCluster({ name: "cluster1", podCidr: "10.233.128.0/17" });
            const cluster2 = fakeCluster({ name: "cluster2", podCidr: "10.234.128.0/17" });
            return new ContrailCrossClusterNetwork("vn-demo", {
                central: cluster1, sides: [{ cluster: cluster1, side: central }, { cluster: cluster2, side: distributed }],
            }).objects.length;
        });
        expect(graph.error, String(graph.error)).to.equal(undefined);
        const mirror = graph.find("command:local:Command", "vn-demo-mirror-cluster2");
        const namespace = graph.find("kubernetes:core/v1:Namespace", "vn-demo-ns-cluster2");
        expect(namespace.provider?.split("::").pop()).to.equal("cluster2-k8s");
        expect(graph.dependsOn(mirror, namespace)).to.equal(true);
        const router = graph.find("kubernetes:core.contrail.juniper.net/v1alpha1:VirtualNetworkRouter", "vn-demo-virtualnetworkrouter-vn2-vnr");
        expect(router.provider?.split("::").pop()).to.equal("cluster1-k8s");
        expect(graph.dependsOn(router, mirror)).to.equal(true);
    });

    it("refuses two sides on one cluster or with one network name, before creating anything", async () => {
        const graph = await recordProgram(() => {
            const cluster1 = fakeCluster({ name: "cluster1", podCidr: "10.233.128.0/17" });
            return new ContrailCrossClusterNetwork("vn-demo", {
                central: cluster1, sides: [{ cluster: cluster1, side: central }, { cluster: cluster1, side: { ...distributed, network: central.network } }],
            });
        });
        expect(String(graph.error)).to.contain("sides[1].cluster = \"cluster1\" is the cluster of sides[0] too")
            .and.to.contain("sides[1].side.network.name = \"vn1\" is the network name of sides[0] too");
        expect(graph.ofType("multicluster:contrail:ContrailCrossClusterNetwork")).to.deep.equal([]);
    });
});

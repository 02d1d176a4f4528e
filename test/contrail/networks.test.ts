import { expect } from "chai";
import { ContrailCrossClusterNetwork } from "../../components/contrail/cross-cluster-network";
import { ISOLATED_NAMESPACE_LABEL, NetworkSide, crossClusterNetwork, isolatedNamespace } from "../../components/contrail/networks";
import { toYamlDocuments } from "../../components/shared/yaml";
import { networkSideIssues } from "../../components/contrail/validate";
import { fakeCluster } from "../fixtures/cilium-clusters";
import { expectGolden } from "../golden";
import { recordProgram } from "../mocks";

/** Seed 002's example: ns1 on central cluster1 (vn1 10.0.0.0/24), ns1 on distributed cluster2 (vn2 20.0.0.0/24). */
const central: NetworkSide = { namespace: "ns1", namespaceLabel: { ns: "ns1" }, network: { name: "vn1", cidr: "10.0.0.0/24" } };
const distributed: NetworkSide = {
    distributedCluster: "cluster2",
    namespace: "ns1",
    namespaceLabel: { ns: "cluster2-ns1" },
    network: { name: "vn2", cidr: "20.0.0.0/24" },
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
            "Subnet ns1/vn1-v4",
            "VirtualNetwork ns1/vn1",
            "Subnet kubemanager-cluster2-cluster2-ns1/vn2-v4",
            "VirtualNetwork kubemanager-cluster2-cluster2-ns1/vn2",
            "VirtualNetworkRouter ns1/vn1-vnr",
            "VirtualNetworkRouter kubemanager-cluster2-cluster2-ns1/vn2-vnr",
        ]);
    });

    it("creates the namespaces on their own clusters and the VN/VNRs on the central one after the mirror exists", async () => {
        const graph = await recordProgram(() => {
            const cluster1 = fakeCluster({ name: "cluster1", podCidr: "10.233.128.0/17" });
            const cluster2 = fakeCluster({ name: "cluster2", podCidr: "10.234.128.0/17" });
            return new ContrailCrossClusterNetwork("vn-demo", {
                central: cluster1,
                sides: [
                    { cluster: cluster1, side: central },
                    { cluster: cluster2, side: distributed },
                ],
            }).objects.length;
        });
        expect(graph.error, String(graph.error)).to.equal(undefined);
        const mirror = graph.find("command:local:Command", "vn-demo-mirror-cluster2");
        const namespace = graph.find("kubernetes:core/v1:Namespace", "vn-demo-ns-cluster2");
        expect(namespace.provider?.split("::").pop()).to.equal("cluster2-k8s");
        expect(graph.dependsOn(mirror, namespace)).to.equal(true);
        const router = graph.find(
            "kubernetes:core.contrail.juniper.net/v1alpha1:VirtualNetworkRouter",
            "vn-demo-virtualnetworkrouter-vn2-vnr",
        );
        expect(router.provider?.split("::").pop()).to.equal("cluster1-k8s");
        expect(graph.dependsOn(router, mirror)).to.equal(true);
    });

    it("refuses two sides on one cluster or with one network name, before creating anything", async () => {
        const graph = await recordProgram(() => {
            const cluster1 = fakeCluster({ name: "cluster1", podCidr: "10.233.128.0/17" });
            return new ContrailCrossClusterNetwork("vn-demo", {
                central: cluster1,
                sides: [
                    { cluster: cluster1, side: central },
                    { cluster: cluster1, side: { ...distributed, network: central.network } },
                ],
            });
        });
        expect(String(graph.error))
            .to.contain('sides[1].cluster = "cluster1" is the cluster of sides[0] too')
            .and.to.contain('sides[1].side.network.name = "vn1" is the network name of sides[0] too');
        expect(graph.ofType("multicluster:contrail:ContrailCrossClusterNetwork")).to.deep.equal([]);
    });

    it("validates each side's values as what they are: namespace, network name, IPv4 CIDR, labels, the mirror's length", () => {
        const bad: NetworkSide = {
            distributedCluster: "cluster2",
            namespace: "Ns_1",
            namespaceLabel: { "bad key!": "x" },
            network: { name: "vn2", cidr: "fd00::/64" },
        };
        expect(networkSideIssues("sides[1].side", bad).map((entry) => entry.message)).to.deep.equal([
            'sides[1].side.namespace = "Ns_1" is not a DNS-1123 label (lowercase letters, digits and \'-\', alphanumeric at both ends, at most 63 characters); fix: use a name like "web-1".',
            'sides[1].side.network.cidr = "fd00::/64" is not an IPv4 range, and the helper renders an IPv4 Subnet; fix: give the VirtualNetwork an IPv4 range, e.g. "10.0.0.0/24".',
            'sides[1].side.namespaceLabel["bad key!"] = "x" is not a valid label key ([prefix/]name: a DNS subdomain prefix, a name of at most 63 letters, digits, \'-\', \'_\' or \'.\'); fix: use a key like "app" or "example.com/tier".',
        ]);
        expect(networkSideIssues("sides[1].side", { ...distributed, namespace: "a".repeat(40) }).map((entry) => entry.message)[0]).to.match(
            /makes the central mirror kubemanager-cluster2-cluster2-a+ longer than 63 characters/,
        );
        expect([...networkSideIssues("s", central), ...networkSideIssues("s", distributed)]).to.deep.equal([]);
    });
});

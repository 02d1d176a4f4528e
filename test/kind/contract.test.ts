// KindCluster as the Cluster contract: its provider and readiness stay out of the schema (accessors), components reuse
// its provider, and its plain data alone is enough for a component to make its own.
import { expect } from "chai";
import { CiliumInstall } from "../../components/cilium/install";
import { KindCluster, kindClusterDefaults } from "../../components/kind";
import { hasClusterAccess, plainCluster } from "../../components/shared/cluster-access";
import { recordProgram } from "../mocks";

const ARGS = { podCidr: "10.244.0.0/16", serviceCidr: "10.96.0.0/16" };
const RELEASE = "kubernetes:helm.sh/v3:Release";
const PROVIDER = "pulumi:providers:kubernetes";

describe("KindCluster as the Cluster contract", function () {
    this.timeout(60_000);

    it("keeps provider, ready and joined as accessors (no own properties, so not in the schema), still a ClusterAccess", async () => {
        let cluster: KindCluster | undefined;
        const graph = await recordProgram(() => {
            cluster = new KindCluster("kind-a", ARGS);
            return {};
        });
        expect(graph.error, String(graph.error)).to.equal(undefined);
        expect(Object.keys(cluster!).filter((key) => ["provider", "ready", "joined"].includes(key))).to.deep.equal([]);
        expect(hasClusterAccess(cluster!)).to.equal(true);
        expect(cluster!.joined).to.deep.equal(cluster!.ready);
        expect(graph.find(PROVIDER, "kind-a-k8s").parent).to.equal(graph.find("multicluster:kind:KindCluster", "kind-a").urn);
    });

    it("a component given the KindCluster uses its provider; given its plain data, makes its own that waits for the same step", async () => {
        const graph = await recordProgram(() => {
            const cluster = new KindCluster("kind-a", ARGS);
            new CiliumInstall("reuse", { cluster });
            new CiliumInstall("data", { cluster: plainCluster(cluster) });
            return {};
        });
        expect(graph.error, String(graph.error)).to.equal(undefined);
        expect(graph.ofType(PROVIDER).map((record) => record.name)).to.deep.equal(["kind-a-k8s", "data-kind-a-k8s"]);
        const kubeconfigStep = graph.find("command:local:Command", "kind-a-kubeconfig").urn;
        const reuse = graph.find(RELEASE, "reuse-release");
        const data = graph.find(RELEASE, "data-release");
        expect(String(reuse.provider).startsWith(graph.find(PROVIDER, "kind-a-k8s").urn)).to.equal(true);
        expect(String(data.provider).startsWith(graph.find(PROVIDER, "data-kind-a-k8s").urn)).to.equal(true);
        expect(reuse.dependencies).to.include(kubeconfigStep);
        expect(data.dependencies).to.include(kubeconfigStep);
    });

    it("takes resolved args only through KindCluster.fromResolved, for the cluster they were resolved for", () => {
        expect(() => KindCluster.fromResolved("kind-b", { resolved: kindClusterDefaults("kind-a", ARGS) })).to.throw(
            'KindCluster "kind-b": resolved arguments of cluster "kind-a" given',
        );
    });
});

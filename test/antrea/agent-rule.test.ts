// What a ClusterSet needs of its members' Antrea, refused at construction; AntreaInstall's own Multi-cluster rules.
import { expect } from "chai";
import { clusterSetAgentIssues } from "../../components/antrea/cluster-set/agent-checks";
import { AntreaInstall } from "../../components/antrea/install";
import { AntreaAgentFacts } from "../../components/antrea/types";
import { DEFAULT_MULTICLUSTER_AGENT } from "../../components/antrea/values";
import { ConfigValidationError, fieldPaths } from "../../components/shared/validation";
import { fakeCluster } from "../fixtures/cilium-clusters";
import { recordProgram } from "../mocks";

const gated: AntreaAgentFacts = { multicluster: DEFAULT_MULTICLUSTER_AGENT, tunnelType: "geneve" };
const member = (name: string, antrea: AntreaAgentFacts) => ({ cluster: { name }, antrea });

describe("antrea ClusterSet: members' Antrea", () => {
    it("accepts members whose agents share the ClusterSet's switches and tunnel type", () => {
        expect(clusterSetAgentIssues({ members: [member("east", gated), member("west", gated)] })).to.deep.equal([]);
    });

    it("refuses switches the agents do not share and another tunnel type, each naming the arg and the fix", () => {
        const encrypted = { ...gated, multicluster: { ...DEFAULT_MULTICLUSTER_AGENT, trafficEncryption: "wireGuard" as const } };
        const issues = clusterSetAgentIssues({
            podToPod: true,
            members: [member("east", encrypted), member("west", { ...gated, tunnelType: "vxlan" })],
        });
        expect(issues.map((found) => found.message)).to.deep.equal([
            "members[0].antrea.multicluster.podToPod = false disagrees with podToPod = true, which the agents of every member must share (Antrea 2.7 Multi-cluster user guide); fix: set multicluster.podToPod: true on the AntreaInstall of cluster east, or podToPod: false on the ClusterSet.",
            'members[0].antrea.multicluster.trafficEncryption = "wireGuard" disagrees with trafficEncryption = "none", which the agents of every member must share (Antrea 2.7 Multi-cluster user guide); fix: set multicluster.trafficEncryption: "none" on the AntreaInstall of cluster east, or trafficEncryption: "wireGuard" on the ClusterSet.',
            "members[1].antrea.multicluster.podToPod = false disagrees with podToPod = true, which the agents of every member must share (Antrea 2.7 Multi-cluster user guide); fix: set multicluster.podToPod: true on the AntreaInstall of cluster west, or podToPod: false on the ClusterSet.",
            'members[1].antrea.tunnelType = "vxlan" differs from members[0].antrea.tunnelType = "geneve" of cluster east, and the Multi-cluster Gateways of a ClusterSet tunnel with one protocol; fix: install Antrea with the same settings.tunnelType in every member.',
        ]);
    });

    it("names a stack's keys through a path mapper", () => {
        const at = fieldPaths({ "members[0].antrea": "cni", podToPod: "mesh.podToPod" });
        const [found] = clusterSetAgentIssues({ podToPod: true, members: [member("east", gated)] }, at);
        expect(found.path).to.equal("cni.multicluster.podToPod");
        expect(found.message).to.contain("disagrees with mesh.podToPod = true");
    });
});

describe("AntreaInstall: Multi-cluster rules (the stack's validateMulticlusterAgent, at the install's args)", () => {
    it("refuses stretched policies without Antrea-native policies at construction", async () => {
        const graph = await recordProgram(
            () =>
                new AntreaInstall("east-antrea", {
                    cluster: fakeCluster({ name: "east", podCidr: "10.1.0.0/16" }),
                    settings: { antreaPolicy: false },
                    multicluster: { stretchedNetworkPolicy: true },
                }),
        );
        expect(graph.error).to.be.instanceOf(ConfigValidationError);
        expect((graph.error as ConfigValidationError).issues.map((found) => found.message)).to.deep.equal([
            "multicluster.stretchedNetworkPolicy = true needs settings.antreaPolicy: true (stretched policies are Antrea-native policies); fix: set settings.antreaPolicy: true, or multicluster.stretchedNetworkPolicy: false.",
        ]);
        expect(graph.ofType("multicluster:antrea:AntreaInstall")).to.deep.equal([]);
    });
});

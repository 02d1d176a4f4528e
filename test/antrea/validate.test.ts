import { expect } from "chai";
import { clusterSetArgsIssues } from "../../components/antrea/cluster-set/validate";
import { AntreaAgentFacts } from "../../components/antrea/types";
import { DEFAULT_MULTICLUSTER_AGENT } from "../../components/antrea/values";
import { ConfigValidationError } from "../../components/shared/validation";
import { parseStackConfig } from "../../stacks/validate";
import { kindA, kindB, kubeadmA } from "../cases/bad-configs";
import { fakeCluster } from "../fixtures/cilium-clusters";
import { recordProgram } from "../mocks";

/** Every message config validation gives for `values` (empty when valid). */
function problems(values: Record<string, unknown>): string[] {
    try {
        parseStackConfig({ project: "multicluster", stack: "test", values, secretKeys: [] });
        return [];
    } catch (error) {
        if (error instanceof ConfigValidationError) {
            return error.issues.map((found) => found.message);
        }
        throw error;
    }
}

/** A member's Antrea with the Multicluster gate and the ClusterSet's default switches. */
const MEMBER_ANTREA: AntreaAgentFacts = { multicluster: DEFAULT_MULTICLUSTER_AGENT, tunnelType: "geneve" };

const kindC = { name: "north", provisioner: "kind", podCidr: "10.246.0.0/16", serviceCidr: "10.98.0.0/16" };
const mesh = (extra: Record<string, unknown>) => ({ kind: "antrea-multicluster", clusterSetId: "cs1", leader: "north", ...extra });
const stack = (meshExtra: Record<string, unknown>, cni: Record<string, unknown> = {}) => ({
    clusters: [kindA, kindB, kindC],
    cni: { kind: "antrea", ...cni },
    mesh: mesh(meshExtra),
});

/** Rejected classes: each config breaks one ClusterSet rule, and the message names the key, the value and the fix. */
const table: [string, Record<string, unknown>, string[]][] = [
    [
        "a duplicate member",
        stack({ members: ["east", "west", "east"] }),
        ['mesh.members[2] = "east" is already listed as mesh.members[0]; fix: list every member once.'],
    ],
    [
        "a cluster ID that is not a DNS-1123 label",
        stack({ clusterIds: { east: "East_1" } }),
        [
            'mesh.clusterIds.east = "East_1" is not a valid Antrea cluster ID: it is not a DNS-1123 label (lowercase letters, digits and \'-\', alphanumeric at both ends, at most 63 characters); fix: rename it, e.g. "east-1".',
        ],
    ],
    [
        "two clusters with one ID",
        stack({ clusterIds: { east: "west" } }),
        ['mesh.clusterIds.west = "west" is already the cluster ID of east; fix: give every cluster of the ClusterSet its own ID.'].map(
            (message) => message.replace("mesh.clusterIds.west", "clusters[1].name"),
        ),
    ],
    [
        "an x / x-... prefix pair (seed-like north vs north-dr)",
        stack({ clusterIds: { east: "north-dr" } }),
        [
            'mesh.clusterIds.east = "north-dr" forms a dash-prefix pair with the cluster ID "north" of north, which Antrea 2.7 rejects (export names would collide); fix: choose IDs where neither is the other plus "-...", e.g. east1 and east2.',
        ],
    ],
    [
        "the leader namespace kube-system",
        stack({ namespace: "kube-system" }),
        [
            'mesh.namespace = "kube-system" is where the member antrea-mc-controller runs, so the leader\'s would clash with it; fix: use a namespace of its own, e.g. "antrea-multicluster".',
        ],
    ],
    [
        "a ClusterSet ID that is not a name",
        stack({ clusterSetId: "Tanzu Hispano" }),
        [
            "mesh.clusterSetId = \"Tanzu Hispano\" is not a valid ClusterSet name (a DNS-1123 subdomain: lowercase letters, digits, '-' and '.'); fix: use e.g. \"tanzuhispano\".",
        ],
    ],
    [
        "a gateway Node the cluster does not have",
        stack({ gatewayNodes: { east: "east-worker7" } }),
        ['mesh.gatewayNodes.east = "east-worker7" is not a Node of cluster east; fix: use one of "east-control-plane", "east-worker".'],
    ],
    [
        "a gateway in a cluster outside the ClusterSet",
        stack({ members: ["east", "west"], gatewayNodes: { north: "north-worker" } }),
        [
            'mesh.gatewayNodes.north = "north-worker" names a gateway in a cluster that is not a ClusterSet member; fix: remove it, or add the cluster to mesh.members.',
        ],
    ],
    [
        "a gateway IP that is not IPv4",
        stack({ gatewayIps: { east: "fd00::1" } }),
        [
            'mesh.gatewayIps.east = "fd00::1" is not an IPv4 address (Multi-cluster Gateways carry IPv4 only); fix: write it like "192.168.110.22".',
        ],
    ],
    [
        "a cluster ID for an unknown cluster",
        stack({ clusterIds: { south: "south1" } }),
        ['mesh.clusterIds.south = "south" is not the name of a cluster in this stack; fix: use one of "east", "west", "north".'],
    ],
    [
        "one member only (a dedicated leader and one member)",
        stack({ members: ["east"] }),
        [
            'mesh.kind = "antrea-multicluster" connects 1 cluster, and a mesh needs at least 2; fix: add a cluster, or set mesh.kind: "none" until there is a second one.',
        ],
    ],
    [
        "policy-only mode with the Multi-cluster Gateway",
        stack({}, { trafficEncapMode: "networkPolicyOnly" }),
        [
            'cni.trafficEncapMode = "networkPolicyOnly" needs extra Antrea configuration for the Multi-cluster Gateway (upstream docs/multicluster/policy-only-mode.md) that this project does not render; fix: use encap, noEncap or hybrid on ClusterSet members.',
        ],
    ],
    [
        "stretched policies without Antrea-native policies",
        stack({ stretchedNetworkPolicy: true }, { antreaPolicy: false }),
        [
            "mesh.stretchedNetworkPolicy = true needs cni.antreaPolicy: true (stretched policies are Antrea-native policies); fix: set cni.antreaPolicy: true, or mesh.stretchedNetworkPolicy: false.",
        ],
    ],
    [
        "in-cluster WireGuard with the gateway",
        stack({}, { values: { trafficEncryptionMode: "wireGuard" } }),
        [
            'cni.values.trafficEncryptionMode = "wireGuard" encrypts traffic inside a cluster, which Antrea does not support together with the Multi-cluster Gateway; fix: remove it; encrypt cross-cluster traffic with mesh.trafficEncryption: wireGuard instead.',
        ],
    ],
    [
        "stretched policies outside encap mode (R6)",
        stack({ stretchedNetworkPolicy: true }, { trafficEncapMode: "hybrid" }),
        [
            "mesh.stretchedNetworkPolicy = true needs cni.trafficEncapMode: encap, but it is hybrid (Antrea enforces stretched ingress rules only in encap mode); fix: set cni.trafficEncapMode: encap, or mesh.stretchedNetworkPolicy: false.",
        ],
    ],
    [
        "a WireGuard port while cross-cluster traffic is not encrypted",
        stack({ wireGuardPort: 51821 }),
        [
            "mesh.wireGuardPort = 51821 is ignored: cross-cluster traffic is not encrypted (mesh.trafficEncryption is none); fix: remove it, or set mesh.trafficEncryption: wireGuard.",
        ],
    ],
    [
        "a WireGuard port that is not a port",
        stack({ trafficEncryption: "wireGuard", wireGuardPort: 70000 }),
        ["mesh.wireGuardPort = 70000 is not a UDP port from 1 to 65535; fix: use e.g. 51821 (the chart's default)."],
    ],
    [
        "one gateway IP for two gateway candidates",
        stack({ gatewayNodes: { east: ["east-worker", "east-control-plane"] }, gatewayIps: { east: "192.168.1.2" } }),
        [
            'mesh.gatewayIps.east = "192.168.1.2" is one IP for 2 gateway candidate Nodes; fix: pin one IP per Node: mesh.gatewayIps.east: { <node>: <ip> }.',
        ],
    ],
    [
        "a pinned IP for a Node that is no gateway candidate, and a candidate listed twice",
        stack({
            gatewayNodes: { east: ["east-worker", "east-worker"] },
            gatewayIps: { east: { "east-control-plane": "192.168.1.2" } },
        }),
        [
            'mesh.gatewayNodes.east[1] = "east-worker" is listed twice; fix: list every gateway Node once.',
            'mesh.gatewayIps.east.east-control-plane = "192.168.1.2" pins the IP of east-control-plane, which is not a gateway Node of cluster east; fix: use one of "east-worker".',
        ],
    ],
    [
        "an unknown Node in a list of gateway candidates",
        stack({ gatewayNodes: { east: ["east-worker", "east-worker9"] } }),
        ['mesh.gatewayNodes.east[1] = "east-worker9" is not a Node of cluster east; fix: use one of "east-control-plane", "east-worker".'],
    ],
    [
        "a map key that is no plain name (quoted in the path, so the message stays parseable)",
        stack({ gatewayNodes: { "bad key!": "x" }, gatewayIps: { east: { "bad node!": "192.168.1.2" } } }),
        [
            'mesh.gatewayNodes["bad key!"] = "bad key!" is not the name of a cluster in this stack; fix: use one of "east", "west", "north".',
            'mesh.gatewayIps.east["bad node!"] = "192.168.1.2" pins the IP of bad node!, which is not a gateway Node of cluster east; fix: use one of "east-worker".',
        ],
    ],
    [
        "a misspelt member, reported once (the cluster it meant keeps its gateway and ID settings)",
        stack({
            members: ["eest", "west"],
            gatewayNodes: { east: "east-worker" },
            gatewayIps: { east: "192.168.1.2" },
            clusterIds: { east: "e1" },
        }),
        ['mesh.members[0] = "eest" is not the name of a cluster in this stack; fix: use one of "east", "west", "north".'],
    ],
    [
        "the seed's Antrea 1.11.1",
        { ...stack({}), versions: { antrea: "1.11.1" } },
        [
            'versions.antrea = "1.11.1" is older than Antrea 2.0, whose chart keys and ClusterSet v1alpha2 this project renders (1.x needs ClusterClaims and other keys); fix: use a 2.x release (2.7.0 is pinned).',
        ],
    ],
    [
        "a flow collector address with credentials, said first and never shown",
        stack({}, { flowExporter: { enable: true, collectorAddress: "u:pw@collector:4739" } }),
        [
            'cni.flowExporter.collectorAddress = "[not shown]@collector:4739" carries credentials (user:password@), which would be stored and printed in clear; fix: remove user:password@ and give the credentials as a secret setting.',
        ],
    ],
    [
        "a chart key that is no plain name in the escape hatch (quoted in the path)",
        stack({}, { values: { "bad key!": 1 } }),
        [
            'cni.values["bad key!"] = 1 is not a key of the antrea 2.7.0 chart, which would ignore it silently; fix: remove it, or use a key from the chart\'s values.yaml.',
        ],
    ],
    [
        "the seed's chart keys in the escape hatch",
        stack({}, { values: { multicluster: { enable: true } } }),
        [
            "cni.values.multicluster.enable = true is a key the antrea chart never reads, so it would be ignored silently; fix: use mesh.kind: antrea-multicluster (the chart key is multicluster.enableGateway; the agent option multicluster.enable was removed in Antrea 2.0).",
        ],
    ],
];

describe("antrea ClusterSet validation", () => {
    for (const [name, values, expected] of table) {
        it(`rejects ${name}`, () => {
            expect(problems(values)).to.deep.equal(expected);
        });
    }

    it("accepts the seed's layout and a dedicated leader", () => {
        expect(problems(stack({ podToPod: true, stretchedNetworkPolicy: true, gatewayNodes: { east: "east-worker" } }))).to.deep.equal([]);
        expect(problems(stack({ members: ["east", "west"], namespace: "antrea-mcs-ns" }))).to.deep.equal([]);
        expect(
            problems(
                stack({
                    gatewayNodes: { east: ["east-worker", "east-control-plane"] },
                    gatewayIps: { east: { "east-worker": "192.168.1.2" } },
                    gatewayIpPrecedence: "public",
                    trafficEncryption: "wireGuard",
                    wireGuardPort: 51900,
                }),
            ),
        ).to.deep.equal([]);
    });

    it("keeps Antrea on with mesh none (the CNI row does not need a ClusterSet)", () => {
        expect(problems({ clusters: [kindA, { ...kubeadmA, id: 2 }], cni: { kind: "antrea" } })).to.deep.equal([]);
    });

    it("checks a library user's gateways, version and bound as what they are", async () => {
        let issues: string[] = [];
        const graph = await recordProgram(() => {
            const east = fakeCluster({ name: "east", podCidr: "10.1.0.0/16" });
            const base = fakeCluster({ name: "west", podCidr: "10.2.0.0/16" });
            const west = { ...base, network: { ...base.network, serviceCidrs: ["10.97.0.0/16"] } };
            issues = clusterSetArgsIssues({
                clusterSetId: "cs1",
                version: "2.7.0; curl evil",
                leader: { cluster: east },
                healthTimeoutSeconds: 0,
                members: [
                    { cluster: east, gatewayNodes: ["East Worker"], antrea: MEMBER_ANTREA },
                    {
                        cluster: west,
                        gatewayNodes: ["west-worker"],
                        gatewayIps: { "west-worker": "fd00::1", other: "10.0.0.1" },
                        antrea: MEMBER_ANTREA,
                    },
                ],
            }).map((found) => found.message);
        });
        expect(graph.error).to.equal(undefined);
        expect(issues).to.deep.equal([
            'version = "2.7.0; curl evil" is not an Antrea release version; fix: write it like "2.7.0".',
            "members[0].gatewayNodes[0] = \"East Worker\" is not a Node name: it is not a DNS-1123 subdomain (dot-separated lowercase labels of letters, digits and '-', at most 253 characters); fix: use the Node's name as kubectl get nodes shows it.",
            'members[1].gatewayIps.west-worker = "fd00::1" is not an IPv4 address (Multi-cluster Gateways carry IPv4 only); fix: write it like "192.168.110.22".',
            'members[1].gatewayIps.other = "10.0.0.1" pins the IP of a Node that is not a gateway candidate; fix: key it by one of the gatewayNodes.',
            "healthTimeoutSeconds = 0 is not a whole number of seconds above 0; fix: use e.g. 600.",
        ]);
    });

    it("checks a library user's args the same way, including overlapping ranges and the member count", async () => {
        let issues: string[] = [];
        const graph = await recordProgram(() => {
            const east = fakeCluster({ name: "east", podCidr: "10.1.0.0/16" });
            const west = fakeCluster({ name: "west", podCidr: "10.1.128.0/17" });
            issues = clusterSetArgsIssues({
                clusterSetId: "cs1",
                version: "2.7.0",
                leader: { cluster: east, clusterId: "east" },
                members: [
                    { cluster: east, clusterId: "east", gatewayNodes: [], antrea: MEMBER_ANTREA },
                    { cluster: west, clusterId: "east-1", gatewayNodes: ["west-worker"], antrea: MEMBER_ANTREA },
                ],
            }).map((found) => found.message);
        });
        expect(graph.error).to.equal(undefined);
        expect(issues).to.deep.equal([
            'members[1].clusterId = "east-1" forms a dash-prefix pair with the cluster ID "east" of east, which Antrea 2.7 rejects (export names would collide); fix: choose IDs where neither is the other plus "-...", e.g. east1 and east2.',
            'members[1].podCidrs[0] = "10.1.128.0/17" overlaps members[0].podCidrs[0] "10.1.0.0/16" of east; fix: give every ClusterSet member its own pod and service ranges.',
            'members[1].serviceCidrs[0] = "10.96.0.0/16" overlaps members[0].serviceCidrs[0] "10.96.0.0/16" of east; fix: give every ClusterSet member its own pod and service ranges.',
            "members[0].gatewayNodes = [] is empty; fix: name at least one Node to annotate as Multi-cluster Gateway.",
        ]);
    });
});

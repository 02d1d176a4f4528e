// Hostile but well-typed Antrea, Cilium, network and AVI stack values: every problem in the one config-validation pass, all together, secret-safe.
import { expect } from "chai";
import { collectorAddressProblem } from "../../components/antrea/validate";
import { ConfigValidationError, issue, showList, useOneOf } from "../../components/shared/validation";
import { parseStackConfig } from "../../stacks/validate";
import { loadStackFile } from "../fixtures/cilium-clusters";

type Values = Record<string, unknown>;
type Edit = (values: Values) => Values;

/** A random-looking text pasted where a name belongs: never in a message (`ghp_...` is refused as key material: secret-safety.test.ts). */
const TOKEN = "R8x2Kq9LmN3vB7cT5yW1zA4dF6hJ0sPuXe2Q";

/** The messages config validation reports while `load` runs (empty when the config is valid). */
function messagesOf(load: () => unknown): string[] {
    try {
        load();
        return [];
    } catch (error) {
        expect(error).to.be.instanceOf(ConfigValidationError);
        return (error as ConfigValidationError).issues.map((entry) => entry.message);
    }
}

/** The messages for a stack file after `edit`. */
const problems = (stack: string, edit: Edit, secretKeys: readonly string[] = []): string[] =>
    messagesOf(() => loadStackFile(stack, edit, secretKeys));
/** The messages for in-memory values. */
const problemsOf = (values: Values): string[] =>
    messagesOf(() => parseStackConfig({ project: "multicluster", stack: "test", values, secretKeys: [] }));

/** `section` of the values extended by `extra`. */
const extend =
    (section: string, extra: Values): Edit =>
    (values) => ({ ...values, [section]: { ...(values[section] as Values), ...extra } });
/** Cluster `index` extended by `extra`. */
const cluster =
    (index: number, extra: Values): Edit =>
    (values) => ({ ...values, clusters: (values.clusters as Values[]).map((entry, i) => (i === index ? { ...entry, ...extra } : entry)) });
/** Applies edits in order. */
const all =
    (...edits: Edit[]): Edit =>
    (values) =>
        edits.reduce((acc, edit) => edit(acc), values);
/** Part `key` of the `ingress` section (controller, gslb) extended by `extra`. */
const avi =
    (key: string, extra: Values): Edit =>
    (values) =>
        extend("ingress", { [key]: { ...((values.ingress as Values)[key] as Values), ...extra } })(values);
const controller = (extra: Values): Edit => avi("controller", extra);
const gslb = (extra: Values): Edit => avi("gslb", extra);

const LAB_NAMES = '"tanzuhispano-01", "tanzuhispano-db", "tanzuhispano-02"';
const COLLECTOR_FIX =
    'fix: write it as <host>[:<port>][:<proto>], e.g. "flow-aggregator/flow-aggregator:14739:grpc", "10.0.0.5:4739:tls" or "[fd00::5]:4739:tcp".';
const collector = (value: string, problem: string): string =>
    `cni.flowExporter.collectorAddress = ${JSON.stringify(value)} ${problem}; ${COLLECTOR_FIX}`;
const BAD_HOST = "has a host that is not an IP address, a DNS name or <namespace>/<service>";
const NOT_MEMBER_FIX = "fix: remove it, or add the cluster to mesh.members.";
const nodeName = (path: string): string =>
    `${path} = [not shown] is not a valid Kubernetes node name (DNS-1123 subdomain); fix: use lowercase letters, digits, '-' and '.'.`;

/** Hostile edits of the seed stacks, each with the exact sentences config validation must report. */
const cases: { name: string; stack: string; edit: Edit; messages: string[]; secretKeys?: string[] }[] = [
    {
        name: "an unknown leader does not hide an invalid ClusterSet ID, a duplicate member or a dash-prefix ID pair",
        stack: "antrea-dedicated-leader",
        edit: extend("mesh", {
            leader: "test-cluster-nope",
            clusterSetId: "Tanzu_Hispano!",
            members: ["test-cluster-east", "test-cluster-west", "test-cluster-east"],
            clusterIds: { "test-cluster-east": "east", "test-cluster-west": "east-1" },
        }),
        messages: [
            'mesh.leader = "test-cluster-nope" is not the name of a cluster in this stack; fix: use one of "test-cluster-north", "test-cluster-east", "test-cluster-west".',
            "mesh.clusterSetId = \"Tanzu_Hispano!\" is not a valid ClusterSet name (a DNS-1123 subdomain: lowercase letters, digits, '-' and '.'); fix: use e.g. \"tanzuhispano\".",
            'mesh.members[2] = "test-cluster-east" is already listed as mesh.members[0]; fix: list every member once.',
            'mesh.clusterIds.test-cluster-west = "east-1" forms a dash-prefix pair with the cluster ID "east" of test-cluster-east, which Antrea 2.7 rejects (export names would collide); fix: choose IDs where neither is the other plus "-...", e.g. east1 and east2.',
        ],
    },
    {
        name: "a dedicated leader's gateway Node, gateway IP and an ID for a cluster outside the ClusterSet",
        stack: "antrea-dedicated-leader",
        edit: all(
            cluster(0, { name: "test-cluster-north" }),
            (values) => ({
                ...values,
                clusters: [
                    ...(values.clusters as Values[]),
                    {
                        name: "test-cluster-south",
                        provisioner: "kubeadm",
                        podCidr: "10.120.48.0/20",
                        serviceCidr: "10.220.48.0/20",
                        controlPlanes: [{ host: "192.168.130.41" }],
                        workers: [{ host: "192.168.130.42" }],
                    },
                ],
            }),
            extend("mesh", {
                gatewayNodes: { "test-cluster-north": "test-cluster-north-worker-1" },
                gatewayIps: { "test-cluster-north": "192.168.130.12" },
                clusterIds: { "test-cluster-south": "south" },
            }),
        ),
        messages: [
            `mesh.gatewayNodes.test-cluster-north = "test-cluster-north-worker-1" names a gateway in a cluster that is not a ClusterSet member; ${NOT_MEMBER_FIX}`,
            `mesh.gatewayIps.test-cluster-north = "192.168.130.12" names a gateway in a cluster that is not a ClusterSet member; ${NOT_MEMBER_FIX}`,
            `mesh.clusterIds.test-cluster-south = "south" names a cluster that is neither the ClusterSet leader nor a member; ${NOT_MEMBER_FIX}`,
        ],
    },
    {
        name: "a loopback gateway IP",
        stack: "antrea-dedicated-leader",
        edit: extend("mesh", { gatewayIps: { "test-cluster-east": "127.0.0.1" } }),
        messages: [
            "mesh.gatewayIps.test-cluster-east = \"127.0.0.1\" is a loopback address, which no other machine can reach as this cluster's gateway; fix: use the gateway Node's IPv4 address that the other members reach.",
        ],
    },
    {
        name: "a token-shaped cluster name is never echoed in the fix list of a wrong leader",
        stack: "antrea-dedicated-leader",
        edit: all(cluster(2, { name: TOKEN }), extend("mesh", { leader: "test-cluster-nort", members: ["test-cluster-east", TOKEN] })),
        messages: [
            "clusters[2].name = [not shown] is not a DNS-1123 label (lowercase letters, digits and '-', alphanumeric at both ends, at most 63 characters); fix: rename it to a short lowercase name like \"east\".",
        ],
    },
    {
        name: "a token-shaped Node name is never echoed in the fix list of a wrong gateway Node, nor a map key in a path",
        stack: "antrea-dedicated-leader",
        edit: all(
            cluster(1, { controlPlanes: [{ host: "192.168.130.21", name: TOKEN }] }),
            extend("mesh", { gatewayNodes: { "test-cluster-east": "no-such-node", [TOKEN]: "node" } }),
        ),
        messages: [
            nodeName("clusters[1].controlPlanes[0].name"),
            'mesh.gatewayNodes.[not shown] = [not shown] is not the name of a cluster in this stack; fix: use one of "test-cluster-north", "test-cluster-east", "test-cluster-west".',
            'mesh.gatewayNodes.test-cluster-east = "no-such-node" is not a Node of cluster test-cluster-east; fix: use one of [not shown], "test-cluster-east-worker-1", "test-cluster-east-worker-2".',
        ],
    },
    {
        name: "flow collector addresses the Antrea agent refuses, beside a bad NodePortLocal range",
        stack: "antrea-lab",
        edit: extend("cni", {
            nodePortLocal: { enable: true, portRange: "70000-80000" },
            flowExporter: { enable: true, collectorAddress: "not a collector; $(id)" },
        }),
        messages: [
            'cni.nodePortLocal.portRange = "70000-80000" is not a port range first-last with 1 <= first < last <= 65535; fix: write it like "61000-62000".',
            collector("not a collector; $(id)", BAD_HOST),
        ],
    },
    {
        name: "a collector port out of range",
        stack: "antrea-lab",
        edit: extend("cni", { flowExporter: { enable: true, collectorAddress: "flow-aggregator/flow-aggregator:99999:grpc" } }),
        messages: [collector("flow-aggregator/flow-aggregator:99999:grpc", "has a port that is not a number from 1 to 65535")],
    },
    {
        name: "a collector protocol Antrea does not speak",
        stack: "antrea-lab",
        edit: extend("cni", { flowExporter: { enable: true, collectorAddress: "10.0.0.5:4739:http" } }),
        messages: [collector("10.0.0.5:4739:http", "has a protocol other than tcp, udp, tls, grpc")],
    },
    {
        name: "an IPv6 collector without brackets",
        stack: "antrea-lab",
        edit: extend("cni", { flowExporter: { enable: true, collectorAddress: "fd00::5:4739" } }),
        messages: [collector("fd00::5:4739", "is not <host>[:<port>][:<proto>] (an IPv6 host goes in brackets, followed by :<port>)")],
    },
    {
        name: "a garbage collector address while the flow exporter is off (it still lands in the Helm values)",
        stack: "antrea-lab",
        edit: extend("cni", { flowExporter: { enable: false, collectorAddress: "my collector:4739" } }),
        messages: [collector("my collector:4739", BAD_HOST)],
    },
    {
        name: "a native-routing mesh whose escape hatch turns off the BPF masquerading it renders",
        stack: "dev",
        edit: extend("cni", { routingMode: "native", values: { bpf: { masquerade: false } } }),
        messages: [
            "cni.values.bpf.masquerade = false overrides a value the project sets from cni.routingMode (native routing in a mesh needs BPF masquerading for its ip-masq-agent); fix: use cni.routingMode (native routing in a mesh needs BPF masquerading for its ip-masq-agent) instead, and remove bpf.masquerade from cni.values.",
        ],
    },
    {
        name: "an IPv6 pool on an IPv4-only cluster",
        stack: "dev",
        edit: cluster(1, { loadBalancerPools: ["fd00:18::/120"] }),
        messages: [
            'clusters[1].loadBalancerPools[0] = "fd00:18::/120" is an IPv6 pool, but clusters[1] is IPv4-only (no podCidrV6 and serviceCidrV6), so no Service of it can take an address from the pool; fix: use an IPv4 range of the node network, or make clusters[1] dual-stack with podCidrV6 and serviceCidrV6.',
        ],
    },
    {
        name: "an IPv6 pool overlapping another cluster's IPv6 pod range",
        stack: "dev",
        edit: all(
            cluster(0, { podCidrV6: "fd00:10:244::/56", serviceCidrV6: "fd00:10:96::/112" }),
            cluster(1, {
                podCidrV6: "fd00:10:245::/56",
                serviceCidrV6: "fd00:10:97::/112",
                loadBalancerPools: ["172.18.255.220-172.18.255.239", "fd00:10:244::/120"],
            }),
        ),
        messages: [
            'clusters[1].loadBalancerPools[1] = "fd00:10:244::/120" overlaps clusters[0].podCidrV6 "fd00:10:244::/56"; fix: take pool addresses from the node network, outside every pod and service range.',
        ],
    },
    {
        name: "a password-named label is refused as a secret, never shown",
        stack: "cilium-lab",
        edit: cluster(0, {
            controlPlanes: [{ host: "172.26.0.141", name: "k8s-cilium-01-cp", labels: { "db-password": "S3cr3t!Pass word" } }],
        }),
        messages: [
            "clusters[0].controlPlanes[0].labels.db-password = [not shown] holds a secret (its key is named like one), which must never be in a plain setting " +
                "(it would be written in clear into the plan and the rendered files); fix: remove it and give only what this setting takes (a certificate or a public key, " +
                "never a private one; a URL without user:password@); secrets go only in the secret config keys sshPrivateKey, contrailRegistryAuth, aviPassword " +
                "(pulumi config set --secret <key> < file).",
        ],
    },
    {
        name: "AVI off still checks the values written: version, network CIDRs, TTL and the GSLB leader",
        stack: "antrea-lab",
        edit: all(
            controller({ version: "latest" }),
            extend("ingress", {
                vipNetworks: [{ name: "vip-net", cidr: "not-a-cidr" }],
                nodeNetworks: [{ name: "node-net", cidrs: ["192.168.110.1/24"] }],
            }),
            gslb({ leader: "nowhere", policy: { ttl: -1 } }),
        ),
        messages: [
            'ingress.controller.version = "latest" is not a controller version; fix: write it like "31.1.1".',
            'ingress.vipNetworks[0].cidr = "not-a-cidr" is not a CIDR; fix: write it like "10.20.0.0/24".',
            'ingress.nodeNetworks[0].cidrs[0] = "192.168.110.1/24" has host bits set, so it really means 192.168.110.0/24; fix: write "192.168.110.0/24".',
            `ingress.gslb.leader = "nowhere" is not a GSLB member; fix: use one of ${LAB_NAMES}.`,
            "ingress.gslb.policy.ttl = -1 is not a GSLB DNS TTL (whole seconds from 1 to 86400); fix: use e.g. 30, or leave it unset to inherit the DNS virtual service's TTL.",
        ],
    },
    {
        name: "AVI off leaves what only a running AVI needs: no VIP network, no version, one GSLB member",
        stack: "antrea-lab",
        edit: all(
            controller({ version: "" }),
            extend("ingress", { vipNetworks: [] }),
            gslb({ leader: "tanzuhispano-db", members: ["tanzuhispano-db"], policy: { trafficSplit: {} } }),
        ),
        messages: [],
    },
    {
        name: "a disabled GSLB section with a bad TTL and weight, AVI on",
        stack: "antrea-lab",
        secretKeys: ["aviPassword"],
        // AKO 2.1.1 runs on Kubernetes 1.29-1.34 only, so an AVI-on stack pins a 1.34 release (the AVI area's rule).
        edit: all(
            controller({ host: "10.10.10.5" }),
            extend("versions", { kubernetes: "1.34.0" }),
            gslb({ enabled: false, policy: { ttl: 0, trafficSplit: { "tanzuhispano-01": 30 } } }),
        ),
        messages: [
            "ingress.gslb.policy.trafficSplit.tanzuhispano-01 = 30 is not a GSLB weight (a whole number from 1 to 20); fix: use a weight from 1 to 20.",
            "ingress.gslb.policy.ttl = 0 is not a GSLB DNS TTL (whole seconds from 1 to 86400); fix: use e.g. 30, or leave it unset to inherit the DNS virtual service's TTL.",
        ],
    },
];

describe("stack config validation: hostile Antrea, Cilium, network and AVI values", () => {
    for (const entry of cases) {
        it(`${entry.messages.length === 0 ? "accepts" : "rejects"} ${entry.name}`, () => {
            const found = problems(entry.stack, entry.edit, entry.secretKeys);
            expect(found).to.deep.equal(entry.messages);
            expect(found.join("\n")).not.to.contain(TOKEN).and.not.to.contain("S3cr3t");
        });
    }

    it("keeps BPF masquerading free outside a native-routing mesh (the project does not render it there)", () => {
        expect(problems("dev", extend("cni", { values: { bpf: { masquerade: true } } }))).to.deep.equal([]);
    });

    it("accepts pools of every family a dual-stack cluster has", () => {
        expect(
            problems(
                "dev",
                cluster(1, {
                    podCidrV6: "fd00:10:245::/56",
                    serviceCidrV6: "fd00:10:97::/112",
                    loadBalancerPools: ["172.18.255.220-172.18.255.239", "fd00:18::/120"],
                }),
            ),
        ).to.deep.equal([]);
    });

    it("reports more clusters than mesh IDs in one sentence, and an explicit out-of-range ID on its own", () => {
        const clusters = Array.from({ length: 300 }, (_, i) => ({
            name: `c${i}`,
            provisioner: "kind",
            workers: 0,
            ...(i === 10 ? { id: 400 } : {}),
        }));
        expect(
            problemsOf({
                clusters,
                cni: { kind: "cilium" },
                mesh: { kind: "cilium-clustermesh" },
                network: { supernet: "10.0.0.0/8", podPrefix: 20, servicePrefix: 24 },
            }),
        ).to.deep.equal([
            "clusters = 300 clusters, more than the 255 mesh IDs (1-255) one stack can give out; fix: split the clusters across stacks of at most 255, or, in a Cilium Cluster Mesh, set mesh.maxConnectedClusters: 511 (IDs 1-511).",
            "clusters[10].id = 400 is outside the mesh ID range 1-255; fix: pick an unused ID from 1 to 255.",
            "clusters = 299 clusters have no id, but a Cilium Cluster Mesh puts the ID in every security identity of the cluster, and an ID given by list order " +
                "changes when a cluster is inserted or removed before it; fix: set id on every cluster, keeping the ID each has today (npm run render lists them in topology.md).",
        ]);
    });

    it("accepts every collector form the Antrea agent parses", () => {
        const good = [
            "flow-aggregator/flow-aggregator:14739:grpc",
            "10.0.0.5",
            "10.0.0.5:4739",
            "10.0.0.5::udp",
            "[fd00::5]:4739",
            "[fd00::5]::tls",
            "[10.0.0.5]:4739",
            "collector.example.com:4739:tcp",
        ];
        expect(good.filter((text) => collectorAddressProblem(text) !== undefined)).to.deep.equal([]);
        const bad = ["", ":4739", "10.0.0.5:", "[fd00::5]", "fd00::5", "[collector]:4739", "ns/svc/extra:1", "10.0.0.5:0", "a:1:tcp:x"];
        expect(bad.filter((text) => collectorAddressProblem(text) === undefined)).to.deep.equal([]);
    });

    it("caps a list in a message and shows every entry secret-safe", () => {
        const names = Array.from({ length: 200 }, (_, i) => `cluster-${i}`);
        expect(useOneOf(names)).to.equal('use one of "cluster-0", "cluster-1", "cluster-2", "cluster-3", "cluster-4", ... (195 more)');
        expect(showList(["east", TOKEN])).to.equal('"east", [not shown]');
        expect(useOneOf([])).to.equal("remove it (there is nothing to choose from yet)");
    });

    it("hides a value under a secret-named key and secret-shaped text anywhere in the sentence", () => {
        expect(issue("ingress.values.apiToken", "plain", "is set", "remove it").message).to.equal(
            "ingress.values.apiToken = [not shown] is set; fix: remove it.",
        );
        expect(issue(`mesh.gatewayIps.${TOKEN}`, "x", `names ${TOKEN}`, `rename ${TOKEN}`).message).to.equal(
            'mesh.gatewayIps.[not shown] = "x" names [not shown]; fix: rename [not shown].',
        );
        const digest = `sha256:${"a1".repeat(32)}`;
        expect(issue("versions.image", "x", `pins ${digest}, not ${"a1".repeat(16)} or ${"a".repeat(40)}`, "keep it").message).to.equal(
            `versions.image = "x" pins ${digest}, not [not shown] or ${"a".repeat(40)}; fix: keep it.`,
        );
    });
});

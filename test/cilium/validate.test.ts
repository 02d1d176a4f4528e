import { expect } from "chai";
import { MeshPeer } from "../../components/cilium/types";
import { validateMesh } from "../../components/cilium/validate";
import { validateCiliumSettings } from "../../components/cilium/validate-settings";
import { baseSettings } from "../fixtures/cilium-clusters";

function peer(index: number, changes: Partial<MeshPeer> = {}): MeshPeer {
    return {
        name: `c${index + 1}`,
        id: index + 1,
        podCidrs: [`10.${index + 1}.0.0/16`],
        maxConnectedClusters: 255,
        routingMode: "tunnel",
        tunnelProtocol: "vxlan",
        encryption: "none",
        endpoint: { ips: [`192.168.${index + 1}.10`], port: 32379 },
        ...changes,
    };
}

/** A mesh of three sound clusters with the given changes applied to the one at `at`. */
function meshWith(at: number, changes: Partial<MeshPeer>): MeshPeer[] {
    return [0, 1, 2].map((i) => peer(i, i === at ? changes : {}));
}

describe("cilium mesh validation", () => {
    it("accepts a sound mesh of 1, 2, 3 and 5 clusters", () => {
        for (const n of [1, 2, 3, 5]) {
            expect(validateMesh(Array.from({ length: n }, (_, i) => peer(i)))).to.deep.equal([]);
        }
    });

    const table: { case: string; mesh: MeshPeer[]; messages: string[] }[] = [
        {
            case: "name longer than 32 characters",
            mesh: meshWith(1, { name: "a-very-long-cluster-name-of-forty-chars" }),
            messages: [
                'clusters[1].name = "a-very-long-cluster-name-of-forty-chars" is not a valid Cilium cluster name (lowercase letters, digits and \'-\', alphanumeric at both ends, at most 32 characters); fix: rename it, e.g. "a-very-long-cluster-name-of-fort".',
            ],
        },
        {
            case: "name with capitals",
            mesh: meshWith(0, { name: "East_1" }),
            messages: [
                'clusters[0].name = "East_1" is not a valid Cilium cluster name (lowercase letters, digits and \'-\', alphanumeric at both ends, at most 32 characters); fix: rename it, e.g. "east-1".',
            ],
        },
        {
            case: "the reserved name default",
            mesh: meshWith(2, { name: "default" }),
            messages: [
                'clusters[2].name = "default" is reserved by Cilium for clusters outside a mesh; fix: give the cluster its own name.',
            ],
        },
        {
            case: "duplicate names",
            mesh: meshWith(2, { name: "c1" }),
            messages: ['clusters[2].name = "c1" is already the name of clusters[0] ("c1"); fix: give every mesh cluster a unique name.'],
        },
        {
            case: "duplicate IDs",
            mesh: meshWith(1, { id: 1 }),
            messages: ['clusters[1].id = 1 is already the ID of clusters[0] ("c1"); fix: give every mesh cluster a unique ID.'],
        },
        {
            case: "ID 0 (reserved: no mesh)",
            mesh: meshWith(0, { id: 0 }),
            messages: ["clusters[0].id = 0 is outside the Cilium cluster ID range 1..255; fix: pick an unused integer between 1 and 255."],
        },
        {
            case: "ID above maxConnectedClusters",
            mesh: meshWith(1, { id: 256 }),
            messages: [
                "clusters[1].id = 256 is outside the Cilium cluster ID range 1..255; fix: pick an unused integer between 1 and 255.",
            ],
        },
        {
            case: "different maxConnectedClusters",
            mesh: meshWith(2, { maxConnectedClusters: 511 }),
            messages: [
                "clusters[2].maxConnectedClusters = 511 differs from clusters[0] (255); fix: use the same maxConnectedClusters in every mesh cluster.",
            ],
        },
        {
            case: "unsupported maxConnectedClusters",
            mesh: meshWith(0, { maxConnectedClusters: 300 }),
            messages: [
                "clusters[0].maxConnectedClusters = 300 is not supported by Cilium; fix: use 255 or 511 (the same in every cluster).",
            ],
        },
        {
            case: "overlapping pod CIDRs",
            mesh: meshWith(2, { podCidrs: ["10.0.0.0/8"] }),
            messages: [
                'clusters[2].podCidrs[0] = "10.0.0.0/8" overlaps clusters[0].podCidrs[0] ("10.1.0.0/16"); fix: give every mesh cluster a distinct pod CIDR.',
            ],
        },
        {
            case: "a pod CIDR that is not one",
            mesh: meshWith(1, { podCidrs: ["10.2.0.0"] }),
            messages: ['clusters[1].podCidrs[0] = "10.2.0.0" is not a CIDR; fix: write it like "10.1.0.0/16".'],
        },
        {
            case: "different datapath",
            mesh: meshWith(1, { routingMode: "native" }),
            messages: [
                'clusters[1].routingMode = "native" differs from clusters[0] ("tunnel"); fix: use the same datapath mode in every mesh cluster.',
            ],
        },
        {
            case: "different tunnel protocol",
            mesh: meshWith(2, { tunnelProtocol: "geneve" }),
            messages: [
                'clusters[2].tunnelProtocol = "geneve" differs from clusters[0] ("vxlan"); fix: use the same tunnel protocol in every mesh cluster.',
            ],
        },
        {
            case: "different encryption",
            mesh: meshWith(1, { encryption: "wireguard" }),
            messages: [
                'clusters[1].encryption = "wireguard" differs from clusters[0] ("none"); fix: use the same encryption mode in every mesh cluster.',
            ],
        },
        {
            case: "an endpoint peers cannot reach",
            mesh: meshWith(0, { endpoint: { ips: [], port: 0 } }),
            messages: [
                'clusters[0].endpoint = {"ips":[],"port":0} gives the peers no IP and no address to reach the clustermesh-apiserver; fix: pin node IPs (NodePort), the LoadBalancer IP, or a DNS name.',
                "clusters[0].endpoint.port = 0 is not a TCP port; fix: use the NodePort, or 2379 behind a LoadBalancer.",
            ],
        },
        {
            case: "peer IPs that are not IPs (they become host aliases)",
            mesh: meshWith(1, { endpoint: { ips: ["192.168.2.10", "node-b"], port: 32379 } }),
            messages: [
                'clusters[1].endpoint.ips[1] = "node-b" is not an IP address; fix: give the node IPs (NodePort) or the pinned LoadBalancer IP.',
            ],
        },
        {
            case: "a peer address that is not a DNS name (it becomes a URL and a certificate SAN)",
            mesh: meshWith(2, { endpoint: { address: "https://c3:2379", port: 32379 } }),
            messages: [
                "clusters[2].endpoint.address = \"https://c3:2379\" is not a DNS-1123 subdomain (dot-separated lowercase labels of letters, digits and '-', at most 253 characters); fix: give the DNS name the peers resolve to this cluster's clustermesh-apiserver.",
            ],
        },
    ];
    for (const row of table) {
        it(`rejects ${row.case} with one sentence naming key, value and fix`, () => {
            expect(validateMesh(row.mesh).map((found) => found.message)).to.deep.equal(row.messages);
        });
    }

    it("ignores tunnel protocols of native-routing clusters (only the datapath mismatch is reported)", () => {
        const mesh = [peer(0), peer(1, { routingMode: "native", tunnelProtocol: "geneve" })];
        expect(validateMesh(mesh).map((found) => found.path)).to.deep.equal(["clusters[1].routingMode"]);
    });

    it("reports every problem at once", () => {
        const mesh = [peer(0, { name: "default" }), peer(1, { id: 1, encryption: "wireguard" })];
        expect(validateMesh(mesh).map((found) => found.path)).to.deep.equal([
            "clusters[0].name",
            "clusters[1].id",
            "clusters[1].encryption",
        ]);
    });

    it("rejects an empty mesh", () => {
        expect(validateMesh([]).map((found) => found.message)).to.deep.equal([
            "clusters = [] has no cluster to mesh; fix: list at least one cluster.",
        ]);
    });

    it("requires kube-proxy replacement for L2 announcements and the ingress controller (Cilium 1.20)", () => {
        const settings = { ...baseSettings, kubeProxyReplacement: false, l2Announcements: true, ingressController: true };
        expect(validateCiliumSettings(settings).map((found) => found.message)).to.deep.equal([
            "cni.l2Announcements = true needs cni.kubeProxyReplacement: true (L2 announcements are part of Cilium's kube-proxy replacement); fix: set cni.kubeProxyReplacement: true, or announce the LoadBalancer IPs by BGP instead.",
            "cni.ingressController = true needs cni.kubeProxyReplacement: true (the ingress controller needs the eBPF NodePort of kube-proxy replacement); fix: set cni.kubeProxyReplacement: true, or set cni.ingressController: false.",
        ]);
        expect(validateCiliumSettings({ ...settings, kubeProxyReplacement: true })).to.deep.equal([]);
        expect(validateCiliumSettings({ ...baseSettings, kubeProxyReplacement: false })).to.deep.equal([]);
    });

    it("refuses escape-hatch values that override what the project renders, naming the first-class setting", () => {
        const values = {
            cluster: { name: "x", id: 9 },
            ipam: null,
            clustermesh: { apiserver: { replicas: 2 } },
            hubble: { ui: { enabled: true } },
        };
        expect(validateCiliumSettings({ ...baseSettings, values }).map((found) => found.message)).to.deep.equal([
            'cni.values.cluster.name = "x" overrides a value the project sets from clusters[].name; fix: use clusters[].name instead, and remove cluster.name from cni.values.',
            "cni.values.cluster.id = 9 overrides a value the project sets from clusters[].id; fix: use clusters[].id instead, and remove cluster.id from cni.values.",
            "cni.values.ipam = null overrides a value the project sets from clusters[].podCidr and podCidrV6 (cluster-pool IPAM over each cluster's own range); fix: use clusters[].podCidr and podCidrV6 (cluster-pool IPAM over each cluster's own range) instead, and remove ipam from cni.values.",
            "cni.values.clustermesh.apiserver.replicas = 2 overrides a value the project sets from mesh (kind cilium-clustermesh: exposure, nodePort, maxConnectedClusters, apiServerIps); fix: use mesh (kind cilium-clustermesh: exposure, nodePort, maxConnectedClusters, apiServerIps) instead, and remove clustermesh.apiserver.replicas from cni.values.",
        ]);
    });

    it("refuses renaming or retyping the shared ingress Service, which the pools select, the address check reads and the proof requests", () => {
        const values = { ingressController: { service: { name: "edge", type: "NodePort", labels: { tier: "edge" } } } };
        expect(validateCiliumSettings({ ...baseSettings, values }).map((found) => found.path)).to.deep.equal([
            "cni.values.ingressController.service.name",
            "cni.values.ingressController.service.type",
        ]);
    });

    it("refuses escape-hatch image values that would break the pull, each by its own grammar, once per key", () => {
        const values = {
            image: { repository: "quay.io/cilium/cilium;id", tag: "v1.20.0", digest: "sha256:00", useDigest: true },
            operator: { image: { registry: "user:pw@quay.io" } },
            clustermesh: { apiserver: { image: { repository: "x;y" } } },
        };
        expect(validateCiliumSettings({ ...baseSettings, values }).map((found) => found.message)).to.deep.equal([
            'cni.values.clustermesh.apiserver.image.repository = "x;y" overrides a value the project sets from mesh (kind cilium-clustermesh: exposure, nodePort, maxConnectedClusters, apiServerIps); ' +
                "fix: use mesh (kind cilium-clustermesh: exposure, nodePort, maxConnectedClusters, apiServerIps) instead, and remove clustermesh.apiserver.image.repository from cni.values.",
            'cni.values.image.repository = "quay.io/cilium/cilium;id" is not an image repository ([registry/]path of lowercase letters, digits and separators, without spaces, quotes or shell characters); ' +
                'fix: write it like "registry.example.com/team/app".',
            'cni.values.image.digest = "sha256:00" is not an image digest (sha256: and 64 lowercase hex digits); fix: write it like "sha256:<64 hex digits>".',
            'cni.values.operator.image.registry = "[not shown]@quay.io" carries credentials (user:password@), which would be stored and printed in clear; ' +
                "fix: remove user:password@ and give the credentials as a secret setting.",
        ]);
    });

    it("names the whole owned key when the escape hatch replaces its parent", () => {
        expect(validateCiliumSettings({ ...baseSettings, values: { cluster: "east" } }).map((found) => found.message)).to.deep.equal([
            'cni.values.cluster = "east" replaces cluster.name, which the project sets from clusters[].name; fix: use clusters[].name instead, and remove cluster from cni.values.',
        ]);
    });

    it("requires kube-proxy replacement for native routing in a mesh (BPF ip-masq-agent), not outside one", () => {
        const native = { ...baseSettings, kubeProxyReplacement: false, routingMode: "native" as const };
        expect(validateCiliumSettings(native, {}, { meshed: true }).map((found) => found.path)).to.deep.equal(["cni.routingMode"]);
        expect(validateCiliumSettings(native)).to.deep.equal([]);
    });
});

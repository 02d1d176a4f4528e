// Checks a mesh before anything is created: names, IDs, maxConnectedClusters, pod CIDRs, datapath, endpoints.
import { parseAddress, parseCidr } from "../network/cidr";
import { earlierOverlaps } from "../network/overlaps";
import { dnsSubdomainProblem } from "../shared/value-kinds";
import { ValidationIssue, issue, mayBeSecret } from "../shared/validation";
import { OwnedValue, ownedValueIssues } from "../shared/owned-values";
import { imageValueIssues } from "../shared/values-merge";
import { CiliumSettings, MeshPeer } from "./types";

/** The chart's cluster-name rule (templates/validate.yaml). */
const CILIUM_NAME = /^([a-z0-9][-a-z0-9]*)?[a-z0-9]$/;

/** Values `clustermesh.maxConnectedClusters` accepts. */
const MAX_CONNECTED = [255, 511];

const at = (index: number, field: string): string => `clusters[${index}].${field}`;

/** Every problem of the mesh, each as one sentence naming the key, the value and the fix (empty when sound). */
export function validateMesh(peers: readonly MeshPeer[]): ValidationIssue[] {
    if (peers.length === 0) {
        return [issue("clusters", [], "has no cluster to mesh", "list at least one cluster")];
    }
    return [
        ...peers.flatMap(checkName),
        ...checkUnique(peers, (peer) => peer.name, "name", "name", "give every mesh cluster a unique name"),
        ...checkMaxConnected(peers),
        ...peers.flatMap(checkId),
        ...checkUnique(peers, (peer) => peer.id, "id", "ID", "give every mesh cluster a unique ID"),
        ...checkPodCidrs(peers),
        ...checkSame(peers, "routingMode", "datapath mode"),
        ...checkSame(
            peers.filter((peer) => peer.routingMode === "tunnel"),
            "tunnelProtocol",
            "tunnel protocol",
            peers,
        ),
        ...checkSame(peers, "encryption", "encryption mode"),
        ...peers.flatMap(checkEndpoint),
    ];
}

function checkName(peer: MeshPeer, index: number): ValidationIssue[] {
    if (peer.name === "default") {
        return [issue(at(index, "name"), peer.name, "is reserved by Cilium for clusters outside a mesh", "give the cluster its own name")];
    }
    if (peer.name.length > 32 || !CILIUM_NAME.test(peer.name)) {
        const suggestion = peer.name
            .toLowerCase()
            .replace(/[^a-z0-9-]+/g, "-")
            .slice(0, 32)
            .replace(/^-+|-+$/g, "");
        return [
            issue(
                at(index, "name"),
                peer.name,
                "is not a valid Cilium cluster name (lowercase letters, digits and '-', alphanumeric at both ends, at most 32 characters)",
                mayBeSecret(peer.name)
                    ? 'rename it to a short lowercase name like "east"'
                    : `rename it, e.g. "${suggestion || "cluster-a"}"`,
            ),
        ];
    }
    return [];
}

function checkUnique<T>(
    peers: readonly MeshPeer[],
    key: (peer: MeshPeer) => T,
    field: string,
    noun: string,
    fix: string,
): ValidationIssue[] {
    const seen = new Map<T, number>();
    return peers.flatMap((peer, index) => {
        const first = seen.get(key(peer));
        if (first === undefined) {
            seen.set(key(peer), index);
            return [];
        }
        return [issue(at(index, field), key(peer), `is already the ${noun} of clusters[${first}] ("${peers[first].name}")`, fix)];
    });
}

function checkMaxConnected(peers: readonly MeshPeer[]): ValidationIssue[] {
    const invalid = peers.flatMap((peer, index) =>
        MAX_CONNECTED.includes(peer.maxConnectedClusters)
            ? []
            : [
                  issue(
                      at(index, "maxConnectedClusters"),
                      peer.maxConnectedClusters,
                      "is not supported by Cilium",
                      "use 255 or 511 (the same in every cluster)",
                  ),
              ],
    );
    return invalid.length > 0 ? invalid : checkSame(peers, "maxConnectedClusters", "maxConnectedClusters");
}

function checkId(peer: MeshPeer, index: number): ValidationIssue[] {
    const max = MAX_CONNECTED.includes(peer.maxConnectedClusters) ? peer.maxConnectedClusters : 255;
    if (Number.isInteger(peer.id) && peer.id >= 1 && peer.id <= max) {
        return [];
    }
    return [
        issue(at(index, "id"), peer.id, `is outside the Cilium cluster ID range 1..${max}`, `pick an unused integer between 1 and ${max}`),
    ];
}

function checkPodCidrs(peers: readonly MeshPeer[]): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    const blocks = peers.flatMap((peer, index) =>
        peer.podCidrs.map((text, i) => {
            const path = at(index, `podCidrs[${i}]`);
            const cidr = parseCidr(text);
            if (!cidr) {
                found.push(issue(path, text, "is not a CIDR", 'write it like "10.1.0.0/16"'));
            }
            return { path, text, cidr, index };
        }),
    );
    if (peers.some((peer) => peer.podCidrs.length === 0)) {
        const index = peers.findIndex((peer) => peer.podCidrs.length === 0);
        found.push(
            issue(
                at(index, "podCidrs"),
                [],
                "is empty, and Cilium's cluster-pool IPAM needs a pod CIDR",
                "give the cluster its own pod CIDR",
            ),
        );
    }
    const clashes = earlierOverlaps(
        blocks,
        (block) => block.cidr,
        (other, block) => other.index !== block.index,
    );
    return [
        ...found,
        ...clashes.map(({ entry: block, earlier: clash }) =>
            issue(block.path, block.text, `overlaps ${clash.path} ("${clash.text}")`, "give every mesh cluster a distinct pod CIDR"),
        ),
    ];
}

type SameField = "routingMode" | "tunnelProtocol" | "encryption" | "maxConnectedClusters";

/** Every peer must match the first one; `all` gives the indexes when `peers` is a filtered list. */
function checkSame(peers: readonly MeshPeer[], field: SameField, noun: string, all: readonly MeshPeer[] = peers): ValidationIssue[] {
    const first = peers[0];
    if (!first) {
        return [];
    }
    const firstIndex = all.indexOf(first);
    return peers
        .slice(1)
        .filter((peer) => peer[field] !== first[field])
        .map((peer) =>
            issue(
                at(all.indexOf(peer), field),
                peer[field],
                `differs from clusters[${firstIndex}] (${JSON.stringify(first[field])})`,
                `use the same ${noun} in every mesh cluster`,
            ),
        );
}

function checkEndpoint(peer: MeshPeer, index: number): ValidationIssue[] {
    const { ips, address, port } = peer.endpoint;
    const found: ValidationIssue[] = [];
    if ((!ips || ips.length === 0) && !address) {
        found.push(
            issue(
                at(index, "endpoint"),
                peer.endpoint,
                "gives the peers no IP and no address to reach the clustermesh-apiserver",
                "pin node IPs (NodePort), the LoadBalancer IP, or a DNS name",
            ),
        );
    }
    // IPs become host aliases of <peer>.mesh.cilium.io; a name becomes https://<address>:<port> and a server-certificate SAN.
    (ips ?? []).forEach((ip, i) => {
        if (!parseAddress(ip)) {
            found.push(
                issue(
                    at(index, `endpoint.ips[${i}]`),
                    ip,
                    "is not an IP address",
                    "give the node IPs (NodePort) or the pinned LoadBalancer IP",
                ),
            );
        }
    });
    const name = address !== undefined && (!ips || ips.length === 0) ? dnsSubdomainProblem(address) : undefined;
    if (name) {
        found.push(
            issue(
                at(index, "endpoint.address"),
                address,
                name.problem,
                "give the DNS name the peers resolve to this cluster's clustermesh-apiserver",
            ),
        );
    }
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
        found.push(issue(at(index, "endpoint.port"), port, "is not a TCP port", "use the NodePort, or 2379 behind a LoadBalancer"));
    }
    return found;
}

/** Config keys the settings rules name (a stack maps `ingressController` to its `ingress.kind`). */
export interface SettingsKeys {
    /** Key of the ingress controller switch; @default "cni.ingressController". */
    readonly ingressController?: string;
    /** Key of the escape hatch; @default "cni.values". */
    readonly values?: string;
}

/** Chart values the project renders from first-class settings; `values` may not override them. */
export const CILIUM_OWNED_VALUES: readonly OwnedValue[] = [
    { key: "cluster.name", setting: "clusters[].name" },
    { key: "cluster.id", setting: "clusters[].id" },
    { key: "ipam.*", setting: "clusters[].podCidr and podCidrV6 (cluster-pool IPAM over each cluster's own range)" },
    { key: "ipv4.enabled", setting: "clusters[].podCidr" },
    { key: "ipv6.enabled", setting: "clusters[].podCidrV6" },
    { key: "kubeProxyReplacement", setting: "cni.kubeProxyReplacement" },
    { key: "k8sServiceHost", setting: "clusters[].skipKubeProxy (the agents then use the cluster's API endpoint)" },
    { key: "k8sServicePort", setting: "clusters[].skipKubeProxy (the agents then use the cluster's API endpoint)" },
    { key: "routingMode", setting: "cni.routingMode" },
    { key: "tunnelProtocol", setting: "cni.tunnelProtocol" },
    { key: "autoDirectNodeRoutes", setting: "cni.nativeRoutes" },
    { key: "ipv4NativeRoutingCIDR", setting: "cni.routingMode (native routing leaves exactly the mesh's pod CIDRs unmasqueraded)" },
    { key: "ipv6NativeRoutingCIDR", setting: "cni.routingMode (native routing leaves exactly the mesh's pod CIDRs unmasqueraded)" },
    { key: "ipMasqAgent.*", setting: "cni.routingMode (native routing leaves exactly the mesh's pod CIDRs unmasqueraded)" },
    { key: "encryption.enabled", setting: "cni.encryption" },
    { key: "encryption.type", setting: "cni.encryption" },
    { key: "hubble.enabled", setting: "cni.hubble" },
    { key: "hubble.relay.enabled", setting: "cni.hubble" },
    { key: "ingressController.enabled", setting: "ingress.kind: cilium" },
    { key: "ingressController.loadbalancerMode", setting: "ingress.kind: cilium (one shared LoadBalancer Service)" },
    {
        key: "ingressController.service.name",
        setting: "ingress.kind: cilium (the Service cilium-ingress that the LB-IPAM pool selects and the address check reads)",
    },
    {
        key: "ingressController.service.type",
        setting: "ingress.kind: cilium (cilium-ingress is a LoadBalancer Service; the address check waits for its address)",
    },
    { key: 'ingressController.service.annotations["lbipam.cilium.io/ips"]', setting: "ingress.ips (the pinned address of cilium-ingress)" },
    {
        key: "rollOutCiliumPods",
        setting: "the project's own setting (always on: a setting change rolls the agents, so the re-run gates see it applied)",
    },
    {
        key: "operator.rollOutPods",
        setting: "the project's own setting (always on: a setting change rolls the operator, so the re-run gates see it applied)",
    },
    { key: "l2announcements.enabled", setting: "cni.l2Announcements" },
    { key: "tls.ca.*", setting: "the shared CA Pulumi generates (every mesh cluster must trust the same one)" },
    { key: "clustermesh.*", setting: "mesh (kind cilium-clustermesh: exposure, nodePort, maxConnectedClusters, apiServerIps)" },
];

/** Chart values the project renders only under native routing in a Cluster Mesh (see `routingValues` in values.ts). */
export const CILIUM_NATIVE_MESH_OWNED_VALUES: readonly OwnedValue[] = [
    { key: "bpf.masquerade", setting: "cni.routingMode (native routing in a mesh needs BPF masquerading for its ip-masq-agent)" },
];

/** Every chart value the project renders for these settings: {@link CILIUM_OWNED_VALUES}, plus those of native routing in a mesh. */
export function ciliumOwnedValues(settings: Pick<CiliumSettings, "routingMode">, meshed: boolean): readonly OwnedValue[] {
    return settings.routingMode === "native" && meshed ? [...CILIUM_OWNED_VALUES, ...CILIUM_NATIVE_MESH_OWNED_VALUES] : CILIUM_OWNED_VALUES;
}

/** Options of {@link validateCiliumSettings}. */
export interface SettingsCheckOptions {
    /** Whether the clusters form a Cluster Mesh (native routing then needs BPF masquerading). */
    readonly meshed?: boolean;
}

/**
 * Options that need others (`cni.*` keys): in Cilium 1.20 both L2 announcements and the ingress
 * controller's eBPF NodePort are part of kube-proxy replacement (the chart no longer has `nodePort.enabled`),
 * and so is the BPF masquerading that exempts exactly a mesh's pod CIDRs in native routing. The escape hatch
 * may not override what the project renders.
 */
export function validateCiliumSettings(
    settings: CiliumSettings,
    keys: SettingsKeys = {},
    options: SettingsCheckOptions = {},
): ValidationIssue[] {
    const at = keys.values ?? "cni.values";
    const keyed = ownedValueIssues(settings.values, ciliumOwnedValues(settings, options.meshed ?? false), at);
    const owned = [...keyed, ...imageValueIssues(settings.values, at, keyed)];
    if (settings.kubeProxyReplacement) {
        return owned;
    }
    const ingressKey = keys.ingressController ?? "cni.ingressController";
    const found: ValidationIssue[] = [];
    if (settings.l2Announcements) {
        found.push(
            issue(
                "cni.l2Announcements",
                true,
                "needs cni.kubeProxyReplacement: true (L2 announcements are part of Cilium's kube-proxy replacement)",
                "set cni.kubeProxyReplacement: true, or announce the LoadBalancer IPs by BGP instead",
            ),
        );
    }
    if (settings.ingressController) {
        const value = ingressKey === "cni.ingressController" ? true : "cilium";
        found.push(
            issue(
                ingressKey,
                value,
                "needs cni.kubeProxyReplacement: true (the ingress controller needs the eBPF NodePort of kube-proxy replacement)",
                ingressKey === "cni.ingressController"
                    ? "set cni.kubeProxyReplacement: true, or set cni.ingressController: false"
                    : `set cni.kubeProxyReplacement: true, or choose another ${ingressKey}`,
            ),
        );
    }
    if (settings.routingMode === "native" && options.meshed) {
        found.push(
            issue(
                "cni.routingMode",
                "native",
                "in a Cluster Mesh needs cni.kubeProxyReplacement: true (exactly the mesh's pod CIDRs are exempted from masquerading by Cilium's BPF ip-masq-agent, and BPF masquerading is part of kube-proxy replacement)",
                "set cni.kubeProxyReplacement: true, or use routingMode: tunnel",
            ),
        );
    }
    return [...found, ...owned];
}

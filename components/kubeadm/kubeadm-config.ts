// kubeadm.k8s.io/v1beta4 configuration as typed objects, built from the resolved cluster and serialised to YAML.
import { toYamlDocuments } from "../shared/yaml";
import { ResolvedKubeadmCluster, ResolvedNode } from "./types";
import {
    BootstrapTokenSpec,
    ClusterConfiguration,
    InitConfiguration,
    JoinConfiguration,
    KUBEADM_API,
    KubeadmArg,
    KubeletConfiguration,
    NodeRegistration,
} from "./kubeadm-documents";

export type {
    KubeadmApiEndpoint,
    BootstrapTokenSpec,
    ClusterConfiguration,
    InitConfiguration,
    JoinConfiguration,
    KubeadmArg,
    KubeletConfiguration,
    NodeRegistration,
} from "./kubeadm-documents";

/** containerd's CRI socket. */
export const CRI_SOCKET = "unix:///var/run/containerd/containerd.sock";
/** Port the API server binds on every control plane. */
export const API_PORT = 6443;
/** Lifetime of the bootstrap token; the token step creates it again (a new 24h) when a join needs it and it is gone or expiring. */
export const TOKEN_TTL = "24h0m0s";
/** Where kubeadm keeps certificates. */
export const CERTIFICATES_DIR = "/etc/kubernetes/pki";

/** The bootstrap token entry used at init and when the token step creates the token again. */
export function bootstrapTokenSpec(token: string): BootstrapTokenSpec {
    return {
        token,
        description: "KubeadmCluster join token (created again by the token step when gone or expiring)",
        ttl: TOKEN_TTL,
        usages: ["signing", "authentication"],
        groups: ["system:bootstrappers:kubeadm:default-node-token"],
    };
}

/** `nodeRegistration` of a node: its IP and labels as kubelet flags, its taints. */
export function nodeRegistration(node: ResolvedNode): NodeRegistration {
    const labels = Object.keys(node.labels)
        .sort()
        .map((key) => `${key}=${node.labels[key]}`);
    // Dual-stack: both addresses, IPv4 first (the cluster's primary family).
    const nodeIp = node.addressV6 !== undefined ? `${node.address},${node.addressV6}` : node.address;
    const kubeletExtraArgs: KubeadmArg[] = [{ name: "node-ip", value: nodeIp }];
    if (labels.length > 0) {
        kubeletExtraArgs.push({ name: "node-labels", value: labels.join(",") });
    }
    return { name: node.name, criSocket: CRI_SOCKET, kubeletExtraArgs, taints: node.taints };
}

/** `ClusterConfiguration` of the cluster. */
export function clusterConfiguration(cluster: ResolvedKubeadmCluster): ClusterConfiguration {
    const endpointHost = cluster.controlPlaneEndpoint.replace(/:\d+$/, "").replace(/^\[(.*)\]$/, "$1");
    // Pulumi's own URL (a tunnel through the bastion, a public name) must verify against the serving certificate too.
    const urlHost = cluster.apiServerUrl === undefined ? [] : [new URL(cluster.apiServerUrl).hostname.replace(/^\[(.*)\]$/, "$1")];
    const sans = new Set([
        endpointHost,
        ...urlHost,
        ...cluster.controlPlanes.flatMap((node) => [node.address, node.host, ...(node.addressV6 ? [node.addressV6] : [])]),
    ]);
    const dual = (v4: string, v6: string | undefined) => (v6 === undefined ? v4 : `${v4},${v6}`);
    return {
        apiVersion: KUBEADM_API,
        kind: "ClusterConfiguration",
        clusterName: cluster.name,
        kubernetesVersion: `v${cluster.kubernetesVersion}`,
        controlPlaneEndpoint: cluster.controlPlaneEndpoint,
        certificatesDir: CERTIFICATES_DIR,
        networking: {
            podSubnet: dual(cluster.podCidr, cluster.podCidrV6),
            serviceSubnet: dual(cluster.serviceCidr, cluster.serviceCidrV6),
            dnsDomain: "cluster.local",
        },
        apiServer: { certSANs: [...sans].sort() },
        ...controllerManager(cluster),
        proxy: { disabled: cluster.skipKubeProxy },
    };
}

/** kube-controller-manager's defaults for the per-node pod CIDR: /24 of an IPv4 range, /64 of an IPv6 one. */
const DEFAULT_NODE_MASK = { ipv4: 24, ipv6: 64 } as const;

/**
 * The per-node pod CIDR size for a pod range of `prefix` bits: the default where it leaves room for many
 * nodes, else a smaller block (IPv4: 4 bits under the range, at most /28; IPv6: 8 bits under, at most /124),
 * so a small range (e.g. seed 002's IPv6 /112) still gives every node its block.
 */
export function nodeCidrMaskSize(prefix: number, family: "ipv4" | "ipv6"): number {
    if (family === "ipv4") {
        return prefix <= 20 ? DEFAULT_NODE_MASK.ipv4 : Math.min(prefix + 4, 28);
    }
    return prefix <= 56 ? DEFAULT_NODE_MASK.ipv6 : Math.min(prefix + 8, 124);
}

function controllerManager(cluster: ResolvedKubeadmCluster): Pick<ClusterConfiguration, "controllerManager"> {
    const prefixOf = (cidr: string) => Number(cidr.slice(cidr.lastIndexOf("/") + 1));
    const v4 = nodeCidrMaskSize(prefixOf(cluster.podCidr), cluster.podCidr.includes(":") ? "ipv6" : "ipv4");
    const args: KubeadmArg[] = [];
    if (!cluster.podCidr.includes(":") && v4 !== DEFAULT_NODE_MASK.ipv4) {
        args.push({ name: "node-cidr-mask-size-ipv4", value: String(v4) });
    }
    const v6Cidr = cluster.podCidrV6 ?? (cluster.podCidr.includes(":") ? cluster.podCidr : undefined);
    const v6 = v6Cidr === undefined ? DEFAULT_NODE_MASK.ipv6 : nodeCidrMaskSize(prefixOf(v6Cidr), "ipv6");
    if (v6 !== DEFAULT_NODE_MASK.ipv6) {
        args.push({ name: "node-cidr-mask-size-ipv6", value: String(v6) });
    }
    return args.length > 0 ? { controllerManager: { extraArgs: args } } : {};
}

/** The documents `kubeadm init` reads on the first control plane. */
export function initDocuments(
    cluster: ResolvedKubeadmCluster,
    token: string,
): [InitConfiguration, ClusterConfiguration, KubeletConfiguration] {
    const node = cluster.controlPlanes[0];
    const init: InitConfiguration = {
        apiVersion: KUBEADM_API,
        kind: "InitConfiguration",
        bootstrapTokens: [bootstrapTokenSpec(token)],
        nodeRegistration: nodeRegistration(node),
        localAPIEndpoint: { advertiseAddress: node.address, bindPort: API_PORT },
    };
    const kubelet: KubeletConfiguration = {
        apiVersion: "kubelet.config.k8s.io/v1beta1",
        kind: "KubeletConfiguration",
        cgroupDriver: "systemd",
    };
    return [init, clusterConfiguration(cluster), kubelet];
}

/** The `JoinConfiguration` of a worker or an additional control plane. */
export function joinConfiguration(
    cluster: ResolvedKubeadmCluster,
    node: ResolvedNode,
    token: string,
    caCertHash: string,
): JoinConfiguration {
    return {
        apiVersion: KUBEADM_API,
        kind: "JoinConfiguration",
        discovery: { bootstrapToken: { apiServerEndpoint: cluster.controlPlaneEndpoint, token, caCertHashes: [caCertHash] } },
        nodeRegistration: nodeRegistration(node),
        ...(node.role === "control-plane"
            ? { controlPlane: { localAPIEndpoint: { advertiseAddress: node.address, bindPort: API_PORT } } }
            : {}),
    };
}

/** YAML of `kubeadm init --config` (secret: it holds the bootstrap token). */
export function renderInitConfig(cluster: ResolvedKubeadmCluster, token: string): string {
    return toYamlDocuments(initDocuments(cluster, token));
}

/** YAML of `kubeadm token create --config`: the token and the version (so no `stable-1` lookup); touches nothing else (secret). */
export function renderTokenConfig(cluster: ResolvedKubeadmCluster, token: string): string {
    const init: InitConfiguration = { apiVersion: KUBEADM_API, kind: "InitConfiguration", bootstrapTokens: [bootstrapTokenSpec(token)] };
    // Only the version: without it kubeadm defaults to `stable-1` and fetches it from dl.k8s.io (10 s offline, then a warning).
    const version: Pick<ClusterConfiguration, "apiVersion" | "kind" | "kubernetesVersion"> = {
        apiVersion: KUBEADM_API,
        kind: "ClusterConfiguration",
        kubernetesVersion: `v${cluster.kubernetesVersion}`,
    };
    return toYamlDocuments([init, version]);
}

/** YAML of `kubeadm join --config` for one node (secret: it holds the bootstrap token). */
export function renderJoinConfig(cluster: ResolvedKubeadmCluster, node: ResolvedNode, token: string, caCertHash: string): string {
    return toYamlDocuments([joinConfiguration(cluster, node, token, caCertHash)]);
}

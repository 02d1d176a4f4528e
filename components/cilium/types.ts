// Typed inputs and Helm values of the Cilium chart (the subset this project sets; checked against chart 1.20.0).
import { withDefaults } from "../shared/defaults";
import { JsonObject } from "../shared/schema-types";

/** `tunnel` (VXLAN/Geneve overlay) or `native` (pod CIDRs routed by the underlay). */
export const CiliumRoutingMode = { Tunnel: "tunnel", Native: "native" } as const;
/** `tunnel` (VXLAN/Geneve overlay) or `native` (pod CIDRs routed by the underlay). */
export type CiliumRoutingMode = (typeof CiliumRoutingMode)[keyof typeof CiliumRoutingMode];

/** Overlay protocol in tunnel mode. */
export const CiliumTunnelProtocol = { Vxlan: "vxlan", Geneve: "geneve" } as const;
/** Overlay protocol in tunnel mode. */
export type CiliumTunnelProtocol = (typeof CiliumTunnelProtocol)[keyof typeof CiliumTunnelProtocol];

/** Transparent encryption between nodes. */
export const CiliumEncryption = { None: "none", Wireguard: "wireguard" } as const;
/** Transparent encryption between nodes. */
export type CiliumEncryption = (typeof CiliumEncryption)[keyof typeof CiliumEncryption];

/** Who routes the pod CIDRs under native routing: Cilium per node (`direct`) or the network (`provided`). */
export const CiliumNativeRoutes = { Direct: "direct", Provided: "provided" } as const;
/** Who routes the pod CIDRs under native routing: Cilium per node (`direct`) or the network (`provided`). */
export type CiliumNativeRoutes = (typeof CiliumNativeRoutes)[keyof typeof CiliumNativeRoutes];

/** How a cluster exposes its clustermesh-apiserver Service. */
export const CiliumMeshExposureType = { NodePort: "NodePort", LoadBalancer: "LoadBalancer" } as const;
/** How a cluster exposes its clustermesh-apiserver Service. */
export type CiliumMeshExposureType = (typeof CiliumMeshExposureType)[keyof typeof CiliumMeshExposureType];

/** Datapath choices that every cluster of a mesh must share. */
export interface CiliumDatapath {
    /** `tunnel` (VXLAN/Geneve overlay) or `native` (pod CIDRs routed by the underlay). */
    readonly routingMode: CiliumRoutingMode;
    /** Overlay protocol in tunnel mode. */
    readonly tunnelProtocol: CiliumTunnelProtocol;
    /** Transparent encryption between nodes (all clusters or none; mixed mode is unsupported). */
    readonly encryption: CiliumEncryption;
}

/** Per-cluster Cilium options; the stack passes the same settings to every cluster. */
export interface CiliumSettings extends CiliumDatapath {
    /** Replace kube-proxy with eBPF (needed for L2 announcements and global NodePort services). */
    readonly kubeProxyReplacement: boolean;
    /** Hubble and Hubble Relay. */
    readonly hubble: boolean;
    /** Cilium's Ingress controller (one shared LoadBalancer Service `cilium-ingress`). */
    readonly ingressController: boolean;
    /** Announce LoadBalancer IPs on the node network by ARP/NDP. */
    readonly l2Announcements: boolean;
    /**
     * Native routing: who routes the pod CIDRs. `direct` (default): Cilium installs a route per node
     * (`autoDirectNodeRoutes`), which only reaches nodes on the same L2 segment; `provided`: the network already
     * routes every cluster's pod CIDR to its nodes (BGP, static routes).
     */
    readonly nativeRoutes?: CiliumNativeRoutes;
    /** Escape hatch: extra chart values deep-merged over everything rendered here (objects merge, the rest replaces). */
    readonly values?: JsonObject;
}

/** The settings a library user leaves out (the stack schema's defaults): tunnel/VXLAN, kube-proxy kept, Hubble on. */
export const DEFAULT_CILIUM_SETTINGS: CiliumSettings = {
    routingMode: "tunnel",
    tunnelProtocol: "vxlan",
    encryption: "none",
    kubeProxyReplacement: false,
    hubble: true,
    ingressController: false,
    l2Announcements: false,
};

/** A library user's settings over {@link DEFAULT_CILIUM_SETTINGS} (complete settings pass through unchanged). */
export function resolveCiliumSettings(given: Partial<CiliumSettings> | undefined): CiliumSettings {
    return withDefaults(DEFAULT_CILIUM_SETTINGS, given);
}

/** How the peers reach a cluster's clustermesh-apiserver; pinned up front, never read back from the cluster. */
export interface PeerEndpoint {
    /** IPs that serve the apiserver (node IPs for NodePort, the pinned LoadBalancer IP otherwise). */
    readonly ips?: string[];
    /** DNS name of the apiserver, used when `ips` is empty (added to the server certificate). */
    readonly address?: string;
    /** NodePort, or 2379 for a LoadBalancer. */
    readonly port: number;
}

/** How a cluster exposes its own clustermesh-apiserver Service. */
export type MeshExposure =
    | { /** NodePort on every node. */ readonly type: "NodePort"; /** The fixed node port. */ readonly nodePort: number }
    | {
          /** LoadBalancer with an LB-IPAM IP. */ readonly type: "LoadBalancer";
          /** The pinned IP (from the cluster's pools). */ readonly ip: string;
      };

/**
 * How a cluster exposes its clustermesh-apiserver, as component args take it (`MeshExposure` fits); plain:
 * known at preview. NodePort needs `nodePort`, LoadBalancer needs `ip`.
 */
export interface CiliumMeshExposure {
    /** NodePort on every node, or LoadBalancer with an LB-IPAM IP. */
    readonly type: CiliumMeshExposureType;
    /** The fixed node port (NodePort only). */
    readonly nodePort?: number;
    /** The pinned IP from the cluster's pools (LoadBalancer only). */
    readonly ip?: string;
}

/** One mesh cluster as a member's install lists it: its name and where its clustermesh-apiserver is reached. */
export interface CiliumMeshPeer {
    /** Cilium cluster name. */
    readonly name: string;
    /** Where the peers reach its clustermesh-apiserver. */
    readonly endpoint: PeerEndpoint;
}

/** One cluster as the mesh checks and lists it. */
export interface MeshPeer extends CiliumDatapath {
    /** Cilium cluster name (≤32 characters, not `default`). */
    readonly name: string;
    /** Cilium cluster ID, unique in 1..maxConnectedClusters. */
    readonly id: number;
    /** Pod CIDRs; must not overlap any other cluster's. */
    readonly podCidrs: readonly string[];
    /** 255 or 511, the same in every cluster. */
    readonly maxConnectedClusters: number;
    /** Where the peers reach this cluster's clustermesh-apiserver. */
    readonly endpoint: PeerEndpoint;
}

/** One entry of `clustermesh.config.clusters` (map form, keyed by peer name). */
export interface ClustermeshPeerValues {
    /** Peer apiserver IPs (rendered as host aliases of `<peer>.mesh.cilium.io`). */
    ips?: string[];
    /** Peer apiserver DNS name (only without `ips`). */
    address?: string;
    /** Peer apiserver port (the chart has no default). */
    port: number;
}

/** The `clustermesh` block of the values. */
export interface ClustermeshValues {
    /** Deploy clustermesh-apiserver. */
    useAPIServer: true;
    /** 255 or 511, the same everywhere. */
    maxConnectedClusters: number;
    /** Peers rendered by the chart into the `cilium-clustermesh`/`cilium-kvstoremesh` Secrets. */
    config: { enabled: true; domain: string; clusters: Record<string, ClustermeshPeerValues> };
    /**
     * Peer IPs reach KVStoreMesh only through `cilium-host-aliases` in its (hot-reloaded) Secret, not as pod
     * `hostAliases`, so adding a peer does not roll the clustermesh-apiserver (1.20's switch, cilium/cilium#44425;
     * absent before 1.20, see chart-facts.ts).
     */
    disableKubernetesHostAliases?: true;
    /** EndpointSlices for the remote backends of global Services that ask for them (headless global Services). */
    enableEndpointSliceSynchronization: boolean;
    /** The apiserver: Service exposure and TLS (certificates pre-created by Pulumi). */
    apiserver: {
        /** KVStoreMesh caches remote state locally (kept on; see cilium.md §8). */
        kvstoremesh: { enabled: true };
        /** Service type, node port or pinned LB-IPAM IP annotation. */
        service: { type: "NodePort"; nodePort: number } | { type: "LoadBalancer"; annotations: Record<string, string> };
        /** Per-cluster etcd users; certificates not generated by the chart. */
        tls: { authMode: "cluster"; auto: { enabled: false } };
    };
}

/** `ingressController.service`: the shared Service the LB-IPAM pool selects, the address check reads and the demo proof requests. */
export interface IngressServiceValues {
    /** `cilium-ingress` (the chart default, stated: a rename would leave the pool, the check and the proof on a name nobody serves). */
    name: string;
    /** Always a LoadBalancer (the address check waits for its LoadBalancer address). */
    type: "LoadBalancer";
    /** The LB-IPAM annotation that pins its address, when `ingress.ips` gives one. */
    annotations?: Record<string, string>;
}

/** The chart values this project renders; `S` is the CA's type (a string in tests, an Output in components). */
export interface CiliumValues<S = string> {
    /** Mesh identity. */
    cluster: { name: string; id: number };
    /** Cluster-pool IPAM over the cluster's own pod CIDR(s). */
    ipam: { mode: "cluster-pool"; operator: Record<string, string[] | number> };
    /** IPv4 on/off. */
    ipv4: { enabled: boolean };
    /** IPv6 on/off. */
    ipv6: { enabled: boolean };
    /** eBPF kube-proxy replacement. */
    kubeProxyReplacement: boolean;
    /** API server host when kube-proxy is absent. */
    k8sServiceHost?: string;
    /** API server port when kube-proxy is absent. */
    k8sServicePort?: number;
    /** Datapath mode. */
    routingMode: "tunnel" | "native";
    /** Overlay protocol (tunnel mode). */
    tunnelProtocol?: "vxlan" | "geneve";
    /** Install routes to other nodes' pod CIDRs (native mode, `nativeRoutes: direct`). */
    autoDirectNodeRoutes?: boolean;
    /** IPv4 destinations not masqueraded in native mode: this cluster's own pod CIDR, exactly. */
    ipv4NativeRoutingCIDR?: string;
    /** IPv6 destinations not masqueraded in native mode: this cluster's own IPv6 pod CIDR, exactly. */
    ipv6NativeRoutingCIDR?: string;
    /** BPF masquerading (native routing in a mesh: the ip-masq-agent below runs in BPF only). */
    bpf?: { masquerade: true };
    /** Native routing in a mesh: exactly the mesh's pod CIDRs are not masqueraded (rendered into the `ip-masq-agent` ConfigMap). */
    ipMasqAgent?: { enabled: true; config: { nonMasqueradeCIDRs: string[] } };
    /** Transparent encryption. */
    encryption: { enabled: boolean; type?: "wireguard" };
    /** Hubble and its relay. */
    hubble: { enabled: boolean; relay: { enabled: boolean } };
    /** Ingress controller; its shared Service named and typed here, its LoadBalancer IP pinned by LB-IPAM annotation when configured. */
    ingressController: { enabled: boolean; loadbalancerMode?: "shared"; service?: IngressServiceValues };
    /** Roll the agents when `cilium-config` changes, so a re-run gate sees the new configuration applied. */
    rollOutCiliumPods: true;
    /** Roll the operator when `cilium-config` changes (same reason). */
    operator: { rollOutPods: true };
    /** L2 announcements of LoadBalancer IPs. */
    l2announcements: { enabled: boolean };
    /** Shared CA (base64 PEM) that signs Hubble certificates and is trusted by every mesh peer. */
    tls?: { ca: { cert: S; key: S } };
    /** Cluster Mesh. */
    clustermesh?: ClustermeshValues;
}

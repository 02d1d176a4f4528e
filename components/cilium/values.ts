// Renders one cluster's Cilium chart values from typed inputs (pure; the CA is passed in, never generated here).
import { parseCidr } from "../network/cidr";
import { mergeValues } from "../shared/values-merge";
import { CiliumChartLine } from "./chart-facts";
import { MESH_DOMAIN, peerClusters } from "./peers";
import { CiliumSettings, CiliumValues, ClustermeshValues, MeshExposure, MeshPeer } from "./types";

/** The API server address agents use when there is no kube-proxy (kubeadm endpoint, or kind's control-plane). */
export interface K8sServiceEndpoint {
    /** Host name or IP. */
    readonly host: string;
    /** Port. */
    readonly port: number;
}

/** This cluster's part in a mesh. */
export interface MeshValuesInput {
    /** 255 or 511, the same everywhere. */
    readonly maxConnectedClusters: number;
    /** How this cluster exposes its clustermesh-apiserver. */
    readonly exposure: MeshExposure;
    /** Every mesh cluster (this one included; it is filtered out of its own peer list). */
    readonly peers: readonly Pick<MeshPeer, "name" | "endpoint">[];
    /** EndpointSlices for remote backends of global Services that ask for them (`clustermesh.enableEndpointSliceSynchronization`). */
    readonly syncEndpointSlices?: boolean;
}

/** Everything one cluster's values are rendered from. */
export interface CiliumValuesInput<S = string> {
    /** The chart line the values are for (`ciliumChartLine(version)`). */
    readonly chart: CiliumChartLine;
    /** Cilium cluster name. */
    readonly name: string;
    /** Cilium cluster ID (0 outside a mesh). */
    readonly id: number;
    /** Pod CIDRs of this cluster (one per family). */
    readonly podCidrs: readonly string[];
    /** Shared options. */
    readonly settings: CiliumSettings;
    /** Set when kube-proxy is absent: the agents cannot use the `kubernetes` ClusterIP before they run. */
    readonly k8sService?: K8sServiceEndpoint;
    /** Native routing in a mesh: every member's pod CIDRs (this one's included), the only destinations left unmasqueraded. */
    readonly meshPodCidrs?: readonly string[];
    /** Shared CA, base64 PEM (`tls.ca.cert`/`tls.ca.key`). */
    readonly ca?: { readonly cert: S; readonly key: S };
    /** Cluster Mesh part; absent for a standalone install. */
    readonly mesh?: MeshValuesInput;
    /** The shared ingress Service's LoadBalancer IP, pinned by LB-IPAM annotation (needs `settings.ingressController`). */
    readonly ingressIp?: string;
}

/** The LB-IPAM annotation that pins a Service's LoadBalancer IP. */
export const LBIPAM_IPS_ANNOTATION = "lbipam.cilium.io/ips";

/** The shared ingress Service in the release namespace (1.20.0 `values.yaml` `ingressController.service.name`). */
export const INGRESS_SERVICE_NAME = "cilium-ingress";

/** Per-node pod CIDR size carved from a cluster pool of the given prefix. */
export function nodeMaskSize(prefix: number, family: "ipv4" | "ipv6"): number {
    if (family === "ipv6") {
        return prefix <= 112 ? 120 : Math.min(prefix + 4, 128);
    }
    return prefix < 24 ? 24 : Math.min(prefix + 2, 28);
}

/**
 * The typed values of one cluster, then the `settings.values` escape hatch deep-merged last. `rollOutCiliumPods`
 * and `operator.rollOutPods` put a checksum of `cilium-config` into the pod templates (1.20.0
 * `cilium-agent/daemonset.yaml` L60-62, `cilium-operator/deployment.yaml` L48-50): a setting change then rolls the
 * agents and the operator, and the re-run `-running` wait sees it applied instead of passing on the old pods. Peer
 * lists are not in `cilium-config`, so adding a cluster rolls nothing in tunnel mode; under native routing in a mesh
 * the `ip-masq-agent` ConfigMap (every member's pod CIDR) comes from the same template and is in the checksum too.
 */
export function ciliumValues<S>(input: CiliumValuesInput<S>): CiliumValues<S> {
    const { settings } = input;
    const rendered: CiliumValues<S> = {
        cluster: { name: input.name, id: input.id },
        ...ipamValues(input.podCidrs),
        kubeProxyReplacement: settings.kubeProxyReplacement,
        ...(input.k8sService ? { k8sServiceHost: input.k8sService.host, k8sServicePort: input.k8sService.port } : {}),
        ...routingValues(input),
        encryption: settings.encryption === "wireguard" ? { enabled: true, type: "wireguard" } : { enabled: false },
        hubble: { enabled: settings.hubble, relay: { enabled: settings.hubble } },
        ingressController: ingressValues(settings, input.ingressIp),
        l2announcements: { enabled: settings.l2Announcements },
        rollOutCiliumPods: true,
        operator: { rollOutPods: true },
        ...(input.ca ? { tls: { ca: { cert: input.ca.cert, key: input.ca.key } } } : {}),
        ...(input.mesh ? { clustermesh: clustermeshValues(input.name, input.mesh, input.chart) } : {}),
    };
    return mergeValues(rendered, settings.values ?? {});
}

/**
 * The shared ingress controller: its Service `cilium-ingress`, a LoadBalancer, pinned to `ip` when given (1.20.0
 * `cilium-ingress-service.yaml` renders `service.name`, `service.type` and `service.annotations`).
 */
function ingressValues(settings: CiliumSettings, ip: string | undefined): CiliumValues["ingressController"] {
    if (!settings.ingressController) {
        return { enabled: false };
    }
    const pin = ip ? { annotations: { [LBIPAM_IPS_ANNOTATION]: ip } } : {};
    return { enabled: true, loadbalancerMode: "shared", service: { name: INGRESS_SERVICE_NAME, type: "LoadBalancer", ...pin } };
}

function ipamValues(podCidrs: readonly string[]): Pick<CiliumValues, "ipam" | "ipv4" | "ipv6"> {
    const blocks = podCidrs.map((text) => ({ text, cidr: parseCidr(text) }));
    const v4 = blocks.filter((block) => block.cidr?.family === "ipv4");
    const v6 = blocks.filter((block) => block.cidr?.family === "ipv6");
    const operator: Record<string, string[] | number> = {};
    if (v4.length > 0) {
        operator.clusterPoolIPv4PodCIDRList = v4.map((block) => block.text);
        operator.clusterPoolIPv4MaskSize = nodeMaskSize(Math.max(...v4.map((block) => block.cidr?.prefix ?? 0)), "ipv4");
    }
    if (v6.length > 0) {
        operator.clusterPoolIPv6PodCIDRList = v6.map((block) => block.text);
        operator.clusterPoolIPv6MaskSize = nodeMaskSize(Math.max(...v6.map((block) => block.cidr?.prefix ?? 0)), "ipv6");
    }
    return { ipam: { mode: "cluster-pool", operator }, ipv4: { enabled: v4.length > 0 }, ipv6: { enabled: v6.length > 0 } };
}

type RoutingValues = Pick<
    CiliumValues,
    "routingMode" | "tunnelProtocol" | "autoDirectNodeRoutes" | "ipv4NativeRoutingCIDR" | "ipv6NativeRoutingCIDR" | "bpf" | "ipMasqAgent"
>;

/**
 * Native routing leaves this cluster's own pod CIDRs unmasqueraded (`ipv*NativeRoutingCIDR`), and in a mesh exactly
 * the other members' pod CIDRs too, through Cilium's BPF ip-masq-agent: never one covering block, which could also
 * cover node networks whose hosts then get pod source IPs they cannot route back.
 */
function routingValues<S>(input: CiliumValuesInput<S>): RoutingValues {
    if (input.settings.routingMode === "tunnel") {
        return { routingMode: "tunnel", tunnelProtocol: input.settings.tunnelProtocol };
    }
    const own = (family: "ipv4" | "ipv6") => input.podCidrs.find((text) => parseCidr(text)?.family === family);
    const v4 = own("ipv4");
    const v6 = own("ipv6");
    const others = (input.meshPodCidrs ?? []).filter((cidr) => !input.podCidrs.includes(cidr));
    return {
        routingMode: "native",
        autoDirectNodeRoutes: input.settings.nativeRoutes !== "provided",
        ...(v4 ? { ipv4NativeRoutingCIDR: v4 } : {}),
        ...(v6 ? { ipv6NativeRoutingCIDR: v6 } : {}),
        ...(others.length > 0
            ? {
                  bpf: { masquerade: true } as const,
                  ipMasqAgent: { enabled: true as const, config: { nonMasqueradeCIDRs: [...input.podCidrs, ...others] } },
              }
            : {}),
    };
}

/**
 * The mesh block. Certificates: `tls.auto.enabled=false` because the chart's `helm` method re-signs the
 * server/admin/remote/local certificates on every render (cilium.md §0, §5) — CiliumClusterMesh creates
 * them once with @pulumi/tls from the shared CA instead, so they only change when Pulumi renews them.
 * `authMode: cluster` gives every peer its own etcd user (`remote-<name>`), meaningful with a shared CA.
 */
function clustermeshValues(name: string, mesh: MeshValuesInput, chart: CiliumChartLine): ClustermeshValues {
    const service: ClustermeshValues["apiserver"]["service"] =
        mesh.exposure.type === "NodePort"
            ? { type: "NodePort", nodePort: mesh.exposure.nodePort }
            : { type: "LoadBalancer", annotations: { [LBIPAM_IPS_ANNOTATION]: mesh.exposure.ip } };
    return {
        useAPIServer: true,
        maxConnectedClusters: mesh.maxConnectedClusters,
        config: { enabled: true, domain: MESH_DOMAIN, clusters: peerClusters(name, mesh.peers) },
        ...(chart.hostAliasSwitch ? { disableKubernetesHostAliases: true as const } : {}),
        enableEndpointSliceSynchronization: mesh.syncEndpointSlices ?? false,
        apiserver: { kvstoremesh: { enabled: true }, service, tls: { authMode: "cluster", auto: { enabled: false } } },
    };
}

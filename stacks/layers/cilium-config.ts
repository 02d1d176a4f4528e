// Pure Cilium settings derived from the stack config: settings, peer addresses, mesh members, and the Cilium rules.
import { ApiEndpoint, Cluster } from "../../components/cluster";
import { CiliumMeshMember } from "../../components/cilium/cluster-mesh";
import { MESH_LOADBALANCER_PORT } from "../../components/cilium/peers";
import { CiliumSettings, MeshExposure, PeerEndpoint } from "../../components/cilium/types";
import { validateCiliumSettings } from "../../components/cilium/validate";
import { ValidationIssue, issue } from "../../components/shared/validation";
import { ClusterConfig, MeshConfig, StackConfig } from "../config/types";
import { ProvisionedCluster } from "./layer";

type CiliumCni = Extract<StackConfig["cni"], { kind: "cilium" }>;
/** The `mesh` section when it is a Cilium Cluster Mesh. */
export type CiliumMesh = Extract<MeshConfig, { kind: "cilium-clustermesh" }>;

/** The Cilium settings the stack's `cni` and `ingress` sections ask for. */
export function ciliumSettings(cni: CiliumCni, config: Pick<StackConfig, "ingress">): CiliumSettings {
    return {
        kubeProxyReplacement: cni.kubeProxyReplacement,
        routingMode: cni.routingMode,
        tunnelProtocol: cni.tunnelProtocol,
        encryption: cni.encryption,
        hubble: cni.hubble,
        ingressController: config.ingress.kind === "cilium",
        l2Announcements: cni.l2Announcements,
        nativeRoutes: cni.nativeRoutes,
        ...(cni.values ? { values: cni.values } : {}),
    };
}

/** Where agents reach the API server when kube-proxy is skipped: the cluster's endpoint (undefined when kube-proxy runs). */
export function k8sServiceEndpoint(entry: ClusterConfig, cluster: Pick<Cluster, "endpoint">): ApiEndpoint | undefined {
    return entry.skipKubeProxy ? cluster.endpoint : undefined;
}

/**
 * How a cluster exposes its clustermesh-apiserver and where its peers reach it, from config and the contract:
 * a pinned LB IP + 2379; or the NodePort on the node IPs, or on the API endpoint's host when the nodes'
 * addresses are not known up front (kind: the control-plane container's name on the Docker network).
 */
export function meshAddress(mesh: CiliumMesh, name: string, cluster: Pick<Cluster, "endpoint" | "network">): { exposure: MeshExposure; endpoint: PeerEndpoint } {
    if (mesh.exposure === "LoadBalancer") {
        const ip = mesh.apiServerIps[name] ?? "";
        return { exposure: { type: "LoadBalancer", ip }, endpoint: { ips: [ip], port: MESH_LOADBALANCER_PORT } };
    }
    const exposure: MeshExposure = { type: "NodePort", nodePort: mesh.nodePort };
    const nodes = cluster.network.nodeAddresses;
    return nodes.length > 0
        ? { exposure, endpoint: { ips: [...nodes], port: mesh.nodePort } }
        : { exposure, endpoint: { address: cluster.endpoint.host, port: mesh.nodePort } };
}

/** The mesh members of the stack (config order). */
export function ciliumMeshMembers(config: StackConfig, mesh: CiliumMesh, clusters: readonly ProvisionedCluster[]): CiliumMeshMember[] {
    if (config.cni.kind !== "cilium") {
        return [];
    }
    const settings = ciliumSettings(config.cni, config);
    return clusters.map(({ config: entry, cluster }) => ({
        cluster, id: entry.id, settings, maxConnectedClusters: mesh.maxConnectedClusters,
        ...meshAddress(mesh, entry.name, cluster),
    }));
}

/** The `mesh` section when it is a Cilium Cluster Mesh, else undefined. */
export function ciliumMeshOf(config: StackConfig): CiliumMesh | undefined {
    return config.mesh.kind === "cilium-clustermesh" ? config.mesh : undefined;
}

/**
 * Cilium rules over the whole stack config (each issue names its key): option dependencies, and clusters
 * that skip kube-proxy without Cilium replacing it (they would have no Service proxy at all).
 */
export function ciliumConfigIssues(config: StackConfig): ValidationIssue[] {
    if (config.cni.kind !== "cilium") {
        return [];
    }
    const cni = config.cni;
    const unproxied = config.clusters.flatMap((cluster, index) => cluster.skipKubeProxy && !cni.kubeProxyReplacement
        ? [issue(`clusters[${index}].skipKubeProxy`, true, "leaves the cluster without any Service proxy because cni.kubeProxyReplacement is false",
            "set cni.kubeProxyReplacement: true, or skipKubeProxy: false")]
        : []);
    const meshed = config.mesh.kind === "cilium-clustermesh";
    return [...validateCiliumSettings(ciliumSettings(cni, config), { ingressController: "ingress.kind" }, { meshed }), ...unproxied];
}

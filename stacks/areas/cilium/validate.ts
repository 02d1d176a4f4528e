// Pure Cilium settings derived from the stack config: settings, peer addresses, mesh members, and the Cilium rules.
import { ApiEndpoint, Cluster } from "../../../components/cluster";
import { CiliumMeshMember } from "../../../components/cilium/cluster-mesh";
import { MESH_LOADBALANCER_PORT, MESH_NODE_PORT } from "../../../components/cilium/peers";
import { CiliumSettings, MeshExposure, PeerEndpoint } from "../../../components/cilium/types";
import { ciliumVersionProblem } from "../../../components/cilium/chart-facts";
import { validateCiliumSettings } from "../../../components/cilium/validate-settings";
import { parseAddress, poolsContain } from "../../../components/network/cidr";
import { ValidationIssue, issue, keyPath } from "../../../components/shared/validation";
import { reservedAddresses } from "../../config/capabilities";
import { ClusterConfig, MeshConfig, StackConfig } from "../../config/types";
import { checkNamedKeys } from "../../layers/checks";
import { ProvisionedCluster } from "../../layers/layer";

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
export function meshAddress(
    mesh: CiliumMesh,
    name: string,
    cluster: Pick<Cluster, "endpoint" | "network">,
): { exposure: MeshExposure; endpoint: PeerEndpoint } {
    if (mesh.exposure === "LoadBalancer") {
        const ip = mesh.apiServerIps[name] ?? "";
        return { exposure: { type: "LoadBalancer", ip }, endpoint: { ips: [ip], port: MESH_LOADBALANCER_PORT } };
    }
    const nodePort = mesh.nodePort ?? MESH_NODE_PORT;
    const exposure: MeshExposure = { type: "NodePort", nodePort };
    const nodes = cluster.network.nodeAddresses;
    return nodes.length > 0
        ? { exposure, endpoint: { ips: [...nodes], port: nodePort } }
        : { exposure, endpoint: { address: cluster.endpoint.host, port: nodePort } };
}

/** The mesh members of the stack (config order). */
export function ciliumMeshMembers(config: StackConfig, mesh: CiliumMesh, clusters: readonly ProvisionedCluster[]): CiliumMeshMember[] {
    if (config.cni.kind !== "cilium") {
        return [];
    }
    const settings = ciliumSettings(config.cni, config);
    return clusters.map(({ config: entry, cluster }) => ({
        cluster,
        id: entry.id,
        settings,
        maxConnectedClusters: mesh.maxConnectedClusters,
        syncEndpointSlices: mesh.syncEndpointSlices ?? false,
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
    const unproxied = config.clusters.flatMap((cluster, index) =>
        cluster.skipKubeProxy && !cni.kubeProxyReplacement
            ? [
                  issue(
                      `clusters[${index}].skipKubeProxy`,
                      true,
                      "leaves the cluster without any Service proxy because cni.kubeProxyReplacement is false",
                      "set cni.kubeProxyReplacement: true, or skipKubeProxy: false",
                  ),
              ]
            : [],
    );
    const meshed = config.mesh.kind === "cilium-clustermesh";
    const version = ciliumVersionProblem(config.versions.cilium);
    const settings = validateCiliumSettings(ciliumSettings(cni, config), { ingressController: "ingress.kind" }, { meshed });
    // Cilium announces only what a CiliumL2AnnouncementPolicy selects, and only the LB-IPAM row creates one (the first problem of a key is enough).
    const unannounced =
        cni.l2Announcements &&
        config.loadBalancer.kind !== "cilium-lb-ipam" &&
        !settings.some((found) => found.path === "cni.l2Announcements")
            ? [
                  issue(
                      "cni.l2Announcements",
                      true,
                      `announces Cilium LB-IPAM addresses, but loadBalancer.kind is "${config.loadBalancer.kind}", so nothing would be announced`,
                      "set loadBalancer.kind: cilium-lb-ipam (with loadBalancerPools), or remove cni.l2Announcements",
                  ),
              ]
            : [];
    return [
        ...(version ? [issue("versions.cilium", config.versions.cilium, version.problem, version.fix)] : []),
        ...settings,
        ...unproxied,
        ...unannounced,
    ];
}

/** The `ingress` section when it is Cilium's own controller. */
export type CiliumIngress = Extract<StackConfig["ingress"], { kind: "cilium" }>;

/** The pinned address of each cluster's `cilium-ingress` Service (`ingress.ips`), by cluster name. */
export function ciliumIngressIps(config: Pick<StackConfig, "ingress">): Readonly<Record<string, string>> {
    return config.ingress.kind === "cilium" ? (config.ingress.ips ?? {}) : {};
}

/**
 * The Cilium ingress needs a load balancer; `ingress.ips`: named clusters, IPs inside the cluster's own pools, not the
 * address pinned for its clustermesh-apiserver, and only under Cilium LB IPAM (the pin is an LB-IPAM annotation).
 */
export function ciliumIngressIssues(config: StackConfig): ValidationIssue[] {
    if (config.loadBalancer.kind === "none") {
        return [
            issue(
                "ingress.kind",
                "cilium",
                'serves on cilium-ingress, a LoadBalancer Service, but loadBalancer.kind is "none", so it would never get an address',
                "give the clusters loadBalancerPools (Cilium LB IPAM assigns them), or choose another ingress kind",
            ),
        ];
    }
    const ips = ciliumIngressIps(config);
    if (Object.keys(ips).length === 0) {
        return [];
    }
    if (config.loadBalancer.kind !== "cilium-lb-ipam") {
        return [
            issue(
                "ingress.ips",
                ips,
                `pins addresses through Cilium LB IPAM, but loadBalancer.kind is "${config.loadBalancer.kind}", which ignores the pin`,
                "set loadBalancer.kind: cilium-lb-ipam (with loadBalancerPools), or remove ingress.ips",
            ),
        ];
    }
    const mesh = ciliumMeshOf(config);
    const reserved = reservedAddresses(config);
    return [
        ...checkNamedKeys("ingress.ips", ips, config),
        ...config.clusters.flatMap((cluster, index) => {
            const ip = ips[cluster.name];
            const taken = [
                ...(mesh?.exposure === "LoadBalancer"
                    ? [
                          {
                              ip: mesh.apiServerIps[cluster.name],
                              by: `the clustermesh-apiserver (${keyPath("mesh.apiServerIps", cluster.name)})`,
                          },
                      ]
                    : []),
                ...(reserved[cluster.name] ? [{ ip: reserved[cluster.name].ip, by: reserved[cluster.name].owner }] : []),
            ];
            return ip === undefined ? [] : pinnedIpIssues(keyPath("ingress.ips", cluster.name), ip, cluster, index, taken);
        }),
    ];
}

/** One pinned address: an IP inside the cluster's pools, not one pinned for another Service. */
function pinnedIpIssues(
    path: string,
    ip: string,
    cluster: ClusterConfig,
    index: number,
    taken: readonly { ip: string | undefined; by: string }[],
): ValidationIssue[] {
    const address = parseAddress(ip);
    if (!address) {
        return [issue(path, ip, "is not an IP address", `pin an address from clusters[${index}].loadBalancerPools`)];
    }
    const owner = taken.find((entry) => entry.ip === ip);
    if (owner) {
        return [issue(path, ip, `is already pinned for ${owner.by}`, "pin a different address for the ingress")];
    }
    const inPool = poolsContain(cluster.loadBalancerPools, address);
    return inPool
        ? []
        : [
              issue(
                  path,
                  ip,
                  `is not inside any of clusters[${index}].loadBalancerPools`,
                  "pin an address from that cluster's pools, or add a pool that holds it",
              ),
          ];
}

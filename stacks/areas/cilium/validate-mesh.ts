// Stack rules of a Cilium Cluster Mesh: cluster names Cilium accepts, and pinned apiserver IPs inside each cluster's pools.
import { parseAddress, parseCidr, poolsContain, rangeContains } from "../../../components/network/cidr";
import { ValidationIssue, capList, issue, keyPath } from "../../../components/shared/validation";
import { NodeAddress, nodeAddresses, segmentOf } from "../../config/nodes";
import { ClusterConfig, StackConfig } from "../../config/types";
import { checkNamedKeys, explicitMeshIds } from "../../layers/checks";
import { CiliumMesh, ciliumMeshOf } from "./validate";

/** Names, with `exposure: LoadBalancer` an apiserver IP pinned inside each cluster's pools, and native routes that can work. */
export function checkCiliumMesh(config: StackConfig): ValidationIssue[] {
    const mesh = ciliumMeshOf(config);
    if (!mesh) {
        return [];
    }
    return [
        ...checkNamedKeys("mesh.apiServerIps", mesh.apiServerIps, config),
        ...unusedExposureSettings(config, mesh),
        ...config.clusters.flatMap((cluster, index) => [...checkName(cluster, index), ...checkPinnedIp(cluster, index, mesh)]),
        ...explicitMeshIds(config, "a Cilium Cluster Mesh puts the ID in every security identity of the cluster"),
        ...checkNativeRoutes(config),
    ];
}

/**
 * Settings the chosen exposure ignores are refused rather than carried: `mesh.apiServerIps` (LoadBalancer addresses)
 * under NodePort, `mesh.nodePort` under LoadBalancer; and LoadBalancer exposure needs LB IPAM, which alone reads the pin.
 */
function unusedExposureSettings(config: StackConfig, mesh: CiliumMesh): ValidationIssue[] {
    if (mesh.exposure === "LoadBalancer") {
        return [
            ...(config.loadBalancer.kind === "cilium-lb-ipam"
                ? []
                : [
                      issue(
                          "mesh.exposure",
                          mesh.exposure,
                          `pins each clustermesh-apiserver address through Cilium LB IPAM, but loadBalancer.kind is "${config.loadBalancer.kind}", which ignores the pin`,
                          "set loadBalancer.kind: cilium-lb-ipam (with loadBalancerPools), or use mesh.exposure: NodePort",
                      ),
                  ]),
            ...(mesh.nodePort === undefined
                ? []
                : [
                      issue(
                          "mesh.nodePort",
                          mesh.nodePort,
                          'is unused with mesh.exposure "LoadBalancer" (peers dial the pinned address on 2379)',
                          "remove mesh.nodePort, or set mesh.exposure: NodePort",
                      ),
                  ]),
        ];
    }
    if (Object.keys(mesh.apiServerIps).length === 0) {
        return [];
    }
    return [
        issue(
            "mesh.apiServerIps",
            mesh.apiServerIps,
            `is unused with mesh.exposure "${mesh.exposure}" (peers dial the NodePort on the nodes)`,
            "remove mesh.apiServerIps, or set mesh.exposure: LoadBalancer to pin the clustermesh-apiservers' addresses",
        ),
    ];
}

/** Every IPv4 node address of the kubeadm clusters, with its config path. */
function ipv4NodeAddresses(config: StackConfig): NodeAddress[] {
    return config.clusters.flatMap((cluster, index) => nodeAddresses(cluster, index).filter((node) => !node.v6));
}

/**
 * Native routing with `nativeRoutes: direct` across clusters: Cilium's `autoDirectNodeRoutes` only reaches nodes on
 * its own L2 segment, so every node of every cluster must share one. kind clusters do (the Docker network); kubeadm
 * nodes must lie in `cni.nodeSubnet`, or without it in one /24. Anything else needs routes the user provides.
 */
export function checkNativeRoutes(config: StackConfig): ValidationIssue[] {
    if (
        config.cni.kind !== "cilium" ||
        config.cni.routingMode !== "native" ||
        config.cni.nativeRoutes === "provided" ||
        config.clusters.length < 2
    ) {
        return [];
    }
    const kinds = new Set(config.clusters.map((cluster) => cluster.provisioner));
    if (kinds.size > 1) {
        return [
            issue(
                "cni.routingMode",
                "native",
                "routes pods between kind and kubeadm clusters, whose nodes share no L2 segment for Cilium's direct node routes",
                NATIVE_ROUTES_FIX,
            ),
        ];
    }
    if (!kinds.has("kubeadm")) {
        return [];
    }
    return sharedSegmentIssues(ipv4NodeAddresses(config), config.cni.nodeSubnet);
}

/** The fix of every native-routes problem: routes the user provides, or tunnelling. */
const NATIVE_ROUTES_FIX =
    "set cni.nativeRoutes: provided if your network routes every cluster's pod CIDR to its nodes (BGP or static routes), or use cni.routingMode: tunnel";

/** The kubeadm nodes lie in `nodeSubnet` (each one outside it is an issue), or without it all in one /24 segment. */
function sharedSegmentIssues(nodes: readonly NodeAddress[], nodeSubnet: string | undefined): ValidationIssue[] {
    const fix = NATIVE_ROUTES_FIX;
    const subnet = nodeSubnet === undefined ? undefined : parseCidr(nodeSubnet);
    if (subnet) {
        return nodes
            .filter((node) => !rangeContains(subnet, parseAddress(node.value) ?? { family: "ipv4", value: -1n }))
            .map((node) =>
                issue(
                    node.path,
                    node.value,
                    `is outside cni.nodeSubnet ${subnet.text}, so Cilium's direct node routes cannot reach it`,
                    fix,
                ),
            );
    }
    const blocks = [...new Set(nodes.map((node) => segmentOf(node.value)))];
    if (blocks.length <= 1) {
        return [];
    }
    return [
        issue(
            "cni.nativeRoutes",
            "direct",
            `routes pods across clusters whose nodes are on different subnets (${capList(blocks)}), and Cilium's direct node routes only reach nodes on the same L2 segment`,
            `set cni.nodeSubnet to the one subnet all nodes share, if they do; else ${fix}`,
        ),
    ];
}

function checkName(cluster: ClusterConfig, index: number): ValidationIssue[] {
    if (cluster.name.length <= 32 && cluster.name !== "default") {
        return [];
    }
    return [
        issue(
            keyPath(keyPath("clusters", index), "name"),
            cluster.name,
            'cannot be a Cilium cluster name (at most 32 characters, and not "default")',
            "shorten or rename the cluster",
        ),
    ];
}

function checkPinnedIp(cluster: ClusterConfig, index: number, mesh: CiliumMesh): ValidationIssue[] {
    if (mesh.exposure !== "LoadBalancer") {
        return [];
    }
    const path = keyPath("mesh.apiServerIps", cluster.name);
    const ip = mesh.apiServerIps[cluster.name];
    if (ip === undefined) {
        return [
            issue(
                path,
                undefined,
                "but mesh.exposure LoadBalancer needs this cluster's clustermesh-apiserver IP pinned",
                "set an IP from the cluster's loadBalancerPools",
            ),
        ];
    }
    const address = parseAddress(ip);
    if (!address) {
        return [issue(path, ip, "is not an IP address", "set an IP from the cluster's loadBalancerPools")];
    }
    const inPool = poolsContain(cluster.loadBalancerPools, address);
    return inPool
        ? []
        : [
              issue(
                  path,
                  ip,
                  `is not inside any of clusters[${index}].loadBalancerPools`,
                  "pick an IP from that cluster's pools, or add a pool that holds it",
              ),
          ];
}

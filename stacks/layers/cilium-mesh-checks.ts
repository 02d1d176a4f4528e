// Stack rules of a Cilium Cluster Mesh: cluster names Cilium accepts, and pinned apiserver IPs inside each cluster's pools.
import { parseAddress, parseRange, rangeContains } from "../../components/network/cidr";
import { ValidationIssue, issue } from "../../components/shared/validation";
import { ClusterConfig, StackConfig } from "../config/types";
import { checkNamedKeys } from "./checks";
import { CiliumMesh, ciliumMeshOf } from "./cilium-config";

/** Names, and with `exposure: LoadBalancer` an apiserver IP pinned inside each cluster's pools. */
export function checkCiliumMesh(config: StackConfig): ValidationIssue[] {
    const mesh = ciliumMeshOf(config);
    if (!mesh) {
        return [];
    }
    return [
        ...checkNamedKeys("mesh.apiServerIps", mesh.apiServerIps, config),
        ...config.clusters.flatMap((cluster, index) => [...checkName(cluster, index), ...checkPinnedIp(cluster, index, mesh)]),
    ];
}

function checkName(cluster: ClusterConfig, index: number): ValidationIssue[] {
    if (cluster.name.length <= 32 && cluster.name !== "default") {
        return [];
    }
    return [issue(`clusters[${index}].name`, cluster.name, "cannot be a Cilium cluster name (at most 32 characters, and not \"default\")",
        "shorten or rename the cluster")];
}

function checkPinnedIp(cluster: ClusterConfig, index: number, mesh: CiliumMesh): ValidationIssue[] {
    if (mesh.exposure !== "LoadBalancer") {
        return [];
    }
    const path = `mesh.apiServerIps.${cluster.name}`;
    const ip = mesh.apiServerIps[cluster.name];
    if (ip === undefined) {
        return [issue(path, undefined, "but mesh.exposure LoadBalancer needs this cluster's clustermesh-apiserver IP pinned",
            "set an IP from the cluster's loadBalancerPools")];
    }
    const address = parseAddress(ip);
    if (!address) {
        return [issue(path, ip, "is not an IP address", "set an IP from the cluster's loadBalancerPools")];
    }
    const inPool = cluster.loadBalancerPools.some((pool) => {
        const range = parseRange(pool);
        return range !== undefined && rangeContains(range, address);
    });
    return inPool ? [] : [issue(path, ip, `is not inside any of clusters[${index}].loadBalancerPools`,
        "pick an IP from that cluster's pools, or add a pool that holds it")];
}

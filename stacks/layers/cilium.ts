// The Cilium part of a stack: Cilium on every cluster and, with mesh kind cilium-clustermesh, the Cluster Mesh.
import { Cluster } from "../../components/cluster";
import { CiliumClusterMesh, CiliumMeshMember } from "../../components/cilium/cluster-mesh";
import { ClusterMeshDemo } from "../../components/cilium/demo-app";
import { CiliumInstall } from "../../components/cilium/install";
import { ciliumSettings, k8sServiceEndpoint, meshAddress, meshDemoEnabled } from "./cilium-config";
import { ClusterConfig, StackConfig } from "../config/types";

function pairClusters(config: StackConfig, clusters: readonly Cluster[]): [ClusterConfig, Cluster][] {
    const byName = new Map(clusters.map((cluster) => [cluster.name, cluster]));
    return config.clusters.map((entry) => {
        const cluster = byName.get(entry.name);
        if (!cluster) {
            throw new Error(`internal: no provisioned cluster named ${entry.name}`);
        }
        return [entry, cluster];
    });
}

/**
 * Installs Cilium on every cluster (cluster name and ID set at first install, even without a mesh) and,
 * for mesh kind `cilium-clustermesh`, connects them. Expects a config from `parseStackConfig`, which already
 * applied the Cilium rules (`ciliumConfigIssues`). Returns extra stack outputs (no secrets).
 */
export function ciliumMeshProgram(config: StackConfig, clusters: readonly Cluster[]): Record<string, unknown> {
    if (config.cni.kind !== "cilium") {
        return {};
    }
    const settings = ciliumSettings(config.cni);
    const pairs = pairClusters(config, clusters);
    const mesh = config.mesh;
    if (mesh.kind !== "cilium-clustermesh") {
        pairs.forEach(([entry, cluster]) => new CiliumInstall(`cilium-${entry.name}`, {
            cluster, clusterId: entry.id, version: config.versions.cilium, settings,
            k8sService: k8sServiceEndpoint(entry), loadBalancerPools: entry.loadBalancerPools,
        }));
        return { cilium: { clusters: pairs.map(([entry]) => entry.name) } };
    }
    const members: CiliumMeshMember[] = pairs.map(([entry, cluster]) => ({
        cluster, id: entry.id, settings, maxConnectedClusters: mesh.maxConnectedClusters,
        k8sService: k8sServiceEndpoint(entry), loadBalancerPools: entry.loadBalancerPools,
        ...meshAddress(entry, cluster.network.nodeAddresses, mesh),
    }));
    const clusterMesh = new CiliumClusterMesh("cilium", { members, version: config.versions.cilium });
    if (meshDemoEnabled(mesh)) {
        pairs.forEach(([entry, cluster]) => new ClusterMeshDemo(`demo-${entry.name}`, {
            cluster, dependsOn: clusterMesh.installs[entry.name].ready,
        }));
    }
    return { clustermesh: { endpoints: clusterMesh.endpoints, caCertPem: clusterMesh.caCertPem } };
}

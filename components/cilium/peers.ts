// The mesh's peer lists: what each cluster's values say about every other cluster.
import { ClustermeshPeerValues, MeshPeer, PeerEndpoint } from "./types";

/** The DNS domain the chart uses for peers reached by IP (`<peer>.mesh.cilium.io` host aliases). */
export const MESH_DOMAIN = "mesh.cilium.io";

/** Port of the clustermesh-apiserver Service behind a LoadBalancer. */
export const MESH_LOADBALANCER_PORT = 2379;

/** The clustermesh-apiserver's default node port (1.20.0 `values.yaml` `clustermesh.apiserver.service.nodePort`). */
export const MESH_NODE_PORT = 32379;

/** One peer's `clustermesh.config.clusters` entry. */
export function peerValues(endpoint: PeerEndpoint): ClustermeshPeerValues {
    if (endpoint.ips && endpoint.ips.length > 0) {
        return { ips: [...endpoint.ips], port: endpoint.port };
    }
    return { address: endpoint.address ?? "", port: endpoint.port };
}

/**
 * `clustermesh.config.clusters` for cluster `self`: every other peer, keyed by name. Every cluster lists
 * every other one (a symmetric full mesh), so each apiserver also creates an etcd user per peer.
 */
export function peerClusters(self: string, peers: readonly Pick<MeshPeer, "name" | "endpoint">[]): Record<string, ClustermeshPeerValues> {
    const others = peers.filter((peer) => peer.name !== self).sort((a, b) => a.name.localeCompare(b.name));
    return Object.fromEntries(others.map((peer) => [peer.name, peerValues(peer.endpoint)]));
}

/** The URL peers dial for a cluster (what the chart renders into their config). */
export function peerUrl(name: string, endpoint: PeerEndpoint): string {
    const host = endpoint.ips && endpoint.ips.length > 0 ? `${name}.${MESH_DOMAIN}` : (endpoint.address ?? "");
    return `https://${host}:${endpoint.port}`;
}

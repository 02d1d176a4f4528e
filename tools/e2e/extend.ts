// The e2e's "add a cluster" change: a stack's config with one more kind cluster appended, as a stack file text.
import * as yaml from "js-yaml";
import { IpRange, parseRange } from "../../components/network/cidr";
import { describeRange } from "../../components/network/plan";

/** Name of the cluster the e2e appends. */
export const EXTRA_CLUSTER = "e2e-extra";

/** The `config:` map of a stack file, parsed. */
export type StackFileConfig = Record<string, unknown>;

/** One cluster entry of `multicluster:clusters`, as written. */
type ClusterEntry = Record<string, unknown>;

/** The key a stack file uses for a setting: namespaced (`multicluster:clusters`) or short (`clusters`). */
function keyOf(config: StackFileConfig, name: string): string {
    return `multicluster:${name}` in config ? `multicluster:${name}` : name;
}

/** The clusters of a stack file's config (empty when it names none). */
export function clustersOf(config: StackFileConfig): ClusterEntry[] {
    const clusters = config[keyOf(config, "clusters")];
    return Array.isArray(clusters) ? (clusters as ClusterEntry[]) : [];
}

/** Whether every cluster of a stack is a local kind cluster (the stacks the e2e can run). */
export function isKindStack(config: StackFileConfig): boolean {
    const clusters = clustersOf(config);
    return clusters.length > 0 && clusters.every((cluster) => cluster.provisioner === "kind");
}

/**
 * A pool of the same size as the stack's first-cluster pools, right below the lowest one (or above the highest
 * when that would leave the /16 the pools lie in); undefined when no cluster has a pool.
 */
export function nextPool(clusters: readonly ClusterEntry[]): string | undefined {
    const ranges = clusters
        .flatMap((cluster) => (Array.isArray(cluster.loadBalancerPools) ? (cluster.loadBalancerPools as string[]) : []))
        .map((pool) => parseRange(pool))
        .filter((range): range is IpRange => range !== undefined && range.family === "ipv4");
    if (ranges.length === 0) {
        return undefined;
    }
    const size = ranges[0].last - ranges[0].first + 1n;
    const lowest = ranges.reduce((min, range) => (range.first < min ? range.first : min), ranges[0].first);
    const highest = ranges.reduce((max, range) => (range.last > max ? range.last : max), ranges[0].last);
    const block = lowest & ~0xffffn;
    const first = lowest - size > block ? lowest - size : highest + 1n;
    return describeRange({ family: "ipv4", first, last: first + size - 1n });
}

/** The cluster the e2e appends: a kind cluster with one worker, automatic ranges, the next ID and pool when the stack uses them. */
export function extraCluster(clusters: readonly ClusterEntry[]): ClusterEntry {
    const ids = clusters.map((cluster) => cluster.id).filter((id): id is number => typeof id === "number");
    const pool = nextPool(clusters);
    return {
        name: EXTRA_CLUSTER,
        provisioner: "kind",
        ...(ids.length > 0 ? { id: Math.max(...ids) + 1 } : {}),
        workers: 1,
        ...(pool !== undefined ? { loadBalancerPools: [pool] } : {}),
    };
}

/** The config with {@link extraCluster} appended (and added to an explicit `mesh.members` list). */
export function withExtraCluster(config: StackFileConfig): StackFileConfig {
    const clusters = clustersOf(config);
    const meshKey = keyOf(config, "mesh");
    const mesh = config[meshKey];
    const members = typeof mesh === "object" && mesh !== null ? (mesh as Record<string, unknown>).members : undefined;
    return {
        ...config,
        [keyOf(config, "clusters")]: [...clusters, extraCluster(clusters)],
        ...(Array.isArray(members) ? { [meshKey]: { ...(mesh as object), members: [...members, EXTRA_CLUSTER] } } : {}),
    };
}

/** Reads the `config:` map of a stack file's text. */
export function parseStackFileConfig(text: string): StackFileConfig {
    const parsed = yaml.load(text) as { config?: StackFileConfig } | null;
    return parsed?.config ?? {};
}

/** A stack file's text with its `config:` map replaced; every other top-level key (`encryptionsalt`) is kept. */
export function withConfig(text: string, config: StackFileConfig): string {
    const parsed = (yaml.load(text) ?? {}) as Record<string, unknown>;
    return yaml.dump({ ...parsed, config }, { lineWidth: -1, noRefs: true });
}

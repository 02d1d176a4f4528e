// The network plan check: names, IDs, CIDRs, node addresses and LoadBalancer pools of all clusters at once.
import { ValidationIssue, issue } from "../shared/validation";
import { Cidr, IpRange, formatAddress, parseAddress, parseCidr, parseRange, rangeContains } from "./cidr";
import { earlierOverlaps, firstOverlapping } from "./overlaps";
import { checkPoolFamilies } from "./family-checks";
import { PlannedCluster } from "./types";
import { cidrProblem, clusterNameProblem, poolProblem } from "./value-checks";

export { cidrProblem, clusterNameProblem, familyProblem, poolProblem, suggestLabel } from "./value-checks";
export type { Located, PlannedCluster, Problem } from "./types";
export { clusterFamilies } from "./family-checks";

/** Rules that depend on the chosen mesh. */
export interface NetworkPlanRules {
    /** Highest allowed mesh ID (IDs run from 1). */
    readonly maxMeshId: number;
}

/** Checks every rule over all clusters and returns every problem found (empty when the plan is sound). */
export function checkNetworkPlan(clusters: readonly PlannedCluster[], rules: NetworkPlanRules): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    found.push(...checkNames(clusters), ...checkMeshIds(clusters, rules));
    const blocks = parseBlocks(clusters, found);
    found.push(...checkBlockOverlaps(blocks));
    const pools = parsePools(clusters, found);
    found.push(...checkPools(pools, blocks), ...checkPoolFamilies(pools));
    found.push(...checkNodeAddresses(clusters, blocks, pools, found));
    return found;
}

function checkNames(clusters: readonly PlannedCluster[]): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    const seen = new Map<string, string>();
    for (const { name } of clusters) {
        const problem = clusterNameProblem(name.value);
        if (problem) {
            found.push(issue(name.path, name.value, problem.problem, problem.fix));
        }
        const first = seen.get(name.value);
        if (first !== undefined) {
            found.push(
                issue(name.path, name.value, `is already the name of ${first.replace(/\.name$/, "")}`, "give every cluster a unique name"),
            );
        } else {
            seen.set(name.value, name.path);
        }
    }
    return found;
}

/** One sentence when there are more clusters than mesh IDs: the IDs handed out past the limit are its consequence. */
function checkClusterCount(clusters: readonly PlannedCluster[], rules: NetworkPlanRules): ValidationIssue[] {
    const meshed = clusters.filter((cluster) => cluster.meshId !== undefined).length;
    if (meshed <= rules.maxMeshId) {
        return [];
    }
    const raise = rules.maxMeshId < 511 ? ", or, in a Cilium Cluster Mesh, set mesh.maxConnectedClusters: 511 (IDs 1-511)" : "";
    return [
        issue(
            "clusters",
            meshed,
            `clusters, more than the ${rules.maxMeshId} mesh IDs (1-${rules.maxMeshId}) one stack can give out`,
            `split the clusters across stacks of at most ${rules.maxMeshId}${raise}`,
        ),
    ];
}

/** True when `id` is what automatic assignment gives the next cluster once the IDs run out: every lower ID is taken. */
function nextAfterExhausted(id: number, taken: ReadonlySet<number>, max: number): boolean {
    return id > max && taken.size >= id - 1 && Array.from({ length: id - 1 }, (_, i) => i + 1).every((lower) => taken.has(lower));
}

function checkMeshIds(clusters: readonly PlannedCluster[], rules: NetworkPlanRules): ValidationIssue[] {
    const found = checkClusterCount(clusters, rules);
    const seen = new Map<number, string>();
    for (const { meshId } of clusters) {
        if (!meshId) {
            continue;
        }
        if (found.length > 0 && nextAfterExhausted(meshId.value, new Set(seen.keys()), rules.maxMeshId)) {
            seen.set(meshId.value, meshId.path);
            continue;
        }
        if (meshId.value < 1 || meshId.value > rules.maxMeshId) {
            found.push(
                issue(
                    meshId.path,
                    meshId.value,
                    `is outside the mesh ID range 1-${rules.maxMeshId}`,
                    `pick an unused ID from 1 to ${rules.maxMeshId}`,
                ),
            );
            continue;
        }
        const first = seen.get(meshId.value);
        if (first !== undefined) {
            found.push(
                issue(meshId.path, meshId.value, `is already the ID of ${first.replace(/\.id$/, "")}`, "give every cluster a unique ID"),
            );
        } else {
            seen.set(meshId.value, meshId.path);
        }
    }
    return found;
}

interface PlacedBlock {
    readonly cluster: string;
    readonly path: string;
    readonly cidr: Cidr;
}

function parseBlocks(clusters: readonly PlannedCluster[], found: ValidationIssue[]): PlacedBlock[] {
    const blocks: PlacedBlock[] = [];
    for (const cluster of clusters) {
        for (const entry of [...cluster.podCidrs, ...cluster.serviceCidrs]) {
            const problem = cidrProblem(entry.value);
            const cidr = parseCidr(entry.value);
            if (problem || !cidr) {
                found.push(issue(entry.path, entry.value, problem?.problem ?? "is not a CIDR", problem?.fix ?? "fix it"));
            } else {
                blocks.push({ cluster: cluster.name.value, path: entry.path, cidr });
            }
        }
    }
    return blocks;
}

/** Describes a range for messages: `10.96.0.0-10.111.255.255`. */
export function describeRange(range: IpRange): string {
    return `${formatAddress(range.first, range.family)}-${formatAddress(range.last, range.family)}`;
}

function checkBlockOverlaps(blocks: readonly PlacedBlock[]): ValidationIssue[] {
    return earlierOverlaps(blocks, (block) => block.cidr).map(({ entry: block, earlier }) =>
        issue(
            block.path,
            block.cidr.text,
            `overlaps ${earlier.path} "${earlier.cidr.text}" (${describeRange(earlier.cidr)})`,
            'give every pod and service range of every cluster its own block, or set it to "auto"',
        ),
    );
}

interface PlacedPool {
    readonly path: string;
    readonly text: string;
    readonly range: IpRange;
    readonly cluster: PlannedCluster;
}

function parsePools(clusters: readonly PlannedCluster[], found: ValidationIssue[]): PlacedPool[] {
    const pools: PlacedPool[] = [];
    for (const [cluster, pool] of clusters.flatMap((entry) => entry.loadBalancerPools.map((item) => [entry, item] as const))) {
        const problem = poolProblem(pool.value);
        const range = parseRange(pool.value);
        if (problem || !range) {
            found.push(issue(pool.path, pool.value, problem?.problem ?? "is not a range", problem?.fix ?? "fix it"));
        } else {
            pools.push({ path: pool.path, text: pool.value, range, cluster });
        }
    }
    return pools;
}

function checkPools(pools: readonly PlacedPool[], blocks: readonly PlacedBlock[]): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    const earlierPools = new Map(earlierOverlaps(pools, (pool) => pool.range).map(({ entry, earlier }) => [entry, earlier]));
    pools.forEach((pool) => {
        const earlier = earlierPools.get(pool);
        if (earlier) {
            found.push(
                issue(
                    pool.path,
                    pool.text,
                    `overlaps the LoadBalancer pool ${earlier.path} "${earlier.text}"`,
                    "give every pool its own addresses",
                ),
            );
        }
        const block = firstOverlapping(pool.range, blocks, (candidate) => candidate.cidr);
        if (block) {
            found.push(
                issue(
                    pool.path,
                    pool.text,
                    `overlaps ${block.path} "${block.cidr.text}"`,
                    "take pool addresses from the node network, outside every pod and service range",
                ),
            );
        }
    });
    return found;
}

function checkNodeAddresses(
    clusters: readonly PlannedCluster[],
    blocks: readonly PlacedBlock[],
    pools: readonly PlacedPool[],
    alreadyFound: readonly ValidationIssue[],
): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    const seen = new Map<string, string>();
    for (const entry of clusters.flatMap((cluster) => cluster.nodeAddresses)) {
        const address = parseAddress(entry.value);
        if (!address) {
            continue;
        }
        const block = blocks.find((candidate) => rangeContains(candidate.cidr, address));
        if (block) {
            found.push(
                issue(
                    entry.path,
                    entry.value,
                    `lies inside ${block.path} "${block.cidr.text}"`,
                    'move the pod/service range away from the node network (or set it to "auto")',
                ),
            );
        }
        const pool = pools.find((candidate) => rangeContains(candidate.range, address));
        if (pool) {
            found.push(
                issue(
                    entry.path,
                    entry.value,
                    `lies inside the LoadBalancer pool ${pool.path} "${pool.text}"`,
                    "exclude node addresses from the pool",
                ),
            );
        }
        const first = seen.get(entry.value);
        if (first !== undefined && !alreadyFound.some((known) => known.path === entry.path)) {
            found.push(issue(entry.path, entry.value, `is already the address of ${first}`, "list every node once, with its own address"));
        }
        seen.set(entry.value, entry.path);
    }
    return found;
}

// Address families: a cluster is IPv4, IPv6-only, or dual-stack, and what it is given must be of a family it has.
import { ValidationIssue, issue } from "../shared/validation";
import { IpFamily, IpRange, parseCidr } from "./cidr";
import { PlannedCluster } from "./types";

/** A LoadBalancer pool with the cluster it belongs to. */
export interface FamilyPool {
    /** Config key path of the pool. */
    readonly path: string;
    /** The pool as written. */
    readonly text: string;
    /** Its addresses. */
    readonly range: IpRange;
    /** Its cluster. */
    readonly cluster: PlannedCluster;
}

/**
 * The address families a cluster has: its primary pod/service range's (IPv4, or IPv6 on an IPv6-only cluster), plus
 * IPv6 with podCidrV6/serviceCidrV6 (dual-stack). Undefined while the primary range is unknown (reported elsewhere).
 */
export function clusterFamilies(cluster: PlannedCluster): ReadonlySet<IpFamily> | undefined {
    const entries = [...cluster.podCidrs, ...cluster.serviceCidrs];
    const primary = entries.filter((entry) => !/V6$/.test(entry.path)).map((entry) => parseCidr(entry.value)?.family);
    if (!primary.some((family) => family !== undefined)) {
        return undefined;
    }
    const dual = entries.some((entry) => /V6$/.test(entry.path));
    return new Set<IpFamily>([...primary.filter((family): family is IpFamily => family !== undefined), ...(dual ? ["ipv6" as const] : [])]);
}

/** A pool of a family its cluster does not have: no Service there can get an address from it. */
export function checkPoolFamilies(pools: readonly FamilyPool[]): ValidationIssue[] {
    return pools.flatMap((pool) => {
        const families = clusterFamilies(pool.cluster);
        if (!families || families.has(pool.range.family)) {
            return [];
        }
        const at = pool.cluster.name.path.replace(/\.name$/, "");
        return [
            pool.range.family === "ipv6"
                ? issue(
                      pool.path,
                      pool.text,
                      `is an IPv6 pool, but ${at} is IPv4-only (no podCidrV6 and serviceCidrV6), so no Service of it can take an address from the pool`,
                      `use an IPv4 range of the node network, or make ${at} dual-stack with podCidrV6 and serviceCidrV6`,
                  )
                : issue(
                      pool.path,
                      pool.text,
                      `is an IPv4 pool, but ${at} is IPv6-only, so no Service of it can take an address from the pool`,
                      "use an IPv6 range of the node network",
                  ),
        ];
    });
}

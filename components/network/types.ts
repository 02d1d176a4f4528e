// Shapes the network checks share: a located value, a planned cluster, and a problem found in one value.

/** What is wrong with one value and how to fix it (the key and value are added by the caller). */
export interface Problem {
    /** What is wrong, e.g. "is not a CIDR". */
    readonly problem: string;
    /** How to fix it. */
    readonly fix: string;
}

/** A value together with the config key path it came from. */
export interface Located<T> {
    /** Config key path, e.g. `clusters[0].podCidr`. */
    readonly path: string;
    /** The value. */
    readonly value: T;
}

/** What the plan check needs to know of one cluster. */
export interface PlannedCluster {
    /** Cluster name (DNS-1123 label). */
    readonly name: Located<string>;
    /** Mesh cluster ID, when the cluster has one. */
    readonly meshId?: Located<number>;
    /** Pod CIDRs (one per family). */
    readonly podCidrs: readonly Located<string>[];
    /** Service CIDRs (one per family). */
    readonly serviceCidrs: readonly Located<string>[];
    /** Node addresses that are IPs (host names are not checked here). */
    readonly nodeAddresses: readonly Located<string>[];
    /** LoadBalancer pools: CIDRs or `first-last` ranges. */
    readonly loadBalancerPools: readonly Located<string>[];
}

// Critical path and sequential sum of a recorded resource graph under a latency model.

/** A node of the dependency graph. */
export interface GraphNode {
    /** Resource URN. */
    readonly urn: string;
    /** Simulated seconds this resource takes. */
    readonly seconds: number;
    /** URNs it waits on. */
    readonly dependencies: readonly string[];
}

/** The longest chain of truly dependent steps and its length. */
export interface CriticalPath {
    /** Total simulated seconds along the chain (the physical lower bound of the makespan). */
    readonly seconds: number;
    /** URNs along the chain, first step first. */
    readonly chain: readonly string[];
}

/** Earliest finish of every node with unlimited parallelism, and the dependency that finished last before it. */
export function earliestFinish(nodes: readonly GraphNode[]): Map<string, { seconds: number; previous?: string }> {
    const byUrn = new Map(nodes.map((node) => [node.urn, node]));
    const finish = new Map<string, { seconds: number; previous?: string }>();
    const visiting = new Set<string>();
    const visit = (urn: string): number => {
        const known = finish.get(urn);
        if (known) {
            return known.seconds;
        }
        if (visiting.has(urn)) {
            throw new Error(`dependency cycle through ${urn}`);
        }
        visiting.add(urn);
        let start = 0;
        let previous: string | undefined;
        for (const dependency of byUrn.get(urn)?.dependencies ?? []) {
            const end = byUrn.has(dependency) ? visit(dependency) : -1;
            if (end > start || (end === start && end > 0 && previous === undefined)) {
                start = end;
                previous = dependency;
            }
        }
        visiting.delete(urn);
        const seconds = start + (byUrn.get(urn)?.seconds ?? 0);
        finish.set(urn, { seconds, previous });
        return seconds;
    };
    nodes.forEach((node) => visit(node.urn));
    return finish;
}

/**
 * Longest weighted path through the DAG (weights on nodes). Dependencies on URNs outside the graph are
 * ignored. Throws on a cycle, which Pulumi could never deploy either.
 */
export function criticalPath(nodes: readonly GraphNode[]): CriticalPath {
    const finish = earliestFinish(nodes);
    let last: string | undefined;
    let longest = 0;
    for (const node of nodes) {
        const seconds = finish.get(node.urn)?.seconds ?? 0;
        if (seconds > longest || last === undefined) {
            longest = seconds;
            last = node.urn;
        }
    }
    const chain: string[] = [];
    for (let at = last; at !== undefined; at = finish.get(at)?.previous) {
        chain.unshift(at);
    }
    return { seconds: longest, chain };
}

/** The by-hand order: every step one after another. */
export function sequentialSum(nodes: readonly GraphNode[]): number {
    return nodes.reduce((sum, node) => sum + node.seconds, 0);
}

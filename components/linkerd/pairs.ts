// Which cluster mirrors which: ordered pairs, the full mesh of them, and the mirrors of one cluster.

/** One ordered pair: `from` mirrors `to`. */
export interface LinkPair {
    /** The mirroring (source) cluster. */
    readonly from: string;
    /** The mirrored (target) cluster. */
    readonly to: string;
}

/** Every ordered pair of distinct clusters (a full mesh of links both ways). */
export function everyOrderedPair(names: readonly string[]): LinkPair[] {
    return names.flatMap((from) => names.filter((to) => to !== from).map((to) => ({ from, to })));
}

/** The clusters `cluster` mirrors under `pairs` (its `mirrors`), sorted. */
export function mirrorsOf(cluster: string, pairs: readonly LinkPair[]): string[] {
    return [...new Set(pairs.filter((pair) => pair.from === cluster).map((pair) => pair.to))].sort();
}

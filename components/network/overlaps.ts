// The one "does this range overlap an earlier one" rule: every check of disjoint ranges lists its entries and asks it.
import { IpRange, rangesOverlap } from "./cidr";

/** An entry whose range overlaps an earlier entry's, with the first such earlier entry. */
export interface Overlap<T> {
    /** The later entry (the one a message names first). */
    readonly entry: T;
    /** The first earlier entry whose range overlaps it. */
    readonly earlier: T;
}

/** The first of `candidates` whose range overlaps `range` (candidates without a range are skipped). */
export function firstOverlapping<T>(
    range: IpRange,
    candidates: readonly T[],
    rangeOf: (candidate: T) => IpRange | undefined,
): T | undefined {
    return candidates.find((candidate) => {
        const other = rangeOf(candidate);
        return other !== undefined && rangesOverlap(other, range);
    });
}

/**
 * Every entry, in order, whose range overlaps an earlier entry's, with the first such earlier entry. Entries without
 * a range (unparsable, reported elsewhere) are skipped; `apart` says which pairs must be disjoint (default: all),
 * e.g. only ranges of different clusters.
 */
export function earlierOverlaps<T>(
    entries: readonly T[],
    rangeOf: (entry: T) => IpRange | undefined,
    apart: (earlier: T, entry: T) => boolean = () => true,
): Overlap<T>[] {
    return entries.flatMap((entry, index) => {
        const range = rangeOf(entry);
        const earlier =
            range === undefined
                ? undefined
                : firstOverlapping(
                      range,
                      entries.slice(0, index).filter((other) => apart(other, entry)),
                      rangeOf,
                  );
        return earlier === undefined ? [] : [{ entry, earlier }];
    });
}

// Hands out aligned, non-overlapping blocks from a supernet (the "auto" CIDR choice).
import { Cidr, IpRange, cidrAt, familyBits, parseCidr, rangesOverlap } from "./cidr";

/** Where "auto" pod and service ranges come from by default (the stack's `network` section defaults to it). */
export const AUTO_NETWORK = {
    /** The pool: clear of kind's defaults (10.244.0.0/16 pods; its 10.96.0.0/12 services are replaced) and of Docker's networks. */
    supernet: "10.64.0.0/10",
    /** Size of an "auto" pod range. */
    podPrefix: 16,
    /** Size of an "auto" service range. */
    servicePrefix: 20,
} as const;

/** One block to allocate. */
export interface BlockRequest {
    /** Caller's label for the block, e.g. `clusters[2].podCidr`. */
    readonly label: string;
    /** Prefix length of the block. */
    readonly prefix: number;
}

/** Result of an allocation: the blocks in request order, or the label that did not fit. */
export type AllocationResult =
    { readonly ok: true; readonly blocks: readonly Cidr[] } | { readonly ok: false; readonly failedLabel: string; readonly reason: string };

/**
 * Allocates each request, in order, to the lowest aligned block of the supernet that overlaps
 * neither an already allocated block nor any `reserved` range. Order-stable: appending requests
 * never moves the blocks of earlier ones, so adding a cluster leaves the others untouched.
 */
export function allocateBlocks(
    supernetText: string,
    requests: readonly BlockRequest[],
    reserved: readonly IpRange[] = [],
): AllocationResult {
    const supernet = parseCidr(supernetText);
    if (!supernet || supernet.hostBitsSet) {
        return { ok: false, failedLabel: "supernet", reason: `${supernetText} is not an aligned CIDR` };
    }
    const taken: IpRange[] = [...reserved];
    const blocks: Cidr[] = [];
    for (const request of requests) {
        const block = firstFreeBlock(supernet, request.prefix, taken);
        if (!block) {
            const reason = `no free /${request.prefix} is left in ${supernet.canonical}`;
            return { ok: false, failedLabel: request.label, reason };
        }
        blocks.push(block);
        taken.push(block);
    }
    return { ok: true, blocks };
}

/** Lowest aligned block of the given prefix inside the supernet that overlaps nothing taken. */
function firstFreeBlock(supernet: Cidr, prefix: number, taken: readonly IpRange[]): Cidr | undefined {
    if (prefix < supernet.prefix || prefix > familyBits(supernet.family)) {
        return undefined;
    }
    const step = 1n << BigInt(familyBits(supernet.family) - prefix);
    let candidate = supernet.first;
    while (candidate + step - 1n <= supernet.last) {
        const block = cidrAt(candidate, prefix, supernet.family);
        const clash = taken.find((range) => rangesOverlap(range, block));
        if (!clash) {
            return block;
        }
        // Jump past the clashing range, re-aligned to the block size.
        const next = ((clash.last + 1n + step - 1n) / step) * step;
        candidate = next > candidate ? next : candidate + step;
    }
    return undefined;
}

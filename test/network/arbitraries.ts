// Random CIDRs in a small address space of each family, and an ipaddr.js oracle, for the network property tests.
import * as fc from "fast-check";
import * as ipaddr from "ipaddr.js";

/** Fixed seed: every run (and CI) draws the same cases; a failure prints its seed and path to replay it. */
export const PROPERTY_SEED = 20261207;

/** The small spaces the CIDRs are drawn from: 8192 addresses each, so random blocks collide often. */
export const SPACES = { ipv4: { base: "10.0.0.0", bits: 32, size: 13 }, ipv6: { base: "fd00::", bits: 128, size: 13 } } as const;

/** A family of the small spaces. */
export type Family = keyof typeof SPACES;

/** The text of the block of `prefix` at `offset` (aligned down) from the base of `family`'s space. */
export function cidrText(family: Family, offset: number, prefix: number): string {
    const space = SPACES[family];
    const hostBits = space.bits - prefix;
    const aligned = hostBits >= 31 ? 0 : offset - (offset % 2 ** hostBits);
    const bytes = ipaddr.parse(space.base).toByteArray();
    let carry = aligned;
    for (let i = bytes.length - 1; i >= 0 && carry > 0; i--) {
        const sum = bytes[i] + (carry % 256);
        bytes[i] = sum % 256;
        carry = Math.floor(carry / 256) + Math.floor(sum / 256);
    }
    return `${ipaddr.fromByteArray(bytes).toString()}/${prefix}`;
}

/** An offset in a space of 2^size addresses: anywhere, or often at a block boundary or the address just before one (where off-by-one bugs live). */
function offsetIn(size: number): fc.Arbitrary<number> {
    const boundary = fc
        .tuple(fc.integer({ min: 0, max: size }), fc.nat(), fc.constantFrom(0, -1))
        .map(([shift, index, delta]) => (((index * 2 ** shift + delta) % 2 ** size) + 2 ** size) % 2 ** size);
    return fc.oneof(fc.integer({ min: 0, max: 2 ** size - 1 }), boundary);
}

/** A CIDR of `family` inside its small space, with a prefix from `longest - span` to `longest`. */
export function cidrIn(family: Family, span = 13): fc.Arbitrary<string> {
    const longest = SPACES[family].bits;
    return fc
        .tuple(offsetIn(SPACES[family].size), fc.integer({ min: longest - span, max: longest }))
        .map(([offset, prefix]) => cidrText(family, offset, prefix));
}

/** A CIDR of either family. */
export const anyCidr: fc.Arbitrary<string> = fc.oneof(cidrIn("ipv4"), cidrIn("ipv6"));

/** The oracle: two CIDRs share an address iff they are of one family and one's network lies in the other (ipaddr.js `match`). */
export function cidrsIntersect(a: string, b: string): boolean {
    const [first, firstBits] = ipaddr.parseCIDR(a);
    const [second, secondBits] = ipaddr.parseCIDR(b);
    if (first.kind() !== second.kind()) {
        return false;
    }
    const contains = (net: ipaddr.IPv4 | ipaddr.IPv6, bits: number, address: ipaddr.IPv4 | ipaddr.IPv6): boolean =>
        address.kind() === "ipv4"
            ? (address as ipaddr.IPv4).match(net as ipaddr.IPv4, bits)
            : (address as ipaddr.IPv6).match(net as ipaddr.IPv6, bits);
    return contains(first, firstBits, second) || contains(second, secondBits, first);
}

/** The oracle's containment: `inner` lies inside `outer`. */
export function cidrWithin(inner: string, outer: string): boolean {
    const [address, bits] = ipaddr.parseCIDR(inner);
    const [net, netBits] = ipaddr.parseCIDR(outer);
    return address.kind() === net.kind() && bits >= netBits && cidrsIntersect(inner, outer);
}

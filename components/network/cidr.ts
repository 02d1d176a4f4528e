// IP and CIDR arithmetic on top of ipaddr.js: parsing, alignment, containment and overlap.
import * as ipaddr from "ipaddr.js";

/** IP family of an address or range. */
export type IpFamily = "ipv4" | "ipv6";

/** An inclusive range of addresses of one family, as integers. */
export interface IpRange {
    /** Address family. */
    readonly family: IpFamily;
    /** First address (inclusive). */
    readonly first: bigint;
    /** Last address (inclusive). */
    readonly last: bigint;
}

/** A parsed CIDR block. */
export interface Cidr extends IpRange {
    /** The text as written by the user. */
    readonly text: string;
    /** Prefix length. */
    readonly prefix: number;
    /** The block's real network address, written as CIDR (differs from `text` when host bits are set). */
    readonly canonical: string;
    /** True when the address has bits set below the prefix (e.g. 10.97.0.0/12). */
    readonly hostBitsSet: boolean;
}

const bitsOf: Record<IpFamily, number> = { ipv4: 32, ipv6: 128 };

/** Converts an ipaddr.js address to an integer. */
function toBigInt(address: ipaddr.IPv4 | ipaddr.IPv6): bigint {
    return address.toByteArray().reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
}

/** Converts an integer back to address text of the given family. */
export function formatAddress(value: bigint, family: IpFamily): string {
    const bytes: number[] = [];
    let rest = value;
    for (let i = 0; i < bitsOf[family] / 8; i++) {
        bytes.unshift(Number(rest & 0xffn));
        rest >>= 8n;
    }
    return ipaddr.fromByteArray(bytes).toString();
}

/** Strict dotted-quad IPv4: four decimal octets, no leading zeros (ipaddr.js also takes `10.1` and octal `010.0.0.1`). */
const DOTTED_QUAD = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** True for text in the canonical written form of an address: a strict dotted quad, or IPv6 hex groups. */
function wellFormed(text: string): boolean {
    if (text.includes(":")) {
        const tail = text.slice(text.lastIndexOf(":") + 1);
        return /^[0-9a-fA-F:.]+$/.test(text) && (!tail.includes(".") || DOTTED_QUAD.test(tail));
    }
    return DOTTED_QUAD.test(text);
}

/** Parses one IP address (v4 or v6); undefined when it is not one. */
export function parseAddress(text: string): { family: IpFamily; value: bigint } | undefined {
    if (!wellFormed(text) || !ipaddr.isValid(text)) {
        return undefined;
    }
    const address = ipaddr.parse(text);
    return { family: address.kind() === "ipv4" ? "ipv4" : "ipv6", value: toBigInt(address) };
}

/** Parses a CIDR such as `10.96.0.0/12`; undefined when the text is not a CIDR. */
export function parseCidr(text: string): Cidr | undefined {
    // A prefix with a leading zero (`/016`) is refused: scripts do arithmetic on it, and bash reads 016 as octal.
    if (!/^[0-9a-fA-F.:]+\/(0|[1-9]\d{0,2})$/.test(text) || !wellFormed(text.slice(0, text.indexOf("/"))) || !ipaddr.isValidCIDR(text)) {
        return undefined;
    }
    const [address, prefix] = ipaddr.parseCIDR(text);
    const family: IpFamily = address.kind() === "ipv4" ? "ipv4" : "ipv6";
    const hostBits = BigInt(bitsOf[family] - prefix);
    const value = toBigInt(address);
    const first = (value >> hostBits) << hostBits;
    const last = first + (1n << hostBits) - 1n;
    const canonical = `${formatAddress(first, family)}/${prefix}`;
    return { text, family, prefix, first, last, canonical, hostBitsSet: value !== first };
}

/**
 * Parses an address range written as `a-b` (inclusive, no spaces: scripts and manifests carry the text as written)
 * or a CIDR; undefined when neither.
 */
export function parseRange(text: string): IpRange | undefined {
    if (text.includes("/")) {
        return parseCidr(text);
    }
    const parts = text.split("-");
    if (parts.length !== 2) {
        return undefined;
    }
    const [from, to] = parts.map(parseAddress);
    if (!from || !to || from.family !== to.family || from.value > to.value) {
        return undefined;
    }
    return { family: from.family, first: from.value, last: to.value };
}

/** True when two ranges share at least one address. */
export function rangesOverlap(a: IpRange, b: IpRange): boolean {
    return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

/** True when the range contains the address. */
export function rangeContains(range: IpRange, address: { family: IpFamily; value: bigint }): boolean {
    return range.family === address.family && range.first <= address.value && address.value <= range.last;
}

/** True when one of the pools (`a-b` ranges or CIDRs, as `parseRange` reads them) holds the address. */
export function poolsContain(pools: readonly string[], address: { family: IpFamily; value: bigint }): boolean {
    return pools.some((pool) => {
        const range = parseRange(pool);
        return range !== undefined && rangeContains(range, address);
    });
}

/** Builds the CIDR that starts at `first` with the given prefix. */
export function cidrAt(first: bigint, prefix: number, family: IpFamily): Cidr {
    const parsed = parseCidr(`${formatAddress(first, family)}/${prefix}`);
    if (!parsed) {
        throw new Error(`internal: cannot build CIDR at ${first}/${prefix}`);
    }
    return parsed;
}

/** Maximum prefix length of a family (32 or 128). */
export function familyBits(family: IpFamily): number {
    return bitsOf[family];
}

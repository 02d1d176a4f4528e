// Node addresses of a kubeadm cluster's hosts, and the network segment a node is assumed on when none is stated.
import { IpFamily, IpRange, familyBits, formatAddress, parseAddress } from "../../components/network/cidr";
import { keyPath } from "../../components/shared/validation";
import { ClusterConfig } from "./types";

/** One node address as written, with its key path. */
export interface NodeAddress {
    /** Key path: `clusters[0].controlPlanes[0].host` (the address defaulted to it), `.address` or `.addressV6`. */
    readonly path: string;
    /** The address as written. */
    readonly value: string;
    /** True for `addressV6` (the second family of a dual-stack node). */
    readonly v6: boolean;
}

/**
 * Every node address of cluster `index` (`clusters[index]`): per host, control planes first, its `address` (at `host`
 * when it defaulted to it), then its `addressV6`. kind nodes get theirs from Docker at creation, so a kind cluster has none.
 */
export function nodeAddresses(cluster: ClusterConfig, index: number): NodeAddress[] {
    if (cluster.provisioner !== "kubeadm") {
        return [];
    }
    return (["controlPlanes", "workers"] as const).flatMap((group) =>
        cluster[group].flatMap((host, i) => {
            const at = keyPath(keyPath(keyPath("clusters", index), group), i);
            return [
                { path: keyPath(at, host.address === host.host ? "host" : "address"), value: host.address, v6: false },
                ...(host.addressV6 !== undefined ? [{ path: keyPath(at, "addressV6"), value: host.addressV6, v6: true }] : []),
            ];
        }),
    );
}

/** The prefix of the segment a node is assumed to share with its neighbours when no subnet is stated: /24, or /64. */
export const SEGMENT_PREFIX: Readonly<Record<IpFamily, number>> = { ipv4: 24, ipv6: 64 };

/** Host bits below a node's assumed segment. */
export function segmentHostBits(family: IpFamily): bigint {
    return BigInt(familyBits(family) - SEGMENT_PREFIX[family]);
}

/** The assumed segment around an address, as a CIDR (`172.26.0.0/24`); the text itself when it is no address. */
export function segmentOf(text: string): string {
    const address = parseAddress(text);
    if (!address) {
        return text;
    }
    const hostBits = segmentHostBits(address.family);
    return `${formatAddress((address.value >> hostBits) << hostBits, address.family)}/${SEGMENT_PREFIX[address.family]}`;
}

/** True when some address lies in one of the assumed segments the range's addresses fall in. */
export function sharesSegment(range: IpRange, addresses: readonly string[]): boolean {
    const bits = segmentHostBits(range.family);
    return addresses
        .map(parseAddress)
        .some(
            (node) =>
                node !== undefined &&
                node.family === range.family &&
                node.value >> bits >= range.first >> bits &&
                node.value >> bits <= range.last >> bits,
        );
}

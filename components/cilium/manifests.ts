// LB-IPAM pools and the L2 announcement policy, as plain manifests (API versions of Cilium 1.20).
import { IpRange, formatAddress, parseAddress, parseRange } from "../network/cidr";

/** CiliumLoadBalancerIPPool is served as cilium.io/v2 since 1.18 (v2alpha1 is deprecated; 1.16 had only v2alpha1). */
export const LB_POOL_API_VERSION = "cilium.io/v2";
/** CiliumL2AnnouncementPolicy is still cilium.io/v2alpha1 in 1.20. */
export const L2_POLICY_API_VERSION = "cilium.io/v2alpha1";
/** Labels of the clustermesh-apiserver Service (chart template), used to reserve its pinned IP for it alone. */
export const MESH_SERVICE_LABELS: Readonly<Record<string, string>> = { "k8s-app": "clustermesh-apiserver" };

/** One block of a pool: a CIDR or an inclusive range. */
export type PoolBlock = { cidr: string } | { start: string; stop: string };

/** A cluster-scoped Cilium manifest (apiVersion, kind, metadata.name, spec). */
export interface CiliumManifest {
    /** API version. */
    apiVersion: string;
    /** Kind. */
    kind: string;
    /** Cluster-scoped object name. */
    metadata: { name: string };
    /** Spec as the CRD defines it. */
    spec: Record<string, unknown>;
}

/** Renders a config pool (`a.b.c.d/n` or `first-last`) as a pool block. */
export function poolBlock(text: string): PoolBlock {
    if (text.includes("/")) {
        return { cidr: text };
    }
    const [start, stop] = text.split("-").map((part) => part.trim());
    return { start, stop };
}

/** The pools' blocks without the given addresses (split around them; pools that hold none are kept as written). */
export function withoutAddresses(pools: readonly string[], ips: readonly string[]): PoolBlock[] {
    const taken = ips.map(parseAddress).filter((address) => address !== undefined);
    return pools.flatMap((text): PoolBlock[] => {
        const range = parseRange(text);
        const inside = range
            ? taken
                  .filter((address) => address.family === range.family && address.value >= range.first && address.value <= range.last)
                  .map((address) => address.value)
                  .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
            : [];
        if (!range || inside.length === 0) {
            return [poolBlock(text)];
        }
        const parts: IpRange[] = [];
        let first = range.first;
        for (const value of inside) {
            parts.push({ family: range.family, first, last: value - 1n });
            first = value + 1n;
        }
        parts.push({ family: range.family, first, last: range.last });
        return parts
            .filter((part) => part.first <= part.last)
            .map((part) => ({ start: formatAddress(part.first, part.family), stop: formatAddress(part.last, part.family) }));
    });
}

/** The pool's blocks without one address (see {@link withoutAddresses}). */
export function withoutAddress(pools: readonly string[], ip: string): PoolBlock[] {
    return withoutAddresses(pools, [ip]);
}

/** An address kept for one Service: a one-address pool whose selector only that Service matches. */
export interface PinnedAddress {
    /** Pool name, e.g. `clustermesh-apiserver`. */
    readonly name: string;
    /** The address (inside one of the pools). */
    readonly ip: string;
    /**
     * Labels the Service must carry. LB IPAM also matches `io.kubernetes.service.namespace` and
     * `io.kubernetes.service.name` against the Service's namespace and name (operator `pkg/lbipam`, docs "LB IPAM").
     */
    readonly serviceSelector: Readonly<Record<string, string>>;
}

/** LB IPAM's selector keys for a Service's namespace and name. */
export const SERVICE_NAMESPACE_LABEL = "io.kubernetes.service.namespace";
/** See {@link SERVICE_NAMESPACE_LABEL}. */
export const SERVICE_NAME_LABEL = "io.kubernetes.service.name";

/** The clustermesh-apiserver's pinned IP, kept for it (selected by the label of the chart's Service). */
export function meshReservation(ip: string): PinnedAddress {
    return { name: "clustermesh-apiserver", ip, serviceSelector: MESH_SERVICE_LABELS };
}

/** Options of {@link loadBalancerPools}. */
export interface PoolOptions {
    /** The cluster's LoadBalancer pools from config. */
    readonly pools: readonly string[];
    /** The clustermesh-apiserver's pinned IP (shorthand for a {@link meshReservation} in `reserved`). */
    readonly meshIp?: string;
    /** Addresses other Services pin (the ingress, a Linkerd gateway): each carved out into a pool of its own. */
    readonly reserved?: readonly PinnedAddress[];
}

/** Every reservation of the options: the mesh IP's first, then `reserved` by name. */
export function reservations(options: PoolOptions): PinnedAddress[] {
    const rest = [...(options.reserved ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    return [...(options.meshIp ? [meshReservation(options.meshIp)] : []), ...rest];
}

/**
 * The cluster's LB-IPAM pools. Each pinned address is carved out of the general pool into a one-address pool only
 * its Service can use, so no other Service (e.g. cilium-ingress) can take it first, and the pools never overlap
 * (overlapping pools are marked conflicting by the operator). The general pool exists whenever there are pools, so
 * pinning or unpinning an address never creates or deletes it; when every address is pinned it has no blocks and
 * is `disabled` (both optional in the v2 CRD, `lbipam_types.go`).
 */
export function loadBalancerPools(options: PoolOptions): CiliumManifest[] {
    const kept = reservations(options);
    const general = withoutAddresses(
        options.pools,
        kept.map((entry) => entry.ip),
    );
    return [
        ...(options.pools.length > 0 ? [pool("default", general.length > 0 ? { blocks: general } : { blocks: [], disabled: true })] : []),
        ...kept.map((entry) => {
            const bits = parseAddress(entry.ip)?.family === "ipv6" ? 128 : 32;
            return pool(entry.name, {
                blocks: [{ cidr: `${entry.ip}/${bits}` }],
                serviceSelector: { matchLabels: { ...entry.serviceSelector } },
            });
        }),
    ];
}

function pool(name: string, spec: Record<string, unknown>): CiliumManifest {
    return { apiVersion: LB_POOL_API_VERSION, kind: "CiliumLoadBalancerIPPool", metadata: { name }, spec };
}

/** Announces every LoadBalancer IP on all nodes' interfaces (leader per Service elected among the agents). */
export function l2AnnouncementPolicy(): CiliumManifest {
    return {
        apiVersion: L2_POLICY_API_VERSION,
        kind: "CiliumL2AnnouncementPolicy",
        metadata: { name: "default" },
        spec: { loadBalancerIPs: true, externalIPs: false },
    };
}

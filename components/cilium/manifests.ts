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

/** The pool's blocks without one address (split around it), as start/stop ranges where a split happened. */
export function withoutAddress(pools: readonly string[], ip: string): PoolBlock[] {
    const address = parseAddress(ip);
    return pools.flatMap((text): PoolBlock[] => {
        const range = parseRange(text);
        if (!range || !address || range.family !== address.family || address.value < range.first || address.value > range.last) {
            return [poolBlock(text)];
        }
        const parts: IpRange[] = [
            { family: range.family, first: range.first, last: address.value - 1n },
            { family: range.family, first: address.value + 1n, last: range.last },
        ].filter((part) => part.first <= part.last);
        return parts.map((part) => ({ start: formatAddress(part.first, part.family), stop: formatAddress(part.last, part.family) }));
    });
}

/** Options of {@link loadBalancerPools}. */
export interface PoolOptions {
    /** The cluster's LoadBalancer pools from config. */
    readonly pools: readonly string[];
    /** The clustermesh-apiserver's pinned IP: carved out of the shared pool into a pool only that Service can use. */
    readonly meshIp?: string;
}

/**
 * The cluster's LB-IPAM pools. With a pinned mesh IP, the general pool leaves it out and a one-address
 * pool selects only the clustermesh-apiserver Service, so no other Service (e.g. cilium-ingress) can take
 * it first, and the pools never overlap (overlapping pools are marked conflicting by the operator).
 */
export function loadBalancerPools(options: PoolOptions): CiliumManifest[] {
    const general = options.meshIp ? withoutAddress(options.pools, options.meshIp) : options.pools.map(poolBlock);
    const manifests: CiliumManifest[] = [];
    if (general.length > 0) {
        manifests.push(pool("default", { blocks: general }));
    }
    if (options.meshIp) {
        const bits = parseAddress(options.meshIp)?.family === "ipv6" ? 128 : 32;
        manifests.push(pool("clustermesh-apiserver", {
            blocks: [{ cidr: `${options.meshIp}/${bits}` }],
            serviceSelector: { matchLabels: { ...MESH_SERVICE_LABELS } },
        }));
    }
    return manifests;
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

// The multicluster gateway's LoadBalancer address: pinned from config or derived from the cluster's pools, and checked.
import { Problem } from "../network/value-checks";
import { formatAddress, parseAddress, parseRange, poolsContain } from "../network/cidr";
import { capList } from "../shared/validation";

/** IPv4 host parts some networks treat as network or broadcast addresses (MetalLB's `avoidBuggyIPs` skips them). */
const AWKWARD_LAST_OCTETS = [0n, 255n];

/**
 * The gateway address derived from a cluster's pools: the highest address of the first pool that does not end
 * in .0 or .255. Highest, so that Services that take the next free address (MetalLB and Cilium LB IPAM hand
 * out the lowest first) reach it last; deterministic, so every cluster's links know it at preview.
 */
export function derivedGatewayIp(pools: readonly string[]): string | undefined {
    const range = pools.length > 0 ? parseRange(pools[0]) : undefined;
    if (!range) {
        return undefined;
    }
    for (let value = range.last; value >= range.first && value > range.last - 4n; value--) {
        if (range.family === "ipv6" || !AWKWARD_LAST_OCTETS.includes(value & 0xffn)) {
            return formatAddress(value, range.family);
        }
    }
    return formatAddress(range.last, range.family);
}

/** The problem of a pinned gateway address (undefined when it is one address inside one of the pools). */
export function gatewayIpProblem(ip: string, pools: readonly string[]): Problem | undefined {
    const address = parseAddress(ip);
    const suggestion = derivedGatewayIp(pools);
    const example = suggestion ? `, e.g. "${suggestion}"` : "";
    if (!address) {
        return { problem: "is not an IP address", fix: `give one address of the cluster's loadBalancerPools${example}` };
    }
    if (pools.length === 0) {
        return {
            problem: "cannot be assigned because the cluster has no loadBalancerPools",
            fix: "add a pool to the cluster that contains it",
        };
    }
    if (!poolsContain(pools, address)) {
        return {
            problem: `is outside the cluster's loadBalancerPools (${capList(pools)}), so no load balancer will assign it`,
            fix: `pick an address inside a pool${example}`,
        };
    }
    return undefined;
}

/** The cluster's gateway address: the pinned one when given, else the derived one (undefined without pools). */
export function gatewayIpOf(pinned: string | undefined, pools: readonly string[]): string | undefined {
    return pinned ?? derivedGatewayIp(pools);
}

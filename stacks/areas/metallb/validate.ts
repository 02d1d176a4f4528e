// Rules and warnings of the MetalLB row over the stack config: the escape hatch, and L2 pools off the nodes' network.
import { metallbValueIssues } from "../../../components/metallb/validate";
import { IpRange, parseAddress, parseRange } from "../../../components/network/cidr";
import { ValidationIssue, relocateIssues, showValue } from "../../../components/shared/validation";
import { announcesByL2 } from "../../config/capabilities";
import { ClusterConfig, StackConfig } from "../../config/types";

/** MetalLB's own value rules at `loadBalancer.values` (the chart values every cluster's MetalLB gets). */
export function metallbConfigIssues(config: StackConfig): ValidationIssue[] {
    if (config.loadBalancer.kind !== "metallb") {
        return [];
    }
    return relocateIssues(metallbValueIssues(config.loadBalancer.values), [["values", "loadBalancer.values"]]);
}

/** Host bits below the segment a node address is assumed to share with the pool: /24 for IPv4, /64 for IPv6. */
const SEGMENT_HOST_BITS = { ipv4: 8n, ipv6: 64n } as const;

/** The kubeadm node addresses of a cluster, as written (IPv4 and IPv6). */
function nodeAddresses(cluster: ClusterConfig): string[] {
    if (cluster.provisioner !== "kubeadm") {
        return [];
    }
    return [...cluster.controlPlanes, ...cluster.workers].flatMap((host) => [host.address, ...(host.addressV6 !== undefined ? [host.addressV6] : [])]);
}

/** True when some node address lies in one of the /24 (IPv6: /64) segments the pool's addresses fall in. */
function sharesSegment(range: IpRange, nodes: readonly string[]): boolean {
    const bits = SEGMENT_HOST_BITS[range.family];
    return nodes.map(parseAddress).some((node) => node !== undefined && node.family === range.family &&
        (node.value >> bits) >= (range.first >> bits) && (node.value >> bits) <= (range.last >> bits));
}

/**
 * Warnings for L2 pools of kubeadm clusters that share no /24 (IPv6: /64) with any node address of the cluster:
 * ARP/NDP answers reach only the nodes' own segment, so such addresses work only if that network is routed to the
 * nodes. A warning, not an error: node subnet masks are not in the config, and a wider node subnet is fine.
 * kind clusters get their node addresses from Docker at creation, so they are not checked.
 */
export function l2PoolWarnings(config: StackConfig): string[] {
    if (!announcesByL2(config)) {
        return [];
    }
    return config.clusters.flatMap((cluster, index) => {
        const nodes = nodeAddresses(cluster);
        return nodes.length === 0 ? [] : cluster.loadBalancerPools.flatMap((pool, i) => {
            const range = parseRange(pool);
            if (!range || sharesSegment(range, nodes)) {
                return [];
            }
            const segment = range.family === "ipv4" ? "/24" : "/64";
            const shown = nodes.slice(0, 3).join(", ") + (nodes.length > 3 ? ", ..." : "");
            return [`clusters[${index}].loadBalancerPools[${i}] = ${showValue(pool)} shares no ${segment} with the cluster's node addresses (${shown}): ` +
                "L2 announcements (ARP/NDP) reach only the nodes' own network segment, so these addresses answer only if that network is routed to the nodes; " +
                `use free addresses of the node network, or ignore this if the node subnet is wider than ${segment} or the pool is routed.`];
        });
    });
}

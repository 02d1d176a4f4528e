// Rules and warnings of the MetalLB row over the stack config: the escape hatch, and L2 pools off the nodes' network.
import { metallbValueIssues } from "../../../components/metallb/validate";
import { parseRange } from "../../../components/network/cidr";
import { ValidationIssue, showValue } from "../../../components/shared/validation";
import { announcesByL2 } from "../../config/capabilities";
import { SEGMENT_PREFIX, nodeAddresses, sharesSegment } from "../../config/nodes";
import { StackConfig } from "../../config/types";

/** MetalLB's own value rules at `loadBalancer.values` (the chart values every cluster's MetalLB gets). */
export function metallbConfigIssues(config: StackConfig): ValidationIssue[] {
    if (config.loadBalancer.kind !== "metallb") {
        return [];
    }
    return metallbValueIssues(config.loadBalancer.values, "loadBalancer.values");
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
        const nodes = nodeAddresses(cluster, index).map((node) => node.value);
        return nodes.length === 0
            ? []
            : cluster.loadBalancerPools.flatMap((pool, i) => {
                  const range = parseRange(pool);
                  if (!range || sharesSegment(range, nodes)) {
                      return [];
                  }
                  const segment = `/${SEGMENT_PREFIX[range.family]}`;
                  const shown = nodes.slice(0, 3).join(", ") + (nodes.length > 3 ? ", ..." : "");
                  return [
                      `clusters[${index}].loadBalancerPools[${i}] = ${showValue(pool)} shares no ${segment} with the cluster's node addresses (${shown}): ` +
                          "L2 announcements (ARP/NDP) reach only the nodes' own network segment, so these addresses answer only if that network is routed to the nodes; " +
                          `use free addresses of the node network, or ignore this if the node subnet is wider than ${segment} or the pool is routed.`,
                  ];
              });
    });
}

// The MetalLB row: chart, pools after the webhook serves, and the L2 advertisement in every cluster with pools.
import { MetalLB } from "../../../components/metallb/metallb";
import { reservedAddresses } from "../../config/capabilities";
import { LayerContext, LayerResult, LayerRow } from "../../layers/layer";
import { metallbConfigIssues } from "./validate";

/**
 * `metallb-<cluster>` for every cluster with pools (overlaps across clusters are rejected by the network plan
 * before anything exists). An address the mesh reserves (a Linkerd gateway's) gets its own non-auto-assigned pool,
 * usable from its Service's namespace only, so no other Service can take it first.
 */
function wireMetalLb(context: LayerContext): LayerResult {
    const { config, clusters } = context;
    const values = config.loadBalancer.kind === "metallb" ? config.loadBalancer.values : undefined;
    const reserved = reservedAddresses(config);
    const balancers = clusters
        .filter(({ config: entry }) => entry.loadBalancerPools.length > 0)
        .map(({ config: entry, cluster }) => {
            const pinned = reserved[entry.name];
            return [
                entry.name,
                new MetalLB(
                    `metallb-${entry.name}`,
                    {
                        cluster,
                        version: config.versions.metallb,
                        pools: [...entry.loadBalancerPools],
                        values,
                        reserved: pinned ? [{ name: pinned.name, ip: pinned.ip, namespaces: [pinned.namespace] }] : [],
                    },
                    { dependsOn: [...context.readyIn(entry.name)] },
                ),
            ] as const;
        });
    return {
        ready: Object.fromEntries(balancers.map(([name, balancer]) => [name, balancer.ready])),
        outputs: { clusters: balancers.map(([name]) => name) },
    };
}

/** loadBalancer: metallb. */
export const metallbRow: LayerRow = {
    title: "MetalLB (L2): pools after the webhook serves",
    check: metallbConfigIssues,
    wire: wireMetalLb,
};

// Renders a stack's topology (clusters, CIDRs, roles, cross-cluster links) as Markdown with a Mermaid diagram.
import { ClusterConfig, StackConfig } from "./config/types";
import { layers, stackTopology } from "./layers";
import { Layer, Topology } from "./layers/layer";

export type { TopologyLink } from "./layers/layer";

function roleOf(topology: Topology, cluster: ClusterConfig): string {
    return topology.roles[cluster.name] ?? "standalone";
}

const nodeId = (name: string): string => name.replace(/[^A-Za-z0-9]/g, "_");

function nodeSummary(cluster: ClusterConfig): string {
    if (cluster.provisioner === "kind") {
        return `1 control plane, ${cluster.workers} workers (containers)`;
    }
    const cps = cluster.controlPlanes.map((host) => host.address).join(", ");
    const workers = cluster.workers.map((host) => host.address).join(", ") || "none";
    return `control planes ${cps}; workers ${workers}`;
}

function mermaid(config: StackConfig, topology: Topology): string[] {
    const lines = ["```mermaid", "flowchart LR"];
    for (const cluster of config.clusters) {
        const id = nodeId(cluster.name);
        lines.push(`  subgraph ${id}["${cluster.name} (${cluster.provisioner}, id ${cluster.id}, ${roleOf(topology, cluster)})"]`);
        const pools = cluster.loadBalancerPools.length ? `<br/>LB ${cluster.loadBalancerPools.join(", ")}` : "";
        lines.push(`    ${id}_net["pods ${cluster.podCidrs.join(", ")}<br/>services ${cluster.serviceCidrs.join(", ")}${pools}"]`);
        lines.push("  end");
    }
    for (const link of topology.links) {
        const arrow = link.bidirectional ? "<-->" : "-->";
        lines.push(`  ${nodeId(link.from)} ${arrow}|${link.label}| ${nodeId(link.to)}`);
    }
    lines.push("```");
    return lines;
}

/** A layer as deployed: its kind, or `none` with the reason when the chosen kind installs nothing. */
function layerSummary(layer: Layer, config: StackConfig): string {
    const off = layer.rows[layer.kindOf(config)]?.off?.(config);
    return off === undefined ? `${layer.name} **${layer.kindOf(config)}**` : `${layer.name} **none** (${off})`;
}

/** Renders topology.md for a validated stack config: only what the stack deploys. */
export function renderTopology(config: StackConfig): string {
    const topology = stackTopology(config);
    const rows = config.clusters.map(
        (cluster) =>
            `| ${cluster.name} | ${cluster.provisioner} | ${cluster.id} | ${roleOf(topology, cluster)} | ${cluster.podCidrs.join(", ")} | ` +
            `${cluster.serviceCidrs.join(", ")} | ${cluster.loadBalancerPools.join(", ") || "-"} | ${nodeSummary(cluster)} |`,
    );
    const kinds = layers.map((layer) => layerSummary(layer, config)).join(", ");
    return [
        `# Topology of stack \`${config.stack}\``,
        "",
        `Layers: ${kinds}; Kubernetes ${config.versions.kubernetes}.`,
        "",
        ...mermaid(config, topology),
        "",
        "| cluster | provisioner | id | role | pods | services | LoadBalancer pools | nodes |",
        "|---|---|---|---|---|---|---|---|",
        ...rows,
        "",
    ].join("\n");
}

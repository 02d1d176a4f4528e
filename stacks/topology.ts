// Renders a stack's topology (clusters, CIDRs, roles, cross-cluster links) as Markdown with a Mermaid diagram.
import { ClusterConfig, MeshConfig, StackConfig } from "./config/types";

/** One cross-cluster link of the topology. */
export interface TopologyLink {
    /** Cluster the link starts from. */
    readonly from: string;
    /** Cluster the link goes to. */
    readonly to: string;
    /** What the link is. */
    readonly label: string;
    /** Both directions (a mesh peering) or one (a member joining a leader, a mirror). */
    readonly bidirectional: boolean;
}

/** The role each cluster plays in the mesh. */
export function clusterRole(cluster: ClusterConfig, mesh: MeshConfig): string {
    switch (mesh.kind) {
        case "none":
            return "standalone";
        case "cilium-clustermesh":
            return "mesh peer";
        case "antrea-multicluster":
            if (cluster.name === mesh.leader) {
                return (mesh.members ?? [cluster.name]).includes(cluster.name) ? "leader + member" : "leader";
            }
            return "member";
        case "linkerd":
            return "linked";
        case "contrail":
            return cluster.name === mesh.central ? "central" : "distributed";
    }
}

/** The cross-cluster links the mesh creates. */
export function topologyLinks(clusters: readonly ClusterConfig[], mesh: MeshConfig): TopologyLink[] {
    const names = clusters.map((cluster) => cluster.name);
    const pairs = names.flatMap((a, i) => names.slice(i + 1).map((b) => [a, b] as const));
    switch (mesh.kind) {
        case "none":
            return [];
        case "cilium-clustermesh":
            return pairs.map(([from, to]) => ({ from, to, label: "Cluster Mesh", bidirectional: true }));
        case "antrea-multicluster":
            return (mesh.members ?? names)
                .filter((member) => member !== mesh.leader)
                .map((member) => ({ from: member, to: mesh.leader, label: `ClusterSet ${mesh.clusterSetId}`, bidirectional: false }));
        case "linkerd": {
            const links = mesh.links ?? pairs.flatMap(([a, b]) => [{ from: a, to: b }, { from: b, to: a }]);
            return links.map((link) => ({ ...link, label: "mirrors services of", bidirectional: false }));
        }
        case "contrail":
            return names
                .filter((name) => name !== mesh.central)
                .map((name) => ({ from: mesh.central, to: name, label: "Kubemanager", bidirectional: false }));
    }
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

function mermaid(config: StackConfig): string[] {
    const lines = ["```mermaid", "flowchart LR"];
    for (const cluster of config.clusters) {
        const id = nodeId(cluster.name);
        lines.push(`  subgraph ${id}["${cluster.name} (${cluster.provisioner}, id ${cluster.id}, ${clusterRole(cluster, config.mesh)})"]`);
        const pools = cluster.loadBalancerPools.length ? `<br/>LB ${cluster.loadBalancerPools.join(", ")}` : "";
        lines.push(`    ${id}_net["pods ${cluster.podCidr}<br/>services ${cluster.serviceCidr}${pools}"]`);
        lines.push("  end");
    }
    for (const link of topologyLinks(config.clusters, config.mesh)) {
        const arrow = link.bidirectional ? "<-->" : "-->";
        lines.push(`  ${nodeId(link.from)} ${arrow}|${link.label}| ${nodeId(link.to)}`);
    }
    lines.push("```");
    return lines;
}

/** Renders topology.md for a validated stack config. */
export function renderTopology(config: StackConfig): string {
    const rows = config.clusters.map((cluster) =>
        `| ${cluster.name} | ${cluster.provisioner} | ${cluster.id} | ${clusterRole(cluster, config.mesh)} | ${cluster.podCidr} | ` +
        `${cluster.serviceCidr} | ${cluster.loadBalancerPools.join(", ") || "-"} | ${nodeSummary(cluster)} |`);
    return [
        `# Topology of stack \`${config.stack}\``,
        "",
        `CNI: **${config.cni.kind}**, mesh: **${config.mesh.kind}**, Kubernetes ${config.versions.kubernetes}.`,
        "",
        ...mermaid(config),
        "",
        "| cluster | provisioner | id | role | pods | services | LoadBalancer pools | nodes |",
        "|---|---|---|---|---|---|---|---|",
        ...rows,
        "",
    ].join("\n");
}

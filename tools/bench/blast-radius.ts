// What one change disturbs: resources added, updated, replaced and deleted, node scripts re-run, pods restarted.
import { ResourceDiff, diffRecordings } from "../engine/diff";
import { RecordedResource } from "../engine/recorder";
import { ClusterResolver } from "./program-graph";
import { Restart, inferRestarts } from "./rollouts";

/** Changed resources of one shape (cluster names left out). */
export interface ChangeGroup {
    /** `cilium-<c>-release`. */
    readonly name: string;
    /** update or replace. */
    readonly action: string;
    /** How many. */
    readonly count: number;
    /** Changed input paths of the first one (cluster names left out). */
    readonly paths: readonly string[];
}

/** The blast radius of one change. */
export interface BlastRadius {
    /** Provider-backed resources present before and after. */
    readonly existing: number;
    /** Created. */
    readonly added: number;
    /** Updated in place. */
    readonly updated: number;
    /** Replaced. */
    readonly replaced: number;
    /** Deleted. */
    readonly deleted: number;
    /** Remote commands (node scripts) that run again: updated or replaced, in re-created clusters too. */
    readonly nodeScriptReruns: number;
    /** Deleted remote commands with a delete script (it runs on the node, e.g. `kubeadm reset`). */
    readonly nodeDeleteScripts: number;
    /** Helm releases upgraded or replaced. */
    readonly releasesChanged: number;
    /** Pods restarted (outside re-created clusters). */
    readonly podsRestarted: number;
    /** Clusters with restarted pods. */
    readonly clustersRestarting: number;
    /** Clusters re-created by the change (a new incarnation: everything in them is replaced). */
    readonly recreated: readonly string[];
    /** Per workload and cluster. */
    readonly restarts: readonly Restart[];
    /** Releases whose change waits for the pods' next restart. */
    readonly pending: readonly string[];
    /** Charts without a rollout table. */
    readonly unknownCharts: readonly string[];
    /** Updated and replaced resources by shape. */
    readonly groups: readonly ChangeGroup[];
}

function shape(text: string, clusters: readonly string[]): string {
    return clusters.reduce((out, cluster) => out.split(cluster).join("<c>"), text);
}

function groupChanges(diffs: readonly ResourceDiff[], clusters: readonly string[]): ChangeGroup[] {
    const groups = new Map<string, ChangeGroup>();
    for (const diff of diffs.filter((d) => d.action === "update" || d.action === "replace")) {
        const key = `${shape(diff.name, clusters)} ${diff.action}`;
        const known = groups.get(key);
        groups.set(key, known ? { ...known, count: known.count + 1 }
            : { name: shape(diff.name, clusters), action: diff.action, count: 1, paths: [...new Set(diff.paths.map((p) => shape(p, clusters)))] });
    }
    return [...groups.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** Clusters whose Kubernetes provider is replaced (a new incarnation). */
function recreatedClusters(diffs: readonly ResourceDiff[], resolver: ClusterResolver): string[] {
    return diffs.filter((diff) => diff.type === "pulumi:providers:kubernetes" && diff.action === "replace" && diff.after)
        .map((diff) => resolver.clusterOf(diff.after as RecordedResource) ?? diff.name);
}

/** Compares two recordings of one program (the second after the change) on the clusters named. */
export function blastRadius(before: readonly RecordedResource[], after: readonly RecordedResource[], nodes: Readonly<Record<string, number>>): BlastRadius {
    const clusters = Object.keys(nodes).sort((a, b) => b.length - a.length);
    const resolver = new ClusterResolver([...before, ...after], clusters);
    const diffs = diffRecordings(before.filter((r) => r.custom), after.filter((r) => r.custom));
    const recreated = new Set(recreatedClusters(diffs, resolver));
    const inference = inferRestarts(diffs, {
        clusterOf: (diff) => resolver.clusterOf((diff.after ?? diff.before) as RecordedResource),
        nodes: (cluster) => nodes[cluster] ?? 1,
        recreated,
    });
    const count = (action: string) => diffs.filter((diff) => diff.action === action).length;
    const touched = diffs.filter((diff) => diff.action === "update" || diff.action === "replace");
    const afterUrns = new Set(after.filter((r) => r.custom).map((r) => r.urn));
    return {
        existing: before.filter((r) => r.custom && afterUrns.has(r.urn)).length,
        added: count("create"),
        updated: count("update"),
        replaced: count("replace"),
        deleted: count("delete"),
        nodeScriptReruns: touched.filter((diff) => diff.type === "command:remote:Command").length,
        nodeDeleteScripts: diffs.filter((diff) => diff.action === "delete" && diff.type === "command:remote:Command"
            && typeof diff.before?.inputs.delete === "string").length,
        releasesChanged: touched.filter((diff) => diff.type === "kubernetes:helm.sh/v3:Release").length,
        podsRestarted: inference.restarts.reduce((sum, restart) => sum + restart.pods, 0),
        clustersRestarting: new Set(inference.restarts.map((restart) => restart.cluster)).size,
        recreated: [...recreated],
        restarts: inference.restarts,
        pending: inference.pending,
        unknownCharts: inference.unknownCharts,
        groups: groupChanges(diffs, clusters),
    };
}

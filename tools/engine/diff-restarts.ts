// Which pods an update restarts, where the recorded inputs tell: workload templates, chart value rules, restart scripts.
import { inferRestarts } from "../bench/rollouts";
import { providerClusters } from "../bench/program-graph";
import { ResourceDiff } from "./diff";
import { RecordedResource } from "./recorder";
import { unwrapSecrets } from "./secret-values";

/** Restarts an update implies, and what it cannot tell. */
export interface RestartReport {
    /** "ns/name (Kind) in cluster because spec.template.x changed", one per workload. */
    readonly restarts: readonly string[];
    /** Changes whose effect on pods is not known offline. */
    readonly unknown: readonly string[];
}

const WORKLOAD = /^kubernetes:apps\/v1:(Deployment|DaemonSet|StatefulSet)$/;
const changing = (diff: ResourceDiff): boolean => diff.action === "update" || diff.action === "replace";

function workloadRestart(diff: ResourceDiff, kind: string, cluster: string): string | undefined {
    const template = diff.paths.filter((path) => path.startsWith("spec.template"));
    if (diff.action !== "replace" && template.length === 0) {
        return undefined;
    }
    const meta = (unwrapSecrets(diff.after?.inputs.metadata) ?? {}) as { name?: unknown; namespace?: unknown };
    const id = `${String(meta.namespace ?? "default")}/${String(meta.name ?? diff.name)}`;
    const why = diff.action === "replace" ? "the object is replaced" : `${template.join(", ")} changed`;
    return `${id} (${kind}) in ${cluster} because ${why}`;
}

/** The pods an update restarts, from its changes and the records before and after (clusters by provider). */
export function podRestarts(changes: readonly ResourceDiff[], records: readonly RecordedResource[]): RestartReport {
    const clusters = providerClusters(records);
    const clusterOf = (diff: ResourceDiff) => {
        const provider = (diff.after ?? diff.before)?.provider;
        return provider ? clusters.get(provider) : undefined;
    };
    const recreated = new Set(
        changes
            .filter((diff) => diff.type === "pulumi:providers:kubernetes" && diff.action === "replace")
            .flatMap((diff) => clusters.get(diff.urn) ?? []),
    );
    const restarts: string[] = [];
    const unknown: string[] = [...recreated].map((cluster) => `cluster ${cluster} is re-created: every pod in it is new`);
    for (const diff of changes.filter(changing)) {
        const cluster = clusterOf(diff) ?? "";
        const kind = WORKLOAD.exec(diff.type)?.[1];
        if (recreated.has(cluster)) {
            continue;
        }
        if (kind) {
            const line = workloadRestart(diff, kind, cluster || "(unknown cluster)");
            restarts.push(...(line ? [line] : []));
        } else if (diff.type === "kubernetes:helm.sh/v3:Release" || diff.type.startsWith("command:")) {
            const inferred = inferRestarts([diff], { clusterOf: () => cluster || "(unknown cluster)", nodes: () => 1, recreated });
            restarts.push(
                ...inferred.restarts.map(
                    (restart) =>
                        `${restart.workload} in ${restart.cluster} (${diff.name}: ${restart.why}${restart.assumed ? "; assumed, not checked against the chart" : ""})`,
                ),
            );
            unknown.push(
                ...inferred.unknownCharts.map(
                    (chart) => `release ${diff.name}: chart ${chart} has no rollout table here, so which pods it restarts is not known`,
                ),
            );
            if (diff.type === "command:remote:Command") {
                unknown.push(`remote script ${diff.name} runs again: what it restarts on its node is not known offline`);
            }
        } else if (diff.type === "kubernetes:helm.sh/v4:Chart") {
            unknown.push(`chart ${diff.name} (helm v4): its rendered workloads are not seen offline`);
        }
    }
    return { restarts, unknown };
}

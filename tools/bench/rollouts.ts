// Infers the pods a change restarts from the recorded inputs: chart value paths that feed pod templates,
// Deployment/DaemonSet/StatefulSet template changes, and scripts that run `kubectl rollout restart`.
import { ResourceDiff } from "../engine/diff";
import { unwrapSecrets } from "../engine/secret-values";
import { ChartRollouts, ChartWorkload, Values, chartKey, chartRollouts, valueAt } from "./chart-rollouts";

/** Pods of one workload in one cluster that a change replaces. */
export interface Restart {
    /** Cluster. */
    readonly cluster: string;
    /** Workload (`cilium`, `clustermesh-apiserver`, …). */
    readonly workload: string;
    /** Pods replaced. */
    readonly pods: number;
    /** Why (the rule, or "template changed"). */
    readonly why: string;
    /** True when no rule covered the change and every workload of the chart was assumed to roll. */
    readonly assumed: boolean;
}

/** What the inference needs to know about the clusters. */
export interface RolloutContext {
    /** Cluster of a resource (by its provider or name). */
    readonly clusterOf: (diff: ResourceDiff) => string | undefined;
    /** Nodes of a cluster (pods of a DaemonSet). */
    readonly nodes: (cluster: string) => number;
    /** Clusters re-created by the change: their pods are all new, not restarted. */
    readonly recreated: ReadonlySet<string>;
}

/** Restarts and the changes that wait for the next restart. */
export interface RolloutInference {
    /** Pods restarted, per workload and cluster. */
    readonly restarts: readonly Restart[];
    /** Releases whose change reaches the pods only at their next restart. */
    readonly pending: readonly string[];
    /** Charts the benchmark has no table for (restarts not counted). */
    readonly unknownCharts: readonly string[];
}

const plain = (value: unknown): Values => (unwrapSecrets(value) ?? {}) as Values;

function pods(workload: ChartWorkload, values: Values, nodes: number): number {
    if (workload.kind === "DaemonSet") {
        return nodes;
    }
    const replicas = workload.replicas ? valueAt(values, workload.replicas[0]) : undefined;
    return typeof replicas === "number" ? replicas : workload.replicas?.[1] ?? 1;
}

function enabled(workload: ChartWorkload, values: Values): boolean {
    if (!workload.enabledBy) {
        return true;
    }
    const value = valueAt(values, workload.enabledBy[0]);
    return typeof value === "boolean" ? value : workload.enabledBy[1];
}

/** Workloads a release change rolls, by name, with the rule that said so. */
function rolledBy(table: ChartRollouts, diff: ResourceDiff, after: Values, before: Values): { rolls: Map<string, [string, boolean]>; pending: boolean } {
    const rolls = new Map<string, [string, boolean]>();
    let pending = false;
    const every = (why: string, assumed: boolean) => table.workloads.forEach((workload) => rolls.set(workload.name, [why, assumed]));
    if (diff.action === "replace") {
        every("release replaced", false);
        return { rolls, pending };
    }
    for (const path of diff.paths) {
        if (!path.startsWith("values.")) {
            every(`${path} changed`, !/^(version|chart)$/.test(path));
            continue;
        }
        const valuesPath = path.slice("values.".length);
        const rule = table.rules.find((candidate) => candidate.path.test(valuesPath));
        const effect = rule ? rule.effect(after, before) : { rolls: ["*"] };
        pending ||= effect.pending === true;
        const names = effect.rolls.includes("*") ? table.workloads.map((workload) => workload.name) : effect.rolls;
        names.forEach((name) => rolls.set(name, [rule?.why ?? `${valuesPath} (no rule: every workload assumed to roll)`, rule === undefined || rule.assumed === true]));
    }
    return { rolls, pending };
}

function releaseRestarts(diff: ResourceDiff, cluster: string, context: RolloutContext, unknown: Set<string>): { restarts: Restart[]; pending: boolean } {
    const chart = chartKey(String(unwrapSecrets(diff.after?.inputs.chart) ?? ""));
    const table = chartRollouts[chart];
    if (!table) {
        unknown.add(chart);
        return { restarts: [], pending: false };
    }
    const after = plain(diff.after?.inputs.values);
    const { rolls, pending } = rolledBy(table, diff, after, plain(diff.before?.inputs.values));
    const restarts = [...rolls].flatMap(([name, [why, assumed]]) => {
        const workload = table.workloads.find((candidate) => candidate.name === name) ?? { name, kind: "Deployment" as const };
        return enabled(workload, after) ? [{ cluster, workload: name, pods: pods(workload, after, context.nodes(cluster)), why, assumed }] : [];
    });
    return { restarts, pending };
}

const WORKLOAD_TYPE = /^kubernetes:apps\/v1:(Deployment|DaemonSet|StatefulSet)$/;

function objectRestarts(diff: ResourceDiff, cluster: string, context: RolloutContext): Restart[] {
    const kind = WORKLOAD_TYPE.exec(diff.type)?.[1];
    const templateChanged = diff.action === "replace" || diff.paths.some((path) => path.startsWith("spec.template"));
    if (!kind || !templateChanged) {
        return [];
    }
    const spec = plain(diff.after?.inputs.spec);
    const count = kind === "DaemonSet" ? context.nodes(cluster) : Number(valueAt(spec, "replicas") ?? 1);
    return [{ cluster, workload: diff.name, pods: count, why: diff.action === "replace" ? "object replaced" : "pod template changed", assumed: false }];
}

function scriptRestarts(diff: ResourceDiff, cluster: string, context: RolloutContext): Restart[] {
    const script = String(unwrapSecrets(diff.after?.inputs.create) ?? "");
    return [...script.matchAll(/rollout restart\s+(?:-n\s+\S+\s+)?(deployment|daemonset|statefulset)\/?\s*([a-z0-9-]+)?/g)].map((match) => ({
        cluster, workload: match[2] ?? match[1], pods: match[1] === "daemonset" ? context.nodes(cluster) : 1,
        why: `${diff.name} re-runs kubectl rollout restart`, assumed: match[1] !== "daemonset",
    }));
}

/** Every restart the diffs imply (re-created clusters left out: their pods are new). */
export function inferRestarts(diffs: readonly ResourceDiff[], context: RolloutContext): RolloutInference {
    const restarts: Restart[] = [];
    const pending: string[] = [];
    const unknown = new Set<string>();
    for (const diff of diffs) {
        const cluster = context.clusterOf(diff);
        if (cluster === undefined || context.recreated.has(cluster) || (diff.action !== "update" && diff.action !== "replace")) {
            continue;
        }
        if (diff.type === "kubernetes:helm.sh/v3:Release") {
            const found = releaseRestarts(diff, cluster, context, unknown);
            restarts.push(...found.restarts);
            if (found.pending) {
                pending.push(diff.name);
            }
        } else if (diff.type.startsWith("command:")) {
            restarts.push(...scriptRestarts(diff, cluster, context));
        } else {
            restarts.push(...objectRestarts(diff, cluster, context));
        }
    }
    return { restarts, pending, unknownCharts: [...unknown] };
}

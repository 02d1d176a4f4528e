// Reads a recorded program as a graph: durations under the latency model, and each resource's cluster, component and host.
import { RecordedResource } from "../engine/recorder";
import { unwrapSecrets } from "../engine/secret-values";
import { GraphNode } from "./critical-path";
import { LatencyModel, durationOf } from "./model";

/** The recorded graph with durations (node per resource, registration order). */
export function programNodes(records: readonly RecordedResource[], model: LatencyModel): GraphNode[] {
    return records.map((record) => ({ urn: record.urn, seconds: durationOf(record.type, record.name, model), dependencies: record.dependencies }));
}

/** The type tokens of a resource's parent chain, outermost first, from its real-engine URN (`a$b$type`). */
export function parentTypes(urn: string): string[] {
    const qualified = urn.split("::")[2] ?? "";
    return qualified.split("$").slice(0, -1);
}

/** The innermost component of the chain whose type is one of `known` (e.g. `multicluster:cilium:CiliumInstall`). */
export function componentOf(urn: string, known: ReadonlySet<string>): string | undefined {
    return parentTypes(urn).reverse().find((type) => known.has(type));
}

/** Cluster name by Kubernetes provider URN (from `clusterIdentifier` `<name>@<incarnation>`). */
export function providerClusters(records: readonly RecordedResource[]): Map<string, string> {
    return new Map(records
        .filter((record) => record.type === "pulumi:providers:kubernetes")
        .map((record) => [record.urn, String(unwrapSecrets(record.inputs.clusterIdentifier) ?? record.name).split("@")[0]]));
}

/**
 * Finds which cluster a resource belongs to: its provider's cluster, else the first cluster name in its resource
 * name, else (a local command) the cluster whose readiness step (`<cluster>-ready`, `<cluster>-kubeconfig`) it waits on.
 */
export class ClusterResolver {
    private readonly byProvider: Map<string, string>;
    private readonly byUrn: Map<string, RecordedResource>;
    private readonly names: readonly string[];

    constructor(records: readonly RecordedResource[], clusterNames: readonly string[]) {
        this.byProvider = providerClusters(records);
        this.byUrn = new Map(records.map((record) => [record.urn, record]));
        // Longest first, so `east-2` is not taken for `east`.
        this.names = [...clusterNames].sort((a, b) => b.length - a.length);
    }

    /** The cluster of `record`, or undefined for stack-wide resources (a shared CA, a manifest download). */
    clusterOf(record: RecordedResource): string | undefined {
        const viaProvider = record.provider ? this.byProvider.get(record.provider) : undefined;
        return viaProvider ?? this.named(record.name) ?? (record.type === "command:local:Command" ? this.waitedOn(record) : undefined);
    }

    private waitedOn(record: RecordedResource): string | undefined {
        const clusters = new Set(record.dependencies.flatMap((urn) => {
            const name = this.byUrn.get(urn)?.name ?? "";
            const cluster = /-(ready|kubeconfig)$/.test(name) ? this.named(name) : undefined;
            return cluster === undefined ? [] : [cluster];
        }));
        return clusters.size === 1 ? [...clusters][0] : undefined;
    }

    /** The cluster named first in `name` (as a whole dash-separated part). */
    named(name: string): string | undefined {
        let best: { cluster: string; at: number } | undefined;
        for (const cluster of this.names) {
            const at = `-${name}-`.indexOf(`-${cluster}-`);
            if (at >= 0 && (best === undefined || at < best.at)) {
                best = { cluster, at };
            }
        }
        return best?.cluster;
    }
}

/** The SSH host a remote command runs on (its `connection.host`, read from the secret connection in memory only). */
export function hostOf(record: RecordedResource): string | undefined {
    const connection = unwrapSecrets(record.inputs.connection) as { host?: unknown } | undefined;
    return typeof connection?.host === "string" ? connection.host : undefined;
}

// The Helm release helper every area uses: pinned chart, typed values, the cluster's provider, a values checksum.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { inClusterOptions } from "./cluster-access";
import { sha256 } from "./shell";
import { isPlainObject } from "./values-merge";

/** Where a chart comes from and how its release is named. */
export interface HelmChartRef {
    /** Chart name in the repository. */
    readonly chart: string;
    /** Chart repository URL. */
    readonly repo: string;
    /** Helm release name. */
    readonly releaseName: string;
    /** Namespace of the release. */
    readonly namespace: string;
}

/** Inputs of {@link helmRelease}. */
export interface HelmReleaseArgs {
    /** The cluster to install into. */
    readonly cluster: Cluster;
    /** The chart and release. */
    readonly chart: HelmChartRef;
    /** Pinned chart version. */
    readonly version: string;
    /** Rendered values (plain objects; Outputs allowed as leaves). */
    readonly values: object;
    /** Let Helm create the namespace (only for namespaces nothing else manages); @default false. */
    readonly createNamespace?: boolean;
    /** What the release waits for besides the cluster. */
    readonly dependsOn?: readonly pulumi.Input<pulumi.Resource>[];
    /** Skip Helm's own await (a later bounded wait script checks instead); @default true. */
    readonly skipAwait?: boolean;
}

/**
 * A `helm.v3.Release` (the Helm SDK, so chart hooks run) with the cluster's provider, `ready` as a dependency
 * and `parent` as its parent. Releases keep 10 revisions of history.
 */
export function helmRelease(name: string, args: HelmReleaseArgs, parent: pulumi.Resource): k8s.helm.v3.Release {
    return new k8s.helm.v3.Release(
        name,
        {
            name: args.chart.releaseName,
            chart: args.chart.chart,
            version: args.version,
            repositoryOpts: { repo: args.chart.repo },
            namespace: args.chart.namespace,
            createNamespace: args.createNamespace ?? false,
            values: { ...args.values },
            skipAwait: args.skipAwait ?? true,
            maxHistory: 10,
        },
        inClusterOptions(args.cluster, parent, { dependsOn: [...(args.dependsOn ?? [])] }),
    );
}

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function stableJson(value: unknown): string {
    return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(sortKeys);
    }
    if (isPlainObject(value)) {
        return Object.fromEntries(
            Object.keys(value)
                .sort()
                .map((key) => [key, sortKeys(value[key])]),
        );
    }
    return value;
}

/**
 * SHA-256 of a release's values (Outputs resolved; secret when they hold secrets). Wait scripts and gates put
 * it in `triggers`, so they re-run whenever the values change (e.g. encryption switched on).
 */
export function valuesChecksum(values: pulumi.Input<object>): pulumi.Output<string> {
    return pulumi.output(values).apply((resolved) => sha256(stableJson(resolved)));
}

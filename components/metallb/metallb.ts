// MetalLB: the chart, then (once its webhook serves) the cluster's address pools and their L2 advertisement.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { inClusterOptions } from "../shared/cluster-access";
import { helmRelease, valuesChecksum } from "../shared/helm";
import { DEFAULT_WAIT_SECONDS, clusterScript } from "../shared/kubectl-wait";
import { ConfigValidationError } from "../shared/validation";
import { webhookReadyScript } from "./health";
import {
    METALLB_CHART,
    MetalLbManifest,
    ReservedAddress,
    addressPools,
    l2Advertisement,
    metallbNamespace,
    metallbValues,
} from "./manifests";
import { metallbIssues } from "./validate";
import { defaultVersions } from "../versions";

/** Inputs of {@link MetalLB}. */
export interface MetalLBArgs {
    /** The cluster. */
    readonly cluster: Cluster;
    /** Chart version; @default `defaultVersions.metallb` (components/versions.ts). */
    readonly version?: string;
    /** The cluster's LoadBalancer pools (CIDRs or first-last ranges; disjoint from every other cluster's). */
    readonly pools: readonly string[];
    /** Addresses kept for particular Services (e.g. the Linkerd gateway), never handed out automatically. */
    readonly reserved?: readonly ReservedAddress[];
    /** Extra chart values, merged last. */
    readonly values?: Readonly<Record<string, unknown>>;
    /** What the chart waits for (the CNI). */
    readonly dependsOn?: readonly pulumi.Resource[];
    /** Bound of the webhook wait; @default 600 s. */
    readonly timeoutSeconds?: number;
}

/**
 * MetalLB in L2 mode for one cluster: its namespace (privileged Pod Security labels), the chart, a wait until the
 * validating webhook answers a dry run, and only then the IPAddressPools (`default`, plus `reserved-<name>`
 * one-address pools) and the L2Advertisement of those pools.
 */
export class MetalLB extends pulumi.ComponentResource {
    /** The Helm release. */
    readonly release: k8s.helm.v3.Release;
    /** Waits until the webhook serves. */
    readonly webhookReady: command.local.Command;
    /** The pools and the advertisement. */
    readonly objects: readonly k8s.apiextensions.CustomResource[];
    /** What resources that need LoadBalancer addresses must depend on. */
    readonly ready: readonly pulumi.Resource[];

    constructor(name: string, args: MetalLBArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = metallbIssues(args.pools, args.reserved, args.values);
        if (problems.length > 0) {
            throw new ConfigValidationError(`MetalLB ${name}`, problems);
        }
        super("multicluster:metallb:MetalLB", name, {}, opts);
        const { cluster } = args;
        const namespace = new k8s.core.v1.Namespace(
            `${name}-namespace`,
            metallbNamespace(),
            inClusterOptions(cluster, this, { dependsOn: [...(args.dependsOn ?? [])] }),
        );
        const values = metallbValues(args.values);
        this.release = helmRelease(
            `${name}-release`,
            {
                cluster,
                chart: METALLB_CHART,
                version: args.version ?? defaultVersions.metallb,
                values,
                dependsOn: [namespace, ...(args.dependsOn ?? [])],
            },
            this,
        );
        this.webhookReady = clusterScript(
            `${name}-webhook`,
            {
                cluster,
                script: webhookReadyScript({ cluster: cluster.name, timeoutSeconds: args.timeoutSeconds ?? DEFAULT_WAIT_SECONDS }),
                dependsOn: [this.release],
                triggers: [valuesChecksum(values), args.version],
            },
            this,
        );
        const pools = addressPools(args.pools, args.reserved ?? []);
        const objects = [...pools, l2Advertisement(pools.map((pool) => pool.metadata.name))];
        this.objects = objects.map((manifest) => this.object(`${name}-${kebab(manifest)}`, manifest, cluster));
        this.ready = [...this.objects];
        this.registerOutputs({ pools: pools.map((pool) => pool.metadata.name) });
    }

    private object(resourceName: string, manifest: MetalLbManifest, cluster: Cluster): k8s.apiextensions.CustomResource {
        return new k8s.apiextensions.CustomResource(
            resourceName,
            { ...manifest },
            inClusterOptions(cluster, this, { dependsOn: [this.webhookReady] }),
        );
    }
}

/** `pool-default`, `pool-reserved-linkerd-gateway`, `l2-default`: child names that follow the object. */
function kebab(manifest: MetalLbManifest): string {
    return `${manifest.kind === "IPAddressPool" ? "pool" : "l2"}-${manifest.metadata.name}`;
}

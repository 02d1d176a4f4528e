// AviIngress: AKO in one cluster from the published chart, credentials as secrets, then a wait until it runs.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { clusterAccess, inClusterOptions } from "../shared/cluster-access";
import { optionDependencies } from "../shared/schema-types";
import { helmRelease, valuesChecksum } from "../shared/helm";
import { DEFAULT_WAIT_SECONDS, clusterScript } from "../shared/kubectl-wait";
import { ConfigValidationError } from "../shared/validation";
import { restartGateScript } from "./health";
import { AkoSettings } from "./types";
import { validateAko } from "./validate";
import { AKO_CHART, akoValues } from "./values";
import { defaultVersions } from "../versions";

/**
 * Inputs of {@link AviIngress}. What AKO waits for besides the cluster goes in `opts.dependsOn`: its CNI only (with
 * NodePortLocal, the Antrea install that enables NPL).
 */
export interface AviIngressArgs {
    /** The cluster, as data or a provisioner's (a `kubernetes` provider in `opts.providers` wins). */
    readonly cluster: Cluster;
    /** AKO chart version; plain: known at preview; @default `defaultVersions.ako` (components/versions.ts). */
    readonly version?: string;
    /** AKO settings. */
    readonly settings: AkoSettings;
    /** The controller password (a secret); unset: AKO reads a pre-created `avi-secret`. */
    readonly password?: pulumi.Input<string>;
    /** Bound of the wait until AKO runs; plain: known at preview; @default 600 s. */
    readonly readyTimeoutSeconds?: number;
}

/** What resources that need AKO must depend on, per AviIngress (TypeScript only: the schema carries no resource list). */
const readiness = new WeakMap<AviIngress, pulumi.Resource[]>();

/**
 * AKO (AVI Kubernetes Operator) in `avi-system`: Ingresses and LoadBalancer Services of the cluster become AVI
 * virtual services. The password travels only inside the release values (secret), from which the chart renders
 * `avi-secret`; with NodePortLocal the pools point at Antrea's per-Pod Node ports.
 */
export class AviIngress extends pulumi.ComponentResource {
    /** Namespace `avi-system` (AMKO, when federated, runs there too). */
    readonly namespace: k8s.core.v1.Namespace;
    /** The Helm release `ako`. */
    readonly release: k8s.helm.v3.Release;
    /** Restarts AKO (it reads its ConfigMap and `avi-secret` only at start) and waits until it runs; re-runs when the values change. */
    readonly running: command.local.Command;

    constructor(name: string, args: AviIngressArgs, opts?: pulumi.ComponentResourceOptions) {
        const version = args.version ?? defaultVersions.ako;
        const issues = validateAko(args.settings, { ingress: "settings", cni: "settings.cniPlugin" }, { version });
        if (issues.length > 0) {
            throw new ConfigValidationError(`AviIngress ${name}`, issues);
        }
        super("multicluster:avi:AviIngress", name, {}, opts);
        const cluster = clusterAccess(args.cluster, this, name, { opts });
        const dependsOn = optionDependencies(opts);
        this.namespace = new k8s.core.v1.Namespace(
            `${name}-namespace`,
            { metadata: { name: AKO_CHART.namespace } },
            inClusterOptions(cluster, this, { dependsOn }),
        );
        const values = akoValues(args.settings, args.password === undefined ? undefined : pulumi.secret(args.password));
        // After opts.dependsOn through the namespace (helmRelease takes resources, not the Inputs opts may hold).
        this.release = helmRelease(`${name}-release`, { cluster, chart: AKO_CHART, version, values, dependsOn: [this.namespace] }, this);
        this.running = clusterScript(
            `${name}-running`,
            {
                cluster,
                script: restartGateScript({
                    cluster: cluster.name,
                    what: "AKO",
                    timeoutSeconds: args.readyTimeoutSeconds ?? DEFAULT_WAIT_SECONDS,
                    statefulSet: { name: "ako", namespace: AKO_CHART.namespace },
                }),
                dependsOn: [this.release],
                triggers: [valuesChecksum(values), args.version],
            },
            this,
        );
        readiness.set(this, [this.namespace, this.release, this.running]);
        this.registerOutputs({ releaseName: this.release.name, chartVersion: version, clusterName: cluster.name });
    }

    /** What resources that need AKO must depend on. */
    get ready(): readonly pulumi.Resource[] {
        return readiness.get(this) ?? [];
    }
}

// IngressController: a maintained ingress controller (Traefik) or the legacy ingress-nginx, meshed with Linkerd when asked.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { ClusterAccess, clusterAccess, inClusterOptions } from "../shared/cluster-access";
import { JsonObject, optionDependencies } from "../shared/schema-types";
import { helmRelease, valuesChecksum } from "../shared/helm";
import { DEFAULT_WAIT_SECONDS, clusterScript } from "../shared/kubectl-wait";
import { ConfigValidationError } from "../shared/validation";
import {
    INGRESS_CONTROLLERS,
    INGRESS_NGINX_RETIRED,
    IngressControllerKind,
    IngressControllerSpec,
    ingressValues,
    ownedIngressValueIssues,
} from "./values";
import { ingressReadyScript } from "./health";
import { Defaulted } from "../shared/defaults";
import { defaultVersions } from "../versions";

/** Inputs of {@link IngressController}. */
export interface IngressControllerArgs {
    /** The cluster: plain Cluster data or a provisioner. */
    readonly cluster: Cluster;
    /** Which controller; `ingress-nginx` is legacy and warns; plain: known at preview. */
    readonly kind: IngressControllerKind;
    /** Chart version; @default the kind's pin, `defaultVersions.traefik` or `defaultVersions.ingressNginx` (components/versions.ts); plain: known at preview. */
    readonly version?: string;
    /** Mesh its pods with Linkerd (pass the Linkerd install's `ready` in `opts.dependsOn`, so the injector serves first); @default false. */
    readonly meshed?: boolean;
    /** Extra chart values, merged last. */
    readonly values?: JsonObject;
    /** Bound of the wait; @default 600 s. */
    readonly timeoutSeconds?: number;
}

/** The controller's args with the version and `meshed` decided, the cluster's access, and what `opts.dependsOn` names. */
interface ResolvedControllerArgs extends Omit<Defaulted<IngressControllerArgs, "version" | "meshed">, "cluster"> {
    /** The cluster with its provider and readiness. */
    readonly cluster: ClusterAccess;
    /** What the first objects wait for besides the cluster. */
    readonly after: pulumi.Input<pulumi.Resource>[];
}

/**
 * One cluster's ingress controller behind a LoadBalancer Service: its namespace (privileged when meshed, as
 * linkerd-init needs NET_ADMIN), the chart, and a wait until it serves (meshed pods checked for their proxy).
 * What it waits for besides the cluster (Linkerd, the load balancer) comes in `opts.dependsOn`.
 */
export class IngressController extends pulumi.ComponentResource {
    /** Which controller. */
    readonly kind: IngressControllerKind;
    /** The IngressClass it serves. */
    readonly className: string;
    /** The Helm release. */
    readonly release: k8s.helm.v3.Release;
    /** The wait. */
    readonly running: command.local.Command;

    constructor(name: string, args: IngressControllerArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = ownedIngressValueIssues(args.kind, args.values);
        if (problems.length > 0) {
            throw new ConfigValidationError(`IngressController ${name}`, problems);
        }
        super("multicluster:ingress:IngressController", name, {}, opts);
        const resolved: ResolvedControllerArgs = {
            ...args,
            version: args.version ?? (args.kind === "traefik" ? defaultVersions.traefik : defaultVersions.ingressNginx),
            meshed: args.meshed ?? false,
            cluster: clusterAccess(args.cluster, this, name, { opts }),
            after: optionDependencies(opts),
        };
        if (args.kind === "ingress-nginx") {
            pulumi.log.warn(INGRESS_NGINX_RETIRED, this);
        }
        this.kind = args.kind;
        this.className = this.spec.className;
        const namespace = this.createNamespace(name, resolved);
        const values = ingressValues(args.kind, resolved.meshed, args.values);
        const dependsOn = [namespace, ...resolved.after];
        this.release = helmRelease(
            `${name}-release`,
            { cluster: resolved.cluster, chart: this.spec.chart, version: resolved.version, values, dependsOn },
            this,
        );
        this.running = this.createWait(name, resolved, values);
        this.registerOutputs({ kind: args.kind, className: this.spec.className, meshed: resolved.meshed });
    }

    /** What is known about the controller: IngressClass, annotations an Ingress needs for Linkerd (TypeScript only). */
    get spec(): IngressControllerSpec {
        return INGRESS_CONTROLLERS[this.kind];
    }

    /** What Ingresses must depend on (TypeScript only). */
    get ready(): readonly pulumi.Resource[] {
        return [this.running];
    }

    /** The controller's namespace, privileged when meshed (linkerd-init needs NET_ADMIN). */
    private createNamespace(name: string, args: ResolvedControllerArgs): k8s.core.v1.Namespace {
        return new k8s.core.v1.Namespace(
            `${name}-namespace`,
            {
                metadata: {
                    name: this.spec.chart.namespace,
                    labels: args.meshed ? { "pod-security.kubernetes.io/enforce": "privileged" } : {},
                },
            },
            inClusterOptions(args.cluster, this, { dependsOn: args.after }),
        );
    }

    /** The wait until the controller serves, after the release; re-run when the chart version or values change. */
    private createWait(name: string, args: ResolvedControllerArgs, values: Record<string, unknown>): command.local.Command {
        return clusterScript(
            `${name}-running`,
            {
                cluster: args.cluster,
                script: ingressReadyScript({
                    cluster: args.cluster.name,
                    kind: args.kind,
                    meshed: args.meshed,
                    timeoutSeconds: args.timeoutSeconds ?? DEFAULT_WAIT_SECONDS,
                }),
                dependsOn: [this.release],
                triggers: [valuesChecksum(values), args.version],
            },
            this,
        );
    }
}

// IngressController: a maintained ingress controller (Traefik) or the legacy ingress-nginx, meshed with Linkerd when asked.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { inClusterOptions } from "../shared/cluster-access";
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
    /** The cluster. */
    readonly cluster: Cluster;
    /** Which controller; `ingress-nginx` is legacy and warns. */
    readonly kind: IngressControllerKind;
    /** Chart version; @default the kind's pin, `defaultVersions.traefik` or `defaultVersions.ingressNginx` (components/versions.ts). */
    readonly version?: string;
    /** Mesh its pods with Linkerd (pass the Linkerd install's `ready` in `dependsOn`, so the injector serves first); @default false. */
    readonly meshed?: boolean;
    /** Extra chart values, merged last. */
    readonly values?: Readonly<Record<string, unknown>>;
    /** What the controller waits for (Linkerd, the load balancer). */
    readonly dependsOn?: readonly pulumi.Resource[];
    /** Bound of the wait; @default 600 s. */
    readonly timeoutSeconds?: number;
}

/** The controller's args with the version and `meshed` decided. */
type ResolvedControllerArgs = Defaulted<IngressControllerArgs, "version" | "meshed">;

/**
 * One cluster's ingress controller behind a LoadBalancer Service: its namespace (privileged when meshed, as
 * linkerd-init needs NET_ADMIN), the chart, and a wait until it serves (meshed pods checked for their proxy).
 */
export class IngressController extends pulumi.ComponentResource {
    /** What is known about the controller (IngressClass, annotations an Ingress needs for Linkerd). */
    readonly spec: IngressControllerSpec;
    /** The Helm release. */
    readonly release: k8s.helm.v3.Release;
    /** The wait. */
    readonly running: command.local.Command;
    /** What Ingresses must depend on. */
    readonly ready: readonly pulumi.Resource[];

    constructor(name: string, given: IngressControllerArgs, opts?: pulumi.ComponentResourceOptions) {
        const args: ResolvedControllerArgs = {
            ...given,
            version: given.version ?? (given.kind === "traefik" ? defaultVersions.traefik : defaultVersions.ingressNginx),
            meshed: given.meshed ?? false,
        };
        const problems = ownedIngressValueIssues(args.kind, args.values);
        if (problems.length > 0) {
            throw new ConfigValidationError(`IngressController ${name}`, problems);
        }
        super("multicluster:ingress:IngressController", name, {}, opts);
        if (args.kind === "ingress-nginx") {
            pulumi.log.warn(INGRESS_NGINX_RETIRED, this);
        }
        const { cluster } = args;
        this.spec = INGRESS_CONTROLLERS[args.kind];
        const after = [...(args.dependsOn ?? [])];
        const namespace = this.createNamespace(name, args, after);
        const values = ingressValues(args.kind, args.meshed, args.values);
        this.release = helmRelease(
            `${name}-release`,
            {
                cluster,
                chart: this.spec.chart,
                version: args.version,
                values,
                dependsOn: [namespace, ...after],
            },
            this,
        );
        this.running = this.createWait(name, args, values);
        this.ready = [this.running];
        this.registerOutputs({ kind: args.kind, className: this.spec.className, meshed: args.meshed });
    }

    /** The controller's namespace, privileged when meshed (linkerd-init needs NET_ADMIN). */
    private createNamespace(name: string, args: ResolvedControllerArgs, after: pulumi.Resource[]): k8s.core.v1.Namespace {
        return new k8s.core.v1.Namespace(
            `${name}-namespace`,
            {
                metadata: {
                    name: this.spec.chart.namespace,
                    labels: args.meshed ? { "pod-security.kubernetes.io/enforce": "privileged" } : {},
                },
            },
            inClusterOptions(args.cluster, this, { dependsOn: after }),
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

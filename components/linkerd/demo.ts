// LinkerdDemo (seed 003's podinfo/frontend in one cluster, podinfo exported, a 50/50 split) and LinkerdDemoProof (it answers from every cluster).
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster, inClusterOptions } from "../cluster";
import { DEFAULT_WAIT_SECONDS, clusterScript } from "../shared/kubectl-wait";
import { ConfigValidationError } from "../shared/validation";
import { demoIssues } from "./demo-checks";
import { demoProofScript } from "./demo-health";
import { DemoIngress, demoIngress, demoManifests } from "./demo-manifests";

/** Inputs of {@link LinkerdDemo}. */
export interface LinkerdDemoArgs {
    /** The cluster (Linkerd installed: pass its `ready` as `dependsOn`). */
    readonly cluster: Cluster;
    /** The clusters it mirrors: their podinfo mirrors share the split with the local podinfo. */
    readonly peers: readonly string[];
    /** The ingress controller in front of the frontend, if any. */
    readonly ingress?: DemoIngress;
    /** What the demo waits for (the Linkerd install). */
    readonly dependsOn?: readonly pulumi.Resource[];
}

/**
 * The demo of one cluster: podinfo (answering "greetings from <cluster>") exported to every linked cluster, the
 * apex `podinfo-split` (never exported) split by an HTTPRoute over the local podinfo and the peers' mirrors, an nginx
 * frontend that calls the apex, and an Ingress to it when a controller is given. `LinkerdDemoProof` proves it.
 */
export class LinkerdDemo extends pulumi.ComponentResource {
    /** The exported podinfo Service. */
    readonly podinfo: k8s.core.v1.Service;
    /** The HTTPRoute of the split (absent without peers). */
    readonly route?: k8s.apiextensions.CustomResource;
    /** What the proof waits for in this cluster: the workloads, the route and the Ingress. */
    readonly ready: readonly pulumi.Resource[];

    constructor(name: string, args: LinkerdDemoArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = demoIssues(args.cluster.name, args.peers);
        if (problems.length > 0) {
            throw new ConfigValidationError(`LinkerdDemo ${name}`, problems);
        }
        super("multicluster:linkerd:LinkerdDemo", name, {}, opts);
        const { cluster } = args;
        const manifests = demoManifests(cluster.name, args.peers, args.ingress?.serviceAnnotations);
        const options = (dependsOn: readonly pulumi.Resource[]) =>
            inClusterOptions(cluster, this, { dependsOn: [...(args.dependsOn ?? []), ...dependsOn] });
        const namespace = new k8s.core.v1.Namespace(`${name}-namespace`, manifests.namespace, options([]));
        const [podinfoDeployment, frontendDeployment] = manifests.deployments;
        const podinfo = new k8s.apps.v1.Deployment(`${name}-podinfo`, podinfoDeployment, options([namespace]));
        this.podinfo = new k8s.core.v1.Service(`${name}-podinfo-service`, manifests.podinfoService, options([namespace]));
        const apex = new k8s.core.v1.Service(`${name}-apex`, manifests.apexService, options([namespace]));
        this.route = manifests.route
            ? new k8s.apiextensions.CustomResource(`${name}-split`, { ...manifests.route } as k8s.apiextensions.CustomResourceArgs, options([apex]))
            : undefined;
        const config = new k8s.core.v1.ConfigMap(`${name}-frontend-config`, manifests.frontendConfig, options([namespace]));
        const frontend = new k8s.apps.v1.Deployment(`${name}-frontend`, frontendDeployment, options([config, apex]));
        const frontendService = new k8s.core.v1.Service(`${name}-frontend-service`, manifests.frontendService, options([namespace]));
        const ingress = args.ingress
            ? new k8s.networking.v1.Ingress(`${name}-ingress`, demoIngress(args.ingress), options([frontendService]))
            : undefined;
        this.ready = [podinfo, this.podinfo, frontend, ...(this.route ? [this.route] : []), ...(ingress ? [ingress] : [])];
        this.registerOutputs({ apex: "podinfo-split", peers: [...args.peers].sort() });
    }
}

/** Inputs of {@link LinkerdDemoProof}. */
export interface LinkerdDemoProofArgs {
    /** The cluster the requests start in. */
    readonly cluster: Cluster;
    /** The clusters it mirrors (each must answer). */
    readonly peers: readonly string[];
    /** What the proof waits for: this cluster's demo, the peers' exported podinfo, the links' gates, the ingress. */
    readonly dependsOn: readonly pulumi.Resource[];
    /** Bound of the proof; @default 600 s. */
    readonly timeoutSeconds?: number;
}

/**
 * The proof of one cluster's demo (`<name>-requests`): requests from its frontend through `podinfo-split` are
 * answered by this cluster and by every peer; re-run when the peers change.
 */
export class LinkerdDemoProof extends pulumi.ComponentResource {
    /** The bounded request loop. */
    readonly requests: command.local.Command;

    constructor(name: string, args: LinkerdDemoProofArgs, opts?: pulumi.ComponentResourceOptions) {
        super("multicluster:linkerd:LinkerdDemoProof", name, {}, opts);
        this.requests = clusterScript(`${name}-requests`, {
            cluster: args.cluster,
            script: demoProofScript({ cluster: args.cluster.name, peers: args.peers, timeoutSeconds: args.timeoutSeconds ?? DEFAULT_WAIT_SECONDS }),
            dependsOn: args.dependsOn,
            triggers: [[...args.peers].sort().join(",")],
        }, this);
        this.registerOutputs({ peers: [...args.peers].sort() });
    }
}

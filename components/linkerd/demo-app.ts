// LinkerdDemo (seed 003's podinfo/frontend in one cluster, podinfo exported, a 50/50 split) and LinkerdDemoProof (it answers from every cluster).
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { clusterAccess, inClusterOptions } from "../shared/cluster-access";
import { stableJson } from "../shared/helm";
import { DEFAULT_WAIT_SECONDS, clusterScript } from "../shared/kubectl-wait";
import { sha256 } from "../shared/shell";
import { ConfigValidationError, issue } from "../shared/validation";
import { urlProblem } from "../shared/value-kinds";
import { demoIngressIssues, demoIssues } from "./demo-checks";
import { demoProofScript } from "./demo-proof";
import { DemoIngress, demoIngress, demoManifests, demoSplit } from "./demo";
import { splitRoute, splitWeights } from "./split";

/** Inputs of {@link LinkerdDemo}. */
export interface LinkerdDemoArgs {
    /** The cluster: plain Cluster data or a provisioner (Linkerd installed: pass its `ready` as `dependsOn`). */
    readonly cluster: Cluster;
    /** The clusters it mirrors: their podinfo mirrors share the split with the local podinfo. */
    readonly peers: readonly string[];
    /** The ingress controller in front of the frontend, if any. */
    readonly ingress?: DemoIngress;
    /**
     * What the Ingress waits for: its controller serving (`IngressController.ready`). pulumi-kubernetes awaits an Ingress
     * until `.status.loadBalancer.ingress` is set, which only the controller writes (Traefik `publishedService`).
     */
    readonly ingressReady?: readonly pulumi.Resource[];
    /** The split's weight per cluster (this one and its peers); @default equal shares. */
    readonly weights?: Readonly<Record<string, number>>;
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
        const problems = [...demoIssues(args.cluster.name, args.peers, args.weights), ...demoIngressIssues(args.ingress)];
        if (problems.length > 0) {
            throw new ConfigValidationError(`LinkerdDemo ${name}`, problems);
        }
        super("multicluster:linkerd:LinkerdDemo", name, {}, opts);
        const cluster = clusterAccess(args.cluster, this, name, { opts });
        const manifests = demoManifests(cluster.name, args.peers, args.ingress?.serviceAnnotations, args.weights);
        const options = (dependsOn: readonly pulumi.Resource[]) =>
            inClusterOptions(cluster, this, { dependsOn: [...(args.dependsOn ?? []), ...dependsOn] });
        const namespace = new k8s.core.v1.Namespace(`${name}-namespace`, manifests.namespace, options([]));
        const [podinfoDeployment, frontendDeployment] = manifests.deployments;
        const podinfo = new k8s.apps.v1.Deployment(`${name}-podinfo`, podinfoDeployment, options([namespace]));
        this.podinfo = new k8s.core.v1.Service(`${name}-podinfo-service`, manifests.podinfoService, options([namespace]));
        const apex = new k8s.core.v1.Service(`${name}-apex`, manifests.apexService, options([namespace]));
        this.route = manifests.route
            ? new k8s.apiextensions.CustomResource(
                  `${name}-split`,
                  { ...manifests.route } as k8s.apiextensions.CustomResourceArgs,
                  options([apex]),
              )
            : undefined;
        const config = new k8s.core.v1.ConfigMap(`${name}-frontend-config`, manifests.frontendConfig, options([namespace]));
        const frontend = new k8s.apps.v1.Deployment(`${name}-frontend`, frontendDeployment, options([config, apex]));
        const frontendService = new k8s.core.v1.Service(`${name}-frontend-service`, manifests.frontendService, options([namespace]));
        const ingress = args.ingress
            ? new k8s.networking.v1.Ingress(
                  `${name}-ingress`,
                  demoIngress(args.ingress),
                  options([frontendService, ...(args.ingressReady ?? [])]),
              )
            : undefined;
        this.ready = [podinfo, this.podinfo, frontend, ...(this.route ? [this.route] : []), ...(ingress ? [ingress] : [])];
        this.registerOutputs({ apex: "podinfo-split", peers: [...args.peers].sort() });
    }
}

/** Inputs of {@link LinkerdDemoProof}. */
export interface LinkerdDemoProofArgs {
    /** The cluster the requests start in. */
    readonly cluster: Cluster;
    /** The clusters it mirrors (each with a share of the split must answer). */
    readonly peers: readonly string[];
    /** The split's weights, as given to the demo; @default equal shares. */
    readonly weights?: Readonly<Record<string, number>>;
    /** The ingress controller's in-cluster URL (`DemoIngress.url`): the requests cross it; none: they go to the frontend. */
    readonly ingressUrl?: string;
    /** What the proof waits for: this cluster's demo, the peers' exported podinfo, the links' gates, the ingress. */
    readonly dependsOn: readonly pulumi.Resource[];
    /** Bound of the proof; @default 600 s. */
    readonly timeoutSeconds?: number;
    /** What else the proof vouches for (e.g. the mesh's chart version): a change re-runs it. */
    readonly triggers?: readonly pulumi.Input<unknown>[];
}

/**
 * The proof of one cluster's demo (`<name>-requests`): requests from its frontend pod, through the ingress when one is
 * given, then the frontend and `podinfo-split`, are answered by this cluster and by every peer with a share of the
 * split; re-run when the peers, the route (its backends and weights), the ingress or its `triggers` change.
 */
export class LinkerdDemoProof extends pulumi.ComponentResource {
    /** The bounded request loop. */
    readonly requests: command.local.Command;

    constructor(name: string, args: LinkerdDemoProofArgs, opts?: pulumi.ComponentResourceOptions) {
        const bad = args.ingressUrl === undefined ? undefined : urlProblem(args.ingressUrl, { schemes: ["http"] });
        if (bad) {
            throw new ConfigValidationError(`LinkerdDemoProof ${name}`, [issue("ingressUrl", args.ingressUrl, bad.problem, bad.fix)]);
        }
        super("multicluster:linkerd:LinkerdDemoProof", name, {}, opts);
        const peers = [...args.peers].sort();
        const split = demoSplit(args.cluster.name, peers, args.weights);
        const weights = splitWeights(split);
        this.requests = clusterScript(
            `${name}-requests`,
            {
                cluster: clusterAccess(args.cluster, this, name, { opts }),
                script: demoProofScript({
                    cluster: args.cluster.name,
                    peers,
                    expected: Object.keys(weights).filter((cluster) => weights[cluster] > 0),
                    ingressUrl: args.ingressUrl,
                    timeoutSeconds: args.timeoutSeconds ?? DEFAULT_WAIT_SECONDS,
                }),
                dependsOn: args.dependsOn,
                triggers: [
                    peers.join(","),
                    sha256(stableJson(peers.length > 0 ? splitRoute(split) : {})),
                    args.ingressUrl ?? "",
                    ...(args.triggers ?? []),
                ],
            },
            this,
        );
        this.registerOutputs({ peers, ingressUrl: args.ingressUrl ?? null });
    }
}

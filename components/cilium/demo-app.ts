// ClusterMeshDemo: the rebel-base / x-wing global-service demo of the seed, in one cluster of a mesh.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { clusterAccess, inClusterOptions } from "../shared/cluster-access";
import { optionDependencies } from "../shared/schema-types";
import { DEFAULT_WAIT_SECONDS, clusterScript } from "../shared/kubectl-wait";
import { clusterMeshDemoIngress, demoManifests } from "./demo";
import { demoProofScript } from "./demo-proof";

/** Inputs of {@link ClusterMeshDemo}; what its objects wait for besides the cluster (the CNI) goes in `opts.dependsOn`. */
export interface ClusterMeshDemoArgs {
    /** The cluster to deploy into (create one demo per mesh cluster). */
    readonly cluster: Cluster;
    /** Also an Ingress `rebel-base` through Cilium's ingress controller (needs it on). */
    readonly ingress?: boolean;
}

/**
 * The demo of one cluster: rebel-base answers with its cluster's name behind the global Service
 * `rebel-base`; from x-wing, `curl rebel-base.clustermesh-demo` answers from every cluster of the mesh. The
 * objects need only the CNI; {@link ClusterMeshDemoProof} checks that every cluster answers.
 */
export class ClusterMeshDemo extends pulumi.ComponentResource {
    /** The global Service. */
    readonly service: k8s.core.v1.Service;
    /** rebel-base, which answers for this cluster (peers' proofs wait for it). */
    readonly rebelBase: k8s.apps.v1.Deployment;
    /** What a proof in this cluster waits for of the demo itself. */
    readonly ready: readonly pulumi.Resource[];

    constructor(name: string, args: ClusterMeshDemoArgs, opts?: pulumi.ComponentResourceOptions) {
        super("multicluster:cilium:ClusterMeshDemo", name, {}, opts);
        const cluster = clusterAccess(args.cluster, this, name, { opts });
        const manifests = demoManifests(cluster.name);
        const options = (dependsOn: readonly pulumi.Resource[]) =>
            inClusterOptions(cluster, this, { dependsOn: [...optionDependencies(opts), ...dependsOn] });
        const namespace = new k8s.core.v1.Namespace(`${name}-namespace`, manifests.namespace, options([]));
        const configMap = new k8s.core.v1.ConfigMap(`${name}-response`, manifests.configMap, options([namespace]));
        const deployments = manifests.deployments.map(
            (deployment) => new k8s.apps.v1.Deployment(`${name}-${deployment.metadata.name}`, deployment, options([namespace, configMap])),
        );
        this.service = new k8s.core.v1.Service(`${name}-service`, manifests.service, options([namespace]));
        const ingress = args.ingress
            ? [new k8s.networking.v1.Ingress(`${name}-ingress`, clusterMeshDemoIngress(), options([namespace]))]
            : [];
        this.rebelBase = deployments[0];
        this.ready = [...deployments, this.service, ...ingress];
        this.registerOutputs({ service: this.service.metadata.name });
    }
}

/** Inputs of {@link ClusterMeshDemoProof}; this cluster's demo, every peer's rebel-base and the mesh gates go in `opts.dependsOn`. */
export interface ClusterMeshDemoProofArgs {
    /** The cluster the requests start in. */
    readonly cluster: Cluster;
    /** Every mesh cluster whose rebel-base must answer (this one included). */
    readonly expected: readonly string[];
    /** Overall bound; @default 600 s. */
    readonly timeoutSeconds?: number;
    /** Also prove the demo's Ingress through `cilium-ingress` (at its pinned `ip`, else at the Service's address). */
    readonly ingress?: { readonly ip?: string };
    /** What the proof vouches for besides this cluster (every release checksum, every peer's incarnation): a change re-runs it. */
    readonly triggers?: readonly pulumi.Input<unknown>[];
}

/** The demo's proof in one cluster: from x-wing, the global Service answers from every cluster (bounded). */
export class ClusterMeshDemoProof extends pulumi.ComponentResource {
    /** The proof script. */
    readonly proof: command.local.Command;

    constructor(name: string, args: ClusterMeshDemoProofArgs, opts?: pulumi.ComponentResourceOptions) {
        super("multicluster:cilium:ClusterMeshDemoProof", name, {}, opts);
        const cluster = clusterAccess(args.cluster, this, name, { opts });
        this.proof = clusterScript(
            `${name}-request`,
            {
                cluster,
                script: demoProofScript({
                    cluster: cluster.name,
                    expected: args.expected,
                    timeoutSeconds: args.timeoutSeconds ?? DEFAULT_WAIT_SECONDS,
                    ingress: args.ingress,
                }),
                dependsOn: optionDependencies(opts),
                triggers: args.triggers,
            },
            this,
        );
        this.registerOutputs({ expected: [...args.expected] });
    }
}

// ClusterMeshDemo: the rebel-base / x-wing global-service demo of the seed, in one cluster of a mesh.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster, inClusterOptions } from "../cluster";
import { DEFAULT_WAIT_SECONDS, clusterScript } from "../shared/kubectl-wait";
import { demoManifests } from "./demo";
import { demoProofScript } from "./demo-proof";

/** Inputs of {@link ClusterMeshDemo}. */
export interface ClusterMeshDemoArgs {
    /** The cluster to deploy into (create one demo per mesh cluster). */
    readonly cluster: Cluster;
    /** What the demo's objects wait for besides the cluster (the CNI). */
    readonly dependsOn?: readonly pulumi.Resource[];
    /** The proof: every mesh cluster (this one included) must answer through the global Service, after `after` (the mesh gates). */
    readonly proof?: { readonly expected: readonly string[]; readonly after: readonly pulumi.Resource[]; readonly timeoutSeconds?: number };
}

/**
 * The demo of one cluster: rebel-base answers with its cluster's name behind the global Service
 * `rebel-base`; from x-wing, `curl rebel-base.clustermesh-demo` answers from every cluster of the mesh. The
 * objects need only the CNI; the optional proof waits for the mesh and checks that every cluster answers.
 */
export class ClusterMeshDemo extends pulumi.ComponentResource {
    /** The global Service. */
    readonly service: k8s.core.v1.Service;
    /** The proof that every cluster answers, when asked for. */
    readonly proof?: command.local.Command;

    constructor(name: string, args: ClusterMeshDemoArgs, opts?: pulumi.ComponentResourceOptions) {
        super("multicluster:cilium:ClusterMeshDemo", name, {}, opts);
        const manifests = demoManifests(args.cluster.name);
        const options = (dependsOn: readonly pulumi.Resource[]) =>
            inClusterOptions(args.cluster, this, { dependsOn: [...(args.dependsOn ?? []), ...dependsOn] });
        const namespace = new k8s.core.v1.Namespace(`${name}-namespace`, manifests.namespace, options([]));
        const configMap = new k8s.core.v1.ConfigMap(`${name}-response`, manifests.configMap, options([namespace]));
        const deployments = manifests.deployments.map((deployment) => new k8s.apps.v1.Deployment(`${name}-${deployment.metadata.name}`,
            deployment, options([namespace, configMap])));
        this.service = new k8s.core.v1.Service(`${name}-service`, manifests.service, options([namespace]));
        const proof = args.proof;
        this.proof = proof && clusterScript(`${name}-proof`, {
            cluster: args.cluster,
            script: demoProofScript({ cluster: args.cluster.name, expected: proof.expected, timeoutSeconds: proof.timeoutSeconds ?? DEFAULT_WAIT_SECONDS }),
            dependsOn: [...deployments, this.service, ...proof.after],
        }, this);
        this.registerOutputs({ service: this.service.metadata.name });
    }
}

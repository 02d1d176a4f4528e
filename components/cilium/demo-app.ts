// ClusterMeshDemo: the rebel-base / x-wing global-service demo of the seed, in one cluster of a mesh.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster, inClusterOptions } from "../cluster";
import { demoManifests } from "./demo";

/** Inputs of {@link ClusterMeshDemo}. */
export interface ClusterMeshDemoArgs {
    /** The cluster to deploy into (create one demo per mesh cluster). */
    readonly cluster: Cluster;
    /** What the demo waits for besides the cluster (the CNI). */
    readonly dependsOn?: readonly pulumi.Resource[];
}

/**
 * The demo of one cluster: rebel-base answers with its cluster's name behind the global Service
 * `rebel-base`; from x-wing, `curl rebel-base.clustermesh-demo` answers from every cluster of the mesh.
 */
export class ClusterMeshDemo extends pulumi.ComponentResource {
    /** The global Service. */
    readonly service: k8s.core.v1.Service;

    constructor(name: string, args: ClusterMeshDemoArgs, opts?: pulumi.ComponentResourceOptions) {
        super("multicluster:cilium:ClusterMeshDemo", name, {}, opts);
        const manifests = demoManifests(args.cluster.name);
        const options = (dependsOn: readonly pulumi.Resource[]) =>
            inClusterOptions(args.cluster, this, { dependsOn: [...(args.dependsOn ?? []), ...dependsOn] });
        const namespace = new k8s.core.v1.Namespace(`${name}-namespace`, manifests.namespace, options([]));
        const configMap = new k8s.core.v1.ConfigMap(`${name}-response`, manifests.configMap, options([namespace]));
        manifests.deployments.forEach((deployment) => new k8s.apps.v1.Deployment(`${name}-${deployment.metadata.name}`,
            deployment, options([namespace, configMap])));
        this.service = new k8s.core.v1.Service(`${name}-service`, manifests.service, options([namespace]));
        this.registerOutputs({ service: this.service.metadata.name });
    }
}

// MeshServiceExport: wires a rendered export plan into a cluster (the MCS-API ServiceExport, or a patch of the Service's metadata).
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { clusterAccess, inClusterOptions } from "../shared/cluster-access";
import { optionDependencies } from "../shared/schema-types";
import { planServiceExport, serviceExportPatch } from "./render";
import { ExportMesh, ExportMeshKind, ExportedServiceRef, ServiceExportPlan } from "./types";

/** Annotation that makes a Patch resource take fields another field manager owns (pulumi-kubernetes, server-side apply). */
export const PATCH_FORCE_ANNOTATION = "pulumi.com/patchForce";

/**
 * The MCS-API ServiceExport of an `mcs-api` plan, named `name`, in `cluster`, under `parent`, after `dependsOn` (the
 * Service and the mesh's readiness, e.g. `AntreaClusterSet.ready[cluster]`, which also orders destroy).
 */
export function createServiceExport(
    name: string,
    cluster: Cluster,
    plan: ServiceExportPlan,
    parent: pulumi.Resource,
    dependsOn: readonly pulumi.Input<pulumi.Resource>[] = [],
): k8s.apiextensions.CustomResource {
    const [object] = plan.objects;
    if (plan.mechanism !== "mcs-api" || object === undefined) {
        throw new Error(`internal: createServiceExport needs an mcs-api plan, got ${plan.mechanism}`);
    }
    return new k8s.apiextensions.CustomResource(name, { ...object }, inClusterOptions(cluster, parent, { dependsOn: [...dependsOn] }));
}

/**
 * Inputs of {@link MeshServiceExport}. What the export waits for goes in `opts.dependsOn`: the Service and the mesh's
 * readiness (e.g. `AntreaClusterSet.ready[cluster]`).
 */
export interface MeshServiceExportArgs {
    /** The cluster the Service runs in, as data or a provisioner's (a `kubernetes` provider in `opts.providers` wins). */
    readonly cluster: Cluster;
    /** The Service (namespace sameness: importers see it in the same namespace). */
    readonly service: ExportedServiceRef;
    /** The mesh the clusters are joined by, as a kind or with its choices. */
    readonly mesh: ExportMeshKind | ExportMesh;
    /** Take the label or annotation even when another field manager owns it (`pulumi.com/patchForce`); @default false. */
    readonly force?: boolean;
}

/**
 * Exports a Service to the other clusters of its mesh. Antrea: a ServiceExport `<name>-export`. Cilium and Linkerd:
 * a server-side-apply `ServicePatch` `<name>-patch` that adds the global-service annotations or the export label to
 * the existing Service (destroying it removes them again). For a Service built in the same program, merge
 * {@link ServiceExportPlan} metadata into it with `withServiceExport` instead: one owner per field, no patch.
 */
export class MeshServiceExport extends pulumi.ComponentResource {
    /** What was rendered for the mesh. */
    readonly plan: ServiceExportPlan;
    /** The Service name importers reach it by. */
    readonly importedAs: string;
    /** The ServiceExport (Antrea) or the Service patch (Cilium, Linkerd). */
    readonly resource: k8s.apiextensions.CustomResource | k8s.core.v1.ServicePatch;

    constructor(name: string, args: MeshServiceExportArgs, opts?: pulumi.ComponentResourceOptions) {
        const plan = planServiceExport(args.cluster.name, args.service, { mesh: args.mesh });
        super("multicluster:export:MeshServiceExport", name, {}, opts);
        this.plan = plan;
        this.importedAs = this.plan.importedAs;
        const dependsOn = optionDependencies(opts);
        const cluster = clusterAccess(args.cluster, this, name, { opts });
        if (this.plan.mechanism === "mcs-api") {
            this.resource = createServiceExport(`${name}-export`, cluster, this.plan, this, dependsOn);
        } else {
            const patch = serviceExportPatch(this.plan);
            const force = args.force ? { annotations: { ...(patch.metadata.annotations ?? {}), [PATCH_FORCE_ANNOTATION]: "true" } } : {};
            this.resource = new k8s.core.v1.ServicePatch(
                `${name}-patch`,
                { metadata: { ...patch.metadata, ...force } },
                inClusterOptions(cluster, this, { dependsOn }),
            );
        }
        this.registerOutputs({ mechanism: this.plan.mechanism, importedAs: this.importedAs });
    }
}

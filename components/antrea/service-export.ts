// The ServiceExport helper: exports a Service of one member to every member of its ClusterSet.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { clusterAccess, inClusterOptions, requireClusterAccess } from "../shared/cluster-access";
import { SERVICE_EXPORT_API_VERSION } from "./release";

/** Prefix of the Service a member imports an exported Service as (`antrea-mc-<name>`, same namespace). */
export const IMPORTED_SERVICE_PREFIX = "antrea-mc-";

/** The name an exported Service is imported under in the other members. */
export function importedServiceName(service: string): string {
    return `${IMPORTED_SERVICE_PREFIX}${service}`;
}

/** A ServiceExport object (MCS API `multicluster.x-k8s.io/v1alpha1`): same name and namespace as the Service. */
export interface ServiceExportObject {
    /** API version Antrea v2.7.0 serves. */
    readonly apiVersion: typeof SERVICE_EXPORT_API_VERSION;
    /** `ServiceExport`. */
    readonly kind: "ServiceExport";
    /** The exported Service's name and namespace. */
    readonly metadata: { readonly name: string; readonly namespace: string };
}

/** The ServiceExport of a Service. */
export function serviceExportObject(service: string, namespace: string): ServiceExportObject {
    return { apiVersion: SERVICE_EXPORT_API_VERSION, kind: "ServiceExport", metadata: { name: service, namespace } };
}

/** Inputs of {@link exportService}. */
export interface ServiceExportArgs {
    /** The member cluster the Service runs in: plain data needs a component `parent` (its provider is made under it). */
    readonly cluster: Cluster;
    /** Namespace of the Service (namespace sameness: importers need the same namespace). */
    readonly namespace: string;
    /** Service name. */
    readonly service: string;
    /**
     * What the export waits for: the member's ClusterSet gates (`AntreaClusterSet.ready[cluster]`) and the Service.
     * Depending on the gates also orders destroy: the export, and with it the member's ResourceExports on the
     * leader, goes before the member's ClusterSet and long before the leader's CRDs.
     */
    readonly dependsOn: readonly pulumi.Resource[];
}

/** Exports a Service to the ClusterSet; the other members import it as `antrea-mc-<service>`. */
export function exportService(name: string, args: ServiceExportArgs, parent?: pulumi.Resource): k8s.apiextensions.CustomResource {
    const options: pulumi.CustomResourceOptions = parent
        ? inClusterOptions(pulumi.ComponentResource.isInstance(parent) ? clusterAccess(args.cluster, parent, name) : args.cluster, parent, {
              dependsOn: [...args.dependsOn],
          })
        : {
              provider: requireClusterAccess(args.cluster).provider,
              dependsOn: [...requireClusterAccess(args.cluster).ready, ...args.dependsOn],
          };
    return new k8s.apiextensions.CustomResource(name, { ...serviceExportObject(args.service, args.namespace) }, options);
}

// Exporting a Service, resolved and rendered per mesh: the metadata to merge into it and the objects to create beside it.
import { ConfigValidationError, ValidationIssue } from "../shared/validation";
import { exporterOf } from "./exporters";
import { exportMeshIssues, resolveExportMesh } from "./validate";
import { ExportedServiceRef, ServiceExportOptions, ServiceExportPlan } from "./types";

/** Every problem with exporting `service` as `options` ask, each one sentence naming the key, the value and the fix. */
export function serviceExportIssues(service: ExportedServiceRef, options: ServiceExportOptions): ValidationIssue[] {
    return exportMeshIssues(service, options.mesh);
}

/**
 * Resolves and renders the export of `service` (a Service of `cluster`) through `options.mesh`: the labels or
 * annotations the Service must carry and the objects to create beside it. Throws one {@link ConfigValidationError}
 * listing every problem (Contrail, a mechanism the mesh's install does not serve, an unknown choice, a bad name).
 */
export function planServiceExport(cluster: string, service: ExportedServiceRef, options: ServiceExportOptions): ServiceExportPlan {
    const issues = serviceExportIssues(service, options);
    const mesh = resolveExportMesh(options.mesh);
    const plan = issues.length === 0 ? exporterOf(mesh.kind).plan : undefined;
    if (plan === undefined) {
        throw new ConfigValidationError(`service export "${service.namespace}/${service.name}" from cluster "${cluster}"`, issues);
    }
    return plan(cluster, service, mesh);
}

/** A Service manifest's metadata as {@link withServiceExport} reads and writes it. */
interface ServiceMetadata {
    /** Name (must be the plan's). */
    readonly name?: unknown;
    /** Namespace (must be the plan's). */
    readonly namespace?: unknown;
    /** Labels, kept; the plan's are added last. */
    readonly labels?: Readonly<Record<string, string>>;
    /** Annotations, kept; the plan's are added last. */
    readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * A Service manifest built in the same program, with the plan's labels and annotations merged over its own (other keys
 * kept; a map the plan adds nothing to is left as it was). The ServiceExport objects of an MCS-API plan are separate:
 * create them with `createServiceExport` or `MeshServiceExport`.
 */
export function withServiceExport<T extends { readonly metadata: ServiceMetadata }>(manifest: T, plan: ServiceExportPlan): T {
    const { metadata } = manifest;
    if (metadata.name !== plan.service.name || metadata.namespace !== plan.service.namespace) {
        throw new Error(
            `internal: withServiceExport got Service ${String(metadata.namespace)}/${String(metadata.name)} for the plan of ${plan.service.namespace}/${plan.service.name}`,
        );
    }
    const merged = (own: Readonly<Record<string, string>> | undefined, added: Readonly<Record<string, string>>) =>
        Object.keys(added).length === 0 ? own : { ...(own ?? {}), ...added };
    const labels = merged(metadata.labels, plan.labels);
    const annotations = merged(metadata.annotations, plan.annotations);
    return {
        ...manifest,
        metadata: { ...metadata, ...(labels === undefined ? {} : { labels }), ...(annotations === undefined ? {} : { annotations }) },
    };
}

/** The server-side-apply patch body that puts the plan's metadata on a Service created elsewhere (a `core.v1.ServicePatch`). */
export function serviceExportPatch(plan: ServiceExportPlan): {
    metadata: { name: string; namespace: string; labels?: Record<string, string>; annotations?: Record<string, string> };
} {
    return {
        metadata: {
            name: plan.service.name,
            namespace: plan.service.namespace,
            ...(Object.keys(plan.labels).length > 0 ? { labels: { ...plan.labels } } : {}),
            ...(Object.keys(plan.annotations).length > 0 ? { annotations: { ...plan.annotations } } : {}),
        },
    };
}

// Typed inputs and outputs of exporting a Service to the other clusters of a mesh, one shape for every mesh.
import type { GlobalServiceOptions } from "../cilium/global-service";

/** The meshes a Service can be exported through (Contrail is listed only to be refused with a reason). */
export type ExportMeshKind = "antrea" | "cilium" | "linkerd" | "contrail";

/** How a mesh exports: an MCS-API ServiceExport object, or metadata on the Service itself. */
export type ExportMechanism = "mcs-api" | "cilium-global-service" | "linkerd-gateway" | "linkerd-remote-discovery";

/** Antrea Multi-cluster: always an MCS-API `ServiceExport` (the only way Antrea exports). */
export interface AntreaExportMesh {
    /** `antrea`. */
    readonly kind: "antrea";
}

/** Cilium Cluster Mesh: the global-service annotations (MCS-API is refused until CiliumInstall can enable it). */
export interface CiliumExportMesh extends GlobalServiceOptions {
    /** `cilium`. */
    readonly kind: "cilium";
    /** `global-service` (the default); `mcs-api` is refused: CiliumInstall does not set `clustermesh.mcsapi.enabled`. */
    readonly mechanism?: "global-service" | "mcs-api";
}

/** Linkerd multicluster: the `mirror.linkerd.io/exported` label that the Links select. */
export interface LinkerdExportMesh {
    /** `linkerd`. */
    readonly kind: "linkerd";
    /**
     * `gateway` (the default, label value `true`): mirrors reach the Service through the exporter's gateway;
     * `remote-discovery` (label value `remote-discovery`): importers dial its Pods directly, which needs Pod IPs routed
     * between the clusters (a flat network, e.g. Linkerd over a Cilium Cluster Mesh).
     */
    readonly mode?: "gateway" | "remote-discovery";
}

/** Contrail (CN2): accepted as a kind only so the refusal names the reason and the alternative. */
export interface ContrailExportMesh {
    /** `contrail`. */
    readonly kind: "contrail";
}

/** The mesh to export through and its per-mesh choices. */
export type ExportMesh = AntreaExportMesh | CiliumExportMesh | LinkerdExportMesh | ContrailExportMesh;

/** The Service to export: same name and namespace in every cluster (namespace sameness). */
export interface ExportedServiceRef {
    /** Service name (a DNS-1123 label). */
    readonly name: string;
    /** Service namespace (a DNS-1123 label). */
    readonly namespace: string;
}

/** Options of {@link planServiceExport}: the mesh, as a kind alone (its defaults) or with its choices. */
export interface ServiceExportOptions {
    /** The mesh the clusters are joined by. */
    readonly mesh: ExportMeshKind | ExportMesh;
}

/** An MCS-API `ServiceExport` (`multicluster.x-k8s.io`): same name and namespace as the Service it exports. */
export interface McsServiceExportObject {
    /** `multicluster.x-k8s.io/v1alpha1` (what Antrea v2.7.0 serves). */
    readonly apiVersion: string;
    /** `ServiceExport`. */
    readonly kind: "ServiceExport";
    /** The exported Service's name and namespace. */
    readonly metadata: { readonly name: string; readonly namespace: string };
}

/** What exporting a Service takes in one mesh: the metadata to put on the Service and the objects to create. */
export interface ServiceExportPlan {
    /** The mesh kind. */
    readonly mesh: Exclude<ExportMeshKind, "contrail">;
    /** How it exports. */
    readonly mechanism: ExportMechanism;
    /** The exported Service. */
    readonly service: ExportedServiceRef;
    /** Labels the Service must carry (Linkerd); empty otherwise. */
    readonly labels: Readonly<Record<string, string>>;
    /** Annotations the Service must carry (Cilium); empty otherwise. */
    readonly annotations: Readonly<Record<string, string>>;
    /** Objects to create beside the Service (the MCS-API ServiceExport); empty otherwise. */
    readonly objects: readonly McsServiceExportObject[];
    /** The Service name other clusters reach it by, in the same namespace. */
    readonly importedAs: string;
}

/** A refusal's sentence parts: what is wrong with the value, and the fix. */
export interface ExportRefusal {
    /** What is wrong (follows the key and value in the message). */
    readonly problem: string;
    /** The fix. */
    readonly fix: string;
}

/** One mesh's way of exporting, owned by its area: the settings it reads, its refusals, and its plan. */
export interface MeshExporter<M extends ExportMesh = ExportMesh> {
    /** The settings the mesh reads besides `kind`; any other key is refused as unused. */
    readonly settings: readonly string[];
    /** Set when the mesh has no export by name at all: why, and what to do instead. */
    readonly refused?: ExportRefusal;
    /** Values of a setting the mesh accepts in the schema but cannot serve yet, by setting and value. */
    readonly unserved?: Readonly<Record<string, Readonly<Record<string, ExportRefusal>>>>;
    /** The plan for `service` of `cluster` (absent when the mesh is refused). */
    readonly plan?: (cluster: string, service: ExportedServiceRef, mesh: M) => ServiceExportPlan;
}

// Exporting a Service through any mesh: the per-mesh plan (metadata or MCS-API objects), its checks, and the component that wires it.
export { MeshServiceExport, PATCH_FORCE_ANNOTATION, createServiceExport } from "./export";
export type { MeshServiceExportArgs } from "./export";
export { planServiceExport, serviceExportIssues, serviceExportPatch, withServiceExport } from "./render";
export { EXPORT_MESH_KINDS } from "./validate";
export type {
    AntreaExportMesh,
    CiliumExportMesh,
    ContrailExportMesh,
    ExportMechanism,
    ExportMesh,
    ExportMeshKind,
    ExportedServiceRef,
    LinkerdExportMesh,
    McsServiceExportObject,
    ServiceExportOptions,
    ServiceExportPlan,
} from "./types";

// The exporters of every mesh kind, each owned by its area: the one place the export API lists the meshes.
import { antreaExporter } from "../antrea/mesh-export";
import { ciliumExporter } from "../cilium/mesh-export";
import { contrailExporter } from "../contrail/mesh-export";
import { linkerdExporter } from "../linkerd/mesh-export";
import { ExportMesh, ExportMeshKind, MeshExporter } from "./types";

/** Each mesh kind's exporter, typed by its own mesh options. */
const EXPORTERS: { readonly [K in ExportMeshKind]: MeshExporter<Extract<ExportMesh, { kind: K }>> } = {
    antrea: antreaExporter,
    cilium: ciliumExporter,
    linkerd: linkerdExporter,
    contrail: contrailExporter,
};

/** The mesh kinds, in the order messages list them. */
export const EXPORT_MESH_KINDS = Object.keys(EXPORTERS) as readonly ExportMeshKind[];

/** True for a known mesh kind. */
export function isExportMeshKind(kind: unknown): kind is ExportMeshKind {
    return typeof kind === "string" && Object.prototype.hasOwnProperty.call(EXPORTERS, kind);
}

/** The exporter of a mesh kind, over the whole options union (its plan reads only its own kind's options). */
export function exporterOf(kind: ExportMeshKind): MeshExporter {
    return EXPORTERS[kind] as MeshExporter;
}

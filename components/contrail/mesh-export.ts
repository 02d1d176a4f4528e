// Contrail in the cross-mesh export API: refused with the reason and the alternative (CN2 has no export by name).
import type { ContrailExportMesh, MeshExporter } from "../export/types";

/** CN2 joins the clusters' pod networks rather than importing Services by name: exporting is refused. */
export const contrailExporter: MeshExporter<ContrailExportMesh> = {
    settings: [],
    refused: {
        problem:
            "has no service export (CN2 joins the clusters' pod networks with VirtualNetworkRouters rather than importing Services by name)",
        fix: "reach the Service by its address over a ContrailCrossClusterNetwork, or join the clusters with antrea, cilium or linkerd to export it by name",
    },
};

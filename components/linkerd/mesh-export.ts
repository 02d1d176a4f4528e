// Linkerd's way of exporting a Service for the cross-mesh export API: the export label its Links select.
import type { LinkerdExportMesh, MeshExporter } from "../export/types";
import { EXPORT_LABEL } from "./constants";
import { exportLabels, mirroredServiceName } from "./export";

/** Linkerd exports with `mirror.linkerd.io/exported` (`true` through the gateway, or `remote-discovery`). */
export const linkerdExporter: MeshExporter<LinkerdExportMesh> = {
    settings: ["mode"],
    plan: (cluster, service, mesh) => {
        const remote = mesh.mode === "remote-discovery";
        return {
            mesh: "linkerd",
            mechanism: remote ? "linkerd-remote-discovery" : "linkerd-gateway",
            service: { name: service.name, namespace: service.namespace },
            labels: remote ? { [EXPORT_LABEL]: "remote-discovery" } : exportLabels(),
            annotations: {},
            objects: [],
            importedAs: mirroredServiceName(service.name, cluster),
        };
    },
};

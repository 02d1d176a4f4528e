// Antrea's way of exporting a Service for the cross-mesh export API: an MCS-API ServiceExport beside it.
import type { AntreaExportMesh, MeshExporter } from "../export/types";
import { importedServiceName, serviceExportObject } from "./service-export";

/** Antrea exports only through an MCS-API `ServiceExport`; members import it as `antrea-mc-<service>`. */
export const antreaExporter: MeshExporter<AntreaExportMesh> = {
    settings: [],
    plan: (_cluster, service) => ({
        mesh: "antrea",
        mechanism: "mcs-api",
        service: { name: service.name, namespace: service.namespace },
        labels: {},
        annotations: {},
        objects: [serviceExportObject(service.name, service.namespace)],
        importedAs: importedServiceName(service.name),
    }),
};

// Cilium's way of exporting a Service for the cross-mesh export API: the global-service annotations on the Service.
import type { CiliumExportMesh, MeshExporter } from "../export/types";
import { globalServiceAnnotations } from "./global-service";

/** Cilium exports with `service.cilium.io/global` (and its options); the MCS API is refused until CiliumInstall can enable it. */
export const ciliumExporter: MeshExporter<CiliumExportMesh> = {
    settings: ["mechanism", "shared", "affinity", "syncEndpointSlices"],
    unserved: {
        mechanism: {
            "mcs-api": {
                problem:
                    "is not wired for Cilium (CiliumInstall does not set clustermesh.mcsapi.enabled, and its escape hatch may not set clustermesh.*)",
                fix: 'leave mechanism out to export with the global-service annotation service.cilium.io/global (or "global-service")',
            },
        },
    },
    plan: (_cluster, service, mesh) => ({
        mesh: "cilium",
        mechanism: "cilium-global-service",
        service: { name: service.name, namespace: service.namespace },
        labels: {},
        annotations: globalServiceAnnotations({
            shared: mesh.shared,
            affinity: mesh.affinity,
            syncEndpointSlices: mesh.syncEndpointSlices,
        }),
        objects: [],
        importedAs: service.name,
    }),
};

// Checks of an export request: the mesh kind, its per-mesh choices (no setting another mesh would read), the Service's name.
import { dnsLabelProblem } from "../shared/value-kinds";
import { ValidationIssue, issue } from "../shared/validation";
import { ExportMesh, ExportMeshKind, ExportedServiceRef } from "./types";

/** The mesh kinds, in the order messages list them. */
export const EXPORT_MESH_KINDS: readonly ExportMeshKind[] = ["antrea", "cilium", "linkerd", "contrail"];

/** The settings each mesh kind reads (besides `kind`); any other key is refused as unused. */
const MESH_SETTINGS: Readonly<Record<ExportMeshKind, readonly string[]>> = {
    antrea: [],
    cilium: ["mechanism", "shared", "affinity", "syncEndpointSlices"],
    linkerd: ["mode"],
    contrail: [],
};

/** The allowed values of each enumerated setting. */
const CHOICES: Readonly<Record<string, readonly unknown[]>> = {
    mechanism: ["global-service", "mcs-api"],
    affinity: ["local", "remote", "none"],
    mode: ["gateway", "remote-discovery"],
    shared: [true, false],
    syncEndpointSlices: [true, false],
};

/** The mesh as an object (a kind alone means its defaults). */
export function resolveExportMesh(mesh: ExportMeshKind | ExportMesh): ExportMesh {
    return typeof mesh === "object" && mesh !== null ? mesh : ({ kind: mesh } as ExportMesh);
}

const quoted = (values: readonly unknown[]) => values.map((value) => JSON.stringify(value)).join(", ");

/** The kind's refusals: an unknown kind, and Contrail, which has nothing to export by name. */
function kindIssues(kind: unknown, path: string): ValidationIssue[] {
    if (kind === "contrail") {
        return [
            issue(
                path,
                kind,
                "has no service export (CN2 joins the clusters' pod networks with VirtualNetworkRouters rather than importing Services by name)",
                "reach the Service by its address over a ContrailCrossClusterNetwork, or join the clusters with antrea, cilium or linkerd to export it by name",
            ),
        ];
    }
    if (kind === undefined) {
        return [issue(path, kind, "", `set it to one of ${quoted(EXPORT_MESH_KINDS)}`)];
    }
    return EXPORT_MESH_KINDS.includes(kind as ExportMeshKind)
        ? []
        : [issue(path, kind, `is not one of ${quoted(EXPORT_MESH_KINDS)}`, "use one of those values")];
}

/** One setting of a known kind: unused by this kind, not one of its values, or MCS-API on Cilium. */
function settingIssue(kind: ExportMeshKind, key: string, value: unknown): ValidationIssue | undefined {
    const path = `mesh.${key}`;
    if (value === undefined) {
        return undefined;
    }
    if (!MESH_SETTINGS[kind].includes(key)) {
        const readers = EXPORT_MESH_KINDS.filter((other) => MESH_SETTINGS[other].includes(key));
        const fix = readers.length > 0 ? `remove it (only mesh kind ${quoted(readers)} reads it)` : "remove it";
        return issue(path, value, `is not a setting of mesh kind "${kind}"`, fix);
    }
    if (!CHOICES[key].includes(value)) {
        return issue(path, value, `is not one of ${quoted(CHOICES[key])}`, "use one of those values, or leave it out for the default");
    }
    if (key === "mechanism" && value === "mcs-api") {
        return issue(
            path,
            value,
            "is not wired for Cilium (CiliumInstall does not set clustermesh.mcsapi.enabled, and its escape hatch may not set clustermesh.*)",
            'leave mechanism out to export with the global-service annotation service.cilium.io/global (or "global-service")',
        );
    }
    return undefined;
}

/** The Service reference's refusals: name and namespace must be DNS-1123 labels. */
function serviceIssues(service: ExportedServiceRef): ValidationIssue[] {
    return (["name", "namespace"] as const).flatMap((key) => {
        const problem = typeof service[key] === "string" ? dnsLabelProblem(service[key]) : dnsLabelProblem("");
        return problem ? [issue(`service.${key}`, service[key], problem.problem, problem.fix)] : [];
    });
}

/** Every problem with exporting `service` through `mesh`, all reported together. */
export function exportMeshIssues(service: ExportedServiceRef, mesh: ExportMeshKind | ExportMesh): ValidationIssue[] {
    const resolved = resolveExportMesh(mesh);
    const kinds = kindIssues(resolved.kind, typeof mesh === "object" && mesh !== null ? "mesh.kind" : "mesh");
    const settings = EXPORT_MESH_KINDS.includes(resolved.kind)
        ? Object.entries(resolved)
              .filter(([key]) => key !== "kind")
              .flatMap(([key, value]) => settingIssue(resolved.kind, key, value) ?? [])
        : [];
    return [...kinds, ...settings, ...serviceIssues(service)];
}

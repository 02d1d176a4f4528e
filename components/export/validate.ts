// Checks of an export request: the mesh kind, its per-mesh choices (no setting another mesh would read), the Service's name.
import { dnsLabelProblem } from "../shared/value-kinds";
import { ValidationIssue, issue } from "../shared/validation";
import { EXPORT_MESH_KINDS, exporterOf, isExportMeshKind } from "./exporters";
import { ExportMesh, ExportMeshKind, ExportedServiceRef } from "./types";

export { EXPORT_MESH_KINDS };

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

/** The kind's refusals: missing, unknown, or a mesh with nothing to export by name (its exporter says why). */
function kindIssues(kind: unknown, path: string): ValidationIssue[] {
    if (kind === undefined) {
        return [issue(path, kind, "", `set it to one of ${quoted(EXPORT_MESH_KINDS)}`)];
    }
    if (!isExportMeshKind(kind)) {
        return [issue(path, kind, `is not one of ${quoted(EXPORT_MESH_KINDS)}`, "use one of those values")];
    }
    const refused = exporterOf(kind).refused;
    return refused ? [issue(path, kind, refused.problem, refused.fix)] : [];
}

/** One setting of a known kind: unused by this kind, not one of its values, or a value the mesh cannot serve yet. */
function settingIssue(kind: ExportMeshKind, key: string, value: unknown): ValidationIssue | undefined {
    const path = `mesh.${key}`;
    if (value === undefined) {
        return undefined;
    }
    const exporter = exporterOf(kind);
    if (!exporter.settings.includes(key)) {
        const readers = EXPORT_MESH_KINDS.filter((other) => exporterOf(other).settings.includes(key));
        const fix = readers.length > 0 ? `remove it (only mesh kind ${quoted(readers)} reads it)` : "remove it";
        return issue(path, value, `is not a setting of mesh kind "${kind}"`, fix);
    }
    if (!CHOICES[key].includes(value)) {
        return issue(path, value, `is not one of ${quoted(CHOICES[key])}`, "use one of those values, or leave it out for the default");
    }
    const unserved = exporter.unserved?.[key]?.[String(value)];
    return unserved ? issue(path, value, unserved.problem, unserved.fix) : undefined;
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
    const settings = isExportMeshKind(resolved.kind)
        ? Object.entries(resolved)
              .filter(([key]) => key !== "kind")
              .flatMap(([key, value]) => settingIssue(resolved.kind, key, value) ?? [])
        : [];
    return [...kinds, ...settings, ...serviceIssues(service)];
}

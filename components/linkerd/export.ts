// Exporting a Service to linked clusters (by label) and the names its mirrors get there.
import { EXPORT_LABEL, EXPORT_VALUE } from "./constants";

/** The labels that export a Service to every cluster that mirrors this one (the Links' default `selector`). */
export function exportLabels(): Record<string, string> {
    return { [EXPORT_LABEL]: EXPORT_VALUE };
}

/** A Service manifest with the export label added (other labels kept). */
export function exportedService<T extends { readonly metadata: { readonly labels?: Readonly<Record<string, string>> } }>(service: T): T {
    return { ...service, metadata: { ...service.metadata, labels: { ...(service.metadata.labels ?? {}), ...exportLabels() } } };
}

/** The name the mirror of `service` exported by `cluster` gets in every cluster that mirrors it (`<service>-<cluster>`). */
export function mirroredServiceName(service: string, cluster: string): string {
    return `${service}-${cluster}`;
}

/** True when a label set exports its Service. */
export function isExported(labels: Readonly<Record<string, string>> | undefined): boolean {
    return labels?.[EXPORT_LABEL] !== undefined;
}

// Global services: the upstream annotations that merge a Service's backends across the mesh.

/** Marks a Service global: same name and namespace in every cluster ⇒ backends merged across clusters. */
export const GLOBAL_ANNOTATION = "service.cilium.io/global";
/** `"false"`: use remote backends but do not export this cluster's (default `"true"` for global Services). */
export const SHARED_ANNOTATION = "service.cilium.io/shared";
/** Preferred backends: `local`, `remote` or `none`. */
export const AFFINITY_ANNOTATION = "service.cilium.io/affinity";
/** Also create EndpointSlices for remote backends (needs `clustermesh.enableEndpointSliceSynchronization`). */
export const SYNC_ENDPOINT_SLICES_ANNOTATION = "service.cilium.io/global-sync-endpoint-slices";

/** How a global Service behaves in this cluster. */
export interface GlobalServiceOptions {
    /** Export this cluster's backends to the peers (default: true, the upstream default). */
    readonly shared?: boolean;
    /** Prefer local or remote backends, or neither. */
    readonly affinity?: "local" | "remote" | "none";
    /** Synchronise remote backends as EndpointSlices (headless global Services do this by default). */
    readonly syncEndpointSlices?: boolean;
}

/** The annotations that make a Service global (only the options given are written, as upstream's strings). */
export function globalServiceAnnotations(options: GlobalServiceOptions = {}): Record<string, string> {
    return {
        [GLOBAL_ANNOTATION]: "true",
        ...(options.shared === undefined ? {} : { [SHARED_ANNOTATION]: String(options.shared) }),
        ...(options.affinity === undefined ? {} : { [AFFINITY_ANNOTATION]: options.affinity }),
        ...(options.syncEndpointSlices === undefined ? {} : { [SYNC_ENDPOINT_SLICES_ANNOTATION]: String(options.syncEndpointSlices) }),
    };
}

// The namespaces the Linkerd charts expect but only create under the CLI (`Release.Service == "CLI"`), with their labels.
import { INJECT_ANNOTATION, LINKERD_NAMESPACE, MULTICLUSTER_NAMESPACE, VIZ_NAMESPACE } from "./constants";

/** A Namespace manifest as the typed k8s resource takes it. */
export interface NamespaceManifest {
    /** Name, labels and annotations. */
    readonly metadata: {
        readonly name: string;
        readonly labels: Readonly<Record<string, string>>;
        readonly annotations?: Readonly<Record<string, string>>;
    };
}

/** linkerd-init needs NET_ADMIN/NET_RAW, so meshed namespaces run privileged without the CNI plugin (chart templates). */
export const PRIVILEGED = { "pod-security.kubernetes.io/enforce": "privileged" } as const;

/**
 * The control-plane namespace, labelled as `charts/linkerd-control-plane/templates/namespace.yaml` does:
 * admission webhooks off and injection disabled for the control plane itself.
 */
export function controlPlaneNamespace(): NamespaceManifest {
    return {
        metadata: {
            name: LINKERD_NAMESPACE,
            labels: {
                "linkerd.io/is-control-plane": "true",
                "config.linkerd.io/admission-webhooks": "disabled",
                "linkerd.io/control-plane-ns": LINKERD_NAMESPACE,
                ...PRIVILEGED,
            },
            annotations: { [INJECT_ANNOTATION]: "disabled" },
        },
    };
}

/**
 * An extension's namespace with the `linkerd.io/extension` label `linkerd check` and `linkerd multicluster check`
 * find it by (what the chart's namespace-metadata hook Job would add; the Job is switched off).
 */
export function extensionNamespace(extension: "viz" | "multicluster"): NamespaceManifest {
    return {
        metadata: {
            name: extension === "viz" ? VIZ_NAMESPACE : MULTICLUSTER_NAMESPACE,
            labels: { "linkerd.io/extension": extension, ...PRIVILEGED },
        },
    };
}

/** An application namespace whose pods are meshed (the proxy injector adds a proxy to every pod). */
export function meshedNamespace(name: string): NamespaceManifest {
    return { metadata: { name, labels: { ...PRIVILEGED }, annotations: { [INJECT_ANNOTATION]: "enabled" } } };
}

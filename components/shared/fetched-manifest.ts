// Declared contents of the manifests the program downloads at run time: the objects the deploy graph depends on.
//
// A manifest fetched by URL (a `yaml/v2.ConfigFile`, a local `curl`) is invisible offline. Each pinned URL declares
// here, next to its pin, a skeleton of what the upstream file holds at that version: object identities plus only
// the fields the await rules read (CRD group/kind/plural/scope, Service type/selector, pod-template labels and
// references, webhook service and rules). The offline engine answers a fetch of a declared URL with these objects,
// and its await checker uses them. Each declaration cites the upstream file@tag it was checked against.

/** Labels or a label selector's `matchLabels`. */
export type Labels = Readonly<Record<string, string>>;

/** Identity of a declared object. */
export interface DeclaredMetadata {
    /** `metadata.name`. */
    readonly name: string;
    /** `metadata.namespace` (absent for cluster-scoped objects). */
    readonly namespace?: string;
    /** `metadata.labels`, where a selector reads them. */
    readonly labels?: Labels;
}

/** One served version of a CRD. */
export interface DeclaredCrdVersion {
    /** Version name, e.g. `v1alpha2`. */
    readonly name: string;
    /** Served by the API server. */
    readonly served: boolean;
    /** The storage version (exactly one per CRD). */
    readonly storage: boolean;
}

/** A CustomResourceDefinition: what the "CRDs before their objects" rule reads. */
export interface DeclaredCrd {
    /** Always `apiextensions.k8s.io/v1`. */
    readonly apiVersion: "apiextensions.k8s.io/v1";
    /** Always `CustomResourceDefinition`. */
    readonly kind: "CustomResourceDefinition";
    /** `<plural>.<group>`. */
    readonly metadata: DeclaredMetadata;
    /** Group, names, scope and versions. */
    readonly spec: {
        /** API group. */
        readonly group: string;
        /** Kind and plural resource name. */
        readonly names: { readonly kind: string; readonly plural: string };
        /** `Namespaced` or `Cluster`. */
        readonly scope: "Namespaced" | "Cluster";
        /** Versions. */
        readonly versions: readonly DeclaredCrdVersion[];
    };
}

/** A Service: type, selector and ports (the Service await reads the first two). */
export interface DeclaredService {
    /** Always `v1`. */
    readonly apiVersion: "v1";
    /** Always `Service`. */
    readonly kind: "Service";
    /** Name and namespace. */
    readonly metadata: DeclaredMetadata;
    /** Type (default ClusterIP), selector and ports. */
    readonly spec: {
        /** Service type; absent means ClusterIP. */
        readonly type?: "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName";
        /** Pod selector. */
        readonly selector?: Labels;
        /** Ports. */
        readonly ports: readonly { readonly port: number; readonly targetPort?: number }[];
    };
}

/** A pod volume, as far as its source is another object. */
export interface DeclaredVolume {
    /** Volume name. */
    readonly name: string;
    /** A ConfigMap source. */
    readonly configMap?: { readonly name: string; readonly optional?: boolean };
    /** A Secret source. */
    readonly secret?: { readonly secretName: string; readonly optional?: boolean };
}

/** A workload: its pod template's labels and the objects its pods need. */
export interface DeclaredWorkload {
    /** `apps/v1`. */
    readonly apiVersion: "apps/v1";
    /** Deployment, DaemonSet or StatefulSet. */
    readonly kind: "Deployment" | "DaemonSet" | "StatefulSet";
    /** Name and namespace. */
    readonly metadata: DeclaredMetadata;
    /** Selector and pod template. */
    readonly spec: {
        /** Pod selector. */
        readonly selector: { readonly matchLabels: Labels };
        /** Pod template: labels and the references the pods need. */
        readonly template: {
            /** Pod labels. */
            readonly metadata: { readonly labels: Labels };
            /** ServiceAccount, volumes and containers (name and image). */
            readonly spec: {
                /** ServiceAccount. */
                readonly serviceAccountName?: string;
                /** Volumes backed by other objects. */
                readonly volumes?: readonly DeclaredVolume[];
                /** Containers. */
                readonly containers: readonly { readonly name: string; readonly image: string }[];
            };
        };
    };
}

/** One rule of an admission webhook. */
export interface DeclaredWebhookRule {
    /** API groups (`""` is core). */
    readonly apiGroups: readonly string[];
    /** API versions. */
    readonly apiVersions: readonly string[];
    /** Plural resource names. */
    readonly resources: readonly string[];
    /** CREATE, UPDATE, DELETE, CONNECT or `*`. */
    readonly operations: readonly string[];
}

/** One admission webhook: who serves it and what it intercepts. */
export interface DeclaredWebhook {
    /** Webhook name. */
    readonly name: string;
    /** The Service that serves it. */
    readonly clientConfig: { readonly service: { readonly name: string; readonly namespace: string; readonly path?: string } };
    /** What it intercepts. */
    readonly rules: readonly DeclaredWebhookRule[];
    /** `Fail` (the v1 default) or `Ignore`. */
    readonly failurePolicy?: "Fail" | "Ignore";
    /** Namespace selector (by `matchLabels`). */
    readonly namespaceSelector?: { readonly matchLabels: Labels };
    /** Always `None` here. */
    readonly sideEffects: "None";
    /** AdmissionReview versions. */
    readonly admissionReviewVersions: readonly string[];
}

/** A Validating- or MutatingWebhookConfiguration. */
export interface DeclaredWebhookConfiguration {
    /** `admissionregistration.k8s.io/v1`. */
    readonly apiVersion: "admissionregistration.k8s.io/v1";
    /** Which kind. */
    readonly kind: "ValidatingWebhookConfiguration" | "MutatingWebhookConfiguration";
    /** Name (cluster-scoped). */
    readonly metadata: DeclaredMetadata;
    /** The webhooks. */
    readonly webhooks: readonly DeclaredWebhook[];
}

/** An object the graph needs by identity only (a ServiceAccount, a ConfigMap). */
export interface DeclaredNamedObject {
    /** API version. */
    readonly apiVersion: "v1";
    /** ServiceAccount, ConfigMap or Secret. */
    readonly kind: "ServiceAccount" | "ConfigMap" | "Secret";
    /** Name and namespace. */
    readonly metadata: DeclaredMetadata;
}

/** Any declared object. */
export type DeclaredObject = DeclaredCrd | DeclaredService | DeclaredWorkload | DeclaredWebhookConfiguration | DeclaredNamedObject;

/** The declared contents of one fetched URL. */
export interface FetchedManifest {
    /** The URL exactly as the program fetches it. */
    readonly url: string;
    /** Upstream file@tag the declaration was checked against. */
    readonly source: string;
    /** The objects, in the file's order. */
    readonly objects: readonly DeclaredObject[];
}

/** A CRD skeleton, e.g. `declaredCrd("crd.antrea.io", "Tier", "tiers", "Cluster", ["v1beta1"])`; the last version is stored unless `storage` says otherwise. */
export function declaredCrd(
    group: string,
    kind: string,
    plural: string,
    scope: "Namespaced" | "Cluster",
    versions: readonly string[],
    storage: string = versions[versions.length - 1],
): DeclaredCrd {
    return {
        apiVersion: "apiextensions.k8s.io/v1",
        kind: "CustomResourceDefinition",
        metadata: { name: `${plural}.${group}` },
        spec: {
            group,
            names: { kind, plural },
            scope,
            versions: versions.map((name) => ({ name, served: true, storage: name === storage })),
        },
    };
}

// Kubernetes facts the await checker reads from an object: groups, scope, plurals, selectors, pod references.
import { isPlainObject } from "../../components/shared/values-merge";

/** A Kubernetes object as registered (plain inputs). */
export interface KubeObject {
    /** API version, e.g. `apps/v1`. */
    readonly apiVersion: string;
    /** Kind. */
    readonly kind: string;
    /** Name, namespace, labels and annotations. */
    readonly metadata: {
        readonly name: string;
        readonly namespace?: string;
        readonly labels?: Readonly<Record<string, string>>;
        readonly annotations?: Readonly<Record<string, string>>;
    };
    /** Everything else. */
    readonly [key: string]: unknown;
}

/** Plain record access (undefined for anything that is not a plain object). */
export function field(value: unknown, ...path: string[]): unknown {
    return path.reduce<unknown>((current, key) => (isPlainObject(current) ? current[key] : undefined), value);
}

/** True for a value shaped like a Kubernetes object (apiVersion, kind, metadata.name). */
export function isKubeObject(value: unknown): value is KubeObject {
    return (
        isPlainObject(value) &&
        typeof value.apiVersion === "string" &&
        typeof value.kind === "string" &&
        typeof field(value, "metadata", "name") === "string"
    );
}

/** The API group of an apiVersion (`""` for core `v1`). */
export function apiGroup(apiVersion: string): string {
    return apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.lastIndexOf("/")) : "";
}

/** The version part of an apiVersion. */
export function apiVersionOnly(apiVersion: string): string {
    return apiVersion.slice(apiVersion.lastIndexOf("/") + 1);
}

/** Groups the API server serves itself (kube-apiserver and kube-aggregator); every other group is a CRD's. */
const BUILT_IN_GROUPS = new Set([
    "",
    "apps",
    "batch",
    "autoscaling",
    "policy",
    "networking.k8s.io",
    "rbac.authorization.k8s.io",
    "apiextensions.k8s.io",
    "admissionregistration.k8s.io",
    "storage.k8s.io",
    "scheduling.k8s.io",
    "coordination.k8s.io",
    "node.k8s.io",
    "discovery.k8s.io",
    "certificates.k8s.io",
    "events.k8s.io",
    "flowcontrol.apiserver.k8s.io",
    "apiregistration.k8s.io",
    "authentication.k8s.io",
    "authorization.k8s.io",
    "resource.k8s.io",
    "internal.apiserver.k8s.io",
    "storagemigration.k8s.io",
]);

/** True for an object whose kind a CRD defines. */
export function isCustomResource(object: KubeObject): boolean {
    return !BUILT_IN_GROUPS.has(apiGroup(object.apiVersion));
}

/** Built-in kinds that are cluster-scoped. */
const CLUSTER_SCOPED_KINDS = new Set([
    "Namespace",
    "Node",
    "PersistentVolume",
    "ClusterRole",
    "ClusterRoleBinding",
    "CustomResourceDefinition",
    "StorageClass",
    "PriorityClass",
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
    "ValidatingAdmissionPolicy",
    "ValidatingAdmissionPolicyBinding",
    "APIService",
    "IngressClass",
    "RuntimeClass",
    "CSIDriver",
    "CSINode",
    "VolumeAttachment",
    "CertificateSigningRequest",
    "FlowSchema",
    "PriorityLevelConfiguration",
]);

/** Namespaced, cluster-scoped, or unknown (a custom kind whose CRD is not visible). */
export function isNamespaced(object: KubeObject, crdScope: (group: string, kind: string) => string | undefined): boolean | undefined {
    if (!isCustomResource(object)) {
        return !CLUSTER_SCOPED_KINDS.has(object.kind);
    }
    const scope = crdScope(apiGroup(object.apiVersion), object.kind);
    return scope === undefined ? undefined : scope === "Namespaced";
}

/** The resource name the API server would derive for a kind (lower case, English plural). */
export function naivePlural(kind: string): string {
    const lower = kind.toLowerCase();
    if (/(s|x|z|ch|sh)$/.test(lower)) {
        return `${lower}es`;
    }
    return /[^aeiou]y$/.test(lower) ? `${lower.slice(0, -1)}ies` : `${lower}s`;
}

/** True when every label of the selector is on the object (an empty selector selects nothing here). */
export function selects(selector: unknown, labels: unknown): boolean {
    if (!isPlainObject(selector) || Object.keys(selector).length === 0 || !isPlainObject(labels)) {
        return false;
    }
    return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/** The `pulumi.com/skipAwait: "true"` annotation (`provider/pkg/metadata/overrides.go` SkipAwaitLogic@v4.32.0). */
export function hasSkipAwait(object: KubeObject): boolean {
    return object.metadata.annotations?.["pulumi.com/skipAwait"] === "true";
}

/** The `pulumi.com/waitFor` annotation replaces the built-in await (`provider/pkg/await/await.go` Creation@v4.32.0). */
export function hasCustomAwait(object: KubeObject): boolean {
    return hasSkipAwait(object) || typeof object.metadata.annotations?.["pulumi.com/waitFor"] === "string";
}

/** Kinds whose built-in await needs their pods (`provider/pkg/await/awaiters.go` awaiters@v4.32.0). */
const POD_AWAITED_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job", "Pod", "ReplicationController"]);

/** The pod spec and labels of a workload whose await needs its pods, or undefined. */
export function awaitedPods(object: KubeObject): { readonly labels: unknown; readonly spec: unknown } | undefined {
    if (!POD_AWAITED_KINDS.has(object.kind) || !["", "apps", "batch"].includes(apiGroup(object.apiVersion))) {
        return undefined;
    }
    if (object.kind === "Pod") {
        return { labels: object.metadata.labels, spec: object.spec };
    }
    return { labels: field(object, "spec", "template", "metadata", "labels"), spec: field(object, "spec", "template", "spec") };
}

/** An object a pod needs by name, and how (a volume blocks the sandbox; env blocks the container only). */
export interface PodReference {
    /** ServiceAccount, ConfigMap or Secret. */
    readonly kind: "ServiceAccount" | "ConfigMap" | "Secret";
    /** Its name (in the pod's namespace). */
    readonly name: string;
    /** `serviceAccount`, `volume` or `env`. */
    readonly via: "serviceAccount" | "volume" | "env";
}

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const required = (source: unknown): boolean => field(source, "optional") !== true;

function volumeReferences(spec: unknown): PodReference[] {
    return asArray(field(spec, "volumes")).flatMap((volume) => {
        const sources = [volume, ...asArray(field(volume, "projected", "sources"))];
        return sources.flatMap((source): PodReference[] => {
            const configMap = field(source, "configMap");
            const secret = field(source, "secret");
            const refs: PodReference[] = [];
            if (typeof field(configMap, "name") === "string" && required(configMap)) {
                refs.push({ kind: "ConfigMap", name: String(field(configMap, "name")), via: "volume" });
            }
            const secretName = field(secret, "secretName") ?? field(secret, "name");
            if (typeof secretName === "string" && required(secret)) {
                refs.push({ kind: "Secret", name: secretName, via: "volume" });
            }
            return refs;
        });
    });
}

function envReferences(spec: unknown): PodReference[] {
    const containers = [...asArray(field(spec, "initContainers")), ...asArray(field(spec, "containers"))];
    return containers
        .flatMap((container) => [
            ...asArray(field(container, "envFrom")).flatMap(
                (from) =>
                    [
                        ["ConfigMap", field(from, "configMapRef")],
                        ["Secret", field(from, "secretRef")],
                    ] as const,
            ),
            ...asArray(field(container, "env")).flatMap(
                (env) =>
                    [
                        ["ConfigMap", field(env, "valueFrom", "configMapKeyRef")],
                        ["Secret", field(env, "valueFrom", "secretKeyRef")],
                    ] as const,
            ),
        ])
        .filter(([, ref]) => typeof field(ref, "name") === "string" && required(ref))
        .map(([kind, ref]) => ({ kind, name: String(field(ref, "name")), via: "env" as const }));
}

/** What a pod spec needs by name: its ServiceAccount (not `default`), required ConfigMaps and Secrets. */
export function podReferences(spec: unknown): PodReference[] {
    const account = field(spec, "serviceAccountName") ?? field(spec, "serviceAccount");
    const accounts: PodReference[] =
        typeof account === "string" && account !== "default" ? [{ kind: "ServiceAccount", name: account, via: "serviceAccount" }] : [];
    return [...accounts, ...volumeReferences(spec), ...envReferences(spec)];
}

// The Secrets CN2 reads, as typed objects: the registry pull Secret and the crosswise kubeconfig Secrets.
import { base64 } from "../shared/base64";
import { CENTRAL_KUBECONFIG_SECRET, ContrailNamespace, KUBECONFIG_KEY, KUBEMANAGER_NAMESPACE, PULL_SECRET_NAME, workloadKubeconfigSecretName } from "./names";

/** Object metadata of a Secret this project renders. */
export interface SecretMetadata {
    /** Secret name. */
    readonly name: string;
    /** Namespace. */
    readonly namespace: string;
    /** Labels. */
    readonly labels: Readonly<Record<string, string>>;
}

/** A Secret with `stringData` whose values are `T` (plain text in goldens, secret Outputs in resources). */
export interface StringDataSecret<T> {
    /** Always `v1`. */
    readonly apiVersion: "v1";
    /** Always `Secret`. */
    readonly kind: "Secret";
    /** Name, namespace, labels. */
    readonly metadata: SecretMetadata;
    /** Secret type. */
    readonly type: "kubernetes.io/dockerconfigjson" | "Opaque";
    /** Values by key. */
    readonly stringData: Readonly<Record<string, T>>;
}

/** Label on every object this area creates itself. */
export const MANAGED_BY = { "app.kubernetes.io/managed-by": "pulumi-multicluster-contrail" } as const;

/**
 * The `.dockerconfigjson` of the pull Secret from the `contrailRegistryAuth` value: either a docker config JSON
 * (used as given) or `<username>:<password>` for `host` (the registry of the release or its mirror).
 */
export function dockerConfigJson(host: string, credential: string): string {
    const trimmed = credential.trim();
    if (trimmed.startsWith("{")) {
        return trimmed;
    }
    return JSON.stringify({ auths: { [host]: { auth: base64(trimmed) } } });
}

/** The `registrypullsecret` of one CN2 namespace (the manifests ship it with a placeholder; this one replaces it). */
export function pullSecretManifest<T>(namespace: ContrailNamespace, dockerConfig: T): StringDataSecret<T> {
    return {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: PULL_SECRET_NAME, namespace, labels: { ...MANAGED_BY } },
        type: "kubernetes.io/dockerconfigjson",
        stringData: { ".dockerconfigjson": dockerConfig },
    };
}

/** `central-kubeconfig` in `contrail-deploy` of a distributed cluster: how its deployer reaches the central cluster. */
export function centralKubeconfigSecretManifest<T>(kubeconfig: T): StringDataSecret<T> {
    return {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { ...CENTRAL_KUBECONFIG_SECRET, labels: { ...MANAGED_BY } },
        type: "Opaque",
        stringData: { [KUBECONFIG_KEY]: kubeconfig },
    };
}

/** `workload-kubeconfig-<cluster>` in `contrail` of the central cluster: how that cluster's Kubemanager reaches it. */
export function workloadKubeconfigSecretManifest<T>(cluster: string, kubeconfig: T): StringDataSecret<T> {
    return {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: workloadKubeconfigSecretName(cluster), namespace: KUBEMANAGER_NAMESPACE, labels: { ...MANAGED_BY } },
        type: "Opaque",
        stringData: { [KUBECONFIG_KEY]: kubeconfig },
    };
}

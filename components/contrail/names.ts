// Fixed names the CN2 manifests and deployers read, and the names this project derives from cluster names.

/** Namespaces of the deployer manifests; each one holds a `registrypullsecret`. */
export const CONTRAIL_NAMESPACES = ["contrail", "contrail-system", "contrail-deploy"] as const;

/** A namespace of the deployer manifests. */
export type ContrailNamespace = (typeof CONTRAIL_NAMESPACES)[number];

/** The pull Secret every CN2 ServiceAccount lists in `imagePullSecrets`. */
export const PULL_SECRET_NAME = "registrypullsecret";

/** Key under which the deployers and Kubemanagers read a kubeconfig Secret. */
export const KUBECONFIG_KEY = "kubeconfig";

/** The Secret the distributed deployer mounts (`/etc/config/central/kubeconfig`): the central cluster's kubeconfig. */
export const CENTRAL_KUBECONFIG_SECRET = { name: "central-kubeconfig", namespace: "contrail-deploy" } as const;

/** Namespace of the Kubemanagers and of the distributed clusters' kubeconfig Secrets on the central cluster. */
export const KUBEMANAGER_NAMESPACE = "contrail";

/** The deployer Deployment of every cluster (in `contrail-deploy`). */
export const DEPLOYER = { kind: "deployment", name: "contrail-k8s-deployer", namespace: "contrail-deploy" } as const;

/** Secret on the central cluster that holds a distributed cluster's kubeconfig (the Kubemanager's `kubeconfigSecretName`). */
export function workloadKubeconfigSecretName(cluster: string): string {
    return `workload-kubeconfig-${cluster}`;
}

/** Name of the Kubemanager that manages a distributed cluster (as in the seed: `kubemanager-cluster2`). */
export function kubemanagerName(cluster: string): string {
    return `kubemanager-${cluster}`;
}

/** The central cluster's mirror of a distributed cluster's namespace: `<kubemanager>-<clusterName>-<namespace>`. */
export function mirroredNamespace(cluster: string, namespace: string): string {
    return `${kubemanagerName(cluster)}-${cluster}-${namespace}`;
}

/**
 * The longest namespace a distributed cluster has from the start, which the central cluster mirrors: CN2's own
 * `contrail-analytics` (18 characters; seed 002 shows `kubemanager-cluster2-cluster2-contrail-analytics`).
 */
export const LONGEST_MIRRORED_NAMESPACE = "contrail-analytics";

/** Longest distributed cluster name whose mirrored namespaces (up to `contrail-analytics`) stay DNS labels. */
export const MAX_DISTRIBUTED_NAME = Math.floor((63 - mirroredNamespace("", LONGEST_MIRRORED_NAMESPACE).length) / 2);

/** Prefix of the probe namespace the `synced` gate has the Kubemanager mirror (the rest is 8 hex digits). */
export const SYNC_PROBE_PREFIX = "cn2-probe-";

/**
 * The probe namespace for a nonce: a new name whenever what the Kubemanager must see changes, so its mirror on
 * the central cluster proves a sync that happened after the change (18 characters, as long as `contrail-analytics`).
 */
export function syncProbeNamespace(nonce: string): string {
    return `${SYNC_PROBE_PREFIX}${nonce.slice(0, 8)}`;
}

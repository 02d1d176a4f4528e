// A credential one cluster hands another: a ServiceAccount with a long-lived token, rendered as a kubeconfig (secret from birth).
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { endpointUrl } from "../cluster";
import { ClusterAccess, inClusterOptions } from "../shared/cluster-access";
import { fromBase64 } from "../shared/base64";
import { renderTokenKubeconfig } from "../shared/kubeconfig";
import { sha256 } from "../shared/shell";
import { MANAGED_BY } from "./secrets";

/** Namespace of the access ServiceAccounts (exists in every cluster, unlike the CN2 namespaces). */
export const ACCESS_NAMESPACE = "kube-system";

/** Inputs of {@link serviceAccountKubeconfig}. */
export interface ServiceAccountKubeconfigArgs {
    /** The cluster the credential opens (its access). */
    readonly cluster: ClusterAccess;
    /** ServiceAccount (and ClusterRoleBinding) name. */
    readonly account: string;
    /** Who uses it, for the ServiceAccount's description. */
    readonly usedBy: string;
    /** Rotation generation of the token: raising it replaces the token Secret (a new token, a new fingerprint); @default 0. */
    readonly generation?: number;
}

/** What {@link serviceAccountKubeconfig} created. */
export interface ServiceAccountKubeconfig {
    /** Kubeconfig for `cluster` at its peer-facing endpoint, token auth; a secret Output. */
    readonly kubeconfig: pulumi.Output<string>;
    /**
     * SHA-256 of what identifies that kubeconfig without its token (server, CA, the token Secret's UID): it changes
     * exactly when the kubeconfig does, so whoever reads it can be restarted on a change. Not secret.
     */
    readonly fingerprint: pulumi.Output<string>;
    /** The ServiceAccount, its binding and its token Secret. */
    readonly resources: readonly pulumi.CustomResource[];
}

/** The ServiceAccount's long-lived token Secret, created after it (else the token controller deletes it); the provider waits for the token. */
function tokenSecret(
    name: string,
    args: ServiceAccountKubeconfigArgs,
    serviceAccount: k8s.core.v1.ServiceAccount,
    parent: pulumi.Resource,
): k8s.core.v1.Secret {
    const { cluster, account } = args;
    return new k8s.core.v1.Secret(
        `${name}-token`,
        {
            metadata: {
                name: `${account}-token`,
                namespace: ACCESS_NAMESPACE,
                labels: { ...MANAGED_BY },
                annotations: { "kubernetes.io/service-account.name": account, "pulumi.com/waitFor": "jsonpath={.data.token}" },
            },
            type: "kubernetes.io/service-account-token",
        },
        inClusterOptions(cluster, parent, {
            dependsOn: [serviceAccount],
            additionalSecretOutputs: ["data"],
            replacementTrigger: args.generation ?? 0,
        }),
    );
}

/**
 * A ServiceAccount bound to cluster-admin (the seed hands over admin kubeconfigs; CN2 documents no narrower
 * role) with a `kubernetes.io/service-account-token` Secret, and a kubeconfig with that token for the
 * cluster's contract `endpoint` and CA, which the other cluster's nodes and pods reach. The token lives until
 * the Secret is deleted, so removing the consumer from the stack revokes it.
 */
export function serviceAccountKubeconfig(
    name: string,
    args: ServiceAccountKubeconfigArgs,
    parent: pulumi.Resource,
): ServiceAccountKubeconfig {
    const { cluster, account } = args;
    const metadata = { name: account, namespace: ACCESS_NAMESPACE, labels: { ...MANAGED_BY } };
    const serviceAccount = new k8s.core.v1.ServiceAccount(
        `${name}-sa`,
        {
            metadata: { ...metadata, annotations: { "kubernetes.io/description": `used by ${args.usedBy}` } },
        },
        inClusterOptions(cluster, parent),
    );
    const binding = new k8s.rbac.v1.ClusterRoleBinding(
        `${name}-admin`,
        {
            metadata: { name: account, labels: { ...MANAGED_BY } },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
            subjects: [{ kind: "ServiceAccount", name: account, namespace: ACCESS_NAMESPACE }],
        },
        inClusterOptions(cluster, parent),
    );
    const token = tokenSecret(name, args, serviceAccount, parent);
    // Through the binding's ID too, so whoever receives the kubeconfig only gets it once the role is bound.
    const kubeconfig = pulumi.all([token.data, cluster.caCertificate, binding.id]).apply(([data, caCertPem]) =>
        renderTokenKubeconfig({
            clusterName: cluster.name,
            server: endpointUrl(cluster.endpoint),
            caCertPem,
            token: fromBase64(data?.token ?? ""),
            userName: account,
        }),
    );
    const server = endpointUrl(cluster.endpoint);
    // A raised generation is a new token Secret (a new UID); named too, so the change shows before the UID is known.
    const rotation = args.generation ? { generation: args.generation } : {};
    const fingerprint = pulumi
        .all([cluster.caCertificate, token.metadata.uid, cluster.incarnation])
        .apply(([caCertPem, uid, incarnation]) => sha256(JSON.stringify({ server, caCertPem, uid: uid ?? "", incarnation, ...rotation })));
    return { kubeconfig: pulumi.secret(kubeconfig), fingerprint, resources: [serviceAccount, binding, token] };
}

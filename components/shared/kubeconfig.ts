// Kubeconfigs as typed objects: the admin one Pulumi mints from its PKI, token ones for cross-cluster access.
import { base64, fromBase64 } from "./base64";
import { fromYaml, toYaml } from "./yaml";

/** What an admin kubeconfig is made of (PEM texts, plain). */
export interface KubeconfigInput {
    /** Cluster name (kubeconfig cluster entry). */
    readonly clusterName: string;
    /** API server URL, e.g. `https://10.0.0.10:6443`. */
    readonly server: string;
    /** Cluster CA certificate. */
    readonly caCertPem: string;
    /** Client certificate (signed by the cluster CA). */
    readonly clientCertPem: string;
    /** Client private key. */
    readonly clientKeyPem: string;
    /** User entry name, e.g. `kubernetes-admin`. */
    readonly userName: string;
}

/** What a bearer-token kubeconfig is made of (a ServiceAccount token for another cluster's controller). */
export interface TokenKubeconfigInput {
    /** Cluster name (kubeconfig cluster entry). */
    readonly clusterName: string;
    /** API server URL as the consumer reaches it. */
    readonly server: string;
    /** Cluster CA certificate (PEM). */
    readonly caCertPem: string;
    /** Bearer token (secret). */
    readonly token: string;
    /** User entry name. */
    readonly userName: string;
    /** Default namespace of the context, if any. */
    readonly namespace?: string;
}

function kubeconfig(
    clusterName: string,
    server: string,
    caCertPem: string,
    userName: string,
    user: Record<string, string>,
    namespace?: string,
): string {
    const context = `${userName}@${clusterName}`;
    return toYaml({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: clusterName, cluster: { server, "certificate-authority-data": base64(caCertPem) } }],
        users: [{ name: userName, user }],
        contexts: [{ name: context, context: { cluster: clusterName, user: userName, ...(namespace ? { namespace } : {}) } }],
        "current-context": context,
        preferences: {},
    });
}

/** Renders a kubeconfig with embedded certificate data (secret: it holds the client key). */
export function renderKubeconfig(input: KubeconfigInput): string {
    return kubeconfig(input.clusterName, input.server, input.caCertPem, input.userName, {
        "client-certificate-data": base64(input.clientCertPem),
        "client-key-data": base64(input.clientKeyPem),
    });
}

/** Renders a kubeconfig that authenticates with a bearer token (secret: it holds the token). */
export function renderTokenKubeconfig(input: TokenKubeconfigInput): string {
    return kubeconfig(input.clusterName, input.server, input.caCertPem, input.userName, { token: input.token }, input.namespace);
}

/** The facts of a kubeconfig's current cluster: server URL and CA certificate (PEM). */
export interface KubeconfigCluster {
    /** API server URL. */
    readonly server: string;
    /** CA certificate PEM ("" when the kubeconfig has none). */
    readonly caCertPem: string;
}

interface ParsedKubeconfig {
    readonly "current-context"?: string;
    readonly contexts?: readonly { readonly name: string; readonly context?: { readonly cluster?: string } }[];
    readonly clusters?: readonly {
        readonly name: string;
        readonly cluster?: { readonly server?: string; readonly "certificate-authority-data"?: string };
    }[];
}

/** Reads the current context's cluster from a kubeconfig text; undefined when it has none (e.g. unknown at preview). */
export function kubeconfigCluster(text: string): KubeconfigCluster | undefined {
    const parsed = (text ? fromYaml(text) : undefined) as ParsedKubeconfig | undefined;
    if (!parsed || typeof parsed !== "object") {
        return undefined;
    }
    const contextName = parsed["current-context"];
    const clusterName = parsed.contexts?.find((entry) => entry.name === contextName)?.context?.cluster;
    const entry = parsed.clusters?.find((item) => item.name === clusterName) ?? parsed.clusters?.[0];
    if (!entry?.cluster?.server) {
        return undefined;
    }
    const ca = entry.cluster["certificate-authority-data"];
    return { server: entry.cluster.server, caCertPem: ca ? fromBase64(ca) : "" };
}

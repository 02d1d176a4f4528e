// The admin kubeconfig Pulumi mints from its own PKI, so no file is ever copied back from a node.
import { toYaml } from "./yaml";

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

const base64 = (text: string): string => Buffer.from(text).toString("base64");

/** Renders a kubeconfig with embedded certificate data (secret: it holds the client key). */
export function renderKubeconfig(input: KubeconfigInput): string {
    const context = `${input.userName}@${input.clusterName}`;
    return toYaml({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: input.clusterName, cluster: { server: input.server, "certificate-authority-data": base64(input.caCertPem) } }],
        users: [{
            name: input.userName,
            user: { "client-certificate-data": base64(input.clientCertPem), "client-key-data": base64(input.clientKeyPem) },
        }],
        contexts: [{ name: context, context: { cluster: input.clusterName, user: input.userName } }],
        "current-context": context,
        preferences: {},
    });
}

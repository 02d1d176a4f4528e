// What the shared CA signs for each cluster: the four clustermesh-apiserver certificates the chart expects.

/** Namespace Cilium is installed in. */
export const CILIUM_NAMESPACE = "kube-system";

/** Subject of the shared CA (the chart's own `genCA` uses the same name). */
export const CA_COMMON_NAME = "Cilium CA";

/** Key usages of every leaf; the chart's `genSignedCert` gives server and client auth to all of them too. */
export const LEAF_USAGES = ["digital_signature", "key_encipherment", "server_auth", "client_auth"] as const;

/** Validity of the shared CA (10 years) and of the leaves (3 years, renewed by Pulumi 30 days before expiry). */
export const CA_VALIDITY_HOURS = 87600;
/** Leaf validity in hours. */
export const LEAF_VALIDITY_HOURS = 26280;
/** Leaves become due for renewal (replaced on the next `pulumi up`) this long before they expire. */
export const LEAF_EARLY_RENEWAL_HOURS = 720;

/** One certificate to sign and the Secret the chart mounts it from. */
export interface CertSpec {
    /** Short role, used in resource names (`<name>-<role>-cert`). */
    readonly role: "server" | "admin" | "remote" | "local";
    /** Secret name the chart's Deployment/DaemonSet mount (`tls.auto.enabled=false`). */
    readonly secretName: string;
    /** Subject common name. */
    readonly commonName: string;
    /** DNS SANs. */
    readonly dnsNames: readonly string[];
    /** IP SANs. */
    readonly ipAddresses: readonly string[];
}

/**
 * The certificates of one cluster (docs "User Provided Certificates", chart
 * templates/clustermesh-apiserver/_helpers.tpl): the server certificate covers the in-cluster name, the
 * `*.mesh.cilium.io` names peers dial through host aliases, and the peer-facing DNS name if one is used;
 * `authMode: cluster` makes the remote client `remote-<cluster>`.
 */
export function meshCertSpecs(cluster: string, endpointAddress?: string): CertSpec[] {
    const service = `clustermesh-apiserver.${CILIUM_NAMESPACE}.svc`;
    const leaf = (role: CertSpec["role"], commonName: string): CertSpec => ({
        role,
        secretName: `clustermesh-apiserver-${role}-cert`,
        commonName,
        dnsNames: [],
        ipAddresses: [],
    });
    return [
        {
            ...leaf("server", service),
            dnsNames: [service, "*.mesh.cilium.io", ...(endpointAddress ? [endpointAddress] : [])],
            ipAddresses: ["127.0.0.1", "::1"],
        },
        leaf("admin", `admin-${cluster}`),
        leaf("remote", `remote-${cluster}`),
        leaf("local", `local-${cluster}`),
    ];
}

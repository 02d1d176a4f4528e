// The four clustermesh-apiserver certificate Secrets of one cluster, signed by the shared CA.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { Cluster } from "../cluster";
import { inClusterOptions } from "../shared/cluster-access";
import { CiliumCaPems } from "./ca";
import { CILIUM_NAMESPACE, CertSpec, LEAF_EARLY_RENEWAL_HOURS, LEAF_USAGES, LEAF_VALIDITY_HOURS, meshCertSpecs } from "./certs";

/** One signed certificate and the Secret the chart mounts it from. */
function certSecret(prefix: string, spec: CertSpec, cluster: Cluster, ca: CiliumCaPems, parent: pulumi.Resource): k8s.core.v1.Secret {
    // The CA's rotation generation renews the leaves' keys too, not only their signatures.
    const rotation = { parent, replacementTrigger: ca.generation ?? 0 };
    const key = new tls.PrivateKey(`${prefix}-${spec.role}-key`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, rotation);
    const csr = new tls.CertRequest(
        `${prefix}-${spec.role}-csr`,
        {
            privateKeyPem: key.privateKeyPem,
            subject: { commonName: spec.commonName },
            dnsNames: [...spec.dnsNames],
            ipAddresses: [...spec.ipAddresses],
        },
        rotation,
    );
    const cert = new tls.LocallySignedCert(
        `${prefix}-${spec.role}-cert`,
        {
            certRequestPem: csr.certRequestPem,
            caPrivateKeyPem: pulumi.secret(ca.keyPem),
            caCertPem: ca.certPem,
            validityPeriodHours: LEAF_VALIDITY_HOURS,
            earlyRenewalHours: LEAF_EARLY_RENEWAL_HOURS,
            allowedUses: [...LEAF_USAGES],
        },
        rotation,
    );
    return new k8s.core.v1.Secret(
        `${prefix}-${spec.role}-secret`,
        {
            metadata: { name: spec.secretName, namespace: CILIUM_NAMESPACE },
            type: "kubernetes.io/tls",
            stringData: pulumi.secret({ "tls.crt": cert.certPem, "tls.key": key.privateKeyPem, "ca.crt": ca.certPem }),
        },
        inClusterOptions(cluster, parent),
    );
}

/**
 * The server/admin/remote/local certificates of one cluster, signed by the shared CA and stored as the
 * Secrets the chart expects with `clustermesh.apiserver.tls.auto.enabled=false`. They depend on the CA and
 * this cluster only, so adding a peer never touches them; Pulumi replaces a leaf only when it is due
 * for renewal ({@link LEAF_EARLY_RENEWAL_HOURS} before expiry).
 */
export function createMeshCertSecrets(
    prefix: string,
    cluster: Cluster,
    endpointAddress: string | undefined,
    ca: CiliumCaPems,
    parent: pulumi.Resource,
): k8s.core.v1.Secret[] {
    return meshCertSpecs(cluster.name, endpointAddress).map((spec) => certSecret(prefix, spec, cluster, ca, parent));
}

// Wiring for CiliumClusterMesh's trust: the shared CA and, per cluster, the four clustermesh-apiserver Secrets.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { Cluster, inClusterOptions } from "../cluster";
import {
    CA_COMMON_NAME, CA_VALIDITY_HOURS, CILIUM_NAMESPACE, CertSpec, LEAF_EARLY_RENEWAL_HOURS, LEAF_USAGES,
    LEAF_VALIDITY_HOURS, meshCertSpecs,
} from "./certs";

/** The mesh's shared CA, in the forms its consumers need. */
export interface MeshCa {
    /** CA certificate PEM (public). */
    readonly certPem: pulumi.Output<string>;
    /** CA private key PEM (RSA PKCS#1, as the chart's `buildCustomCert` needs); always secret. */
    readonly keyPem: pulumi.Output<string>;
    /** `tls.ca.cert` value: base64 of the certificate PEM. */
    readonly certBase64: pulumi.Output<string>;
    /** `tls.ca.key` value: base64 of the key PEM; always secret. */
    readonly keyBase64: pulumi.Output<string>;
}

const base64 = (text: string): string => Buffer.from(text).toString("base64");

/**
 * Creates the one CA every cluster trusts (`<name>-ca-key`, `<name>-ca`). A simple self-signed root, as
 * intermediate CAs broke clustermesh TLS verification upstream (#43099). It lives in Pulumi state only, so
 * `pulumi up` never regenerates it and the "CA certificates do not match" state of the seed cannot happen.
 */
export function createMeshCa(name: string, parent: pulumi.Resource): MeshCa {
    const key = new tls.PrivateKey(`${name}-ca-key`, { algorithm: "RSA", rsaBits: 4096 }, { parent });
    const cert = new tls.SelfSignedCert(`${name}-ca`, {
        privateKeyPem: key.privateKeyPem,
        subject: { commonName: CA_COMMON_NAME },
        isCaCertificate: true,
        setSubjectKeyId: true,
        validityPeriodHours: CA_VALIDITY_HOURS,
        allowedUses: ["cert_signing", "crl_signing", "digital_signature", "key_encipherment"],
    }, { parent });
    const keyPem = pulumi.secret(key.privateKeyPem);
    return {
        certPem: cert.certPem,
        keyPem,
        certBase64: cert.certPem.apply(base64),
        keyBase64: pulumi.secret(keyPem.apply(base64)),
    };
}

/** One signed certificate and the Secret the chart mounts it from. */
function certSecret(prefix: string, spec: CertSpec, cluster: Cluster, ca: MeshCa, parent: pulumi.Resource): k8s.core.v1.Secret {
    const key = new tls.PrivateKey(`${prefix}-${spec.role}-key`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, { parent });
    const csr = new tls.CertRequest(`${prefix}-${spec.role}-csr`, {
        privateKeyPem: key.privateKeyPem,
        subject: { commonName: spec.commonName },
        dnsNames: [...spec.dnsNames],
        ipAddresses: [...spec.ipAddresses],
    }, { parent });
    const cert = new tls.LocallySignedCert(`${prefix}-${spec.role}-cert`, {
        certRequestPem: csr.certRequestPem,
        caPrivateKeyPem: ca.keyPem,
        caCertPem: ca.certPem,
        validityPeriodHours: LEAF_VALIDITY_HOURS,
        earlyRenewalHours: LEAF_EARLY_RENEWAL_HOURS,
        allowedUses: [...LEAF_USAGES],
    }, { parent });
    return new k8s.core.v1.Secret(`${prefix}-${spec.role}-secret`, {
        metadata: { name: spec.secretName, namespace: CILIUM_NAMESPACE },
        type: "kubernetes.io/tls",
        stringData: pulumi.secret({ "tls.crt": cert.certPem, "tls.key": key.privateKeyPem, "ca.crt": ca.certPem }),
    }, inClusterOptions(cluster, parent));
}

/**
 * The server/admin/remote/local certificates of one cluster, signed by the shared CA and stored as the
 * Secrets the chart expects with `clustermesh.apiserver.tls.auto.enabled=false`. They depend on the CA and
 * this cluster only, so adding a peer never touches them; Pulumi replaces a leaf only when it is due
 * for renewal ({@link LEAF_EARLY_RENEWAL_HOURS} before expiry).
 */
export function createMeshCertSecrets(
    prefix: string, cluster: Cluster, endpointAddress: string | undefined, ca: MeshCa, parent: pulumi.Resource,
): k8s.core.v1.Secret[] {
    return meshCertSpecs(cluster.name, endpointAddress).map((spec) => certSecret(prefix, spec, cluster, ca, parent));
}

// The cluster PKI Pulumi generates (CAs kubeadm reuses, admin client cert, bootstrap token) and what is derived from it.
import * as crypto from "crypto";

/** One CA kubeadm reuses instead of generating, because its files exist before `kubeadm init`. */
export interface CaSpec {
    /** Role, also the child resource suffix (`<cluster>-<role>`). */
    readonly role: "ca" | "front-proxy-ca" | "etcd-ca";
    /** Subject common name, as kubeadm would choose it. */
    readonly commonName: string;
    /** Certificate file, relative to /etc/kubernetes/pki. */
    readonly certFile: string;
    /** Key file, relative to /etc/kubernetes/pki. */
    readonly keyFile: string;
}

/** The three CAs of a kubeadm cluster (cluster, front proxy, etcd), as Cluster API generates them. */
export const CA_SPECS: readonly CaSpec[] = [
    { role: "ca", commonName: "kubernetes", certFile: "ca.crt", keyFile: "ca.key" },
    { role: "front-proxy-ca", commonName: "front-proxy-ca", certFile: "front-proxy-ca.crt", keyFile: "front-proxy-ca.key" },
    { role: "etcd-ca", commonName: "etcd-ca", certFile: "etcd/ca.crt", keyFile: "etcd/ca.key" },
];

/** Key type of every CA and of the service-account key (kubeadm's default algorithm). */
export const PKI_KEY = { algorithm: "RSA", rsaBits: 2048 } as const;
/** CA lifetime: 10 years, kubeadm's `caCertificateValidityPeriod` default. */
export const CA_VALIDITY_HOURS = 87600;
/** Key usages of a CA certificate (the tls provider wants snake_case names). */
export const CA_USES = ["cert_signing", "digital_signature", "key_encipherment"];

/** The admin client certificate Pulumi mints for its own kubeconfig. */
export const ADMIN_CERT = {
    /** Subject CN, as in kubeadm's admin.conf. */
    commonName: "kubernetes-admin",
    /** Group bound to cluster-admin by the ClusterRoleBinding `kubeadm init` creates (not system:masters). */
    organization: "kubeadm:cluster-admins",
    /** One year, like kubeadm's leaf certificates. */
    validityHours: 8760,
    /** Re-issued by the next `pulumi up` once less than 30 days remain. */
    earlyRenewalHours: 720,
    /** Client-auth usage only. */
    uses: ["digital_signature", "key_encipherment", "client_auth"],
} as const;

/** Bootstrap token shape `[a-z0-9]{6}.[a-z0-9]{16}`: two random.RandomPassword resources with these settings. */
export const TOKEN_PARTS = {
    id: { length: 6, special: false, upper: false, lower: true, numeric: true },
    secret: { length: 16, special: false, upper: false, lower: true, numeric: true },
} as const;

/** A certificate and its private key, PEM encoded. */
export interface CertificatePair {
    /** Certificate PEM. */
    readonly certPem: string;
    /** Private key PEM. */
    readonly keyPem: string;
}

/** Plain PKI material as the tls resources produce it. */
export interface PkiMaterial {
    /** Cluster CA. */
    readonly ca: CertificatePair;
    /** Front-proxy CA. */
    readonly frontProxyCa: CertificatePair;
    /** etcd CA. */
    readonly etcdCa: CertificatePair;
    /** Service-account signing key pair. */
    readonly serviceAccount: { readonly publicKeyPem: string; readonly privateKeyPem: string };
}

/** Files placed in /etc/kubernetes/pki, in the order they travel on stdin. */
export const PKI_FILES: readonly string[] = [...CA_SPECS.flatMap((spec) => [spec.certFile, spec.keyFile]), "sa.pub", "sa.key"];

/** File contents by PKI_FILES name. */
export function pkiFileContents(material: PkiMaterial): Map<string, string> {
    const pairs: Record<CaSpec["role"], CertificatePair> = {
        ca: material.ca,
        "front-proxy-ca": material.frontProxyCa,
        "etcd-ca": material.etcdCa,
    };
    const files = new Map<string, string>();
    for (const spec of CA_SPECS) {
        files.set(spec.certFile, pairs[spec.role].certPem);
        files.set(spec.keyFile, pairs[spec.role].keyPem);
    }
    files.set("sa.pub", material.serviceAccount.publicKeyPem);
    files.set("sa.key", material.serviceAccount.privateKeyPem);
    return files;
}

/** The stdin of the place-pki step: one base64 line per file of PKI_FILES, in order. */
export function renderPkiBundle(material: PkiMaterial): string {
    const files = pkiFileContents(material);
    return PKI_FILES.map((file) => Buffer.from(files.get(file) ?? "").toString("base64")).join("\n") + "\n";
}

/** kubeadm's CA pin: `sha256:` + hex SHA-256 of the CA certificate's DER SubjectPublicKeyInfo. */
export function caCertHash(caCertPem: string): string {
    const spki = new crypto.X509Certificate(caCertPem).publicKey.export({ type: "spki", format: "der" });
    return `sha256:${crypto.createHash("sha256").update(spki).digest("hex")}`;
}

/** Joins the two random parts into a bootstrap token; throws when they do not have the required shape. */
export function bootstrapToken(id: string, secret: string): string {
    const token = `${id}.${secret}`;
    if (!/^[a-z0-9]{6}\.[a-z0-9]{16}$/.test(token)) {
        throw new Error("bootstrap token parts must be 6 and 16 characters of [a-z0-9]");
    }
    return token;
}

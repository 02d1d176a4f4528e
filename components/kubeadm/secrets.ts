// The cluster's secret material as Pulumi resources (CAs, service-account key, admin certificate, join token) and each step's stdin.
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as tls from "@pulumi/tls";
import { ResolvedKubeadmCluster } from "./types";
import { renderInitConfig, renderJoinConfig, renderTokenConfig } from "./kubeadm-config";
import {
    ADMIN_CERT,
    CA_SPECS,
    CaSpec,
    CA_USES,
    CA_VALIDITY_HOURS,
    PKI_KEY,
    TOKEN_PARTS,
    bootstrapToken,
    caCertHash,
    renderPkiBundle,
} from "./pki";
import { RemoteStep } from "./steps";
import { renderKubeconfig } from "../shared/kubeconfig";
import { absentOutput, absentUnderMocks, whenComputed } from "../shared/mock-tolerance";

/** Secret material of the cluster, as Outputs (plain values only ever inside `apply`). */
export interface ClusterSecrets {
    /** CA certificate (public). */
    readonly caCertPem: pulumi.Output<string>;
    /** The place-pki stdin. */
    readonly pkiBundle: pulumi.Output<string>;
    /** Bootstrap token `id.secret`. */
    readonly token: pulumi.Output<string>;
    /** Admin client certificate and key. */
    readonly admin: { readonly certPem: pulumi.Output<string>; readonly keyPem: pulumi.Output<string> };
}

/** A certificate and its private key, as Outputs. */
interface KeyPair {
    /** Certificate (PEM). */
    readonly certPem: pulumi.Output<string>;
    /** Private key (PEM). */
    readonly keyPem: pulumi.Output<string>;
}

/** The three CAs, the service-account key, the admin client certificate and the bootstrap token, as children of `parent`. */
export function createClusterSecrets(name: string, parent: pulumi.Resource): ClusterSecrets {
    const opts = { parent };
    const [ca, frontProxyCa, etcdCa] = CA_SPECS.map((spec) => createCa(name, spec, opts));
    const sa = new tls.PrivateKey(`${name}-sa-key`, { ...PKI_KEY }, opts);
    const admin = createAdminCert(name, ca, opts);
    const tokenId = new random.RandomPassword(`${name}-token-id`, { ...TOKEN_PARTS.id }, opts);
    const tokenSecret = new random.RandomPassword(`${name}-token-secret`, { ...TOKEN_PARTS.secret }, opts);
    const pkiBundle = pulumi
        .all([
            ca.certPem,
            ca.keyPem,
            frontProxyCa.certPem,
            frontProxyCa.keyPem,
            etcdCa.certPem,
            etcdCa.keyPem,
            sa.publicKeyPem,
            sa.privateKeyPem,
        ])
        .apply(([caCert, caKey, frontProxyCert, frontProxyKey, etcdCert, etcdKey, saPublic, saPrivate]) =>
            renderPkiBundle({
                ca: { certPem: caCert, keyPem: caKey },
                frontProxyCa: { certPem: frontProxyCert, keyPem: frontProxyKey },
                etcdCa: { certPem: etcdCert, keyPem: etcdKey },
                serviceAccount: { publicKeyPem: saPublic, privateKeyPem: saPrivate },
            }),
        );
    return {
        caCertPem: ca.certPem,
        pkiBundle: pulumi.secret(pkiBundle),
        token: pulumi.secret(
            pulumi
                .all([tokenId.result, tokenSecret.result])
                .apply(([id, secret]) =>
                    absentUnderMocks(id, secret) ? absentOutput<string>() : pulumi.output(bootstrapToken(id, secret)),
                ),
        ),
        admin,
    };
}

/** One self-signed CA (`<name>-<role>`) and its key (`<name>-<role>-key`). */
function createCa(name: string, spec: CaSpec, opts: pulumi.CustomResourceOptions): KeyPair {
    const key = new tls.PrivateKey(`${name}-${spec.role}-key`, { ...PKI_KEY }, opts);
    const cert = new tls.SelfSignedCert(
        `${name}-${spec.role}`,
        {
            privateKeyPem: key.privateKeyPem,
            subject: { commonName: spec.commonName },
            isCaCertificate: true,
            validityPeriodHours: CA_VALIDITY_HOURS,
            allowedUses: CA_USES,
        },
        opts,
    );
    return { keyPem: key.privateKeyPem, certPem: cert.certPem };
}

/** The admin client certificate, signed by the cluster CA; its key is secret. */
function createAdminCert(name: string, ca: KeyPair, opts: pulumi.CustomResourceOptions): KeyPair {
    const adminKey = new tls.PrivateKey(`${name}-admin-key`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, opts);
    const request = new tls.CertRequest(
        `${name}-admin-csr`,
        {
            privateKeyPem: adminKey.privateKeyPem,
            subject: { commonName: ADMIN_CERT.commonName, organization: ADMIN_CERT.organization },
        },
        opts,
    );
    const adminCert = new tls.LocallySignedCert(
        `${name}-admin`,
        {
            certRequestPem: request.certRequestPem,
            caPrivateKeyPem: ca.keyPem,
            caCertPem: ca.certPem,
            validityPeriodHours: ADMIN_CERT.validityHours,
            earlyRenewalHours: ADMIN_CERT.earlyRenewalHours,
            allowedUses: [...ADMIN_CERT.uses],
        },
        opts,
    );
    return { certPem: adminCert.certPem, keyPem: pulumi.secret(adminKey.privateKeyPem) };
}

/** The secret stdin a step reads, built from only the material it needs. */
export function stepStdin(cluster: ResolvedKubeadmCluster, step: RemoteStep, secrets: ClusterSecrets): pulumi.Output<string> | undefined {
    switch (step.stdin) {
        case "none":
            return undefined;
        case "pki-bundle":
            return secrets.pkiBundle;
        case "init-config":
            return pulumi.secret(secrets.token.apply((token) => renderInitConfig(cluster, token)));
        case "token-config":
            return pulumi.secret(secrets.token.apply((token) => renderTokenConfig(cluster, token)));
        case "join-config":
            return pulumi.secret(
                pulumi
                    .all([secrets.token, whenComputed(secrets.caCertPem, caCertHash)])
                    .apply(([token, hash]) => renderJoinConfig(cluster, step.node, token, hash)),
            );
        case "admin-kubeconfig":
            return nodeAdminKubeconfig(cluster, secrets);
    }
}

/** The admin kubeconfig a worker's upgrade step drains with: the API at the control-plane endpoint, as nodes reach it. */
function nodeAdminKubeconfig(cluster: ResolvedKubeadmCluster, secrets: ClusterSecrets): pulumi.Output<string> {
    return pulumi.secret(
        pulumi.all([secrets.caCertPem, secrets.admin.certPem, secrets.admin.keyPem]).apply(([caCertPem, clientCertPem, clientKeyPem]) =>
            renderKubeconfig({
                clusterName: cluster.name,
                server: `https://${cluster.controlPlaneEndpoint}`,
                caCertPem,
                clientCertPem,
                clientKeyPem,
                userName: ADMIN_CERT.commonName,
            }),
        ),
    );
}

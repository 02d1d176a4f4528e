// LinkerdTrust: the trust anchor every linked cluster shares and one issuer per cluster, all from @pulumi/tls.
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { ConfigValidationError } from "../shared/validation";
import { ANCHOR_COMMON_NAME, CA_USES, ISSUER_COMMON_NAME, TrustLifetimes, resolveLifetimes, validateTrust } from "./certs";

/** One cluster's identity issuer, in the forms the control-plane chart takes. */
export interface LinkerdIssuer {
    /** Issuer certificate PEM (public), signed by the trust anchor. */
    readonly certPem: pulumi.Output<string>;
    /** Issuer private key PEM (SEC1 "EC PRIVATE KEY"); always secret. */
    readonly keyPem: pulumi.Output<string>;
}

/** What a `LinkerdInstall` needs of the trust: the anchor and its own issuer. */
export interface LinkerdTrustMaterial {
    /** The shared trust anchor certificate PEM (public). */
    readonly anchorPem: pulumi.Output<string>;
    /** Issuers by cluster name. */
    readonly issuers: Readonly<Record<string, LinkerdIssuer>>;
}

/** Inputs of {@link LinkerdTrust}. */
export interface LinkerdTrustArgs extends Partial<TrustLifetimes> {
    /** Clusters that get an issuer; their names key the children, so adding one never renames another. */
    readonly clusters: readonly string[];
}

/**
 * The trust of a Linkerd multicluster mesh without `step`: an ECDSA P-256 self-signed CA as the shared trust
 * anchor (`<name>-anchor`) and, per cluster, an ECDSA P-256 intermediate CA signed by it (`<name>-<cluster>-issuer`),
 * both with cert-sign and CRL-sign usages, as Linkerd's identity controller and `linkerd check` require.
 * An issuer is re-issued (same key, new certificate chaining to the same anchor) by the first `pulumi up`
 * within `issuerRenewBeforeHours` of its expiry, or by `pulumi up --replace` on it; the control-plane release
 * then carries the new certificate and the identity controller picks it up. The anchor never renews itself.
 */
export class LinkerdTrust extends pulumi.ComponentResource implements LinkerdTrustMaterial {
    /** The shared trust anchor certificate PEM. */
    readonly anchorPem: pulumi.Output<string>;
    /** Issuers by cluster name. */
    readonly issuers: Readonly<Record<string, LinkerdIssuer>>;

    constructor(name: string, args: LinkerdTrustArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = validateTrust(args.clusters, args);
        if (problems.length > 0) {
            throw new ConfigValidationError(`LinkerdTrust ${name}`, problems);
        }
        super("multicluster:linkerd:LinkerdTrust", name, {}, opts);
        const lifetimes = resolveLifetimes(args);
        const anchorKey = new tls.PrivateKey(`${name}-anchor-key`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, { parent: this });
        const anchor = new tls.SelfSignedCert(`${name}-anchor`, {
            privateKeyPem: anchorKey.privateKeyPem,
            subject: { commonName: ANCHOR_COMMON_NAME },
            isCaCertificate: true,
            setSubjectKeyId: true,
            allowedUses: [...CA_USES],
            validityPeriodHours: lifetimes.anchorValidityHours,
        }, { parent: this });
        this.anchorPem = anchor.certPem;
        this.issuers = Object.fromEntries(args.clusters.map((cluster) => [cluster, this.issuer(`${name}-${cluster}`, anchorKey, anchor, lifetimes)]));
        this.registerOutputs({ anchorPem: this.anchorPem });
    }

    private issuer(prefix: string, anchorKey: tls.PrivateKey, anchor: tls.SelfSignedCert, lifetimes: TrustLifetimes): LinkerdIssuer {
        const key = new tls.PrivateKey(`${prefix}-issuer-key`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, { parent: this });
        const request = new tls.CertRequest(`${prefix}-issuer-csr`, {
            privateKeyPem: key.privateKeyPem,
            subject: { commonName: ISSUER_COMMON_NAME },
        }, { parent: this });
        const cert = new tls.LocallySignedCert(`${prefix}-issuer`, {
            certRequestPem: request.certRequestPem,
            caPrivateKeyPem: anchorKey.privateKeyPem,
            caCertPem: anchor.certPem,
            isCaCertificate: true,
            setSubjectKeyId: true,
            allowedUses: [...CA_USES],
            validityPeriodHours: lifetimes.issuerValidityHours,
            earlyRenewalHours: lifetimes.issuerRenewBeforeHours,
        }, { parent: this });
        return { certPem: cert.certPem, keyPem: pulumi.secret(key.privateKeyPem) };
    }
}

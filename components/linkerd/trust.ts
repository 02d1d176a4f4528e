// LinkerdTrust: the trust anchor every linked cluster shares and one issuer per cluster, all from @pulumi/tls.
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { ConfigValidationError } from "../shared/validation";
import { absentUnderMocks } from "../shared/mock-tolerance";
import {
    ANCHOR_COMMON_NAME,
    CA_USES,
    ISSUER_COMMON_NAME,
    TrustLifetimes,
    anchorLifetimeProblem,
    expiresWithin,
    resolveLifetimes,
    validateTrust,
} from "./certs";
import { LinkerdIssuer, LinkerdTrustMaterial } from "./types";
import { AnchorRotation, anchorPlan, anchorRotationIssues, anchorSuffix } from "./anchor-rotation";

/** One generation's anchor: its key, its certificate and the certificate's PEM once checked. */
interface SlotAnchor {
    /** The anchor's key. */
    readonly anchorKey: tls.PrivateKey;
    /** The anchor certificate. */
    readonly anchor: tls.SelfSignedCert;
    /** The certificate PEM, refused when its lifetime differs from the configured one. */
    readonly pem: pulumi.Output<string>;
}

/** The trust bundle of several anchors: their PEMs one after the other, each ending in a newline. */
function bundlePem(pems: string[]): string {
    const absent = pems.find((pem) => absentUnderMocks(pem));
    return absent ?? pems.map((pem) => (pem.endsWith("\n") ? pem : `${pem}\n`)).join("");
}

/** What signs an issuer, and the options that carry the issuers' rotation generation. */
interface IssuerSigner {
    /** The anchor's key, which signs. */
    readonly anchorKey: tls.PrivateKey;
    /** The anchor certificate. */
    readonly anchor: tls.SelfSignedCert;
    /** The issuers' lifetimes. */
    readonly lifetimes: TrustLifetimes;
    /** Options of every issuer resource: the parent and the generation as `replacementTrigger`. */
    readonly rotation: pulumi.CustomResourceOptions;
}

/** An issuer as `LinkerdTrust` makes it: every field an Output (what `LinkerdInstall`'s `trust` takes). */
export interface LinkerdIssuerOutputs extends LinkerdIssuer {
    /** Issuer certificate PEM (public), signed by the trust anchor. */
    readonly certPem: pulumi.Output<string>;
    /** Issuer private key PEM (secret). */
    readonly keyPem: pulumi.Output<string>;
    /** URN of the issuer certificate. */
    readonly urn: pulumi.Output<string>;
}

/** Inputs of {@link LinkerdTrust}. */
export interface LinkerdTrustArgs extends Partial<TrustLifetimes> {
    /** Clusters that get an issuer; their names key the children, so adding one never renames another. */
    readonly clusters: readonly string[];
    /** How messages name the anchor lifetime setting; @default "anchorValidityHours" (a stack: `mesh.trust.anchorValidityHours`). */
    readonly anchorValidityKey?: string;
    /** Rotation generation of the issuers: raising it replaces every issuer key, request and certificate (same anchor); @default 0. */
    readonly issuerGeneration?: number;
    /** Trust-anchor roll through a bundle (generation and phase, docs/day2.md, Rotation); none: generation 0 alone, as before. */
    readonly anchorRotation?: AnchorRotation;
}

/**
 * The trust of a Linkerd multicluster mesh without `step`: an ECDSA P-256 self-signed CA as the shared trust
 * anchor (`<name>-anchor`) and, per cluster, an ECDSA P-256 intermediate CA signed by it (`<name>-<cluster>-issuer`),
 * both with cert-sign and CRL-sign usages, as Linkerd's identity controller and `linkerd check` require.
 *
 * Rotation. Raising `issuerGeneration` replaces every issuer (new key and certificate under the same anchor: the
 * generation is each issuer resource's `replacementTrigger`); `pulumi up --replace` on one issuer re-issues it alone,
 * and so does the tls provider's early renewal within `issuerRenewBeforeHours` when that works (pulumi/pulumi-tls#39);
 * every `up` warns inside Linkerd's 60-day window. The anchor is never replaced by a config edit: its lifetime is
 * fixed when it is created (`ignoreChanges`), and a different `anchorValidityHours` afterwards is refused, because a
 * new anchor without a bundle breaks mTLS with every pod started before it (docs/linkerd.md, Rotation). A new anchor
 * comes by `anchorRotation` instead: generation N lives in `<name>-anchor-g<N>` (generation 0 in `<name>-anchor`),
 * `anchorPem` is the bundle of the generations the phase trusts, and the issuers are signed by the phase's signer.
 */
export class LinkerdTrust extends pulumi.ComponentResource implements LinkerdTrustMaterial {
    /** The shared trust anchor certificate PEM, or during an anchor roll the bundle of both (each refused when its lifetime differs from the configured one). */
    readonly anchorPem: pulumi.Output<string>;
    /** Issuers by cluster name. */
    readonly issuers: Record<string, LinkerdIssuerOutputs>;

    constructor(name: string, args: LinkerdTrustArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = [...validateTrust(args.clusters, args), ...anchorRotationIssues(args.anchorRotation, "anchorRotation")];
        if (problems.length > 0) {
            throw new ConfigValidationError(`LinkerdTrust ${name}`, problems);
        }
        super("multicluster:linkerd:LinkerdTrust", name, {}, opts);
        const lifetimes = resolveLifetimes(args);
        const plan = anchorPlan(args.anchorRotation);
        const key = args.anchorValidityKey ?? "anchorValidityHours";
        // Only the newest anchor must have the configured lifetime: a roll may change it for the anchor it brings.
        const checked = (generation: number) => (generation === plan.trusted[0] ? key : undefined);
        const anchors = plan.trusted.map((generation) => ({
            generation,
            ...this.anchor(name, generation, lifetimes, checked(generation)),
        }));
        const pems = anchors.map((slot) => slot.pem);
        this.anchorPem = pems.length === 1 ? pems[0] : pulumi.all(pems).apply(bundlePem);
        const { anchorKey, anchor } = anchors.find((slot) => slot.generation === plan.signer) ?? anchors[0];
        const rotation = { parent: this, replacementTrigger: args.issuerGeneration ?? 0 };
        this.issuers = Object.fromEntries(
            args.clusters.map((cluster) => [
                cluster,
                this.issuer(`${name}-${cluster}`, cluster, { anchorKey, anchor, lifetimes, rotation }),
            ]),
        );
        this.registerOutputs({ anchorPem: this.anchorPem });
    }

    /** One generation's anchor key and self-signed certificate (`<name>-anchor[-g<N>]-key`, `<name>-anchor[-g<N>]`); with `key`, its lifetime checked. */
    private anchor(name: string, generation: number, lifetimes: TrustLifetimes, key: string | undefined): SlotAnchor {
        const prefix = `${name}-anchor${anchorSuffix(generation)}`;
        const anchorKey = new tls.PrivateKey(`${prefix}-key`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, { parent: this });
        const anchor = new tls.SelfSignedCert(
            prefix,
            {
                privateKeyPem: anchorKey.privateKeyPem,
                subject: { commonName: ANCHOR_COMMON_NAME },
                isCaCertificate: true,
                setSubjectKeyId: true,
                allowedUses: [...CA_USES],
                validityPeriodHours: lifetimes.anchorValidityHours,
            },
            { parent: this, ignoreChanges: ["validityPeriodHours"] },
        );
        const what = generation === 0 ? "the shared trust anchor" : `the shared trust anchor of generation ${generation}`;
        const pem = anchor.certPem.apply((pem) => {
            if (absentUnderMocks(pem)) {
                return pem;
            }
            const refused = key === undefined ? undefined : anchorLifetimeProblem(pem, lifetimes.anchorValidityHours);
            if (refused) {
                throw new pulumi.RunError(
                    `LinkerdTrust ${name}: ${key} = ${lifetimes.anchorValidityHours} ${refused.problem}; fix: ${refused.fix}.`,
                );
            }
            this.warnIfExpiring(pem, what, "rotate it with a trust bundle as docs/linkerd.md (Rotation) describes");
            return pem;
        });
        return { anchorKey, anchor, pem };
    }

    private issuer(prefix: string, cluster: string, signer: IssuerSigner): LinkerdIssuerOutputs {
        const { anchorKey, anchor, lifetimes, rotation } = signer;
        const key = new tls.PrivateKey(`${prefix}-issuer-key`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, rotation);
        const request = new tls.CertRequest(
            `${prefix}-issuer-csr`,
            {
                privateKeyPem: key.privateKeyPem,
                subject: { commonName: ISSUER_COMMON_NAME },
            },
            rotation,
        );
        const cert = new tls.LocallySignedCert(
            `${prefix}-issuer`,
            {
                certRequestPem: request.certRequestPem,
                caPrivateKeyPem: anchorKey.privateKeyPem,
                caCertPem: anchor.certPem,
                isCaCertificate: true,
                setSubjectKeyId: true,
                allowedUses: [...CA_USES],
                validityPeriodHours: lifetimes.issuerValidityHours,
                earlyRenewalHours: lifetimes.issuerRenewBeforeHours,
            },
            rotation,
        );
        const certPem = pulumi.all([cert.certPem, cert.urn]).apply(([pem, urn]) => {
            if (absentUnderMocks(pem)) {
                return pem;
            }
            this.warnIfExpiring(pem, `the identity issuer of cluster ${cluster}`, `rotate it with: pulumi up --replace '${urn}'`);
            return pem;
        });
        return { certPem, keyPem: pulumi.secret(key.privateKeyPem), urn: cert.urn };
    }

    /** Warns (every preview and up) when a certificate is inside Linkerd's 60-day expiry warning window. */
    private warnIfExpiring(pem: string, what: string, fix: string): void {
        const date = expiresWithin(pem, new Date());
        if (date !== undefined) {
            void pulumi.log.warn(`${what} expires on ${date}, within the 60 days before expiry that Linkerd warns about; ${fix}`, this);
        }
    }
}

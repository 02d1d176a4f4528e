// The properties Linkerd checks on its trust anchor and issuers, as @pulumi/tls inputs, and their validation.
import { ValidationIssue, issue } from "../shared/validation";

/** Subject of the shared trust anchor (the name the docs and `step --profile root-ca` use; Linkerd does not check it). */
export const ANCHOR_COMMON_NAME = "root.linkerd.cluster.local";
/** Subject of every cluster's issuer (Linkerd's conventional issuer name). */
export const ISSUER_COMMON_NAME = "identity.linkerd.cluster.local";
/** Key usages Linkerd requires of both CAs: certificate signing and CRL signing (`pkg/tls/ca.go`). */
export const CA_USES = ["cert_signing", "crl_signing"] as const;
/** Linkerd warns when a certificate expires within this many hours (`expirationWarningThresholdInDays = 60`). */
export const LINKERD_WARNING_HOURS = 60 * 24;

/** Lifetimes of the trust material. */
export interface TrustLifetimes {
    /** Trust anchor lifetime in hours (10 years, as `step --profile root-ca`). */
    readonly anchorValidityHours: number;
    /** Issuer lifetime in hours (1 year, as the seed's `--not-after 8760h`). */
    readonly issuerValidityHours: number;
    /** `pulumi up` re-issues an issuer this many hours before it expires (the tls provider's `earlyRenewalHours`). */
    readonly issuerRenewBeforeHours: number;
}

/** The default lifetimes. */
export const DEFAULT_LIFETIMES: TrustLifetimes = {
    anchorValidityHours: 87600,
    issuerValidityHours: 8760,
    issuerRenewBeforeHours: LINKERD_WARNING_HOURS,
};

/** Fills in the defaults of partly given lifetimes. */
export function resolveLifetimes(given: Partial<TrustLifetimes>): TrustLifetimes {
    return { ...DEFAULT_LIFETIMES, ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) };
}

/** Every problem of the lifetimes and cluster names, each as one sentence. */
export function validateTrust(clusters: readonly string[], lifetimes: TrustLifetimes): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    for (const key of ["anchorValidityHours", "issuerValidityHours"] as const) {
        if (!Number.isInteger(lifetimes[key]) || lifetimes[key] <= 0) {
            found.push(issue(key, lifetimes[key], "is not a positive whole number of hours", "give the lifetime in hours, e.g. 8760 for a year"));
        }
    }
    if (lifetimes.issuerValidityHours > lifetimes.anchorValidityHours) {
        found.push(issue("issuerValidityHours", lifetimes.issuerValidityHours, `outlives the trust anchor (${lifetimes.anchorValidityHours} h)`,
            "keep issuers shorter-lived than the anchor they chain to"));
    }
    const renew = lifetimes.issuerRenewBeforeHours;
    if (!Number.isInteger(renew) || renew < 0 || renew >= lifetimes.issuerValidityHours) {
        found.push(issue("issuerRenewBeforeHours", renew, `is not between 0 and the issuer lifetime (${lifetimes.issuerValidityHours} h)`,
            `use e.g. ${LINKERD_WARNING_HOURS} (Linkerd warns 60 days before expiry)`));
    }
    if (clusters.length === 0) {
        found.push(issue("clusters", [], "names no cluster to issue for", "list the clusters that share the trust anchor"));
    }
    clusters.forEach((name, index) => {
        if (clusters.indexOf(name) !== index) {
            found.push(issue(`clusters[${index}]`, name, "is listed twice", "list each cluster once"));
        }
    });
    return found;
}

// The properties Linkerd checks on its trust anchor and issuers, as @pulumi/tls inputs, and their validation.
import * as crypto from "crypto";
import { PathMapper, ValidationIssue, issue, ownPaths } from "../shared/validation";

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
    return {
        anchorValidityHours: given.anchorValidityHours ?? DEFAULT_LIFETIMES.anchorValidityHours,
        issuerValidityHours: given.issuerValidityHours ?? DEFAULT_LIFETIMES.issuerValidityHours,
        issuerRenewBeforeHours: given.issuerRenewBeforeHours ?? DEFAULT_LIFETIMES.issuerRenewBeforeHours,
    };
}

/**
 * The longest lifetime the tls provider can compute: it adds `time.Duration(hours) * time.Hour` (int64
 * nanoseconds) to the current time, which overflows beyond 2562047 hours (about 292 years).
 */
export const MAX_VALIDITY_HOURS = 2562047;

const isWholeHours = (value: number, min: number) => Number.isInteger(value) && value >= min && value <= MAX_VALIDITY_HOURS;

/** Each given lifetime on its own: a whole number of hours the tls provider can compute with. */
function rangeIssues(given: Partial<TrustLifetimes>, at: PathMapper): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    for (const key of ["anchorValidityHours", "issuerValidityHours", "issuerRenewBeforeHours"] as const) {
        const value = given[key];
        const min = key === "issuerRenewBeforeHours" ? 0 : 1;
        if (value === undefined || isWholeHours(value, min)) {
            continue;
        }
        if (Number.isInteger(value) && value > MAX_VALIDITY_HOURS) {
            found.push(
                issue(
                    at(key),
                    value,
                    `is more than ${MAX_VALIDITY_HOURS} hours (about 292 years), the longest lifetime the tls provider can compute`,
                    `use at most ${MAX_VALIDITY_HOURS}, e.g. ${DEFAULT_LIFETIMES[key]}`,
                ),
            );
        } else if (min === 1) {
            found.push(
                issue(at(key), value, "is not a positive whole number of hours", "give the lifetime in hours, e.g. 8760 for a year"),
            );
        } else {
            found.push(
                issue(
                    at(key),
                    value,
                    "is not a whole number of hours of at least 0",
                    `give the hours before expiry, e.g. ${LINKERD_WARNING_HOURS}`,
                ),
            );
        }
    }
    return found;
}

/** The issuers must expire before the anchor they chain to (when either lifetime is a default, the given one is named). */
function outlivesIssues(given: Partial<TrustLifetimes>, lifetimes: TrustLifetimes, at: PathMapper): ValidationIssue[] {
    const { anchorValidityHours: anchor, issuerValidityHours: issuerHours } = lifetimes;
    if (issuerHours <= anchor) {
        return [];
    }
    if (given.issuerValidityHours === undefined) {
        const problem = `is shorter than the issuers' default lifetime (${at("issuerValidityHours")} ${issuerHours} h), so they would outlive the anchor they chain to`;
        return [
            issue(at("anchorValidityHours"), anchor, problem, `set ${at("issuerValidityHours")} below ${anchor}, or lengthen the anchor`),
        ];
    }
    const anchorText = given.anchorValidityHours === undefined ? `${anchor} h, the default ${at("anchorValidityHours")}` : `${anchor} h`;
    return [
        issue(
            at("issuerValidityHours"),
            issuerHours,
            `outlives the trust anchor (${anchorText})`,
            "keep issuers shorter-lived than the anchor they chain to",
        ),
    ];
}

/** An issuer renewed at least as early as its lifetime would be re-issued by every `pulumi up`. */
function renewIssues(given: Partial<TrustLifetimes>, lifetimes: TrustLifetimes, at: PathMapper): ValidationIssue[] {
    const { issuerValidityHours: issuerHours, issuerRenewBeforeHours: renew } = lifetimes;
    if (renew < issuerHours) {
        return [];
    }
    const example =
        issuerHours > 2 * LINKERD_WARNING_HOURS
            ? `${LINKERD_WARNING_HOURS} (Linkerd warns 60 days before expiry)`
            : `${Math.floor(issuerHours / 2)}`;
    if (given.issuerRenewBeforeHours === undefined) {
        return [
            issue(
                at("issuerValidityHours"),
                issuerHours,
                `is not longer than the issuers' default early renewal (${at("issuerRenewBeforeHours")} ${renew} h), so every pulumi up would re-issue them`,
                `set ${at("issuerRenewBeforeHours")} below ${issuerHours}, e.g. ${example}, or lengthen the issuers`,
            ),
        ];
    }
    return [
        issue(
            at("issuerRenewBeforeHours"),
            renew,
            `is not less than the issuer lifetime (${issuerHours} h), so every pulumi up would re-issue the issuers`,
            `use fewer hours than the issuer lifetime, e.g. ${example}`,
        ),
    ];
}

/**
 * Every problem of the given lifetimes (unset ones take the defaults), each as one sentence. A lifetime that is
 * wrong on its own is not compared with the others; the comparisons of the valid ones still run. `at` names the keys.
 */
export function lifetimeIssues(given: Partial<TrustLifetimes>, at: PathMapper = ownPaths): ValidationIssue[] {
    const ranged = rangeIssues(given, at);
    const valid = (...keys: (keyof TrustLifetimes)[]) => keys.every((key) => !ranged.some((found) => found.path === at(key)));
    const lifetimes = resolveLifetimes(given);
    return [
        ...ranged,
        ...(valid("anchorValidityHours", "issuerValidityHours") ? outlivesIssues(given, lifetimes, at) : []),
        ...(valid("issuerValidityHours", "issuerRenewBeforeHours") ? renewIssues(given, lifetimes, at) : []),
    ];
}

/** Every problem of the lifetimes and cluster names, each as one sentence. */
export function validateTrust(clusters: readonly string[], lifetimes: Partial<TrustLifetimes>): ValidationIssue[] {
    const found = lifetimeIssues(lifetimes);
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

/** When a certificate (PEM; the first of a bundle) starts and stops being valid. */
export function certificateValidity(pem: string): { readonly notBefore: Date; readonly notAfter: Date } {
    const cert = new crypto.X509Certificate(pem);
    return { notBefore: new Date(cert.validFrom), notAfter: new Date(cert.validTo) };
}

/** The whole hours a certificate was issued for (the tls provider's `validityPeriodHours`). */
export function issuedHours(pem: string): number {
    const { notBefore, notAfter } = certificateValidity(pem);
    return Math.round((notAfter.getTime() - notBefore.getTime()) / 3_600_000);
}

/**
 * Why a configured anchor lifetime cannot apply to the existing anchor (undefined when it matches): the anchor's
 * lifetime is kept (`ignoreChanges`), because a new one would mean a new anchor, which every meshed pod started before
 * it does not trust (injected proxies get the anchors as a literal env value, charts/partials/templates/_proxy.tpl).
 */
export function anchorLifetimeProblem(
    pem: string,
    configuredHours: number,
): { readonly problem: string; readonly fix: string } | undefined {
    const hours = issuedHours(pem);
    if (hours === configuredHours) {
        return undefined;
    }
    const until = certificateValidity(pem).notAfter.toISOString().slice(0, 10);
    return {
        problem:
            `differs from the lifetime of the existing trust anchor (${hours} h, valid until ${until}), and changing it would replace the anchor, ` +
            "which every meshed pod started before would not trust",
        fix: `set it back to ${hours}, or rotate the anchor with a trust bundle as docs/linkerd.md (Rotation) describes`,
    };
}

/** The expiry date (`YYYY-MM-DD`) of a certificate that expires within `hours` of `now`, else undefined. */
export function expiresWithin(pem: string, now: Date, hours: number = LINKERD_WARNING_HOURS): string | undefined {
    const { notAfter } = certificateValidity(pem);
    return notAfter.getTime() - now.getTime() <= hours * 3_600_000 ? notAfter.toISOString().slice(0, 10) : undefined;
}

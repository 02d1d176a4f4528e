// What each pinned AKO/AMKO release supports (Kubernetes and AVI controller ranges), and the warnings when a stack leaves them.

/** An inclusive range of `major.minor[.patch]` versions. */
export interface VersionRange {
    /** Lowest supported version. */
    readonly min: string;
    /** Highest supported version. */
    readonly max: string;
}

/** What one AKO/AMKO release is documented to support. */
export interface AviSupport {
    /** Kubernetes `major.minor` lines; AKO enforces them: outside, it exits at start. */
    readonly kubernetes: VersionRange;
    /** Where AKO enforces the Kubernetes range. */
    readonly kubernetesEnforcedBy: string;
    /** AVI controller versions. */
    readonly controller: VersionRange;
    /** The AMKO release that pairs with this AKO release. */
    readonly amko: string;
    /** Where upstream says so. */
    readonly source: string;
}

/**
 * Support by AKO release. 2.1.1: `AKO@release-2.1.1:docs/README.md` (compatibility table) and
 * `AMKO@release-2.1.1:README.md` ("Dependencies": Kubernetes 1.29-1.34, AKO 2.1.1, AVI Controller 30.1.1 - 31.2.1).
 * The Kubernetes range is baked into the AKO binary (`buildsettings.json` through the Makefile's ldflags), and
 * `cmd/ako-main/main.go` logs an AKOShutdown event and exits when the API server's `major.minor` lies outside it.
 */
export const AVI_SUPPORT: Readonly<Record<string, AviSupport>> = {
    "2.1.1": {
        kubernetes: { min: "1.29", max: "1.34" },
        kubernetesEnforcedBy: "AKO@release-2.1.1 cmd/ako-main/main.go, buildsettings.json",
        controller: { min: "30.1.1", max: "31.2.1" },
        amko: "2.1.1",
        source: "AKO/AMKO release-2.1.1 README compatibility tables",
    },
};

/** Numeric parts of a dotted version (non-numbers count as 0). */
function parts(version: string): number[] {
    return version.split(".").map((part) => Number.parseInt(part, 10) || 0);
}

/** -1, 0 or 1 as `a` is below, equal to (on the parts both have) or above `b`. */
function compare(a: string, b: string): number {
    const [left, right] = [parts(a), parts(b)];
    for (let i = 0; i < Math.min(left.length, right.length); i++) {
        if (left[i] !== right[i]) {
            return left[i] < right[i] ? -1 : 1;
        }
    }
    return 0;
}

/** True when `version` lies in `range` (compared on as many parts as both sides have). */
export function inRange(version: string, range: VersionRange): boolean {
    return compare(version, range.min) >= 0 && compare(version, range.max) <= 0;
}

/** What the support warnings look at. */
export interface AviVersionFacts {
    /** `versions.ako`. */
    readonly ako: string;
    /** `versions.amko`, when AMKO is installed. */
    readonly amko?: string;
    /** `ingress.controller.version` ("" when unset). */
    readonly controller: string;
}

/** `min-max`. */
export const rangeText = (r: VersionRange): string => `${r.min}-${r.max}`;

/**
 * One sentence per documented limit the stack leaves that AKO does not enforce (never an error: the user may know
 * better). The Kubernetes range, which AKO enforces, is a refusal of the stack's checks instead.
 */
export function aviSupportWarnings(facts: AviVersionFacts): string[] {
    const support = AVI_SUPPORT[facts.ako];
    if (!support) {
        return [
            `versions.ako is ${facts.ako}, for which the project records no supported Kubernetes or controller range; ` +
                `check the AKO and AMKO compatibility tables before installing (known: ${Object.keys(AVI_SUPPORT).join(", ")}).`,
        ];
    }
    const range = rangeText;
    const found: string[] = [];
    if (facts.controller !== "" && !inRange(facts.controller, support.controller)) {
        found.push(
            `ingress.controller.version is ${facts.controller}, outside the AVI controller versions ${range(support.controller)} ` +
                `AKO ${facts.ako} supports (${support.source}); check the controller's version.`,
        );
    }
    if (facts.amko !== undefined && facts.amko !== support.amko) {
        found.push(
            `versions.amko is ${facts.amko}, but AKO ${facts.ako} pairs with AMKO ${support.amko} (${support.source}); ` +
                "set versions.amko to the paired release.",
        );
    }
    return found;
}

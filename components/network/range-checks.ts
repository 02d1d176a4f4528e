// The pod and service ranges of one cluster: aligned, of their family, usable sizes, clear of special blocks, disjoint.
import { PathMapper, ValidationIssue, issue, ownPaths } from "../shared/validation";
import { prefixProblem, rangeUseProblem } from "./address-checks";
import { IpFamily, parseCidr, rangesOverlap } from "./cidr";
import { cidrProblem, familyProblem } from "./value-checks";

/** A cluster's ranges under the keys provisioners use (`podCidr`, `serviceCidr`, `podCidrV6`, `serviceCidrV6`). */
export interface ClusterRanges {
    /** Primary pod range (IPv4, or IPv6 on an IPv6-only cluster). */
    readonly podCidr: string;
    /** Primary service range. */
    readonly serviceCidr: string;
    /** IPv6 pod range of a dual-stack cluster. */
    readonly podCidrV6?: string;
    /** IPv6 service range of a dual-stack cluster. */
    readonly serviceCidrV6?: string;
}

/** One family's pair of ranges, under the keys `at` gives the fields. */
function pairIssues(
    family: IpFamily,
    pod: readonly [string, string | undefined],
    service: readonly [string, string | undefined],
    at: PathMapper,
): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    if ((pod[1] === undefined) !== (service[1] === undefined)) {
        found.push(
            issue(
                at(pod[1] === undefined ? pod[0] : service[0]),
                undefined,
                "but a dual-stack cluster needs both an IPv6 pod and an IPv6 service range",
                `set ${at("podCidrV6")} and ${at("serviceCidrV6")} together, or neither`,
            ),
        );
    }
    for (const [[key, value], role] of [
        [pod, "pod"],
        [service, "service"],
    ] as const) {
        const problem =
            value === undefined
                ? undefined
                : (cidrProblem(value) ?? familyProblem(value, family) ?? prefixProblem(value, role) ?? rangeUseProblem(value));
        if (problem) {
            found.push(issue(at(key), value, problem.problem, problem.fix));
        }
    }
    const pods = pod[1] === undefined ? undefined : parseCidr(pod[1]);
    const services = service[1] === undefined ? undefined : parseCidr(service[1]);
    if (pods && services && rangesOverlap(pods, services)) {
        found.push(issue(at(service[0]), service[1], `overlaps ${at(pod[0])} ${pod[1]}`, "give pods and services disjoint ranges"));
    }
    return found;
}

/**
 * Every problem of a cluster's ranges. The primary pair is IPv4 (or, with `ipv6Only` allowed and no IPv6 pair,
 * the family of `podCidr`); a dual-stack cluster adds an IPv6 pair, both ranges together. `at` names the keys (see {@link PathMapper}).
 */
export function clusterRangeIssues(
    ranges: ClusterRanges,
    options: { readonly ipv6Only?: boolean } = {},
    at: PathMapper = ownPaths,
): ValidationIssue[] {
    const dual = ranges.podCidrV6 !== undefined || ranges.serviceCidrV6 !== undefined;
    const primary: IpFamily = !dual && options.ipv6Only ? (parseCidr(ranges.podCidr)?.family ?? "ipv4") : "ipv4";
    return [
        ...pairIssues(primary, ["podCidr", ranges.podCidr], ["serviceCidr", ranges.serviceCidr], at),
        ...pairIssues("ipv6", ["podCidrV6", ranges.podCidrV6], ["serviceCidrV6", ranges.serviceCidrV6], at),
    ];
}

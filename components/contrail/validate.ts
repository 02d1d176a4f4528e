// Rules of a CN2 multi-cluster, over plain facts: one central and distinct distributed clusters, their subnets, names, release, numbers.
import { Cidr, parseCidr, rangesOverlap } from "../network/cidr";
import { Problem } from "../network/value-checks";
import { ValidationIssue, issue } from "../shared/validation";
import { AllocationRequest, allocateKubemanagers, allocationIssues } from "./allocation";
import { cidrOfFamily } from "./kubemanager";
import { MAX_DISTRIBUTED_NAME, mirroredNamespace } from "./names";
import { CONTRAIL_RELEASES, contrailRelease } from "./release";

/** Kubemanager `clusterName` pattern of the 23.4 CRD. */
const CLUSTER_NAME_PATTERN = /^[a-z0-9]+[a-z0-9-]*[a-z0-9]+$/;

/** Why a cluster name cannot be a distributed cluster's name, if it cannot. */
export function distributedNameProblem(name: string): Problem | undefined {
    if (!CLUSTER_NAME_PATTERN.test(name)) {
        return { problem: "is not a Kubemanager clusterName (at least 2 characters: lowercase letters, digits and '-')", fix: "rename the cluster" };
    }
    if (name.length > MAX_DISTRIBUTED_NAME) {
        return {
            problem: `is longer than ${MAX_DISTRIBUTED_NAME} characters, so the central cluster's mirror namespaces (e.g. ${mirroredNamespace(name, "kube-node-lease")}) would exceed 63`,
            fix: `rename the cluster to at most ${MAX_DISTRIBUTED_NAME} characters`,
        };
    }
    return undefined;
}

/** Why a release cannot be installed, if it cannot. */
export function releaseProblem(version: string): Problem | undefined {
    return contrailRelease(version) ? undefined : {
        problem: "is not a CN2 release whose public manifests this project pins",
        fix: `use one of ${Object.keys(CONTRAIL_RELEASES).map((known) => JSON.stringify(known)).join(", ")}`,
    };
}

/** One cluster as the rules see it. */
export interface ContrailClusterFacts {
    /** Argument path of the entry, e.g. `distributed[0].cluster`. */
    readonly path: string;
    /** Cluster name. */
    readonly name: string;
    /** Pod CIDRs, IPv4 first then IPv6. */
    readonly podCidrs: readonly string[];
    /** Service CIDRs, IPv4 first then IPv6. */
    readonly serviceCidrs: readonly string[];
}

/** Everything {@link validateContrail} checks. */
export interface ContrailFacts {
    /** The central cluster. */
    readonly central: ContrailClusterFacts;
    /** The distributed clusters with their allocation requests. */
    readonly distributed: readonly (ContrailClusterFacts & { readonly allocation: AllocationRequest })[];
    /** Release (`versions.contrail`). */
    readonly version: string;
}

/** Every problem of a CN2 multi-cluster. */
export function validateContrail(facts: ContrailFacts): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    const releaseIssue = releaseProblem(facts.version);
    if (releaseIssue) {
        found.push(issue("version", facts.version, releaseIssue.problem, releaseIssue.fix));
    }
    if (facts.distributed.length === 0) {
        found.push(issue("distributed", [], "names no cluster, and CN2 multi-cluster needs at least one distributed cluster", "add a distributed cluster"));
    }
    found.push(...nameIssues(facts), ...subnetIssues([facts.central, ...facts.distributed]));
    const requests = facts.distributed.map((entry) => entry.allocation);
    found.push(...allocationIssues(requests, allocateKubemanagers(requests)));
    return found;
}

function nameIssues(facts: ContrailFacts): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    const seen = new Map<string, string>([[facts.central.name, facts.central.path]]);
    for (const entry of facts.distributed) {
        const earlier = seen.get(entry.name);
        if (earlier !== undefined) {
            found.push(issue(entry.path, entry.name, `is the same cluster as ${earlier}`, "list each cluster once, and the central cluster only as central"));
        }
        seen.set(entry.name, entry.path);
        const problem = distributedNameProblem(entry.name);
        if (problem) {
            found.push(issue(entry.path, entry.name, problem.problem, problem.fix));
        }
    }
    return found;
}

function subnetIssues(clusters: readonly ContrailClusterFacts[]): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    const placed: { path: string; cluster: string; cidr: Cidr }[] = [];
    for (const cluster of clusters) {
        for (const [kind, cidrs] of [["pod", cluster.podCidrs], ["service", cluster.serviceCidrs]] as const) {
            const path = `${cluster.path}.network.${kind}Cidrs`;
            if (cidrOfFamily(cidrs, "ipv4") === undefined) {
                found.push(issue(path, cidrs, `has no IPv4 range, and a Kubemanager needs one`, `give cluster ${cluster.name} an IPv4 ${kind} CIDR`));
            }
            for (const text of cidrs) {
                const cidr = parseCidr(text);
                const other = cidr && placed.find((entry) => rangesOverlap(entry.cidr, cidr));
                if (cidr && other) {
                    found.push(issue(path, text, `overlaps ${other.path} "${other.cidr.text}" (cluster ${other.cluster})`,
                        "give every cluster its own pod and service subnets, in both families"));
                }
                if (cidr) {
                    placed.push({ path, cluster: cluster.name, cidr });
                }
            }
        }
    }
    return found;
}

// Rules of a CN2 multi-cluster, over plain facts: one central and distinct distributed clusters, their subnets, names, release, numbers.
import { parseCidr } from "../network/cidr";
import { earlierOverlaps } from "../network/overlaps";
import { Problem, cidrProblem, familyProblem } from "../network/value-checks";
import { dnsLabelProblem, labelKeyProblem, labelValueProblem } from "../shared/value-kinds";
import { NOT_SHOWN, ValidationIssue, issue, keyPath } from "../shared/validation";
import { AllocationRequest, allocateKubemanagers, allocationIssues } from "./allocation";
import { cidrOfFamily } from "./kubemanager";
import { LONGEST_MIRRORED_NAMESPACE, MAX_DISTRIBUTED_NAME, mirroredNamespace } from "./names";
import { NetworkSide } from "./networks";
import { CONTRAIL_RELEASES, contrailRelease, registryHost, registryPrefixProblem } from "./release";
import { registryAuthProblem } from "./secrets";

/** Kubemanager `clusterName` pattern of the 23.4 CRD. */
const CLUSTER_NAME_PATTERN = /^[a-z0-9]+[a-z0-9-]*[a-z0-9]+$/;

/** Why a cluster name cannot be a distributed cluster's name, if it cannot. */
export function distributedNameProblem(name: string): Problem | undefined {
    if (!CLUSTER_NAME_PATTERN.test(name)) {
        return {
            problem: "is not a Kubemanager clusterName (at least 2 characters: lowercase letters, digits and '-')",
            fix: "rename the cluster",
        };
    }
    if (name.length > MAX_DISTRIBUTED_NAME) {
        return {
            problem: `is longer than ${MAX_DISTRIBUTED_NAME} characters, so the central cluster's mirror namespaces (e.g. ${mirroredNamespace(name, LONGEST_MIRRORED_NAMESPACE)}) would exceed 63`,
            fix: `rename the cluster to at most ${MAX_DISTRIBUTED_NAME} characters`,
        };
    }
    return undefined;
}

/** Why a release cannot be installed, if it cannot. */
export function releaseProblem(version: string): Problem | undefined {
    return contrailRelease(version)
        ? undefined
        : {
              problem: "is not a CN2 release whose public manifests this project pins",
              fix: `use one of ${Object.keys(CONTRAIL_RELEASES)
                  .map((known) => JSON.stringify(known))
                  .join(", ")}`,
          };
}

/**
 * Issues of the registry settings: a mirror prefix that is not one, and registry credentials (when known: a plain
 * value, or a secret read for validation) that would not pull from the registry in use. The credential is never shown.
 */
export function registryIssues(
    paths: { registry: string; auth: string },
    registry: string | undefined,
    defaultRegistry: string,
    auth: string | undefined,
): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    const prefix = registry !== undefined ? registryPrefixProblem(registry) : undefined;
    if (registry !== undefined && prefix) {
        found.push(issue(paths.registry, registry, prefix.problem, prefix.fix));
    }
    const authProblem = auth !== undefined && !prefix ? registryAuthProblem(auth, registryHost(registry ?? defaultRegistry)) : undefined;
    if (authProblem) {
        found.push(issue(paths.auth, NOT_SHOWN, authProblem.problem, authProblem.fix));
    }
    return found;
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
        found.push(
            issue(
                "distributed",
                [],
                "names no cluster, and CN2 multi-cluster needs at least one distributed cluster",
                "add a distributed cluster",
            ),
        );
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
            found.push(
                issue(
                    entry.path,
                    entry.name,
                    `is the same cluster as ${earlier}`,
                    "list each cluster once, and the central cluster only as central",
                ),
            );
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
    const groups = clusters.flatMap((cluster) =>
        (
            [
                ["pod", cluster.podCidrs],
                ["service", cluster.serviceCidrs],
            ] as const
        ).map(([kind, cidrs]) => ({ cluster, kind, cidrs, path: `${cluster.path}.network.${kind}Cidrs` })),
    );
    const subnets = groups.flatMap((group) => group.cidrs.map((text) => ({ group, text, cidr: parseCidr(text) })));
    const clashes = new Map(earlierOverlaps(subnets, (subnet) => subnet.cidr).map(({ entry, earlier }) => [entry, earlier]));
    return groups.flatMap((group) => [
        ...(cidrOfFamily(group.cidrs, "ipv4") === undefined
            ? [
                  issue(
                      group.path,
                      group.cidrs,
                      `has no IPv4 range, and a Kubemanager needs one`,
                      `give cluster ${group.cluster.name} an IPv4 ${group.kind} CIDR`,
                  ),
              ]
            : []),
        ...subnets
            .filter((subnet) => subnet.group === group && clashes.has(subnet))
            .map((subnet) => {
                const other = clashes.get(subnet)!;
                return issue(
                    group.path,
                    subnet.text,
                    `overlaps ${other.group.path} "${other.cidr!.text}" (cluster ${other.group.cluster.name})`,
                    "give every cluster its own pod and service subnets, in both families",
                );
            }),
    ]);
}

/** Issues of explicit Kubemanager numbers and the gates' bound of the component (the stack's schema checks its own). */
export function numberIssues(requests: readonly AllocationRequest[], readyTimeoutSeconds: number | undefined): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    for (const request of requests) {
        if (
            request.listenerPort !== undefined &&
            (!Number.isInteger(request.listenerPort) || request.listenerPort < 1024 || request.listenerPort > 65535)
        ) {
            found.push(
                issue(
                    `${request.path}.listenerPort`,
                    request.listenerPort,
                    "is not a TCP port from 1024 to 65535",
                    "use a free port, e.g. 19446",
                ),
            );
        }
        const target = request.constantRouteTargetNumber;
        if (target !== undefined && (!Number.isInteger(target) || target < 1 || target > 4294967295)) {
            found.push(
                issue(
                    `${request.path}.constantRouteTargetNumber`,
                    target,
                    "is not a route-target number from 1 to 4294967295",
                    "use e.g. 7699",
                ),
            );
        }
    }
    if (
        readyTimeoutSeconds !== undefined &&
        (!Number.isInteger(readyTimeoutSeconds) || readyTimeoutSeconds < 60 || readyTimeoutSeconds > 7200)
    ) {
        found.push(issue("readyTimeoutSeconds", readyTimeoutSeconds, "is not a bound from 60 to 7200 seconds", "use e.g. 1200"));
    }
    return found;
}

/** Issues of one side of a cross-cluster network: names, labels and the CIDR as what they are, the mirror name's length. */
export function networkSideIssues(path: string, side: NetworkSide): ValidationIssue[] {
    const checks: [string, unknown, Problem | undefined][] = [
        [`${path}.namespace`, side.namespace, dnsLabelProblem(side.namespace)],
        [`${path}.network.name`, side.network.name, dnsLabelProblem(side.network.name) ?? labelValueProblem(`${side.network.name}-vnr`)],
        [
            `${path}.network.cidr`,
            side.network.cidr,
            cidrProblem(side.network.cidr) ??
                (familyProblem(side.network.cidr, "ipv4") && {
                    problem: "is not an IPv4 range, and the helper renders an IPv4 Subnet",
                    fix: 'give the VirtualNetwork an IPv4 range, e.g. "10.0.0.0/24"',
                }),
        ],
        ...Object.entries(side.namespaceLabel).map(([key, value]): [string, unknown, Problem | undefined] => [
            keyPath(`${path}.namespaceLabel`, key),
            value,
            labelKeyProblem(key) ?? labelValueProblem(value),
        ]),
    ];
    if (Object.keys(side.namespaceLabel).length === 0) {
        checks.push([
            `${path}.namespaceLabel`,
            side.namespaceLabel,
            {
                problem: "is empty, so the other side's VNR could not select this namespace",
                fix: 'give a label unique to this namespace, e.g. { ns: "cluster2-ns1" }',
            },
        ]);
    }
    const mirror = side.distributedCluster !== undefined ? mirroredNamespace(side.distributedCluster, side.namespace) : undefined;
    if (mirror !== undefined && mirror.length > 63) {
        checks.push([
            `${path}.namespace`,
            side.namespace,
            { problem: `makes the central mirror ${mirror} longer than 63 characters`, fix: "use a shorter namespace" },
        ]);
    }
    return checks.flatMap(([at, value, problem]) => (problem ? [issue(at, value, problem.problem, problem.fix)] : []));
}

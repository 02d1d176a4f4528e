// Checks of MetalLB inputs before anything exists: pools, reserved addresses, and pools shared between clusters.
import { IpRange, parseAddress, parseRange, rangeContains } from "../network/cidr";
import { earlierOverlaps } from "../network/overlaps";
import { poolProblem } from "../network/value-checks";
import { capList, issue, keyPath, ValidationIssue } from "../shared/validation";
import { dnsLabelProblem } from "../shared/value-kinds";
import { imageValueIssues } from "../shared/values-merge";
import { ReservedAddress } from "./manifests";

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Every problem of one cluster's pools, reserved addresses and extra chart values, each as one sentence. */
export function metallbIssues(
    pools: readonly string[],
    reserved: readonly ReservedAddress[] = [],
    values?: Readonly<Record<string, unknown>>,
): ValidationIssue[] {
    const found: ValidationIssue[] = [...metallbValueIssues(values)];
    if (pools.length === 0) {
        found.push(issue("pools", [], "is empty, so MetalLB has no address to assign", "give at least one CIDR or first-last range"));
    }
    pools.forEach((pool, i) => {
        const problem = poolProblem(pool);
        if (problem) {
            found.push(issue(`pools[${i}]`, pool, problem.problem, problem.fix));
        }
    });
    const ranges = pools.map(parseRange).filter((range) => range !== undefined);
    reserved.forEach((entry, i) => found.push(...reservedAddressIssues(entry, i, reserved, pools, ranges)));
    return found;
}

/** One reserved address (`reserved[i]`): a short name, an IP inside the pools, valid namespaces, and used once. */
function reservedAddressIssues(
    entry: ReservedAddress,
    i: number,
    reserved: readonly ReservedAddress[],
    pools: readonly string[],
    ranges: readonly IpRange[],
): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    const address = parseAddress(entry.ip);
    if (!dnsLabel.test(entry.name) || entry.name.length > 54) {
        found.push(
            issue(
                `reserved[${i}].name`,
                entry.name,
                "is not a short DNS label",
                "use lowercase letters, digits and '-', at most 54 characters",
            ),
        );
    }
    if (!address) {
        found.push(issue(`reserved[${i}].ip`, entry.ip, "is not an IP address", "give one address from the pools"));
    } else if (!ranges.some((range) => rangeContains(range, address))) {
        found.push(issue(`reserved[${i}].ip`, entry.ip, `is outside the pools (${capList(pools)})`, "reserve an address inside a pool"));
    }
    (entry.namespaces ?? []).forEach((namespace, j) => {
        const problem = dnsLabelProblem(namespace);
        if (problem) {
            found.push(
                issue(`reserved[${i}].namespaces[${j}]`, namespace, `${problem.problem}, so it cannot name a namespace`, problem.fix),
            );
        }
    });
    const first = reserved.findIndex((other) => other.ip === entry.ip || other.name === entry.name);
    if (first !== i) {
        found.push(
            issue(
                `reserved[${i}]`,
                `${entry.name} ${entry.ip}`,
                `reuses the name or address of reserved[${first}]`,
                "reserve each address once, under its own name",
            ),
        );
    }
    return found;
}

/** Chart switches that would leave the pools without an assigner or an announcer. */
const ESSENTIAL_COMPONENTS = [
    { key: "controller", role: "assigns the pools' addresses to Services" },
    { key: "speaker", role: "announces the assigned addresses on the node network (L2)" },
] as const;

/**
 * Escape-hatch values (`values`, merged last) that turn off a MetalLB component the pools need, and image values that
 * would not pull; `at` is the key the values are given at.
 */
export function metallbValueIssues(values: Readonly<Record<string, unknown>> | undefined, at = "values"): ValidationIssue[] {
    const off = ESSENTIAL_COMPONENTS.flatMap(({ key, role }) => {
        const component = values?.[key];
        const enabled = component !== null && typeof component === "object" ? (component as Record<string, unknown>).enabled : undefined;
        return enabled === false
            ? [
                  issue(
                      `${at}.${key}.enabled`,
                      false,
                      `turns off MetalLB's ${key}, which ${role}, so no LoadBalancer address would work`,
                      `remove ${at}.${key}.enabled`,
                  ),
              ]
            : [];
    });
    return [...off, ...imageValueIssues(values, at)];
}

/** One cluster's pools, for the cross-cluster check. */
export interface ClusterPools {
    /** Cluster name. */
    readonly cluster: string;
    /** Its pools. */
    readonly pools: readonly string[];
}

/**
 * Pools that overlap between clusters (or within one): on a shared L2 network two speakers would answer ARP for
 * the same address. The stack's network plan checks the same for every stack; this serves library users.
 */
export function overlappingPoolIssues(clusters: readonly ClusterPools[]): ValidationIssue[] {
    const pools = clusters.flatMap((entry) =>
        entry.pools.map((text, i) => ({
            path: keyPath(keyPath(keyPath("", entry.cluster), "pools"), i),
            text,
            cluster: entry.cluster,
            range: parseRange(text),
        })),
    );
    return earlierOverlaps(pools, (pool) => pool.range).map(({ entry, earlier }) =>
        issue(
            entry.path,
            entry.text,
            `overlaps the pool ${earlier.path} "${earlier.text}" of cluster ${earlier.cluster}`,
            "give every cluster its own addresses",
        ),
    );
}

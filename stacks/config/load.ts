// Reads `Pulumi.<stack>.yaml` (namespace `multicluster`) into a validated StackConfig, or fails with every problem.
import * as pulumi from "@pulumi/pulumi";
import { NetworkPlanRules, PlannedCluster, checkNetworkPlan } from "../../components/network/plan";
import { ConfigValidationError, ValidationIssue, issue } from "../../components/shared/validation";
import { Versions, defaultVersions, resolveVersions } from "../../components/versions";
import { defaultLoadBalancerKind, maxMeshId } from "./capabilities";
import { CONFIG_NAMESPACE, screenKeys, stackConfigSubject } from "./crossrefs";
import { fromZodIssues } from "./errors";
import { RawStackConfig, readRawStackConfig, screenValues } from "./raw";
import { AUTO, resolveClusters } from "./resolve";
import { nodeAddresses } from "./nodes";
import { StackRules } from "./rules";
import { ParsedStackConfig, secretConfigKeys, stackConfigSchema } from "./schema";
import { SectionKey, allParsed, parseSections } from "./sections";
import { ClusterConfig, LoadBalancerConfig, StackConfig, StackSecrets } from "./types";
import { commonUnusedSettings, unusedIssues, unusedSecretIssues } from "./unused";

export { CONFIG_NAMESPACE, stackConfigSubject } from "./crossrefs";
export { decodeConfigValue, readRawStackConfig } from "./raw";
export type { RawStackConfig } from "./raw";

/**
 * Validates raw config into a StackConfig in one pass; throws ConfigValidationError listing every problem. Each
 * top-level section is parsed on its own: a section that fails its schema is reported; resolution and the network
 * plan run when the sections they read parsed, and the other cross-field rules (the provisioners' rules, every
 * selected layer row, unused settings), which read every section, only when every section parsed. A value refused
 * before the schema (a secret, a number beyond 2^53) is reported once: no later rule reports at or under its path.
 */
export function parseStackConfig(raw: RawStackConfig, rules: StackRules): StackConfig {
    const given = raw.values !== null && typeof raw.values === "object" && !Array.isArray(raw.values) ? raw.values : {};
    const screened = screenKeys(given, raw.secretKeys, raw.foreignKeys ?? [], raw.securePaths ?? []);
    const decoded = screenValues(screened.input);
    const early = [...screened.broken, ...decoded.issues.map((entry) => entry.path)];
    const sections = parseSections(decoded.values);
    const schemaIssues = fromZodIssues(sections.issues, decoded.values, stackConfigSchema).filter((entry) => !isUnder(entry.path, early));
    const unresolved = new Set<string>();
    const downstream: ValidationIssue[] = [];
    const complete = allParsed(sections, CROSS_FIELD_READS);
    const config = complete ? buildConfig(raw, sections.parsed as ParsedStackConfig, unresolved, downstream, rules) : undefined;
    if (!complete && allParsed(sections, NETWORK_READS)) {
        resolveAndPlan(sections.parsed as Pick<ParsedStackConfig, NetworkRead>, unresolved, downstream);
    }
    downstream.push(...(config ? unusedIssues(decoded.values, config, commonUnusedSettings) : []));
    const found = [
        ...screened.issues,
        ...decoded.issues,
        ...schemaIssues,
        ...downstream.filter((entry) => !isUnder(entry.path, [...early, ...unresolved])),
    ];
    const all = dedupe(found);
    if (all.length > 0 || !config) {
        throw new ConfigValidationError(
            stackConfigSubject(raw.stack),
            all.length > 0 ? all : [issue("clusters", undefined, "", "set clusters (a list)")],
        );
    }
    return config;
}

/** The sections the cross-field rules read: every one (the layer rows and unused settings read the whole config). */
const CROSS_FIELD_READS = Object.keys(stackConfigSchema.shape) as SectionKey[];

/** The sections resolution and the network plan read: they still run when only other sections failed. */
const NETWORK_READS = ["clusters", "network", "cni", "mesh"] as const satisfies readonly SectionKey[];

/** A section resolution and the network plan read. */
type NetworkRead = (typeof NETWORK_READS)[number];

/** Resolves the clusters and checks the network plan (ranges, addresses, names, mesh IDs); problems go to `found`. */
function resolveAndPlan(parsed: Pick<ParsedStackConfig, NetworkRead>, unresolved: Set<string>, found: ValidationIssue[]): ClusterConfig[] {
    const clusters = resolveClusters(parsed, found, unresolved);
    found.push(...checkNetworkPlan(clusters.map(plannedCluster), meshRules(parsed.mesh)));
    return clusters;
}

/** True when `path` is one of `paths` or under one of them (`a.b`, `a[0]` under `a`): compared as key paths, never as text. */
function isUnder(path: string, paths: readonly string[]): boolean {
    return paths.some((prefix) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`));
}

/** Resolves the parsed config and runs every rule over it; problems go to `found`. */
function buildConfig(
    raw: RawStackConfig,
    parsed: ParsedStackConfig,
    unresolved: Set<string>,
    found: ValidationIssue[],
    rules: StackRules,
): StackConfig {
    const clusters = resolveAndPlan(parsed, unresolved, found);
    const { cni, mesh, ingress, network, versions } = parsed;
    const ssh = parsed.ssh ?? { user: "root", port: 22 };
    const loadBalancer = parsed.loadBalancer ?? defaultLoadBalancer(parsed, clusters);
    const config: StackConfig = {
        project: raw.project,
        stack: raw.stack,
        clusters,
        ssh,
        versions: resolveVersions(versions),
        cni,
        loadBalancer,
        mesh,
        ingress,
        network,
        defaultedVersions: (Object.keys(defaultVersions) as (keyof Versions)[]).filter((key) => versions?.[key] === undefined),
    };
    // The provisioners' own rules name the same keys as the plan in other words: the first problem of a key is enough.
    const reported = new Set(found.map((entry) => entry.path));
    found.push(...rules.provisionIssues(config).filter((entry) => !reported.has(entry.path)));
    found.push(...rules.layerIssues(config), ...rules.missingSecretIssues(config, [...raw.secretKeys, ...Object.keys(raw.values)]));
    found.push(
        ...unusedSecretIssues(
            config,
            raw.secretKeys,
            rules.missingSecretIssues(config, []).map((entry) => entry.path),
        ),
    );
    return config;
}

function dedupe<T extends { message: string }>(items: readonly T[]): T[] {
    const seen = new Set<string>();
    return items.filter((item) => !seen.has(item.message) && !!seen.add(item.message));
}

/** Unset `loadBalancer`: the CNI's default (Cilium LB IPAM with Cilium), else MetalLB, when any cluster has pools; else none. */
function defaultLoadBalancer(parsed: ParsedStackConfig, clusters: readonly ClusterConfig[]): LoadBalancerConfig {
    if (!clusters.some((cluster) => cluster.loadBalancerPools.length > 0)) {
        return { kind: "none" };
    }
    return { kind: defaultLoadBalancerKind(parsed.cni) } as LoadBalancerConfig;
}

function meshRules(mesh: StackConfig["mesh"]): NetworkPlanRules {
    return { maxMeshId: maxMeshId(mesh) };
}

/** Projects a resolved cluster onto what the network plan check needs, with config key paths. */
export function plannedCluster(cluster: ClusterConfig, index: number): PlannedCluster {
    const at = (field: string) => `clusters[${index}].${field}`;
    const located = (field: string, value: string | undefined) =>
        value === undefined || value === AUTO ? [] : [{ path: at(field), value }];
    const hosts = nodeAddresses(cluster, index).map(({ path, value }) => ({ path, value }));
    return {
        name: { path: at("name"), value: cluster.name },
        meshId: { path: at("id"), value: cluster.id },
        podCidrs: [...located("podCidr", cluster.podCidr), ...located("podCidrV6", cluster.podCidrV6)],
        serviceCidrs: [...located("serviceCidr", cluster.serviceCidr), ...located("serviceCidrV6", cluster.serviceCidrV6)],
        nodeAddresses: hosts,
        loadBalancerPools: cluster.loadBalancerPools.map((pool, i) => ({ path: at(`loadBalancerPools[${i}]`), value: pool })),
    };
}

/** Loads and validates the stack config with `rules` (stacks/validate.ts), and reads its secrets as secret Outputs. */
export function loadStackConfig(rules: StackRules): { config: StackConfig; secrets: StackSecrets } {
    const config = parseStackConfig(readRawStackConfig(), rules);
    rules.warnings(config).forEach((warning) => pulumi.log.warn(warning));
    const pulumiConfig = new pulumi.Config(CONFIG_NAMESPACE);
    const byKey: Record<string, pulumi.Output<string>> = {};
    for (const key of secretConfigKeys) {
        const value = pulumiConfig.getSecret(key);
        if (value !== undefined) {
            byKey[key] = pulumi.secret(value);
        }
    }
    return { config, secrets: { byKey, ...(byKey.sshPrivateKey ? { sshPrivateKey: byKey.sshPrivateKey } : {}) } };
}

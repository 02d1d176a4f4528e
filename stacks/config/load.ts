// Reads `Pulumi.<stack>.yaml` (namespace `multicluster`) into a validated StackConfig, or fails with every problem.
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { NetworkPlanRules, PlannedCluster, checkNetworkPlan } from "../../components/network/plan";
import { ConfigValidationError, ValidationIssue, issue } from "../../components/shared/validation";
import { Versions, defaultVersions, resolveVersions } from "../../components/versions";
import { defaultLoadBalancerKind, maxMeshId } from "./capabilities";
import { CONFIG_NAMESPACE, screenKeys, stackConfigSubject } from "./crossrefs";
import { fromZodIssues } from "./errors";
import { RawStackConfig, readRawStackConfig, screenValues } from "./raw";
import { AUTO, resolveClusters } from "./resolve";
import { StackRules } from "./rules";
import { concernsBroken, salvageParse, shapeOnly } from "./salvage";
import { ParsedStackConfig, secretConfigKeys, stackConfigSchema } from "./schema";
import { kindClusterSchema } from "./schema/common";
import { ClusterConfig, HostConfig, LoadBalancerConfig, StackConfig, StackSecrets } from "./types";
import { commonUnusedSettings, unusedIssues, unusedSecretIssues } from "./unused";

export { CONFIG_NAMESPACE, stackConfigSubject } from "./crossrefs";
export { decodeConfigValue, readRawStackConfig } from "./raw";
export type { RawStackConfig } from "./raw";

/**
 * Validates raw config into a StackConfig in one pass; throws ConfigValidationError listing every problem. A value
 * of the wrong type is reported and dropped, and every other rule (resolution, the network plan, the provisioners'
 * rules, every selected layer row) still runs on what parsed, without repeating or building on what was dropped.
 */
export function parseStackConfig(raw: RawStackConfig, rules: StackRules): StackConfig {
    const given = raw.values !== null && typeof raw.values === "object" && !Array.isArray(raw.values) ? raw.values : {};
    const screened = screenKeys(given, raw.secretKeys, raw.foreignKeys ?? [], raw.securePaths ?? []);
    const decoded = screenValues(screened.input);
    const early = [...screened.broken, ...decoded.issues.map((entry) => entry.path)];
    const salvaged = salvageParse(stackConfigSchema, decoded.values, clusterPlaceholder);
    const schemaIssues = fromZodIssues(salvaged.issues, decoded.values, stackConfigSchema).filter((entry) => !concernsBroken(entry, early));
    const broken = new Set([...early, ...salvaged.broken]);
    const downstream: ValidationIssue[] = [];
    const config = salvaged.data ? buildConfig(raw, salvaged.data, broken, downstream, rules) : undefined;
    downstream.push(...(config ? unusedIssues(decoded.values, config, commonUnusedSettings) : []));
    const found = [...screened.issues, ...decoded.issues, ...schemaIssues, ...downstream.filter((entry) => !concernsBroken(entry, [...broken]))];
    const all = dedupe(found);
    if (all.length > 0 || !config) {
        throw new ConfigValidationError(stackConfigSubject(raw.stack), all.length > 0 ? all : [issue("clusters", undefined, "", "set clusters (a list)")]);
    }
    return config;
}

/** Resolves the parsed config and runs every rule over it; problems go to `found`. */
function buildConfig(raw: RawStackConfig, parsed: ParsedStackConfig, broken: Set<string>, found: ValidationIssue[], rules: StackRules): StackConfig {
    const clusters = resolveClusters(parsed, found, broken);
    found.push(...checkNetworkPlan(clusters.map(plannedCluster), meshRules(parsed.mesh)));
    const { cni, mesh, ingress, network, versions } = parsed;
    const ssh = parsed.ssh ?? { user: "root", port: 22 };
    const loadBalancer = parsed.loadBalancer ?? defaultLoadBalancer(parsed, clusters);
    const config: StackConfig = {
        project: raw.project, stack: raw.stack, clusters, ssh, versions: resolveVersions(versions), cni, loadBalancer, mesh, ingress, network,
        defaultedVersions: (Object.keys(defaultVersions) as (keyof Versions)[]).filter((key) => versions?.[key] === undefined),
    };
    // The provisioners' own rules name the same keys as the plan in other words: the first problem of a key is enough.
    const reported = new Set(found.map((entry) => entry.path));
    found.push(...rules.provisionIssues(config).filter((entry) => !reported.has(entry.path)));
    found.push(...rules.layerIssues(config), ...rules.missingSecretIssues(config, [...raw.secretKeys, ...Object.keys(raw.values)]));
    found.push(...unusedSecretIssues(config, raw.secretKeys, rules.missingSecretIssues(config, []).map((entry) => entry.path)));
    return config;
}

/**
 * A cluster entry that is not a map, or whose provisioner is missing or unknown, becomes a kind cluster with the
 * fields that parse, so its name and ranges still count (its provisioner is broken, so no rule reports on it).
 */
function clusterPlaceholder(path: readonly PropertyKey[], original: unknown): unknown {
    if (path.length !== 2 || path[0] !== "clusters") {
        return undefined;
    }
    const entry = (original !== null && typeof original === "object" ? original : {}) as Record<string, unknown>;
    const common = ["id", "podCidr", "serviceCidr", "podCidrV6", "serviceCidrV6", "loadBalancerPools", "skipKubeProxy"];
    const lenient = shapeOnly(kindClusterSchema) as z.ZodObject;
    const kept = common.filter((key) => key in entry && (lenient.shape[key] as z.ZodType).safeParse(entry[key]).success);
    return {
        ...Object.fromEntries(kept.map((key) => [key, entry[key]])),
        name: typeof entry.name === "string" ? entry.name : `cluster-${String(path[1])}`,
        provisioner: "kind",
    };
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
    const located = (field: string, value: string | undefined) => (value === undefined || value === AUTO ? [] : [{ path: at(field), value }]);
    const hosts = cluster.provisioner === "kubeadm"
        ? [
            ...hostAddresses(cluster.controlPlanes, at("controlPlanes")),
            ...hostAddresses(cluster.workers, at("workers")),
        ]
        : [];
    return {
        name: { path: at("name"), value: cluster.name },
        meshId: { path: at("id"), value: cluster.id },
        podCidrs: [...located("podCidr", cluster.podCidr), ...located("podCidrV6", cluster.podCidrV6)],
        serviceCidrs: [...located("serviceCidr", cluster.serviceCidr), ...located("serviceCidrV6", cluster.serviceCidrV6)],
        nodeAddresses: hosts,
        loadBalancerPools: cluster.loadBalancerPools.map((pool, i) => ({ path: at(`loadBalancerPools[${i}]`), value: pool })),
    };
}

function hostAddresses(hosts: readonly HostConfig[], path: string): { path: string; value: string }[] {
    return hosts.flatMap((host, i) => [
        { path: `${path}[${i}].${host.address === host.host ? "host" : "address"}`, value: host.address },
        ...(host.addressV6 !== undefined ? [{ path: `${path}[${i}].addressV6`, value: host.addressV6 }] : []),
    ]);
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

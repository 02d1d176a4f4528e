// Reads `Pulumi.<stack>.yaml` (namespace `multicluster`) into a validated StackConfig, or fails with every problem.
import * as pulumi from "@pulumi/pulumi";
import { NetworkPlanRules, PlannedCluster, checkNetworkPlan } from "../../components/network/plan";
import { ValidationErrors, issue } from "../../components/shared/validation";
import { resolveVersions } from "../../components/versions";
import { layerIssues } from "../layers";
import { fromZodIssue } from "./errors";
import { checkSecretKeys } from "./crossrefs";
import { AUTO, resolveClusters } from "./resolve";
import { ParsedStackConfig, configKeys, secretConfigKeys, stackConfigSchema } from "./schema";
import { ClusterConfig, HostConfig, LoadBalancerConfig, StackConfig, StackSecrets } from "./types";

/** The config namespace of this project. */
export const CONFIG_NAMESPACE = "multicluster";

/** Raw stack config as Pulumi hands it over: every key of the namespace, decoded, secrets left out. */
export interface RawStackConfig {
    /** Pulumi project name. */
    readonly project: string;
    /** Pulumi stack name. */
    readonly stack: string;
    /** Values by short key (`clusters`, `mesh`, ...), JSON-decoded; secret keys are absent. */
    readonly values: Readonly<Record<string, unknown>>;
    /** Short keys that are present but secret. */
    readonly secretKeys: readonly string[];
}

/** Validates raw config into a StackConfig; throws ConfigValidationError listing every problem. */
export function parseStackConfig(raw: RawStackConfig): StackConfig {
    const errors = new ValidationErrors();
    const known = new Set<string>(configKeys);
    const present = [...Object.keys(raw.values), ...raw.secretKeys];
    for (const key of present.filter((key) => !known.has(key))) {
        errors.add(issue(`${CONFIG_NAMESPACE}:${key}`, raw.values[key] ?? "[secret]", "is not a config key of this project",
            `remove it or use one of ${configKeys.join(", ")}`));
    }
    const secretKeys = new Set<string>(secretConfigKeys);
    const input = Object.fromEntries(Object.entries(raw.values).filter(([key]) => known.has(key) && !secretKeys.has(key)));
    const parsed = stackConfigSchema.safeParse(input, { reportInput: true });
    if (!parsed.success) {
        parsed.error.issues.forEach((zodIssue) => errors.addAll(fromZodIssue(zodIssue, input, stackConfigSchema)));
        errors.throwIfAny(configSubject(raw));
        throw new Error("unreachable: schema failed without issues");
    }
    const found = [...errors.issues];
    const clusters = resolveClusters(parsed.data, found);
    found.push(...checkSecretKeys(secretConfigKeys, raw.values, raw.secretKeys));
    found.push(...checkNetworkPlan(clusters.map(plannedCluster), meshRules(parsed.data.mesh)));
    const { cni, mesh, ingress, network, versions } = parsed.data;
    const ssh = parsed.data.ssh ?? { user: "root", port: 22 };
    const loadBalancer = parsed.data.loadBalancer ?? defaultLoadBalancer(parsed.data, clusters);
    const config: StackConfig = {
        project: raw.project, stack: raw.stack, clusters, ssh, versions: resolveVersions(versions), cni, loadBalancer, mesh, ingress, network,
    };
    found.push(...layerIssues(config));
    const all = new ValidationErrors();
    all.addAll(dedupe(found));
    all.throwIfAny(configSubject(raw));
    return config;
}

function configSubject(raw: RawStackConfig): string {
    return `stack config Pulumi.${raw.stack}.yaml (namespace ${CONFIG_NAMESPACE})`;
}

function dedupe<T extends { message: string }>(items: readonly T[]): T[] {
    const seen = new Set<string>();
    return items.filter((item) => !seen.has(item.message) && !!seen.add(item.message));
}

/** Unset `loadBalancer`: Cilium LB IPAM with Cilium, MetalLB without it, when any cluster has pools; else none. */
function defaultLoadBalancer(parsed: ParsedStackConfig, clusters: readonly ClusterConfig[]): LoadBalancerConfig {
    if (!clusters.some((cluster) => cluster.loadBalancerPools.length > 0)) {
        return { kind: "none" };
    }
    return parsed.cni.kind === "cilium" ? { kind: "cilium-lb-ipam" } : { kind: "metallb" };
}

function meshRules(mesh: StackConfig["mesh"]): NetworkPlanRules {
    return { maxMeshId: mesh.kind === "cilium-clustermesh" ? mesh.maxConnectedClusters : 255 };
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
        { path: `${path}[${i}].host`, value: host.address },
        ...(host.addressV6 !== undefined ? [{ path: `${path}[${i}].addressV6`, value: host.addressV6 }] : []),
    ]);
}

/** Reads the current Pulumi stack's config from the runtime (works under `pulumi up` and the render engine). */
export function readRawStackConfig(): RawStackConfig {
    const prefix = `${CONFIG_NAMESPACE}:`;
    const values: Record<string, unknown> = {};
    const secretKeys: string[] = [];
    for (const [fullKey, text] of Object.entries(pulumi.runtime.allConfig())) {
        if (!fullKey.startsWith(prefix)) {
            continue;
        }
        const key = fullKey.slice(prefix.length);
        if (isSecretConfigKey(fullKey)) {
            secretKeys.push(key);
        } else {
            values[key] = decodeConfigValue(text);
        }
    }
    return { project: pulumi.getProject(), stack: pulumi.getStack(), values, secretKeys };
}

/**
 * Whether a config key holds a secret. The SDK's `isConfigSecret` is marked internal, so it is looked up
 * defensively, with the documented environment variable the language host sets as the fallback.
 */
function isSecretConfigKey(fullKey: string): boolean {
    const runtime = pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean };
    if (typeof runtime.isConfigSecret === "function") {
        return runtime.isConfigSecret(fullKey);
    }
    const listed: unknown = JSON.parse(process.env["PULUMI_CONFIG_SECRET_KEYS"] ?? "[]");
    return Array.isArray(listed) && listed.includes(fullKey);
}

/** Pulumi passes objects and arrays as JSON text; plain strings stay strings. */
function decodeConfigValue(text: string): unknown {
    if (/^\s*[[{]/.test(text) || /^(true|false|-?\d+(\.\d+)?)$/.test(text)) {
        try {
            return JSON.parse(text);
        } catch {
            return text;
        }
    }
    return text;
}

/** Loads and validates the stack config, and reads its secrets as secret Outputs. */
export function loadStackConfig(): { config: StackConfig; secrets: StackSecrets } {
    const config = parseStackConfig(readRawStackConfig());
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

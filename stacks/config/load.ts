// Reads `Pulumi.<stack>.yaml` (namespace `multicluster`) into a validated StackConfig, or fails with every problem.
import * as pulumi from "@pulumi/pulumi";
import { NetworkPlanRules, PlannedCluster, checkNetworkPlan } from "../../components/network/plan";
import { ValidationErrors, issue } from "../../components/shared/validation";
import { resolveVersions } from "../../components/versions";
import { ciliumConfigIssues } from "../layers/cilium-config";
import { fromZodIssue } from "./errors";
import { checkCrossReferences } from "./crossrefs";
import { AUTO, resolveClusters } from "./resolve";
import { configKeys, stackConfigSchema } from "./schema";
import { ClusterConfig, StackConfig } from "./types";

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

/** Secrets read from config, always as secret Outputs. */
export interface StackSecrets {
    /** SSH private key for kubeadm hosts; undefined means the SSH agent is used. */
    readonly sshPrivateKey?: pulumi.Output<string>;
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
    const input = Object.fromEntries(Object.entries(raw.values).filter(([key]) => known.has(key) && key !== "sshPrivateKey"));
    const parsed = stackConfigSchema.safeParse(input, { reportInput: true });
    if (!parsed.success) {
        parsed.error.issues.forEach((zodIssue) => errors.addAll(fromZodIssue(zodIssue, input, stackConfigSchema)));
        errors.throwIfAny(configSubject(raw));
        throw new Error("unreachable: schema failed without issues");
    }
    const found = [...errors.issues];
    const clusters = resolveClusters(parsed.data, found);
    const sshKey = {
        present: raw.secretKeys.includes("sshPrivateKey") || "sshPrivateKey" in raw.values,
        secret: raw.secretKeys.includes("sshPrivateKey"),
    };
    found.push(...checkCrossReferences(clusters, parsed.data.cni, parsed.data.mesh, sshKey));
    found.push(...checkNetworkPlan(clusters.map(plannedCluster), meshRules(parsed.data.mesh)));
    const { cni, mesh, network, versions } = parsed.data;
    const ssh = parsed.data.ssh ?? { user: "root", port: 22 };
    const config: StackConfig = { project: raw.project, stack: raw.stack, clusters, ssh, versions: resolveVersions(versions), cni, mesh, network };
    found.push(...ciliumConfigIssues(config));
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

function meshRules(mesh: StackConfig["mesh"]): NetworkPlanRules {
    return { maxMeshId: mesh.kind === "cilium-clustermesh" ? mesh.maxConnectedClusters : 255 };
}

/** Projects a resolved cluster onto what the network plan check needs, with config key paths. */
export function plannedCluster(cluster: ClusterConfig, index: number): PlannedCluster {
    const at = (field: string) => `clusters[${index}].${field}`;
    const located = (field: string, value: string) => (value === AUTO ? [] : [{ path: at(field), value }]);
    const hosts = cluster.provisioner === "kubeadm"
        ? [
            ...cluster.controlPlanes.map((host, i) => ({ path: at(`controlPlanes[${i}].host`), value: host.address })),
            ...cluster.workers.map((host, i) => ({ path: at(`workers[${i}].host`), value: host.address })),
        ]
        : [];
    return {
        name: { path: at("name"), value: cluster.name },
        meshId: { path: at("id"), value: cluster.id },
        podCidrs: located("podCidr", cluster.podCidr),
        serviceCidrs: located("serviceCidr", cluster.serviceCidr),
        nodeAddresses: hosts,
        loadBalancerPools: cluster.loadBalancerPools.map((pool, i) => ({ path: at(`loadBalancerPools[${i}]`), value: pool })),
    };
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
    const key = pulumiConfig.getSecret("sshPrivateKey");
    return { config, secrets: key === undefined ? {} : { sshPrivateKey: pulumi.secret(key) } };
}

// Settings the chosen options ignore: a value given for one is refused as unused, never silently carried.
import { NOT_SHOWN, ValidationIssue, issue } from "../../components/shared/validation";
import { Versions } from "../../components/versions";
import { formatPath } from "./errors";
import { areaDeclarations } from "../areas/declarations";
import { AreaDeclaration, unless } from "./schema/area";
import { valueAt } from "./schema-walk";
import { StackConfig } from "./types";

/** A setting that some choices of the stack ignore: where it is, when it is ignored, and the fix. */
export interface UnusedSetting {
    /** Key path as written in the stack file; `[]` stands for every entry of a list: `versions.containerd`, `clusters[].apiServerUrl`. */
    readonly path: string;
    /** Why the chosen options ignore the given value (a clause after "is ignored: "); undefined when they use it. `indices` fill the `[]`s. */
    readonly ignored: (config: StackConfig, given: unknown, indices: readonly number[]) => string | undefined;
    /** How to fix it. */
    readonly fix: string;
}

/** One value the user gave at a path pattern: its keys, the indices that filled the `[]`s, and the value. */
interface Given {
    readonly keys: readonly PropertyKey[];
    readonly indices: readonly number[];
    readonly value: unknown;
}

/** Every value given at a path pattern (`clusters[].apiServerUrl`) in the config as written. */
function givenAt(input: unknown, pattern: string): Given[] {
    let found: Given[] = [{ keys: [], indices: [], value: input }];
    for (const segment of pattern.replace(/\[\]/g, ".[]").split(".")) {
        found = found.flatMap((entry): Given[] => {
            if (segment === "[]") {
                return Array.isArray(entry.value)
                    ? entry.value.map((value: unknown, i) => ({ keys: [...entry.keys, i], indices: [...entry.indices, i], value }))
                    : [];
            }
            const value = valueAt(entry.value, [segment]);
            return value === undefined ? [] : [{ keys: [...entry.keys, segment], indices: entry.indices, value }];
        });
    }
    return found;
}

/** One issue per value the user gave (`input`: the config as written, before defaults) for a setting the chosen options ignore. */
export function unusedIssues(input: unknown, config: StackConfig, settings: readonly UnusedSetting[]): ValidationIssue[] {
    return settings.flatMap((setting) =>
        givenAt(input, setting.path).flatMap(({ keys, indices, value }) => {
            const reason = setting.ignored(config, value, indices);
            // A map is not shown: it may hold keys no rule knows (and their values may be anything).
            const shown = value !== null && typeof value === "object" && !Array.isArray(value) ? NOT_SHOWN : value;
            return reason === undefined ? [] : [issue(formatPath(keys), shown, `is ignored: ${reason}`, setting.fix)];
        }),
    );
}

const hasKubeadm = (config: StackConfig): boolean => config.clusters.some((cluster) => cluster.provisioner === "kubeadm");
const hasKind = (config: StackConfig): boolean => config.clusters.some((cluster) => cluster.provisioner === "kind");

/** Why the stack does not use a pinned version, when it does not. */
type VersionUse = (config: StackConfig, given: unknown) => string | undefined;

/** The versions every stack may use whatever its areas: the provisioners'. */
const CORE_VERSION_USES: { readonly [K in keyof Versions]?: VersionUse } = {
    kubernetes: (config, given) => kindOnlyKubernetes(config, given),
    kindNodeImage: (config) => unless(hasKind(config), "no cluster is provisioned by kind"),
    containerd: (config) =>
        unless(hasKubeadm(config), "no cluster is provisioned by kubeadm (kind node images bring their own containerd)"),
};

/**
 * Why each pinned version goes unused, from the stack's choices (undefined when the stack installs what it pins): the
 * provisioners' versions, then each area's, in list order. A key no one claims is a defect (test/stacks/areas.test.ts).
 */
export function versionUses(declarations: readonly AreaDeclaration[] = areaDeclarations): [keyof Versions, VersionUse][] {
    const fromAreas = declarations.flatMap((area) => Object.entries(area.versions ?? {}) as [keyof Versions, VersionUse][]);
    return [...(Object.entries(CORE_VERSION_USES) as [keyof Versions, VersionUse][]), ...fromAreas];
}

/** The Kubernetes release of a kind node image (`kindest/node:v1.36.1@sha256:...` → `1.36.1`). */
const kindImageRelease = (image: string): string | undefined => /:v(\d+\.\d+\.\d+)(@|$)/.exec(image)?.[1];

/**
 * `versions.kubernetes` on a stack of kind clusters only: ignored (kind runs its node image's release), so refused
 * when it names another release than the node image does (the topology would name a release no cluster runs).
 */
function kindOnlyKubernetes(config: StackConfig, given: unknown): string | undefined {
    const release = kindImageRelease(config.versions.kindNodeImage);
    if (hasKubeadm(config) || release === undefined || given === release) {
        return undefined;
    }
    return `no cluster is provisioned by kubeadm, and kind clusters run the Kubernetes of versions.kindNodeImage (${release})`;
}

/** The settings of the common schema (SSH, LoadBalancer pools, versions) that some choices ignore. */
export const commonUnusedSettings: readonly UnusedSetting[] = [
    {
        path: "ssh",
        ignored: (config) => unless(hasKubeadm(config), "no cluster is provisioned by kubeadm (kind clusters are reached without SSH)"),
        fix: "remove it",
    },
    {
        path: "clusters[].loadBalancerPools",
        ignored: (config, given) =>
            unless(
                config.loadBalancer.kind !== "none" || !Array.isArray(given) || given.length === 0,
                'loadBalancer.kind is "none", so no load balancer hands out these addresses',
            ),
        fix: 'remove it, or set loadBalancer.kind to "metallb" (or "cilium-lb-ipam" with Cilium)',
    },
    ...versionUses().map(([key, use]): UnusedSetting => ({
        path: `versions.${key}`,
        ignored: (config, given) => use(config, given),
        fix:
            key === "kubernetes"
                ? "remove it, or set versions.kindNodeImage to the kind node image of that release"
                : "remove it (it pins something this stack does not install)",
    })),
];

/** Why the stack does not use a secret key it is given, by key (a key missing here: nothing the stack installs uses it). */
const SECRET_USES: Readonly<Record<string, (config: StackConfig) => string>> = {
    sshPrivateKey: () => "no cluster is provisioned by kubeadm (kind clusters are reached without SSH)",
    ...Object.fromEntries(
        (areaDeclarations as readonly AreaDeclaration[]).flatMap((area) =>
            (area.secrets ?? []).map((secret) => [secret.key, secret.unused]),
        ),
    ),
};

/**
 * One issue per secret key given (`secretKeys`) that nothing in the stack reads: `needed` are the keys a selected
 * layer requires; `sshPrivateKey` is read whenever a cluster is provisioned by kubeadm (unset, the SSH agent is used).
 */
export function unusedSecretIssues(config: StackConfig, secretKeys: readonly string[], needed: readonly string[]): ValidationIssue[] {
    const used = (key: string): boolean => needed.includes(key) || (key === "sshPrivateKey" && hasKubeadm(config));
    return secretKeys
        .filter((key) => Object.prototype.hasOwnProperty.call(SECRET_USES, key) && !used(key))
        .map((key) => issue(key, NOT_SHOWN, `is ignored: ${SECRET_USES[key](config)}`, `remove it (pulumi config rm ${key})`));
}

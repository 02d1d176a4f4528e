// The ideal graph of a stack config: per-node provisioning steps, then per-cluster layer phases with only true prerequisites.
import { layers } from "../../stacks/layers";
import { ClusterConfig, StackConfig } from "../../stacks/config/types";
import { DEFAULT_RULE, LayerName, LayerRule, PHASES, Phase, Relation, StepRef, defaultPrerequisites, layerRules } from "./ideal-rules";
import { findMeshKindSpec } from "./synthetic";

/** One step of the ideal graph. */
export interface IdealStep {
    /** `<cluster>|<label>`. */
    readonly id: string;
    /** Cluster the step runs in. */
    readonly cluster: string;
    /** What it is, without the cluster: `init`, `prepare@10.0.0.1`, `cni.release`, … */
    readonly label: string;
    /** Step ids it truly waits on. */
    readonly after: readonly string[];
}

/** Step id of `label` in `cluster`. */
export const stepId = (cluster: string, label: string): string => `${cluster}|${label}`;

/** The kind each layer runs for this config (`none` layers are left out), from the layer table's selection. */
export function layerKinds(config: StackConfig): [LayerName, string][] {
    return layers.map((layer) => [layer.name as LayerName, layer.kindOf(config)] as [LayerName, string])
        .filter(([, kind]) => kind !== "none");
}

/** kubeadm: every node prepared in parallel; init after the first control plane's prepare and PKI; joins need only init and the token. */
function kubeadmSteps(cluster: Extract<ClusterConfig, { provisioner: "kubeadm" }>): IdealStep[] {
    const id = (label: string) => stepId(cluster.name, label);
    const step = (label: string, after: string[]): IdealStep => ({ id: id(label), cluster: cluster.name, label, after });
    const [first, ...others] = cluster.controlPlanes.map((node) => node.host);
    const workers = cluster.workers.map((node) => node.host);
    const steps = [
        ...[first, ...others, ...workers].map((host) => step(`prepare@${host}`, [])),
        ...[first, ...others].map((host) => step(`pki@${host}`, [])),
        step("init", [id(`prepare@${first}`), id(`pki@${first}`)]),
        // The API answers once init returns (init waits for it); `api` is what Pulumi's own access waits for.
        step("api", [id("init")]),
        step("token", [id("init")]),
    ];
    // etcd grows one member at a time: extra control planes join in sequence; workers join in parallel.
    others.forEach((host, i) => steps.push(step(`join@${host}`,
        [id(`prepare@${host}`), id(`pki@${host}`), id("init"), id("token"), ...(i > 0 ? [id(`join@${others[i - 1]}`)] : [])])));
    workers.forEach((host) => steps.push(step(`join@${host}`, [id(`prepare@${host}`), id("init"), id("token")])));
    [...others, ...workers].forEach((host) => steps.push(step(`registered@${host}`, [id(`join@${host}`)])));
    return steps;
}

/** kind: the cluster is created, then its kubeconfig read. */
function kindSteps(cluster: ClusterConfig): IdealStep[] {
    return [
        { id: stepId(cluster.name, "create"), cluster: cluster.name, label: "create", after: [] },
        { id: stepId(cluster.name, "api"), cluster: cluster.name, label: "api", after: [stepId(cluster.name, "create")] },
    ];
}

/** Which clusters a relation names, seen from `cluster` (mesh facts come from config: leader, central, links). */
export function related(config: StackConfig, cluster: string, relation: Relation): string[] {
    const names = config.clusters.map((entry) => entry.name);
    const mesh = config.mesh;
    const spec = findMeshKindSpec(mesh.kind);
    const hub = spec?.hub?.(mesh);
    switch (relation) {
        case "self":
            return [cluster];
        case "peers":
            return names.filter((name) => name !== cluster);
        case "hub":
            return hub !== undefined && hub !== cluster ? [hub] : [];
        case "spokes":
            return hub === cluster ? names.filter((name) => name !== cluster) : [];
        case "targets":
            return spec?.targets?.(config, cluster) ?? [];
    }
}

function ruleOf(layer: LayerName, kind: string): LayerRule {
    return layerRules[layer][kind] ?? DEFAULT_RULE;
}

/** The prerequisites of one phase, as step ids (references to layers the config does not run are dropped). */
function phaseAfter(config: StackConfig, cluster: string, layer: LayerName, phase: Phase, present: ReadonlyMap<LayerName, string>): string[] {
    const rule = ruleOf(layer, present.get(layer) ?? "none");
    const extra = typeof rule.extra === "function" ? rule.extra(config) : rule.extra;
    const refs: StepRef[] = [...defaultPrerequisites(layer, phase, rule, present.has("cni")), ...(extra?.[phase] ?? [])];
    const ids = refs.filter((ref) => present.has(ref.layer))
        .flatMap((ref) => related(config, cluster, ref.of ?? "self").map((other) => stepId(other, `${ref.layer}.${ref.phase}`)));
    return [...(phase === "release" ? [stepId(cluster, "api")] : []), ...new Set(ids)];
}

/** The whole ideal graph of a config. */
export function idealSteps(config: StackConfig): IdealStep[] {
    const present = new Map(layerKinds(config));
    const provisioning = config.clusters.flatMap((cluster) => cluster.provisioner === "kubeadm" ? kubeadmSteps(cluster) : kindSteps(cluster));
    const inCluster = config.clusters.flatMap((cluster) => [...present.keys()].flatMap((layer) => PHASES.map((phase) => ({
        id: stepId(cluster.name, `${layer}.${phase}`),
        cluster: cluster.name,
        label: `${layer}.${phase}`,
        after: phaseAfter(config, cluster.name, layer, phase, present),
    }))));
    return [...provisioning, ...inCluster];
}

/** The rule text of each layer kind the config runs (for the report). */
export function ruleNotes(config: StackConfig): string[] {
    return layerKinds(config).map(([layer, kind]) => `${layer} ${kind}: ${ruleOf(layer, kind).why}`);
}

/** Whether a layer kind's objects can carry other clusters' data (its `connect` phase). */
export function connects(config: StackConfig, layer: LayerName): boolean {
    const kind = new Map(layerKinds(config)).get(layer);
    return kind !== undefined && ruleOf(layer, kind).connects === true;
}

// What the benchmark knows of an area: component layers, ideal rules, synthetic stacks, anchors (tools/bench builds from these).
import { MeshConfig, StackConfig } from "../config/types";

/** The layers after provisioning, as the benchmark names them. */
export type BenchLayer = "cni" | "loadBalancer" | "multicluster" | "ingress" | "apps";

/**
 * Phases of one layer in one cluster: `release` (charts and plain objects), `prereq` (waits for CRDs or a
 * webhook), `objects` (custom resources), `connect` (objects carrying another cluster's data), `running`
 * (waits for the layer's own pods), `gate` (cross-cluster proof).
 */
export type Phase = "release" | "prereq" | "objects" | "connect" | "running" | "gate";

/** Which clusters a reference points at, seen from the cluster that depends on it. */
export type Relation = "self" | "peers" | "hub" | "spokes" | "targets";

/** A prerequisite: a phase of a layer, in this cluster or in related clusters. */
export interface StepRef {
    /** Layer. */
    readonly layer: BenchLayer;
    /** Phase. */
    readonly phase: Phase;
    /** Whose; @default "self". */
    readonly of?: Relation;
}

/** What one layer kind needs beyond the defaults. */
export interface LayerRule {
    /** Where the CRDs or webhook of this layer's objects come from; @default this layer's release. */
    readonly prereqFrom?: StepRef;
    /** Extra prerequisites per phase (cross-cluster ones included), possibly depending on the config. */
    readonly extra?: Partial<Record<Phase, readonly StepRef[]>> | ((config: StackConfig) => Partial<Record<Phase, readonly StepRef[]>>);
    /** Phases that carry other clusters' data (objects depending on another cluster land here). */
    readonly connects?: boolean;
    /** Why, in one line (the report quotes it). */
    readonly why: string;
}

/** A prerequisite on `phase` of `layer`, of `of` (default this cluster). */
export const ref = (layer: BenchLayer, phase: Phase, of: Relation = "self"): StepRef => ({ layer, phase, of });

/** The benchmark's latency classes (the keys of tools/bench/model.ts `LatencyModel`). */
export type LatencyClass =
    | "prepareNode"
    | "placePki"
    | "kubeadmInit"
    | "waitReady"
    | "ensureToken"
    | "kubeadmJoin"
    | "remoteOther"
    | "kindCreate"
    | "healthGate"
    | "podsReady"
    | "crdWait"
    | "localOther"
    | "helmCni"
    | "helmOther"
    | "kubernetesObject"
    | "localCrypto";

/** A manual step a seed guide adds, how often, and its latency class. */
export interface ManualStep {
    /** What the guide does. */
    readonly what: string;
    /** How many times for `n` clusters. */
    readonly times: (n: number) => number;
    /** Latency classes it costs, one after another. */
    readonly costs: readonly LatencyClass[];
}

/** A mesh kind of the layer table (`mesh.kind`). */
export type MeshKind = MeshConfig["kind"];

/** How one mesh kind is configured in a synthetic stack (everything but the cluster list), and what the benchmark knows of it. */
export interface MeshKindSpec {
    /** The `mesh.kind` this spec wires. */
    readonly kind: MeshKind;
    /** The stack sections for these cluster names: `cni`, `mesh`, and whatever else the kind needs. */
    readonly sections: (names: readonly string[]) => Record<string, unknown>;
    /** Extra fields of each cluster entry (e.g. LoadBalancer pools a gateway IP is pinned in). */
    readonly clusterFields?: (index: number) => Record<string, unknown>;
    /** Secret config keys the kind requires, with stand-in values. */
    readonly secrets?: Readonly<Record<string, string>>;
    /** A setting change for the blast-radius table (applied to the sections), if the kind has an obvious one. */
    readonly settingChange?: { readonly title: string; readonly apply: (sections: Record<string, unknown>) => Record<string, unknown> };
    /** Largest size of the default sweep (full meshes of all-pairs links are cut short). */
    readonly defaultMax: number;
    /** Largest size of the long sweep. */
    readonly longMax: number;
    /** The hub cluster of a hub-and-spokes mesh (the leader, the central cluster). */
    readonly hub?: (mesh: MeshConfig) => string | undefined;
    /** The clusters `cluster` reads from (a Linkerd link's targets). */
    readonly targets?: (config: StackConfig, cluster: string) => string[];
    /** The manual steps the seed guides add beyond what the program declares (the by-hand anchor). */
    readonly manualSteps?: readonly ManualStep[];
    /** The kind has a CLI-flow anchor (Cilium's `cilium clustermesh enable`/`connect`), plotted with its ideal and by-hand order. */
    readonly cliFlow?: boolean;
    /** The render is timed on this kind's largest mesh (the largest case the project supports). */
    readonly timesRender?: boolean;
}

/** What the benchmark knows of one area. */
export interface AreaBench {
    /** The layer of each top-level component type the area's rows create (`multicluster:cilium:CiliumInstall` → `cni`). */
    readonly componentLayers?: Readonly<Record<string, BenchLayer>>;
    /** The true dependencies of each of the area's kinds, per layer (tools/bench/ideal-rules.ts). */
    readonly rules?: { readonly [L in BenchLayer]?: Readonly<Record<string, LayerRule>> };
    /** The area's mesh kinds in synthetic stacks. */
    readonly meshKinds?: readonly MeshKindSpec[];
}

/** Address `offset` (1..14) of synthetic cluster `index`'s /28 in 172.<second>.0.0/16 (nodes 16, pools 20; 4096 clusters fit). */
export function syntheticAddress(index: number, offset: number, second: number): string {
    const flat = index * 16 + offset;
    return `172.${second}.${Math.floor(flat / 256)}.${flat % 256}`;
}

/** The LoadBalancer pool of synthetic cluster `index` and its first address. */
export function syntheticPool(index: number): { range: string; first: string } {
    return { range: `${syntheticAddress(index, 1, 20)}-${syntheticAddress(index, 14, 20)}`, first: syntheticAddress(index, 1, 20) };
}

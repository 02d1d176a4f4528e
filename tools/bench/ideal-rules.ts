// The true dependencies of a multi-cluster stack, written from how the technologies work (not read from the
// components), so the benchmark can disagree with the program: one rule per layer kind, over per-layer phases.
import { StackConfig } from "../../stacks/config/types";

/** The layers after provisioning. */
export type LayerName = "cni" | "loadBalancer" | "multicluster" | "ingress" | "apps";

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
    readonly layer: LayerName;
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

const ref = (layer: LayerName, phase: Phase, of: Relation = "self"): StepRef => ({ layer, phase, of });

/**
 * Defaults for every layer L of cluster c: release after the API (and, above the CNI, after the CNI runs: no
 * pod schedules on a node the CNI has not made Ready, and Helm and Pulumi wait for pods); prereq after L's
 * release (or `prereqFrom`); objects and connect after prereq (custom resources need only their CRDs); running
 * after release; gate after running, objects and connect. Inside one layer of one cluster the program's own
 * order is trusted, so these only matter across layers and clusters.
 */
export const layerRules: Readonly<Record<LayerName, Readonly<Record<string, LayerRule>>>> = {
    cni: {
        cilium: { why: "the chart needs only the API server and the shared CA (computed locally); mesh peers are pinned in config" },
        antrea: { why: "the chart needs only the API server" },
    },
    loadBalancer: {
        "cilium-lb-ipam": { prereqFrom: ref("cni", "release"), why: "the pool CRDs come with the Cilium install, not with its pods running" },
        metallb: { why: "the release brings the CRDs and the webhook the pools wait for" },
    },
    multicluster: {
        "cilium-clustermesh": {
            extra: (config) => ({
                gate: [ref("cni", "running", "peers"),
                    ...("exposure" in config.mesh && config.mesh.exposure === "LoadBalancer" ? [ref("loadBalancer", "objects", "peers")] : [])],
            }),
            why: "wiring is in each install's values (CA + pinned peer addresses); only the proof needs the peers running (and their pools with LoadBalancer exposure)",
        },
        "antrea-multicluster": {
            connects: true,
            extra: { connect: [ref("multicluster", "release", "hub")], gate: [ref("multicluster", "objects", "hub")] },
            why: "a member's ClusterSet needs the leader's member token; only the proof needs the leader's ClusterSet",
        },
        linkerd: {
            connects: true,
            extra: {
                release: [ref("loadBalancer", "objects")],
                connect: [ref("multicluster", "release", "targets")],
                gate: [ref("multicluster", "running", "targets")],
            },
            why: "a Link needs its target's service-account token (gateway address pinned); the gateway's LoadBalancer Service needs a pool before Helm's await ends; only the probe needs the target's gateway",
        },
        contrail: {
            connects: true,
            extra: {
                connect: [ref("multicluster", "running", "hub"), ref("multicluster", "running", "spokes")],
                gate: [ref("multicluster", "connect", "hub")],
            },
            why: "the published procedure's order, at phase level: a distributed cluster's deployer after the central controller runs, the central Kubemanager after the distributed deployers run; the finer order (a vRouter after its Kubemanager) is not modelled and shows as an extra edge",
        },
    },
    ingress: {
        traefik: { extra: { release: [ref("loadBalancer", "objects"), ref("multicluster", "running")] }, why: "a LoadBalancer Service needs a pool; meshed pods need the mesh's injector running when they are created" },
        "ingress-nginx": { extra: { release: [ref("loadBalancer", "objects"), ref("multicluster", "running")] }, why: "a LoadBalancer Service needs a pool; meshed pods need the mesh's injector running when they are created" },
    },
    apps: {
        "cilium-clustermesh": {
            extra: { gate: [ref("multicluster", "gate"), ref("apps", "release", "peers")] },
            why: "demo objects need only the CNI; the cross-cluster proof needs this cluster's mesh gate and the peers' demo",
        },
        "antrea-multicluster": {
            extra: { gate: [ref("multicluster", "gate"), ref("apps", "release", "peers"), ref("apps", "objects", "peers")] },
            why: "the proof needs this cluster in the ClusterSet and the peers' demo and exports",
        },
        linkerd: {
            extra: {
                release: [ref("multicluster", "running")],
                gate: [ref("multicluster", "gate"), ref("apps", "release", "peers"), ref("apps", "objects", "peers"), ref("ingress", "running")],
            },
            why: "meshed demo pods need the injector running when they are created; the proof needs the links, the peers' demo and the ingress",
        },
    },
};

/** A layer kind without a rule gets the defaults only. */
export const DEFAULT_RULE: LayerRule = { why: "defaults only" };

/** The extra phase prerequisites that hold for every layer kind (see {@link layerRules}). */
export function defaultPrerequisites(layer: LayerName, phase: Phase, rule: LayerRule, hasCni: boolean): StepRef[] {
    const above = layer !== "cni" && hasCni;
    switch (phase) {
        case "release":
            return above ? [ref("cni", "running")] : [];
        case "prereq":
            return [rule.prereqFrom ?? ref(layer, "release")];
        case "objects":
        case "connect":
            return [ref(layer, "prereq")];
        case "running":
            return [ref(layer, "release")];
        case "gate":
            return [ref(layer, "running"), ref(layer, "objects"), ref(layer, "connect")];
    }
}

/** Every phase, in the order a layer goes through them. */
export const PHASES: readonly Phase[] = ["release", "prereq", "objects", "connect", "running", "gate"];

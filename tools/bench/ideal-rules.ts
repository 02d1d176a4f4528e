// The true dependencies of a multi-cluster stack, written from how the technologies work (not read from the
// components), so the benchmark can disagree with the program: one rule per layer kind, over per-layer phases.
import { Area, areaList } from "../../stacks/areas";
import { BenchLayer, LayerRule, Phase, StepRef, ref } from "../../stacks/areas/bench";

/** The layers after provisioning. */
export type LayerName = BenchLayer;

export type { LayerRule, Phase, Relation, StepRef } from "../../stacks/areas/bench";

/**
 * Defaults for every layer L of cluster c: release after the API (and, above the CNI, after the CNI runs: no
 * pod schedules on a node the CNI has not made Ready, and Helm and Pulumi wait for pods); prereq after L's
 * release (or `prereqFrom`); objects and connect after prereq (custom resources need only their CRDs); running
 * after release; gate after running, objects and connect. Inside one layer of one cluster the program's own
 * order is trusted, so these only matter across layers and clusters.
 */
export const layerRules: Readonly<Record<LayerName, Readonly<Record<string, LayerRule>>>> = layerRulesOf();

/** The rules of the given areas' kinds, per layer. */
export function layerRulesOf(list: readonly Area[] = areaList): Readonly<Record<LayerName, Readonly<Record<string, LayerRule>>>> {
    const layers: LayerName[] = ["cni", "loadBalancer", "multicluster", "ingress", "apps"];
    return Object.fromEntries(layers.map((layer) => [layer, Object.assign({}, ...list.map((area) => area.bench?.rules?.[layer] ?? {}))])) as
        Record<LayerName, Record<string, LayerRule>>;
}

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

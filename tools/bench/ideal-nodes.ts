// The ideal graph at resource level: the program's own resources and durations, with every ordering the ideal
// rules do not justify removed and every ideal ordering the program lacks added.
import { RecordedResource } from "../engine/recorder";
import { GraphNode } from "./critical-path";
import { IdealStep } from "./ideal-graph";

/**
 * The group of a step: its cluster and layer (`c1|cni`), or its cluster's provisioning (`c1|provision`).
 * Inside a layer group the components' own order is trusted (charts before their CRDs' objects, a control
 * plane before its extensions); provisioning and everything across groups follows the ideal rules only.
 */
export function groupOf(step: IdealStep): string {
    const [layer] = step.label.split(".");
    return step.label.includes(".") && !step.label.includes("@") ? `${step.cluster}|${layer}` : `${step.cluster}|provision`;
}

/** Whether two steps are in one layer group, whose internal order the program gives (provisioning excepted). */
export function trusted(a: IdealStep | undefined, b: IdealStep | undefined): boolean {
    return a !== undefined && b !== undefined && groupOf(a) === groupOf(b) && !groupOf(a).endsWith("|provision");
}

/** Memoized ancestor sets over a dependency function (a DAG). */
export function ancestors(start: string, parents: (id: string) => readonly string[], memo: Map<string, Set<string>>): Set<string> {
    const known = memo.get(start);
    if (known) {
        return known;
    }
    const found = new Set<string>();
    memo.set(start, found);
    for (const parent of parents(start)) {
        found.add(parent);
        ancestors(parent, parents, memo).forEach((id) => found.add(id));
    }
    return found;
}

/** Judges step-level edges: justified when in one step, inside one trusted group, or implied by the ideal rules. */
export function edgeJudge(steps: ReadonlyMap<string, IdealStep>): (from: string, to: string) => boolean {
    const memo = new Map<string, Set<string>>();
    return (from, to) => from === to || trusted(steps.get(from), steps.get(to))
        || ancestors(to, (id) => steps.get(id)?.after ?? [], memo).has(from);
}

/** Node id of "every resource of this step is done". */
export const doneId = (step: string): string => `done:${step}`;

/** Inputs of {@link idealNodes}. */
export interface IdealNodesInput {
    /** Step of each mapped resource. */
    readonly stepOf: ReadonlyMap<string, string>;
    /** Recorded resources. */
    readonly records: readonly RecordedResource[];
    /** Simulated seconds of a resource. */
    readonly seconds: (record: RecordedResource) => number;
    /** Nearest mapped dependencies of a resource (through plumbing). */
    readonly nearest: (urn: string) => readonly string[];
    /** Whether the ideal justifies a step-level edge. */
    readonly justified: (from: string, to: string) => boolean;
    /** Ideal step edges the program lacks (`[from, to]`), added. */
    readonly missing: readonly (readonly [string, string])[];
}

/**
 * The dependencies of a resource of `step` that the ideal keeps: justified nearest mapped dependencies as they
 * are; an unjustified one is bypassed — replaced by its own dependencies, judged the same way — so a requirement
 * the program met only through a needless wait (join → ready → init) still holds (join → init).
 */
function keptDependencies(urn: string, step: string, input: IdealNodesInput, memo: Map<string, string[]>): string[] {
    const kept = new Set<string>();
    for (const dependency of input.nearest(urn)) {
        if (input.justified(input.stepOf.get(dependency) ?? step, step)) {
            kept.add(dependency);
            continue;
        }
        const key = `${dependency}|${step}`;
        let bypass = memo.get(key);
        if (!bypass) {
            memo.set(key, []);
            bypass = keptDependencies(dependency, step, input, memo);
            memo.set(key, bypass);
        }
        bypass.forEach((through) => kept.add(through));
    }
    return [...kept];
}

/**
 * Graph nodes: every resource with its duration. A mapped resource keeps its justified dependencies (bypassing
 * the unjustified ones), its pure-plumbing dependencies (keys, certificates) and gains the lacking ideal edges;
 * plumbing keeps its own dependencies. One zero-length "done" node per step a lacking edge starts from.
 */
export function idealNodes(input: IdealNodesInput): GraphNode[] {
    const { stepOf, nearest } = input;
    const memo = new Map<string, string[]>();
    const members = new Map<string, string[]>();
    stepOf.forEach((step, urn) => members.set(step, [...(members.get(step) ?? []), urn]));
    const added = new Map<string, string[]>();
    input.missing.forEach(([from, to]) => added.set(to, [...(added.get(to) ?? []), doneId(from)]));
    const nodes: GraphNode[] = input.records.map((record) => {
        const step = stepOf.get(record.urn);
        if (step === undefined) {
            return { urn: record.urn, seconds: input.seconds(record), dependencies: record.dependencies };
        }
        const kept = keptDependencies(record.urn, step, input, memo);
        const plumbing = record.dependencies.filter((urn) => !stepOf.has(urn) && nearest(urn).length === 0);
        return { urn: record.urn, seconds: input.seconds(record), dependencies: [...kept, ...plumbing, ...(added.get(step) ?? [])] };
    });
    const starts = new Set(input.missing.map(([from]) => from));
    return [...nodes, ...[...starts].map((step) => ({ urn: doneId(step), seconds: 0, dependencies: members.get(step) ?? [] }))];
}

// Compares the program's recorded graph with the ideal one: both critical paths, their ratio, edges the program adds and lacks.
import { RecordedResource } from "../engine/recorder";
import { StackConfig } from "../../stacks/config/types";
import { CriticalPath, criticalPath, earliestFinish, sequentialSum } from "./critical-path";
import { IdealStep, idealSteps } from "./ideal-graph";
import { mapToIdeal } from "./ideal-map";
import { ancestors, edgeJudge, idealNodes, trusted } from "./ideal-nodes";
import { LatencyModel, durationOf } from "./model";
import { programNodes } from "./program-graph";

/** Program edges (or missing ones) of one shape, cluster names left out. */
export interface EdgePattern {
    /** `api → token`, `peer loadBalancer.objects → multicluster.gate`, … */
    readonly pattern: string;
    /** How many step-level edges have this shape. */
    readonly count: number;
    /** Whether one of them lies on the program's critical path (so it costs time). */
    readonly onCriticalPath: boolean;
    /** One instance, by resource names. */
    readonly example: string;
}

/** The program against its ideal graph. */
export interface IdealComparison {
    /** Program critical path, s. */
    readonly programSeconds: number;
    /** Ideal critical path, s (the same work, only true dependencies). */
    readonly idealSeconds: number;
    /** Every ideal step one after another, s (the by-hand order, before the guides' extra steps). */
    readonly idealSequentialSeconds: number;
    /** Program longest chain, resource names. */
    readonly programChain: readonly string[];
    /** Ideal longest chain, resource names. */
    readonly idealChain: readonly string[];
    /** Earliest finish of each ideal step, s. */
    readonly idealFinish: ReadonlyMap<string, number>;
    /** Edges the program adds beyond the ideal (analysed when asked). */
    readonly extraEdges: readonly EdgePattern[];
    /** Ideal edges the program lacks, a possible race (analysed when asked). */
    readonly missingEdges: readonly EdgePattern[];
    /** Names of resources that take time but fit no ideal step. */
    readonly unmapped: readonly string[];
}

/** The shape of an edge between two steps: cluster names dropped, hosts compared. */
export function edgePattern(from: IdealStep, to: IdealStep): string {
    const [fromLabel, fromHost] = from.label.split("@");
    const [toLabel, toHost] = to.label.split("@");
    const where = from.cluster === to.cluster ? "" : "peer ";
    const node = fromHost !== undefined && toHost !== undefined ? (fromHost === toHost ? " (same node)" : " (other node)") : "";
    return `${where}${fromLabel}${node} → ${toLabel}`;
}

class PatternCounter {
    private readonly patterns = new Map<string, { count: number; onCriticalPath: boolean; example: string; seen: Set<string> }>();

    add(pattern: string, edge: string, example: string, critical: boolean): void {
        const entry = this.patterns.get(pattern) ?? { count: 0, onCriticalPath: false, example, seen: new Set<string>() };
        if (!entry.seen.has(edge)) {
            entry.seen.add(edge);
            entry.count++;
        }
        entry.onCriticalPath ||= critical;
        this.patterns.set(pattern, entry);
    }

    list(): EdgePattern[] {
        return [...this.patterns.entries()].map(([pattern, { count, onCriticalPath, example }]) => ({ pattern, count, onCriticalPath, example }))
            .sort((a, b) => Number(b.onCriticalPath) - Number(a.onCriticalPath) || b.count - a.count || a.pattern.localeCompare(b.pattern));
    }
}

/** What the edge analyses share. */
interface Context {
    /** Ideal steps by id. */
    readonly steps: ReadonlyMap<string, IdealStep>;
    /** Step of each mapped resource. */
    readonly stepOf: ReadonlyMap<string, string>;
    /** Records by URN. */
    readonly byUrn: ReadonlyMap<string, RecordedResource>;
    /** Nearest mapped dependencies (through plumbing). */
    readonly nearest: (urn: string) => readonly string[];
    /** Whether the ideal justifies a step-level edge. */
    readonly justified: (from: string, to: string) => boolean;
}

/** The nearest mapped dependencies of each resource, looking through plumbing (keys, providers, components). */
function nearestMapped(byUrn: ReadonlyMap<string, RecordedResource>, stepOf: ReadonlyMap<string, string>): (urn: string) => readonly string[] {
    const memo = new Map<string, string[]>();
    const through = (urn: string): string[] => {
        const cached = memo.get(urn);
        if (cached) {
            return cached;
        }
        memo.set(urn, []);
        const found = (byUrn.get(urn)?.dependencies ?? []).flatMap((dependency) => stepOf.has(dependency) ? [dependency] : through(dependency));
        memo.set(urn, [...new Set(found)]);
        return memo.get(urn) ?? [];
    };
    return through;
}

/** Program edges between steps the ideal graph does not order (inside a layer group the program's order is trusted). */
function extraEdges(context: Context, criticalPairs: ReadonlySet<string>): EdgePattern[] {
    const { steps, stepOf, byUrn } = context;
    const counter = new PatternCounter();
    for (const [urn, to] of stepOf) {
        for (const dependency of context.nearest(urn)) {
            const from = stepOf.get(dependency) ?? to;
            const [fromStep, toStep] = [steps.get(from), steps.get(to)];
            if (!context.justified(from, to) && fromStep && toStep) {
                const example = `${byUrn.get(dependency)?.name} → ${byUrn.get(urn)?.name}`;
                counter.add(edgePattern(fromStep, toStep), `${from}>${to}`, example, criticalPairs.has(`${from}>${to}`));
            }
        }
    }
    return counter.list();
}

/** Ideal edges across groups between steps that both hold resources, where no resource of the later waits on one of the earlier. */
function missingEdges(context: Context): { patterns: EdgePattern[]; pairs: [string, string][] } {
    const { steps, stepOf, byUrn } = context;
    const resourcesOf = new Map<string, string[]>();
    stepOf.forEach((step, urn) => resourcesOf.set(step, [...(resourcesOf.get(step) ?? []), urn]));
    const programMemo = new Map<string, Set<string>>();
    const counter = new PatternCounter();
    const pairs: [string, string][] = [];
    for (const [id, step] of steps) {
        const later = resourcesOf.get(id) ?? [];
        for (const before of step.after) {
            const earlier = resourcesOf.get(before) ?? [];
            const from = steps.get(before);
            if (later.length === 0 || earlier.length === 0 || !from || trusted(from, step)) {
                continue;
            }
            const waited = later.some((urn) => earlier.some((e) => ancestors(urn, (u) => byUrn.get(u)?.dependencies ?? [], programMemo).has(e)));
            if (!waited) {
                pairs.push([before, id]);
                counter.add(edgePattern(from, step), `${before}>${id}`, `${byUrn.get(earlier[0])?.name} ⇢ ${byUrn.get(later[0])?.name}`, false);
            }
        }
    }
    return { patterns: counter.list(), pairs };
}

/** Consecutive distinct steps along the program's critical chain. */
function criticalStepPairs(chain: readonly string[], stepOf: ReadonlyMap<string, string>): Set<string> {
    const pairs = new Set<string>();
    let last: string | undefined;
    for (const urn of chain) {
        const step = stepOf.get(urn);
        if (step !== undefined && last !== undefined && step !== last) {
            pairs.add(`${last}>${step}`);
        }
        last = step ?? last;
    }
    return pairs;
}

/** Latest finish among each step's resources in a graph. */
function stepFinish(finish: ReadonlyMap<string, { seconds: number }>, stepOf: ReadonlyMap<string, string>): Map<string, number> {
    const out = new Map<string, number>();
    stepOf.forEach((step, urn) => out.set(step, Math.max(out.get(step) ?? 0, finish.get(urn)?.seconds ?? 0)));
    return out;
}

/**
 * Compares a recorded program with the ideal graph of its config. The ideal critical path is the program's own
 * graph with the edges the ideal rules do not justify removed and the ideal edges it lacks added. Edge lists are
 * analysed only when `edges` (the lacking edges then also enter the ideal path; they cost time on large graphs).
 */
export function compareWithIdeal(config: StackConfig, records: readonly RecordedResource[], model: LatencyModel, edges: boolean): IdealComparison {
    const stepList = idealSteps(config);
    const steps = new Map(stepList.map((step) => [step.id, step]));
    const seconds = (record: RecordedResource) => durationOf(record.type, record.name, model);
    const mapping = mapToIdeal(config, records, stepList, seconds);
    const byUrn = new Map(records.map((record) => [record.urn, record]));
    const context: Context = { steps, stepOf: mapping.stepOf, byUrn, nearest: nearestMapped(byUrn, mapping.stepOf), justified: edgeJudge(steps) };
    const missing = edges ? missingEdges(context) : { patterns: [], pairs: [] };
    let ideal = idealNodes({ ...context, records, seconds, missing: missing.pairs });
    let idealPath: CriticalPath;
    try {
        idealPath = criticalPath(ideal);
    } catch {
        // A lacking edge that closes a cycle with the program's own order inside a group cannot be added.
        ideal = idealNodes({ ...context, records, seconds, missing: [] });
        idealPath = criticalPath(ideal);
    }
    const program = criticalPath(programNodes(records, model));
    return {
        programSeconds: program.seconds,
        idealSeconds: idealPath.seconds,
        idealSequentialSeconds: sequentialSum(ideal.filter((node) => mapping.stepOf.has(node.urn))),
        programChain: program.chain.map((urn) => byUrn.get(urn)?.name ?? urn),
        idealChain: idealPath.chain.filter((urn) => byUrn.has(urn)).map((urn) => byUrn.get(urn)?.name ?? urn),
        idealFinish: stepFinish(earliestFinish(ideal), mapping.stepOf),
        extraEdges: edges ? extraEdges(context, criticalStepPairs(program.chain, mapping.stepOf)) : [],
        missingEdges: missing.patterns,
        unmapped: mapping.unmapped.map((record) => record.name),
    };
}

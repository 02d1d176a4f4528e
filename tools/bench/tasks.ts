// The benchmark's units of work (run inside a worker process) and their results.
import { SimulationState } from "../engine/state";
import { ciliumCliFlow, byHandSeconds, CliFlow } from "./anchors";
import { BenchInput, labInput, nodeCounts, parsedConfig, pendingRows, syntheticInput } from "./bench-input";
import { BlastRadius, blastRadius } from "./blast-radius";
import { EdgePattern, compareWithIdeal } from "./compare";
import { ruleNotes } from "./ideal-graph";
import { Measurement, measure } from "./measure";
import { LatencyModel } from "./model";
import { RenderFigures, timeRender } from "./render-timing";
import { MeshKind, meshKindSpec } from "./synthetic";

/** One unit of work. */
export type BenchTask =
    | { readonly type: "stack"; readonly stack: string; readonly model: LatencyModel }
    | { readonly type: "scale"; readonly kind: MeshKind; readonly clusters: number; readonly model: LatencyModel;
        readonly virtual: boolean; readonly edges: boolean; readonly render: boolean }
    | { readonly type: "blast"; readonly kind: MeshKind; readonly clusters: number; readonly model: LatencyModel }
    | { readonly type: "render"; readonly kind: MeshKind; readonly clusters: number; readonly model: LatencyModel };

/** Timing, ideal comparison and program cost of one configuration. */
export interface Figures {
    /** Resources registered. */
    readonly resources: number;
    /** Program critical path, s. */
    readonly programSeconds: number;
    /** Ideal critical path, s. */
    readonly idealSeconds: number;
    /** Seeds' by-hand order, s. */
    readonly byHandSeconds: number;
    /** Cilium CLI flow (Cilium meshes only). */
    readonly cli?: CliFlow;
    /** Measured makespan on the virtual clock, s (when run). */
    readonly makespanSeconds?: number;
    /** Program wall time, ms (no delays). */
    readonly wallMs: number;
    /** Program CPU time, ms (no delays; includes the offline engine's simulated providers). */
    readonly cpuMs: number;
    /** Live heap the task adds (after full GCs, from the worker's GC trace; set by the pool), MiB. */
    readonly peakHeapMiB?: number;
    /** Peak RSS of the worker process, MiB: only for a worker's first task (the high-water mark never falls). */
    readonly peakRssMiB?: number;
    /** Program longest chain. */
    readonly programChain: readonly string[];
    /** Ideal longest chain. */
    readonly idealChain: readonly string[];
    /** Edges the program adds beyond the ideal. */
    readonly extraEdges: readonly EdgePattern[];
    /** Ideal edges the program lacks. */
    readonly missingEdges: readonly EdgePattern[];
    /** Resources that fit no ideal step. */
    readonly unmapped: readonly string[];
    /** Layer rows still pending. */
    readonly pending: readonly string[];
    /** The ideal rules applied. */
    readonly rules: readonly string[];
}

/** A task's result (or its error). */
export type TaskResult =
    | { readonly type: "stack"; readonly stack: string; readonly figures: Figures }
    | { readonly type: "scale"; readonly kind: MeshKind; readonly clusters: number; readonly figures: Figures; readonly render?: RenderFigures }
    | { readonly type: "blast"; readonly kind: MeshKind; readonly clusters: number; readonly changes: readonly { title: string; radius: BlastRadius }[] }
    | { readonly type: "render"; readonly kind: MeshKind; readonly clusters: number; readonly render: RenderFigures };

function figuresOf(input: BenchInput, cost: Measurement, model: LatencyModel, options: { edges: boolean; fresh: boolean }, makespan?: number): Figures {
    const config = parsedConfig(input);
    const comparison = compareWithIdeal(config, cost.records, model, options.edges);
    return {
        resources: cost.resources,
        programSeconds: comparison.programSeconds,
        idealSeconds: comparison.idealSeconds,
        byHandSeconds: byHandSeconds(config, comparison.idealSequentialSeconds, model),
        cli: ciliumCliFlow(config, comparison.idealFinish, model),
        makespanSeconds: makespan,
        wallMs: cost.wallMs,
        cpuMs: cost.cpuMs,
        ...(options.fresh ? { peakRssMiB: cost.peakRssMiB } : {}),
        programChain: comparison.programChain,
        idealChain: comparison.idealChain,
        extraEdges: comparison.extraEdges,
        missingEdges: comparison.missingEdges,
        unmapped: comparison.unmapped,
        pending: pendingRows(config),
        rules: ruleNotes(config),
    };
}

async function timed(input: BenchInput, model: LatencyModel, options: { virtual: boolean; edges: boolean; render: boolean; fresh: boolean }) {
    const cost = await measure({ ...input, model, clock: "none" });
    const render = options.render ? await timeRender(input, cost) : undefined;
    const makespan = options.virtual ? (await measure({ ...input, model, clock: "virtual" })).makespanSeconds : undefined;
    return { figures: figuresOf(input, cost, model, options, makespan), render };
}

/**
 * The changes of the blast-radius table, run in sequence on one remembered state (each `up` after the last):
 * add a cluster, remove it again, re-create the last cluster on a new control-plane VM, then the kind's setting change.
 */
async function blast(kind: MeshKind, n: number, model: LatencyModel): Promise<{ title: string; radius: BlastRadius }[]> {
    const state = new SimulationState();
    const spec = meshKindSpec(kind);
    const steps: { title: string; input: BenchInput }[] = [
        { title: `add a cluster (${n} → ${n + 1})`, input: syntheticInput(kind, n + 1) },
        { title: `remove that cluster (${n + 1} → ${n})`, input: syntheticInput(kind, n) },
        { title: "re-create one cluster (new control-plane VM)", input: syntheticInput(kind, n, { movedControlPlanes: [n - 1] }) },
        ...(spec.settingChange ? [{ title: spec.settingChange.title, input: syntheticInput(kind, n, { movedControlPlanes: [n - 1], changed: true }) }] : []),
    ];
    let previous = await measure({ ...syntheticInput(kind, n), model, clock: "none", state });
    const changes: { title: string; radius: BlastRadius }[] = [];
    for (const step of steps) {
        const next = await measure({ ...step.input, model, clock: "none", state });
        const nodes = { ...nodeCounts(parsedConfig(syntheticInput(kind, n + 1))) };
        changes.push({ title: step.title, radius: blastRadius(previous.records, next.records, nodes) });
        previous = next;
    }
    return changes;
}

/** Runs one task; `fresh` when it is the worker's first (its peak RSS is then this task's). */
export async function runTask(task: BenchTask, fresh: boolean): Promise<TaskResult> {
    switch (task.type) {
        case "stack": {
            const { figures } = await timed(labInput(task.stack), task.model, { virtual: true, edges: true, render: false, fresh });
            return { type: "stack", stack: task.stack, figures };
        }
        case "scale": {
            const { figures, render } = await timed(syntheticInput(task.kind, task.clusters), task.model, { ...task, fresh });
            return { type: "scale", kind: task.kind, clusters: task.clusters, figures, ...(render ? { render } : {}) };
        }
        case "blast":
            return { type: "blast", kind: task.kind, clusters: task.clusters, changes: await blast(task.kind, task.clusters, task.model) };
        case "render": {
            // As `npm run render` does it: every key generated afresh.
            const input = syntheticInput(task.kind, task.clusters);
            const run = await measure({ ...input, model: task.model, clock: "none", freshKeys: true });
            return { type: "render", kind: task.kind, clusters: task.clusters, render: { ...(await timeRender(input, run)), freshKeysMs: 0 } };
        }
    }
}

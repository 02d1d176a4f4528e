// What one `npm run bench` runs: the lab stacks, each ready mesh kind's sweep and blast radius, largest first.
import * as path from "path";
import { listStacks } from "../engine/stack-files";
import { notReady } from "./bench-input";
import { LatencyModel } from "./model";
import { MeshKind, meshKinds } from "./synthetic";
import { BenchTask } from "./tasks";

const projectDir = path.resolve(__dirname, "..", "..");

/** Command-line options. */
export interface BenchArgs {
    /** The long sweep: 2 … 128, 255 and 511 up to each kind's long maximum. */
    long: boolean;
    /** Mesh kinds to run (default: all). */
    kinds?: MeshKind[];
    /** Sizes for every kind (overrides the sweep). */
    sizes?: number[];
    /** Worker processes. */
    workers: number;
    /** Latency model. */
    model: LatencyModel;
}

/** Sizes of one kind's sweep: a sample (2, 8, 32, 64) and the kind's maximum by default, or 2 … 128, 255, 511 up to the maximum (long). */
export function sweepSizes(max: number, long: boolean): number[] {
    const points = long ? [2, 4, 8, 16, 32, 64, 128, 255, 511] : [2, 8, 32, 64];
    return [...new Set([...points.filter((n) => n <= max), max])].sort((a, b) => a - b);
}

/** Rough cost of a task (resources times runs), for largest-first scheduling. */
function cost(task: BenchTask): number {
    const perCluster = task.type === "stack" ? 0 : task.kind === "none" ? 30 : 50;
    // (a render generates every key afresh: about twice a plain run)
    switch (task.type) {
        case "stack": return 400;
        case "blast": return 5 * (task.clusters + 1) * perCluster;
        case "scale": return (task.clusters * perCluster) ** 1.15 * (task.virtual ? 2 : 1);
        case "render": return (task.clusters * perCluster) ** 1.15 * 2;
    }
}

/** Every task of the run, largest first, and the kinds left out with why. */
export function planTasks(args: BenchArgs): { tasks: BenchTask[]; skipped: Record<string, string> } {
    const skipped: Record<string, string> = {};
    const tasks: BenchTask[] = listStacks(projectDir).map((stack) => ({ type: "stack", stack, model: args.model }));
    for (const spec of meshKinds.filter((candidate) => !args.kinds || args.kinds.includes(candidate.kind))) {
        const why = notReady(spec.kind);
        if (why !== undefined) {
            skipped[spec.kind] = why;
            continue;
        }
        const sizes = args.sizes ?? sweepSizes(args.long ? spec.longMax : spec.defaultMax, args.long);
        // The render is timed on the largest mesh of a kind that asks for it (Cilium: the largest case the project supports).
        sizes.forEach((clusters) => tasks.push({
            type: "scale", kind: spec.kind, clusters, model: args.model,
            virtual: clusters <= 2, edges: clusters <= 16, render: spec.timesRender === true && clusters === Math.max(...sizes),
        }));
        tasks.push({ type: "blast", kind: spec.kind, clusters: 3, model: args.model });
        if (args.long && spec.timesRender === true) {
            tasks.push({ type: "render", kind: spec.kind, clusters: Math.max(...sizes), model: args.model });
        }
    }
    return { tasks: tasks.sort((a, b) => cost(b) - cost(a)), skipped };
}


// One benchmark measurement: runs the program with the latency model and reports time, graph and resources.
import { runStack } from "../../stacks";
import { RecordedResource } from "../engine/recorder";
import { runProgram } from "../engine/run";
import { SimulationState } from "../engine/state";
import { criticalPath, sequentialSum } from "./critical-path";
import { LatencyModel, durationOf } from "./model";
import { VirtualClock } from "./virtual-clock";

/** What to measure. */
export interface MeasureOptions {
    /** Stack name (for the runtime). */
    readonly stack: string;
    /** Config by full key. */
    readonly config: Record<string, string>;
    /** Secret full keys. */
    readonly secretKeys: readonly string[];
    /** The latency model. */
    readonly model: LatencyModel;
    /**
     * How simulated time passes: "virtual" (discrete events, CPU time excluded), a number of real milliseconds
     * per simulated second (real timers), or "none" (no delays: measures the program's own cost).
     */
    readonly clock: "virtual" | "none" | number;
    /** Remembered simulated state (for blast-radius diffs). */
    readonly state?: SimulationState;
    /** Generate every key afresh, as `npm run render` does (default: one key per shape, reused). */
    readonly freshKeys?: boolean;
}

/** One measurement. */
export interface Measurement {
    /** Simulated makespan in seconds (virtual time, or wall time divided by the time scale). */
    readonly makespanSeconds: number;
    /** Critical-path lower bound in simulated seconds. */
    readonly criticalPathSeconds: number;
    /** The by-hand sequential sum in simulated seconds. */
    readonly sequentialSeconds: number;
    /** Resources registered. */
    readonly resources: number;
    /** Real wall time of the run, ms. */
    readonly wallMs: number;
    /** CPU time (user + system) of the run, ms. */
    readonly cpuMs: number;
    /** Peak resident memory of the process so far, MiB (a fresh process's first run: that run's peak). */
    readonly peakRssMiB: number;
    /** The longest chain, as resource names. */
    readonly chain: readonly string[];
    /** The records, for diffs (not serialised). */
    readonly records: readonly RecordedResource[];
    /** Stack outputs, wire-encoded. */
    readonly outputs: Record<string, unknown> | undefined;
}

/**
 * Runs the program, then (with `--expose-gc`) a full GC while every resource it declared is held and their
 * registrations are in flight: its line in the worker's GC trace is the program's live heap at that point
 * (pool.ts reads it). The GC's own time is recorded so the program's wall and CPU leave it out.
 */
function heldGc<T>(program: () => T, inGc: { wallNs: bigint; cpuUs: number }): T {
    const outputs = program();
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) {
        const [wall, cpu] = [process.hrtime.bigint(), process.cpuUsage()];
        gc();
        const spent = process.cpuUsage(cpu);
        inGc.wallNs += process.hrtime.bigint() - wall;
        inGc.cpuUs += spent.user + spent.system;
    }
    return outputs;
}

/** Runs the real program once under the model and measures it. */
export async function measure(options: MeasureOptions): Promise<Measurement> {
    // A full GC first: the worker's GC trace then shows this run's baseline (see pool.ts).
    (globalThis as { gc?: () => void }).gc?.();
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    const virtual = options.clock === "virtual" ? new VirtualClock() : undefined;
    const seconds = (args: { type: string; name: string }) => durationOf(args.type, args.name, options.model);
    const wait = (args: { type: string; name: string }): Promise<void> | undefined => {
        virtual?.touch();
        if (seconds(args) <= 0 || options.clock === "none") {
            return undefined;
        }
        return virtual ? virtual.sleep(seconds(args))
            : new Promise((resolve) => setTimeout(resolve, seconds(args) * Number(options.clock)));
    };
    const inGc = { wallNs: 0n, cpuUs: 0 };
    const result = await runProgram({
        project: "multicluster", stack: options.stack, config: options.config, secretKeys: options.secretKeys,
        // What index.ts runs, without reloading modules, so repeated runs measure the program only.
        program: () => heldGc(runStack, inGc),
        simulation: {
            reuseKeys: options.freshKeys !== true,
            state: options.state,
            wait,
            ...(virtual ? { track: (work: Promise<unknown>) => virtual.hold(work) } : {}),
        },
    });
    const wallMs = Number(process.hrtime.bigint() - started - inGc.wallNs) / 1e6;
    if (result.error) {
        throw result.error;
    }
    const cpu = process.cpuUsage(cpuBefore);
    const nodes = result.records.map((record) => ({
        urn: record.urn, seconds: durationOf(record.type, record.name, options.model), dependencies: record.dependencies,
    }));
    const critical = criticalPath(nodes);
    const names = new Map(result.records.map((record) => [record.urn, record.name]));
    return {
        makespanSeconds: virtual ? virtual.now : typeof options.clock === "number" ? wallMs / options.clock : 0,
        criticalPathSeconds: critical.seconds,
        sequentialSeconds: sequentialSum(nodes),
        resources: result.records.length,
        wallMs,
        cpuMs: (cpu.user + cpu.system - inGc.cpuUs) / 1000,
        peakRssMiB: process.resourceUsage().maxRSS / 1024,
        chain: critical.chain.map((urn) => names.get(urn) ?? urn),
        records: result.records,
        outputs: result.outputs,
    };
}

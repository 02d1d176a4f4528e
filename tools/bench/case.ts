// Child-process entry for one benchmark case (clean memory and CPU figures per case); prints one JSON line.
import { SimulationState } from "../engine/state";
import * as path from "path";
import { readStackFiles } from "../engine/stack-files";
import { BlastRadius, blastRadius } from "./blast-radius";
import { measure } from "./measure";
import { LatencyModel } from "./model";
import { BenchMesh, syntheticConfig } from "./synthetic";

/** A case, as passed on the command line (JSON). */
export type BenchCase =
    | { readonly kind: "stack"; readonly stack: string; readonly model: LatencyModel; readonly clock: "virtual" | number }
    | { readonly kind: "synthetic"; readonly mesh: BenchMesh; readonly clusters: number; readonly model: LatencyModel; readonly clock: "virtual" | number }
    | { readonly kind: "blast"; readonly mesh: BenchMesh; readonly clusters: number; readonly model: LatencyModel };

/** Result line of a timing case. */
export interface TimingResult {
    /** Simulated makespan, s. */
    readonly makespanSeconds: number;
    /** Critical path, s. */
    readonly criticalPathSeconds: number;
    /** Sequential sum, s. */
    readonly sequentialSeconds: number;
    /** Resources registered. */
    readonly resources: number;
    /** Program wall time without delays, ms. */
    readonly programWallMs: number;
    /** Program CPU time without delays, ms. */
    readonly programCpuMs: number;
    /** Peak RSS of the case process, MiB. */
    readonly peakRssMiB: number;
    /** Longest chain (resource names). */
    readonly chain: readonly string[];
}

const projectDir = path.resolve(__dirname, "..", "..");

async function timing(config: Record<string, string>, secretKeys: string[], stack: string, model: LatencyModel, clock: "virtual" | number): Promise<TimingResult> {
    // A warm-up run loads and compiles the modules; then program cost (no delays); then the timed run.
    await measure({ stack, config, secretKeys, model, clock: "none" });
    const cost = await measure({ stack, config, secretKeys, model, clock: "none" });
    const timed = await measure({ stack, config, secretKeys, model, clock });
    return {
        makespanSeconds: timed.makespanSeconds, criticalPathSeconds: timed.criticalPathSeconds,
        sequentialSeconds: timed.sequentialSeconds, resources: timed.resources,
        programWallMs: cost.wallMs, programCpuMs: cost.cpuMs, peakRssMiB: timed.peakRssMiB, chain: timed.chain,
    };
}

async function blast(mesh: BenchMesh, clusters: number, model: LatencyModel): Promise<BlastRadius> {
    const state = new SimulationState();
    const before = await measure({ stack: "bench", config: syntheticConfig(mesh, clusters), secretKeys: [], model, clock: "none", state });
    const after = await measure({ stack: "bench", config: syntheticConfig(mesh, clusters + 1), secretKeys: [], model, clock: "none", state });
    return blastRadius(before.records, after.records);
}

async function main(): Promise<void> {
    const spec = JSON.parse(process.argv[2] ?? "{}") as BenchCase;
    let result: unknown;
    if (spec.kind === "stack") {
        const files = readStackFiles(projectDir, spec.stack);
        result = await timing(files.config, files.secretKeys, spec.stack, spec.model, spec.clock);
    } else if (spec.kind === "synthetic") {
        result = await timing(syntheticConfig(spec.mesh, spec.clusters), [], "bench", spec.model, spec.clock);
    } else {
        result = await blast(spec.mesh, spec.clusters, spec.model);
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(() => process.exit(0), (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
});

// The state side of a render: the seeded, sealed memory it simulates with, and the state file and diff it writes.
import * as path from "path";
import { Artifacts } from "./artifacts";
import { DiffReport, diffJson, diffMarkdown } from "./diff-report";
import { podRestarts } from "./diff-restarts";
import { RecordedResource } from "./recorder";
import { SealedMemory } from "./sealed-memory";
import { EngineState, STATE_FILE, STATE_FORMAT, STATE_VERSION, Seeded, sealRecords, seeded } from "./state-file";
import { SimulationOptions } from "./simulate";
import { secretChangedPaths, updateDiff } from "./update-diff";

/** A render's kept state while it runs: its seed and its sealed memory (PREV's, for `--against`). */
export interface KeptState {
    /** Seed, salt, entropy and stand-ins. */
    readonly seeded: Seeded;
    /** The memory the simulated providers use. */
    readonly memory: SealedMemory;
    /** Simulation options for `runProgram`. */
    readonly simulation: SimulationOptions;
}

/** The earlier render a render diffs against. */
export interface Against {
    /** Its directory, as given on the command line. */
    readonly dir: string;
    /** Its state. */
    readonly state: EngineState;
}

/** The state a render simulates with: new (a fresh seed), or PREV's (its seed and answers: an update from it). */
export function keptState(previous?: EngineState): KeptState {
    const seeds = seeded(previous?.seed);
    const memory = new SealedMemory(seeds.salt, previous?.answers ?? []);
    return { seeded: seeds, memory, simulation: { state: memory, entropy: seeds.entropy } };
}

/** The diff report of this run's (sealed) records against PREV's. */
function againstReport(stack: string, against: Against, after: readonly RecordedResource[], memory: SealedMemory): DiffReport {
    const before = against.state.resources;
    const { diff, changes } = updateDiff(before, after);
    const secrets = new Map(
        changes.map((change) => [change.urn, secretChangedPaths(change)] as const).filter(([, paths]) => paths.length > 0),
    );
    const restarts = podRestarts(changes, [...before, ...after]);
    const unstable = memory.unstable.map(
        (what) => `${what} simulated again to a different value: changes downstream of it may be spurious`,
    );
    return { stack, against: against.dir, diff, secrets, restarts: { ...restarts, unknown: [...restarts.unknown, ...unstable] } };
}

/** The files a render with kept state adds: the state file, and with `--against` diff.json and diff.md. */
export function stateArtifacts(
    kept: KeptState,
    project: string,
    stack: string,
    records: readonly RecordedResource[],
    against?: Against,
): { files: Artifacts; report?: DiffReport } {
    const resources = sealRecords(records, kept.seeded.salt);
    const state: EngineState = {
        format: STATE_FORMAT,
        version: STATE_VERSION,
        project,
        stack,
        seed: kept.seeded.seed,
        resources,
        answers: kept.memory.answersFor(records),
    };
    const files: Artifacts = new Map([[STATE_FILE.split(path.sep).join("/"), `${JSON.stringify(state)}\n`]]);
    if (!against) {
        return { files };
    }
    const report = againstReport(stack, against, resources, kept.memory);
    files.set("diff.json", diffJson(report.diff));
    files.set("diff.md", diffMarkdown(report));
    return { files, report };
}

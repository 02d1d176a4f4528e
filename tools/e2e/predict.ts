// What the e2e expects, computed offline before any real tool runs: the proof outputs, the gates, and the bench's blast radius of adding a cluster.
import * as path from "path";
import { blastRadius } from "../bench/blast-radius";
import { DiffAction, diffRecordings } from "../engine/diff";
import { freshRequire } from "../engine/fresh-require";
import { RecordedResource } from "../engine/recorder";
import { RunResult, runProgram } from "../engine/run";
import { redactSecrets } from "../engine/secret-values";
import { SimulationState } from "../engine/state";
import { StackFiles, readStackFiles } from "../engine/stack-files";
import { StackFileConfig, clustersOf } from "./extend";

/** The stack outputs the e2e asserts after `up`: plain facts and the proof statements, never a secret. */
export const PROOF_OUTPUT_KEYS = ["clusters", "layers", "apps"] as const;

/** Gate and proof commands: each fails `up` unless what it vouches for holds on the real clusters. */
const GATE_NAME = /-(proof|health|peers-check|check|gate)$/;

/** What the e2e expects of one stack. */
export interface Expectations {
    /** The outputs of {@link PROOF_OUTPUT_KEYS}, as the offline engine renders them (secrets redacted). */
    readonly outputs: Readonly<Record<string, unknown>>;
    /** URN tails (`<type chain>::<name>`) of the gate and proof commands `up` must have run. */
    readonly gates: readonly string[];
    /** What adding the e2e's cluster does, by URN tail (the bench's diff of the two recordings). */
    readonly blast: Readonly<Record<string, DiffAction>>;
    /** The bench's summary of that change, one line. */
    readonly blastSummary: string;
    /** Names of every kind cluster the run may leave behind (the stack's and the added one). */
    readonly kindClusters: readonly string[];
}

/** A URN without its stack and project (`urn:pulumi:<stack>::<project>::`), so runs of other stack names compare. */
export function urnTail(urn: string): string {
    return urn.split("::").slice(2).join("::");
}

/** The config a Pulumi program receives for a stack file's config map (full keys, objects as JSON text). */
function programConfig(project: string, config: StackFileConfig): Record<string, string> {
    return Object.fromEntries(
        Object.entries(config).map(([key, value]) => [
            key.includes(":") ? key : `${project}:${key}`,
            typeof value === "string" ? value : JSON.stringify(value),
        ]),
    );
}

/** Runs the stack program offline on one remembered state; throws the program's error. */
async function record(files: StackFiles, projectDir: string, state: SimulationState): Promise<RunResult> {
    const entry = path.join(projectDir, "index.ts");
    const run = await runProgram({ ...files, program: () => freshRequire(entry, projectDir), simulation: { state } });
    if (run.error !== undefined) {
        throw run.error instanceof Error ? run.error : new Error(String(run.error));
    }
    return run;
}

/** The plain proof outputs of a run. */
function proofOutputs(run: RunResult): Record<string, unknown> {
    const outputs = redactSecrets(run.outputs ?? {}, false).value as Record<string, unknown>;
    return Object.fromEntries(PROOF_OUTPUT_KEYS.filter((key) => key in outputs).map((key) => [key, outputs[key]]));
}

/** One line: what the bench says adding the cluster does. */
function summary(before: readonly RecordedResource[], after: readonly RecordedResource[], clusters: readonly string[]): string {
    const radius = blastRadius(before, after, Object.fromEntries(clusters.map((name) => [name, 2])));
    return (
        `${radius.added} created, ${radius.updated} updated, ${radius.replaced} replaced, ${radius.deleted} deleted ` +
        `(of ${radius.existing} existing), ${radius.releasesChanged} Helm releases changed`
    );
}

/** Records the stack and the stack with one more cluster offline, and derives what the real run must show. */
export async function predict(projectDir: string, stack: string, extended: StackFileConfig): Promise<Expectations> {
    const files = readStackFiles(projectDir, stack);
    const state = new SimulationState();
    const before = await record(files, projectDir, state);
    const after = await record({ ...files, config: programConfig(files.project, extended) }, projectDir, state);
    const custom = (records: readonly RecordedResource[]) => records.filter((record) => record.custom);
    const blast = Object.fromEntries(
        diffRecordings(custom(before.records), custom(after.records)).map((diff) => [urnTail(diff.urn), diff.action]),
    );
    const names = clustersOf(extended).map((cluster) => String(cluster.name));
    return {
        outputs: proofOutputs(before),
        gates: before.records
            .filter((record) => record.type === "command:local:Command" && GATE_NAME.test(record.name))
            .map((record) => urnTail(record.urn)),
        blast,
        blastSummary: summary(before.records, after.records, names),
        kindClusters: names,
    };
}

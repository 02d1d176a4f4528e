// The engine state a render keeps in its output directory (.state/engine-state.json), and reading it back for `--against`.
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { Entropy, deriveKey, derivedEntropy } from "./entropy";
import { RecordedResource } from "./recorder";
import { SealedAnswer } from "./sealed-memory";
import { sealSecrets } from "./seal";
import { simulatedSecret } from "./stack-files";
import { Registration } from "./state";

/** The state file, relative to a render's output directory. */
export const STATE_FILE = path.join(".state", "engine-state.json");
/** What `format` says in every state file. */
export const STATE_FORMAT = "multicluster-render-state";
/** The state format version this render writes and reads. */
export const STATE_VERSION = 1;

/** .state/engine-state.json: what a later render needs to simulate an update from this one. */
export interface EngineState {
    /** Always {@link STATE_FORMAT}. */
    readonly format: string;
    /** Format version ({@link STATE_VERSION}). */
    readonly version: number;
    /** Pulumi project name. */
    readonly project: string;
    /** Stack name. */
    readonly stack: string;
    /**
     * Hex seed: simulated secret material (keys, passwords, tokens, config stand-ins) is derived from it, and the
     * salt of sealed values; an update from this state keeps it, so unchanged resources re-derive equal values.
     */
    readonly seed: string;
    /** Every registration, in order, inputs and outputs wire-encoded with secrets sealed. */
    readonly resources: readonly RecordedResource[];
    /** The simulated answer of each registration, secrets sealed. */
    readonly answers: readonly SealedAnswer[];
}

/** The seeded parts of a render: its salt, its simulators' entropy, its config stand-ins. */
export interface Seeded {
    /** Hex seed. */
    readonly seed: string;
    /** Salt of sealed values. */
    readonly salt: Buffer;
    /** Entropy of one simulation (type, name and ID pick the stream). */
    readonly entropy: (registration: Registration, id: string) => Entropy;
    /** Stand-in for a `secure:` config value (key and ciphertext pick the stream). */
    readonly standIn: (key: string, ciphertext: string) => string;
}

/** The seeded parts from a seed (a new random one when none is given). */
export function seeded(seed: string = crypto.randomBytes(32).toString("hex")): Seeded {
    const key = Buffer.from(seed, "hex");
    return {
        seed,
        salt: deriveKey(key, "seal"),
        entropy: (registration, id) => derivedEntropy(deriveKey(key, "simulate", registration.type, registration.name, id)),
        standIn: (configKey, ciphertext) => simulatedSecret(configKey, derivedEntropy(deriveKey(key, "config", configKey, ciphertext))),
    };
}

/** The records with their inputs and outputs sealed. */
export function sealRecords(records: readonly RecordedResource[], salt: Buffer): RecordedResource[] {
    return records.map((record) => ({
        ...record,
        inputs: sealSecrets(record.inputs, salt) as Record<string, unknown>,
        ...(record.outputs ? { outputs: sealSecrets(record.outputs, salt) as Record<string, unknown> } : {}),
    }));
}

/** Why `--against` refuses a directory, as one line naming the flag, the directory and the fix. */
function refusal(dir: string, problem: string, fix: string): Error {
    return new Error(`--against ${dir}: ${problem}; ${fix}`);
}

function isState(value: unknown): value is EngineState {
    const state = value as Partial<EngineState> | null;
    return (
        typeof state === "object" &&
        state !== null &&
        typeof state.project === "string" &&
        typeof state.stack === "string" &&
        typeof state.seed === "string" &&
        /^[0-9a-f]{64}$/.test(state.seed) &&
        Array.isArray(state.resources) &&
        Array.isArray(state.answers)
    );
}

/**
 * Reads the state an earlier render kept in `dir`, refusing (one line) a directory that is no render output, a
 * state of an unknown format version, and one rendered from another project or stack.
 */
export function readEngineState(dir: string, marker: string, project: string, stack: string): EngineState {
    const fix = "give the --out directory of an earlier npm run render of this stack";
    if (!fs.existsSync(path.join(dir, marker))) {
        throw refusal(dir, `is not a render output (no ${marker} in it)`, fix);
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(path.join(dir, STATE_FILE), "utf8"));
    } catch {
        throw refusal(
            dir,
            `holds no readable ${STATE_FILE} (rendered before renders kept state, or damaged)`,
            `render it again, then ${fix}`,
        );
    }
    const version = (parsed as { format?: unknown; version?: unknown } | null)?.version;
    if ((parsed as { format?: unknown } | null)?.format !== STATE_FORMAT || version !== STATE_VERSION) {
        throw refusal(
            dir,
            `its state format version ${JSON.stringify(version)} is not known here (this render reads ${STATE_VERSION})`,
            `render it again with this version`,
        );
    }
    if (!isState(parsed)) {
        throw refusal(dir, `its ${STATE_FILE} is not a complete render state`, `render it again, then ${fix}`);
    }
    if (parsed.project !== project || parsed.stack !== stack) {
        throw refusal(
            dir,
            `was rendered from stack ${parsed.stack} of project ${parsed.project}, not stack ${stack} of project ${project}`,
            fix,
        );
    }
    return parsed;
}

// The e2e as a pure plan: the commands it runs, in order, and the cleanup steps that run even after a failure.
import * as path from "path";
import { Check, blastCheck, gatesCheck, outputsCheck } from "./checks";
import { StackFileConfig } from "./extend";
import { Expectations } from "./predict";

/** A command to run: argv (no shell), working directory, extra environment. */
export interface Command {
    /** What runs. */
    readonly kind: "run";
    /** Program and arguments. */
    readonly argv: readonly string[];
    /** Working directory. */
    readonly cwd: string;
    /** Printed live (false: captured, shown only as a check's sentence, because it could carry secret values). */
    readonly echo: boolean;
}

/** A file to write (the e2e's stack file). */
export interface WriteFile {
    /** What runs. */
    readonly kind: "write";
    /** Absolute path. */
    readonly path: string;
    /** Content. */
    readonly content: string;
}

/** A stack file's `config:` map to replace, keeping what `pulumi stack init` added (the passphrase salt). */
export interface SetConfig {
    /** What runs. */
    readonly kind: "config";
    /** Absolute path of the stack file. */
    readonly path: string;
    /** The new `config:` map. */
    readonly config: StackFileConfig;
}

/** A file or directory to remove (recursively, missing is fine). */
export interface RemovePath {
    /** What runs. */
    readonly kind: "remove";
    /** Absolute path. */
    readonly path: string;
}

/** One action of a step. */
export type Action = Command | WriteFile | SetConfig | RemovePath;

/** One step of the e2e. */
export interface Step {
    /** One line, printed before the step runs. */
    readonly title: string;
    /** What it does. */
    readonly action: Action;
    /** An assertion on the captured stdout (runs only when the command succeeded). */
    readonly check?: Check;
    /** Cleanup: runs even when an earlier step failed, and its own failure does not stop the other cleanups. */
    readonly always?: boolean;
}

/** What the plan needs to know. */
export interface PlanInput {
    /** The stack under test (`Pulumi.<stack>.yaml`). */
    readonly stack: string;
    /** Repository root (Pulumi.yaml). */
    readonly projectDir: string;
    /** Scratch directory for the file backend (removed at the end). */
    readonly workDir: string;
    /** The stack's file text, as the e2e stack runs it first. */
    readonly stackFile: string;
    /** Its config with one more cluster. */
    readonly extended: StackFileConfig;
    /** What the offline engine and the bench predict. */
    readonly expected: Expectations;
}

/** Name of the throwaway Pulumi stack the e2e runs (its own stack file; the stack's own file is never touched). */
export function e2eStackName(stack: string): string {
    return `e2e-${stack}`;
}

/** The steps of one e2e run, in order; the `always` ones at the end. */
export function e2ePlan(input: PlanInput): Step[] {
    const name = e2eStackName(input.stack);
    const stackFile = path.join(input.projectDir, `Pulumi.${name}.yaml`);
    const run = (argv: readonly string[], echo = true): Command => ({ kind: "run", argv, cwd: input.projectDir, echo });
    const pulumi = (...args: string[]) => ["pulumi", ...args, "--stack", name, "--non-interactive"];
    return [
        { title: `write the e2e stack file Pulumi.${name}.yaml`, action: { kind: "write", path: stackFile, content: input.stackFile } },
        {
            title: "create the stack in the local file backend",
            action: run(["pulumi", "stack", "init", name, "--secrets-provider", "passphrase", "--non-interactive"]),
        },
        { title: "pulumi up", action: run(pulumi("up", "--yes", "--skip-preview")) },
        { title: "assert the proof outputs", action: run(pulumi("stack", "output", "--json"), false), check: outputsCheck(input.expected) },
        { title: "assert every gate and proof ran", action: run(pulumi("stack", "export"), false), check: gatesCheck(input.expected) },
        { title: "pulumi up again: no changes", action: run(pulumi("up", "--yes", "--expect-no-changes")) },
        { title: "add a cluster to the e2e stack file", action: { kind: "config", path: stackFile, config: input.extended } },
        {
            title: "preview: the blast radius the bench predicts",
            action: run(pulumi("preview", "--json"), false),
            check: blastCheck(input.expected),
        },
        { title: "pulumi up with the added cluster", action: run(pulumi("up", "--yes", "--skip-preview")) },
        { title: "pulumi destroy", action: run(pulumi("destroy", "--yes", "--skip-preview")), always: true },
        ...input.expected.kindClusters.map((cluster): Step => ({
            title: `remove kind cluster ${cluster}`,
            action: run(["kind", "delete", "cluster", "--name", cluster]),
            always: true,
        })),
        { title: `remove Pulumi.${name}.yaml`, action: { kind: "remove", path: stackFile }, always: true },
        { title: "remove the file backend and the scratch directory", action: { kind: "remove", path: input.workDir }, always: true },
    ];
}

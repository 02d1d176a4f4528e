// Runs an e2e plan through an injectable runner: stops at the first failure, then runs every cleanup step anyway.
import { Action, Step } from "./plan";

/** What an action gave: exit status (0 for file actions that worked) and captured stdout. */
export interface ActionResult {
    /** Exit status; 0 is success. */
    readonly status: number;
    /** Captured stdout (empty when the command printed live). */
    readonly stdout: string;
}

/** Carries out one action (the real one spawns and writes files; tests stub it). */
export type Runner = (action: Action) => Promise<ActionResult>;

/** What happened to one step. */
export interface StepOutcome {
    /** The step's title. */
    readonly title: string;
    /** ran (and passed), failed, or skipped after an earlier failure. */
    readonly result: "passed" | "failed" | "skipped";
    /** Why it failed (one sentence). */
    readonly problem?: string;
}

/** The outcome of a whole run. */
export interface RunOutcome {
    /** True when every step passed. */
    readonly ok: boolean;
    /** Per step, in plan order. */
    readonly steps: readonly StepOutcome[];
}

/** Runs one step; a thrown runner error counts as a failure with its message. */
async function runStep(step: Step, runner: Runner): Promise<StepOutcome> {
    try {
        const result = await runner(step.action);
        if (result.status !== 0) {
            return { title: step.title, result: "failed", problem: `exited ${result.status}` };
        }
        const problem = step.check?.(result.stdout);
        return problem === undefined ? { title: step.title, result: "passed" } : { title: step.title, result: "failed", problem };
    } catch (error) {
        return { title: step.title, result: "failed", problem: error instanceof Error ? error.message : String(error) };
    }
}

/** Runs the steps in order: after the first failure only `always` steps run, each whatever the others did. */
export async function executePlan(
    steps: readonly Step[],
    runner: Runner,
    log: (line: string) => void = () => undefined,
): Promise<RunOutcome> {
    const outcomes: StepOutcome[] = [];
    let failed = false;
    for (const step of steps) {
        if (failed && !step.always) {
            outcomes.push({ title: step.title, result: "skipped" });
            continue;
        }
        log(`e2e: ${step.title}`);
        const outcome = await runStep(step, runner);
        if (outcome.result === "failed") {
            log(`e2e: FAILED: ${step.title}: ${outcome.problem}`);
            failed = true;
        }
        outcomes.push(outcome);
    }
    return { ok: !failed, steps: outcomes };
}

// The e2e's assertions on what the real tools printed: proof outputs, gates in the state, the preview of adding a cluster.
import { isDeepStrictEqual } from "util";
import { DiffAction } from "../engine/diff";
import { Expectations, urnTail } from "./predict";

/** A check of one command's captured stdout: undefined when it holds, else one sentence (never a value that could be secret). */
export type Check = (stdout: string) => string | undefined;

/** Parses JSON a tool printed, or names what did not parse. */
function parsed(stdout: string, what: string): { value?: unknown; problem?: string } {
    try {
        return { value: JSON.parse(stdout) as unknown };
    } catch {
        return { problem: `${what} is not JSON` };
    }
}

/** `pulumi stack output --json` (secrets shown as "[secret]"): the proof outputs equal the offline render's. */
export function outputsCheck(expected: Expectations): Check {
    return (stdout) => {
        const { value, problem } = parsed(stdout, "pulumi stack output --json");
        if (problem !== undefined) {
            return problem;
        }
        const outputs = (value ?? {}) as Record<string, unknown>;
        const differ = Object.keys(expected.outputs).filter((key) => !isDeepStrictEqual(outputs[key], expected.outputs[key]));
        return differ.length === 0 ? undefined : `stack outputs ${differ.join(", ")} differ from the offline render's (npm run render)`;
    };
}

/** `pulumi stack export`: every gate and proof command the program declares is in the state (so each ran and passed). */
export function gatesCheck(expected: Expectations): Check {
    return (stdout) => {
        const { value, problem } = parsed(stdout, "pulumi stack export");
        if (problem !== undefined) {
            return problem;
        }
        const resources = ((value as { deployment?: { resources?: { urn?: string }[] } }).deployment?.resources ?? []).map((resource) =>
            urnTail(String(resource.urn)),
        );
        const missing = expected.gates.filter((gate) => !resources.includes(gate));
        return missing.length === 0 ? undefined : `gates missing from the state after up: ${missing.join(", ")}`;
    };
}

/** What a preview step's `op` does to a resource, as the offline diff names it (undefined: nothing). */
function actionOf(op: string): DiffAction | undefined {
    if (op === "create" || op === "update" || op === "delete") {
        return op;
    }
    return op === "replace" || op === "create-replacement" || op === "delete-replaced" ? "replace" : undefined;
}

/** One step of `pulumi preview --json`. */
interface PreviewStep {
    /** Operation. */
    readonly op?: string;
    /** Resource URN. */
    readonly urn?: string;
    /** The resource after (absent for delete). */
    readonly newState?: { readonly custom?: boolean };
    /** The resource before (absent for create). */
    readonly oldState?: { readonly custom?: boolean };
}

/** The provider-backed changes of a preview, by URN tail. */
export function previewChanges(steps: readonly PreviewStep[]): Record<string, DiffAction> {
    const changes: Record<string, DiffAction> = {};
    for (const step of steps) {
        const action = actionOf(step.op ?? "");
        const custom = (step.newState ?? step.oldState)?.custom !== false;
        if (action !== undefined && custom && step.urn !== undefined) {
            changes[urnTail(step.urn)] = changes[urnTail(step.urn)] === "replace" ? "replace" : action;
        }
    }
    return changes;
}

/** `pulumi preview --json` of the added cluster: exactly the changes the bench's blast radius predicts. */
export function blastCheck(expected: Expectations): Check {
    return (stdout) => {
        const { value, problem } = parsed(stdout, "pulumi preview --json");
        if (problem !== undefined) {
            return problem;
        }
        const real = previewChanges((value as { steps?: PreviewStep[] }).steps ?? []);
        const named = (changes: Readonly<Record<string, DiffAction>>, urns: readonly string[]) =>
            urns.map((urn) => `${changes[urn]} ${urn}`);
        const unexpected = Object.keys(real).filter((urn) => expected.blast[urn] !== real[urn]);
        const missing = Object.keys(expected.blast).filter((urn) => real[urn] !== expected.blast[urn]);
        if (unexpected.length === 0 && missing.length === 0) {
            return undefined;
        }
        return (
            `adding a cluster differs from the bench's blast radius (${expected.blastSummary}): ` +
            [
                ...named(real, unexpected).map((line) => `not predicted: ${line}`),
                ...named(expected.blast, missing).map((line) => `predicted, absent: ${line}`),
            ].join("; ")
        );
    };
}

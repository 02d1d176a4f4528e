// Per-layer progress lines of a render: how many resources each phase of the stack program declared (stacks over 50).
import * as pulumi from "@pulumi/pulumi";
import { PHASE_LISTENER, PhaseListener } from "../../stacks/layers/progress";

/** Stacks with at most this many resources render quietly. */
export const PROGRESS_THRESHOLD = 50;

/** A running follower: `finish` ends the last phase's line and stops listening. */
export interface PhaseFollower {
    /** Closes the last phase and removes the listener (call once the program has run, also after a failure). */
    finish(): void;
}

/**
 * Follows the program's phases (`provision`, then each layer) while it runs and writes one line per phase,
 * "layer cni: 42 resources (97 so far)", once the stack has passed `threshold` resources (lines before that are
 * held back, so a small stack prints nothing). Resources are counted as they are constructed, by a stack transformation.
 */
export function followPhases(write: (line: string) => void, threshold = PROGRESS_THRESHOLD): PhaseFollower {
    const slots = globalThis as Record<symbol, unknown>;
    const held: string[] = [];
    let phase: string | undefined;
    let inPhase = 0;
    let total = 0;
    const emit = (line: string) => {
        held.push(line);
        if (total > threshold) {
            held.splice(0).forEach(write);
        }
    };
    const close = () => {
        if (phase !== undefined) {
            emit(`${phase === "provision" ? "provision" : `layer ${phase}`}: ${inPhase} resources (${total} so far)`);
        }
    };
    const listener: PhaseListener = (next) => {
        if (phase === undefined) {
            pulumi.runtime.registerStackTransformation(() => {
                inPhase++;
                total++;
                return undefined;
            });
        }
        close();
        phase = next;
        inPhase = 0;
    };
    slots[PHASE_LISTENER] = listener;
    return {
        finish: () => {
            close();
            phase = undefined;
            delete slots[PHASE_LISTENER];
        },
    };
}

// Linkerd trust-anchor rotation through a bundle: which anchor generations a phase holds, which one signs, and its rules.
import { ValidationIssue, issue } from "../shared/validation";

/** The phases of one anchor roll, in the order a stack goes through them (one `up` each, docs/day2.md, Rotation). */
export const ANCHOR_PHASES = ["bundle", "switch", "done"] as const;

/** One of {@link ANCHOR_PHASES}: `"bundle"` (old + new trusted, old signs), `"switch"` (new signs) or `"done"` (old dropped). */
export type AnchorPhase = (typeof ANCHOR_PHASES)[number];

/** Where a stack is in a trust-anchor roll: the generation being rolled to (the first anchor is 0) and the phase. */
export interface AnchorRotation {
    /** The anchor generation the roll moves to (at least 1; raised by exactly one per roll, after the previous one is `done`). */
    readonly generation: number;
    /** The phase of that roll. */
    readonly phase: AnchorPhase;
}

/** What a phase holds: the anchor generations that exist (their PEMs make the bundle, in this order) and the one that signs the issuers. */
export interface AnchorPlan {
    /** Generations whose anchor exists and is trusted: the newest first, as Linkerd's bundle (`step certificate bundle new old`). */
    readonly trusted: readonly number[];
    /** The generation whose anchor signs every issuer. */
    readonly signer: number;
}

/**
 * The anchors a phase holds. No rotation: generation 0 alone. `bundle`: the previous and the new one trusted, the
 * previous one signs; `switch`: both trusted, the new one signs; `done`: the new one alone.
 */
export function anchorPlan(rotation?: AnchorRotation): AnchorPlan {
    if (rotation === undefined) {
        return { trusted: [0], signer: 0 };
    }
    const { generation, phase } = rotation;
    if (phase === "done") {
        return { trusted: [generation], signer: generation };
    }
    return { trusted: [generation, generation - 1], signer: phase === "bundle" ? generation - 1 : generation };
}

/** The name suffix of a generation's anchor resources: none for generation 0 (today's `<name>-anchor`), `-g<N>` after. */
export function anchorSuffix(generation: number): string {
    return generation === 0 ? "" : `-g${generation}`;
}

/**
 * What the rotation setting alone proves wrong, each as one sentence at `at` (e.g. `mesh.rotation.anchor`): a
 * generation that is not a whole number of at least 1 (generation 0 is the first anchor, there is nothing to roll
 * to), and a phase that is not one of {@link ANCHOR_PHASES}. A skipped phase or generation needs the stack's
 * state to see, so it is not refused here (docs/day2.md gives the order; the offline diff shows it).
 */
export function anchorRotationIssues(rotation: AnchorRotation | undefined, at: string): ValidationIssue[] {
    if (rotation === undefined) {
        return [];
    }
    const found: ValidationIssue[] = [];
    if (!Number.isInteger(rotation.generation) || rotation.generation < 1) {
        found.push(
            issue(
                `${at}.generation`,
                rotation.generation,
                "is not a whole number of at least 1, and generation 0 is the first anchor, which no roll moves to",
                `start the first roll with generation 1 and phase "bundle", or remove ${at} if no roll was ever started`,
            ),
        );
    }
    if (!(ANCHOR_PHASES as readonly string[]).includes(rotation.phase)) {
        found.push(
            issue(`${at}.phase`, rotation.phase, "is not a phase of the roll", `use "bundle", then "switch", then "done", one up each`),
        );
    }
    return found;
}

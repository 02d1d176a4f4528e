// What the engine remembers between runs, as `pulumi up` keeps state: unchanged resources keep their
// outputs, updated ones keep their ID, replaced ones get a new ID (so a re-created cluster has a new incarnation).
import * as crypto from "crypto";
import { triggersReplace } from "./replacement-trigger";

/** A simulated resource's answer: its ID and output state. */
export interface SimulatedAnswer {
    /** Resource ID. */
    readonly id: string;
    /** Output state (wire-encoded). */
    readonly state: Record<string, unknown>;
}

/** A registration as the mocks see it (no parent; the provider reference is `urn::id`). */
export interface Registration {
    /** Type token. */
    readonly type: string;
    /** Logical name. */
    readonly name: string;
    /** Inputs, wire-encoded. */
    readonly inputs: Record<string, unknown>;
    /** Provider reference (`urn::id`), if any. */
    readonly provider?: string;
    /** The `replacementTrigger` option (null or absent when unset). */
    readonly replacementTrigger?: unknown;
}

interface Remembered {
    readonly inputs: string;
    readonly provider: string;
    readonly replacementTrigger: unknown;
    readonly answer: SimulatedAnswer;
}

/** Types whose every input change replaces the resource (tls and random inputs are all force-new). */
const REPLACED_ON_ANY_CHANGE = /^(tls|random):/;

/**
 * Whether a changed registration replaces the resource rather than updating it, by the providers' rules:
 * tls/random on any change; commands when `triggers` change; Kubernetes objects when name or namespace
 * change; a Kubernetes provider when `clusterIdentifier` changes; anything whose provider was replaced
 * (its provider reference carries the provider's new ID).
 */
export function replaces(before: { inputs: Record<string, unknown>; provider?: string }, after: Registration): boolean {
    const changed = (key: string) => JSON.stringify(before.inputs[key]) !== JSON.stringify(after.inputs[key]);
    if ((before.provider ?? "") !== (after.provider ?? "")) {
        return true;
    }
    if (REPLACED_ON_ANY_CHANGE.test(after.type)) {
        return true;
    }
    if (after.type.startsWith("command:")) {
        return changed("triggers");
    }
    if (after.type === "pulumi:providers:kubernetes") {
        return changed("clusterIdentifier");
    }
    if (after.type.startsWith("kubernetes:")) {
        const identity = (inputs: Record<string, unknown>) => {
            const meta = (inputs.metadata ?? {}) as { name?: unknown; namespace?: unknown };
            return JSON.stringify([meta.name, meta.namespace, inputs.name, inputs.namespace]);
        };
        return identity(before.inputs) !== identity(after.inputs);
    }
    return false;
}

/** What the simulated providers remember across runs: {@link SimulationState} in memory, or a state file's sealed memory. */
export interface SimulationMemory {
    /** The remembered answer when nothing changed; otherwise undefined, with the ID a change keeps (an update) or none. */
    lookup(registration: Registration): { answer?: SimulatedAnswer; keepId?: string };
    /** Remembers what a registration was answered. */
    remember(registration: Registration, answer: SimulatedAnswer): void;
    /** The answer to give for a remembered one (a sealed answer gets its secret values simulated again); default: as remembered. */
    restore?(answer: SimulatedAnswer, registration: Registration, resimulate: () => Promise<SimulatedAnswer>): Promise<SimulatedAnswer>;
}

/** The engine's memory across runs of the same stack. */
export class SimulationState implements SimulationMemory {
    private readonly resources = new Map<string, Remembered>();

    /** The remembered answer when nothing changed; otherwise undefined, with the ID a change keeps (an update) or none (a replacement). */
    lookup(registration: Registration): { answer?: SimulatedAnswer; keepId?: string } {
        const old = this.resources.get(key(registration));
        if (!old || triggersReplace(old.replacementTrigger, registration.replacementTrigger)) {
            return {};
        }
        const inputs = JSON.stringify(registration.inputs);
        if (old.inputs === inputs && old.provider === (registration.provider ?? "")) {
            return { answer: old.answer };
        }
        return replaces({ inputs: JSON.parse(old.inputs) as Record<string, unknown>, provider: old.provider }, registration)
            ? {}
            : { keepId: old.answer.id };
    }

    /**
     * Forgets a resource, so its next registration is a new creation with a new ID: stands in for a
     * replacement the program's inputs do not show (e.g. a certificate's early renewal).
     */
    forget(type: string, name: string): void {
        this.resources.delete(`${type}::${name}`);
    }

    /** Remembers what a registration was answered. */
    remember(registration: Registration, answer: SimulatedAnswer): void {
        this.resources.set(key(registration), {
            inputs: JSON.stringify(registration.inputs),
            provider: registration.provider ?? "",
            replacementTrigger: registration.replacementTrigger ?? null,
            answer,
        });
    }
}

function key(registration: Registration): string {
    return `${registration.type}::${registration.name}`;
}

/** A new resource's ID: readable, and different for each distinct creation (deterministic for equal inputs and trigger). */
export function newResourceId(registration: Registration): string {
    const trigger = registration.replacementTrigger ?? null;
    const digest = crypto
        .createHash("sha256")
        .update(
            JSON.stringify([
                registration.type,
                registration.name,
                registration.inputs,
                registration.provider ?? "",
                ...(trigger === null ? [] : [trigger]),
            ]),
        )
        .digest("hex");
    return `${registration.name}-${digest.slice(0, 8)}`;
}

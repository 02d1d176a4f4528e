// The engine's memory kept on disk: remembered answers with every secret sealed; secrets come back by simulating them again.
import { canonicalJson, holdsSecret, sealSecrets, sealsTo } from "./seal";
import { triggersReplace } from "./replacement-trigger";
import { Registration, SimulatedAnswer, SimulationMemory, replaces } from "./state";

/** One remembered registration and its answer, as a state file keeps it (secrets sealed). */
export interface SealedAnswer {
    /** Type token. */
    readonly type: string;
    /** Logical name. */
    readonly name: string;
    /** Inputs, wire-encoded, secrets sealed. */
    readonly inputs: Record<string, unknown>;
    /** Provider reference (`urn::id`), or "". */
    readonly provider: string;
    /** Resource ID. */
    readonly id: string;
    /** Output state, wire-encoded, secrets sealed. */
    readonly state: Record<string, unknown>;
    /** The `replacementTrigger` option, when one was set. */
    readonly replacementTrigger?: unknown;
}

const keyOf = (entry: { type: string; name: string }): string => `${entry.type}::${entry.name}`;

/**
 * A {@link SimulationMemory} whose answers are sealed: an unchanged registration is recognised by its sealed inputs,
 * and its answer is given back with each secret taken from the registration's own inputs or, for a secret the
 * simulator made (a key, a password), simulated again from the same derived entropy.
 */
export class SealedMemory implements SimulationMemory {
    private readonly entries = new Map<string, SealedAnswer>();
    /** Answers whose secrets did not simulate again to what was sealed (their outputs changed; should stay empty). */
    readonly unstable: string[] = [];

    constructor(
        private readonly salt: Buffer,
        remembered: readonly SealedAnswer[] = [],
    ) {
        remembered.forEach((entry) => this.entries.set(keyOf(entry), entry));
    }

    /** The sealed answer when nothing changed; otherwise the ID an update keeps, or nothing for a replacement. */
    lookup(registration: Registration): { answer?: SimulatedAnswer; keepId?: string } {
        const old = this.entries.get(keyOf(registration));
        if (!old || triggersReplace(old.replacementTrigger, registration.replacementTrigger)) {
            return {};
        }
        const inputs = sealSecrets(registration.inputs, this.salt) as Record<string, unknown>;
        const provider = registration.provider ?? "";
        if (canonicalJson(inputs) === canonicalJson(old.inputs) && provider === old.provider) {
            return { answer: { id: old.id, state: old.state } };
        }
        return replaces({ inputs: old.inputs, provider: old.provider }, { ...registration, inputs }) ? {} : { keepId: old.id };
    }

    /** Remembers an answer, sealed. */
    remember(registration: Registration, answer: SimulatedAnswer): void {
        this.entries.set(keyOf(registration), {
            type: registration.type,
            name: registration.name,
            inputs: sealSecrets(registration.inputs, this.salt) as Record<string, unknown>,
            provider: registration.provider ?? "",
            id: answer.id,
            state: sealSecrets(answer.state, this.salt) as Record<string, unknown>,
            ...(registration.replacementTrigger === null || registration.replacementTrigger === undefined
                ? {}
                : { replacementTrigger: registration.replacementTrigger }),
        });
    }

    /** The sealed answer with real values: secrets from the inputs when they seal alike, else simulated again. */
    async restore(
        answer: SimulatedAnswer,
        registration: Registration,
        resimulate: () => Promise<SimulatedAnswer>,
    ): Promise<SimulatedAnswer> {
        let fresh: Promise<SimulatedAnswer> | undefined;
        const state: Record<string, unknown> = {};
        for (const [key, sealed] of Object.entries(answer.state)) {
            if (!holdsSecret(sealed)) {
                state[key] = sealed;
            } else if (key in registration.inputs && sealsTo(registration.inputs[key], sealed, this.salt)) {
                state[key] = registration.inputs[key];
            } else {
                fresh ??= resimulate();
                state[key] = (await fresh).state[key];
                if (!sealsTo(state[key], sealed, this.salt)) {
                    this.unstable.push(`${keyOf(registration)} ${key}`);
                }
            }
        }
        return { id: answer.id, state };
    }

    /** The remembered answers of the registrations named (`type::name`), in that order: what the next state file keeps. */
    answersFor(keys: readonly { type: string; name: string }[]): SealedAnswer[] {
        return keys.flatMap((entry) => {
            const found = this.entries.get(keyOf(entry));
            return found ? [found] : [];
        });
    }
}

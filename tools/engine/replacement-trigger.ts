// The `replacementTrigger` resource option as the engine judges it (pkg/resource/deploy/step_generator.go, shouldTriggerReplace).

/** Triggers by `type::name`, noted by the recorder when a resource registers and read by the simulated providers. */
export type TriggerNotes = Map<string, unknown>;

/** The key a trigger is noted under. */
export const triggerKey = (type: string, name: string): string => `${type}::${name}`;

/**
 * Whether a changed trigger replaces the resource: a null (absent) trigger on either side never does, so a trigger
 * first set on an existing resource is only recorded; otherwise any difference does.
 */
export function triggersReplace(before: unknown, after: unknown): boolean {
    if (before === null || before === undefined || after === null || after === undefined) {
        return false;
    }
    return JSON.stringify(before) !== JSON.stringify(after);
}

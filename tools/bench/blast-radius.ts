// Diffs the plan of N clusters against N+1: what changes, what is replaced, which node scripts re-run.
import { RecordedResource } from "../engine/recorder";

/** How much adding a cluster disturbs the existing ones. */
export interface BlastRadius {
    /** Existing resources (present in both plans). */
    readonly existing: number;
    /** Resources only in the larger plan. */
    readonly added: number;
    /** Existing resources whose inputs change (updates, including replacements). */
    readonly changed: number;
    /** Existing resources that would be replaced. */
    readonly replaced: number;
    /** Existing remote commands that would run again on their node (update or replace). */
    readonly nodeScriptReruns: number;
    /** URNs of the changed resources, for the report. */
    readonly changedUrns: readonly string[];
}

/** Types whose every input change replaces the resource (tls and random are all force-new). */
const replacedOnAnyChange = /^(tls|random):/;

/** Paths of top-level inputs that differ. */
function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/** Whether the change replaces the resource rather than updating it in place. */
function isReplacement(old: RecordedResource, resource: RecordedResource, keys: readonly string[]): boolean {
    if (replacedOnAnyChange.test(resource.type)) {
        return true;
    }
    if (keys.includes("triggers") || keys.some((key) => resource.options.replaceOnChanges.includes(key))) {
        return true;
    }
    if (resource.type.startsWith("kubernetes:") && keys.includes("metadata")) {
        const identity = (meta: unknown) => {
            const fields = (meta ?? {}) as { name?: unknown; namespace?: unknown };
            return JSON.stringify([fields.name, fields.namespace]);
        };
        return identity(old.inputs.metadata) !== identity(resource.inputs.metadata);
    }
    return false;
}

/** Compares two recordings of the same program (the second with one cluster more). */
export function blastRadius(before: readonly RecordedResource[], after: readonly RecordedResource[]): BlastRadius {
    const previous = new Map(before.map((resource) => [resource.urn, resource]));
    let changed = 0;
    let replaced = 0;
    let reruns = 0;
    const changedUrns: string[] = [];
    let existing = 0;
    for (const resource of after) {
        const old = previous.get(resource.urn);
        if (!old) {
            continue;
        }
        existing++;
        const keys = changedKeys(old.inputs, resource.inputs);
        if (keys.length === 0) {
            continue;
        }
        changed++;
        changedUrns.push(resource.urn);
        const replacement = isReplacement(old, resource, keys);
        replaced += replacement ? 1 : 0;
        reruns += resource.type === "command:remote:Command" ? 1 : 0;
    }
    return { existing, added: after.length - existing, changed, replaced, nodeScriptReruns: reruns, changedUrns };
}

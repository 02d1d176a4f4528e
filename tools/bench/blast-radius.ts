// Diffs the plan of N clusters against N+1: what changes, what is replaced, which node scripts re-run.
import { RecordedResource } from "../engine/recorder";
import { Registration, replaces } from "../engine/state";

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

/** Paths of top-level inputs that differ. */
function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/** Whether the change replaces the resource: the providers' rules, `replaceOnChanges`, or a replaced provider. */
function isReplacement(old: RecordedResource, resource: RecordedResource, keys: readonly string[], replacedProviders: ReadonlySet<string>): boolean {
    if (resource.provider && replacedProviders.has(resource.provider)) {
        return true;
    }
    return keys.some((key) => resource.options.replaceOnChanges.includes(key)) || replaces(asRegistration(old), asRegistration(resource));
}

function asRegistration(resource: RecordedResource): Registration {
    return { type: resource.type, name: resource.name, inputs: resource.inputs, provider: resource.provider ?? undefined };
}

/** Kubernetes providers whose `clusterIdentifier` changed: everything they manage is replaced. */
function replacedProviders(previous: ReadonlyMap<string, RecordedResource>, after: readonly RecordedResource[]): Set<string> {
    return new Set(after.filter((resource) => {
        const old = previous.get(resource.urn);
        return resource.type === "pulumi:providers:kubernetes" && old !== undefined && replaces(asRegistration(old), asRegistration(resource));
    }).map((resource) => resource.urn));
}

/** Compares two recordings of the same program (the second with one cluster more). */
export function blastRadius(before: readonly RecordedResource[], after: readonly RecordedResource[]): BlastRadius {
    const previous = new Map(before.map((resource) => [resource.urn, resource]));
    const providers = replacedProviders(previous, after);
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
        if (keys.length === 0 && !(resource.provider && providers.has(resource.provider))) {
            continue;
        }
        changed++;
        changedUrns.push(resource.urn);
        const replacement = isReplacement(old, resource, keys, providers);
        replaced += replacement ? 1 : 0;
        reruns += resource.type === "command:remote:Command" ? 1 : 0;
    }
    return { existing, added: after.length - existing, changed, replaced, nodeScriptReruns: reruns, changedUrns };
}

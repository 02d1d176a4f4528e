// Diffs two recordings of one program as `pulumi up` acts on the second after the first: create, update, replace, delete.
import { RecordedResource } from "./recorder";
import { triggersReplace } from "./replacement-trigger";
import { unwrapSecrets } from "./secret-values";
import { Registration, replaces } from "./state";

/** What `up` does to one resource. */
export type DiffAction = "create" | "update" | "replace" | "delete";

/** One resource `up` would touch. */
export interface ResourceDiff {
    /** Resource URN. */
    readonly urn: string;
    /** Type token. */
    readonly type: string;
    /** Logical name. */
    readonly name: string;
    /** What happens to it. */
    readonly action: DiffAction;
    /** Dotted input paths whose value changed (leaves of objects; arrays compare whole); empty for create and delete. */
    readonly paths: readonly string[];
    /** The registration before (absent for create). */
    readonly before?: RecordedResource;
    /** The registration after (absent for delete). */
    readonly after?: RecordedResource;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Dotted paths of the leaves that differ between two plain values (objects recurse; arrays and scalars compare whole). */
export function changedPaths(before: unknown, after: unknown, prefix = ""): string[] {
    if (isObject(before) && isObject(after)) {
        const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
        return keys.flatMap((key) => changedPaths(before[key], after[key], prefix ? `${prefix}.${key}` : key));
    }
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix || "."];
}

function asRegistration(resource: RecordedResource): Registration {
    return { type: resource.type, name: resource.name, inputs: resource.inputs, provider: resource.provider ?? undefined };
}

/** Kubernetes providers whose `clusterIdentifier` changed: a new cluster incarnation, so everything they manage is replaced. */
function replacedProviders(previous: ReadonlyMap<string, RecordedResource>, after: readonly RecordedResource[]): Set<string> {
    return new Set(
        after
            .filter((resource) => {
                const old = previous.get(resource.urn);
                return (
                    resource.type === "pulumi:providers:kubernetes" &&
                    old !== undefined &&
                    replaces(asRegistration(old), asRegistration(resource))
                );
            })
            .map((resource) => resource.urn),
    );
}

/** Whether `up` replaces rather than updates: the providers' rules, `replaceOnChanges`, `replacementTrigger`, or a replaced provider. */
function isReplacement(
    old: RecordedResource,
    resource: RecordedResource,
    paths: readonly string[],
    providers: ReadonlySet<string>,
): boolean {
    if (resource.provider !== null && providers.has(resource.provider)) {
        return true;
    }
    if (triggersReplace(old.options.replacementTrigger, resource.options.replacementTrigger)) {
        return true;
    }
    const forced = resource.options.replaceOnChanges;
    return (
        paths.some((path) => forced.some((key) => key === "*" || path === key || path.startsWith(`${key}.`))) ||
        replaces(asRegistration(old), asRegistration(resource))
    );
}

/** Every resource `up` would create, update, replace or delete going from `before` to `after` (unchanged ones left out). */
export function diffRecordings(before: readonly RecordedResource[], after: readonly RecordedResource[]): ResourceDiff[] {
    const previous = new Map(before.map((resource) => [resource.urn, resource]));
    const providers = replacedProviders(previous, after);
    const diffs: ResourceDiff[] = [];
    for (const resource of after) {
        const old = previous.get(resource.urn);
        if (!old) {
            diffs.push({ urn: resource.urn, type: resource.type, name: resource.name, action: "create", paths: [], after: resource });
            continue;
        }
        const paths = changedPaths(unwrapSecrets(old.inputs), unwrapSecrets(resource.inputs));
        const providerReplaced = resource.provider !== null && providers.has(resource.provider);
        const triggered = triggersReplace(old.options.replacementTrigger, resource.options.replacementTrigger);
        if (paths.length === 0 && !providerReplaced && !triggered && old.provider === resource.provider) {
            continue;
        }
        const action = isReplacement(old, resource, paths, providers) ? "replace" : "update";
        diffs.push({ urn: resource.urn, type: resource.type, name: resource.name, action, paths, before: old, after: resource });
    }
    const kept = new Set(after.map((resource) => resource.urn));
    before
        .filter((resource) => !kept.has(resource.urn))
        .forEach((resource) =>
            diffs.push({ urn: resource.urn, type: resource.type, name: resource.name, action: "delete", paths: [], before: resource }),
        );
    return diffs;
}

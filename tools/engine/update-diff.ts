// The update `--against` simulates, resource by resource: what `pulumi up` does (same/create/update/replace/delete) and why.
import { ResourceDiff, diffRecordings } from "./diff";
import { RecordedResource } from "./recorder";
import { triggersReplace } from "./replacement-trigger";
import { redactSecrets } from "./secret-values";

/** What the update does to one resource. */
export type DiffOp = "same" | "create" | "update" | "replace" | "delete";

/** One resource of diff.json. */
export interface DiffEntry {
    /** Resource URN. */
    readonly urn: string;
    /** Type token. */
    readonly type: string;
    /** What the update does to it. */
    readonly op: DiffOp;
    /** Dotted input paths that changed (secret ones by path only); empty unless update or replace. */
    readonly changed: readonly string[];
    /** Why, in a few words ("new resource", "replaceOnChanges: spec.x", "triggers changed", …). */
    readonly reason: string;
}

/** Resources per op. */
export type DiffSummary = Readonly<Record<DiffOp, number>>;

/** diff.json. */
export interface UpdateDiff {
    /** Every resource before or after, in registration order (deleted ones last). */
    readonly resources: readonly DiffEntry[];
    /** Counts of every op. */
    readonly summary: DiffSummary;
}

const PROVIDER = "pulumi:providers:kubernetes";
const touches = (path: string, key: string): boolean => key === "*" || path === key || path.startsWith(`${key}.`);

/** Why a replacement: the first rule of the engine's replace decision that holds. */
function replaceReason(diff: ResourceDiff, replacedProviders: ReadonlySet<string>): string {
    const [before, after] = [diff.before as RecordedResource, diff.after as RecordedResource];
    if (after.provider !== null && replacedProviders.has(after.provider)) {
        return `provider clusterIdentifier changed (${after.provider.split("::").pop() ?? after.provider} is a new cluster)`;
    }
    if (before.provider !== after.provider) {
        return "provider changed";
    }
    if (triggersReplace(before.options.replacementTrigger, after.options.replacementTrigger)) {
        return `replacementTrigger changed (${JSON.stringify(before.options.replacementTrigger)} → ${JSON.stringify(after.options.replacementTrigger)})`;
    }
    const forced = diff.paths.filter((path) => after.options.replaceOnChanges.some((key) => touches(path, key)));
    if (forced.length > 0) {
        return `replaceOnChanges: ${forced.join(", ")}`;
    }
    if (diff.type === PROVIDER) {
        return "clusterIdentifier changed";
    }
    if (/^(tls|random):/.test(diff.type)) {
        return `${diff.type.split(":")[0]} inputs are force-new: ${diff.paths.join(", ")}`;
    }
    if (diff.type.startsWith("command:")) {
        return "triggers changed";
    }
    if (diff.type.startsWith("kubernetes:")) {
        return "name or namespace changed";
    }
    return "replaced by the provider's rules";
}

function reasonOf(diff: ResourceDiff, replacedProviders: ReadonlySet<string>): string {
    switch (diff.action) {
        case "create":
            return "new resource";
        case "delete":
            return "removed from program";
        case "update":
            return "updated in place";
        case "replace": {
            const reason = replaceReason(diff, replacedProviders);
            return diff.after?.options.deleteBeforeReplace ? `${reason}; deleteBeforeReplace (deleted before it is created again)` : reason;
        }
    }
}

/** The diffs of resources that change, by URN. */
function changesByUrn(before: readonly RecordedResource[], after: readonly RecordedResource[]): Map<string, ResourceDiff> {
    return new Map(diffRecordings(before, after).map((diff) => [diff.urn, diff]));
}

/**
 * The update from `before` to `after` (both sealed the same way, so a secret compares by its sealed text): every
 * resource with its op, changed paths and reason, and the counts. The ops are the engine's (`diffRecordings`).
 */
export function updateDiff(
    before: readonly RecordedResource[],
    after: readonly RecordedResource[],
): { diff: UpdateDiff; changes: ResourceDiff[] } {
    const changes = changesByUrn(before, after);
    const replacedProviders = new Set(
        [...changes.values()].filter((diff) => diff.type === PROVIDER && diff.action === "replace").map((diff) => diff.urn),
    );
    const afterUrns = new Set(after.map((resource) => resource.urn));
    const order = [...after, ...before.filter((resource) => !afterUrns.has(resource.urn))];
    const resources = order.map((resource): DiffEntry => {
        const change = changes.get(resource.urn);
        return change
            ? {
                  urn: change.urn,
                  type: change.type,
                  op: change.action,
                  changed: [...change.paths],
                  reason: reasonOf(change, replacedProviders),
              }
            : { urn: resource.urn, type: resource.type, op: "same", changed: [], reason: "unchanged" };
    });
    const count = (op: DiffOp) => resources.filter((entry) => entry.op === op).length;
    const summary = {
        create: count("create"),
        update: count("update"),
        replace: count("replace"),
        delete: count("delete"),
        same: count("same"),
    };
    return { diff: { resources, summary }, changes: [...changes.values()] };
}

/** The changed paths of a change that are secret (or hold a secret): listed by path, their values never shown. */
export function secretChangedPaths(change: ResourceDiff): string[] {
    const secretPaths = [change.before, change.after].flatMap((resource) =>
        resource ? redactSecrets(resource.inputs, false).secretPaths : [],
    );
    return change.paths.filter((path) =>
        secretPaths.some(
            (secret) => secret === path || secret.startsWith(`${path}.`) || secret.startsWith(`${path}[`) || path.startsWith(`${secret}.`),
        ),
    );
}

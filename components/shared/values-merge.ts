// Helm values: the deep merge of the documented `values` escape hatch (merged last over the typed values), and the
// walks that check it: its leaves by their keys, keys a chart does not have, image values (owned keys: owned-values.ts).
import { ImagePart, imagePartProblem } from "./value-kinds";
import { ValidationIssue, issue, keyPath } from "./validation";

/** True for `{...}` literals (not arrays, not class instances such as Outputs, which stay leaves). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        return false;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
}

/**
 * Deep-merges `extra` over `base`: objects merge key by key, anything else (arrays, scalars, null)
 * replaces. The caller of the escape hatch owns the types of the keys it overrides.
 */
export function mergeValues<T extends object>(base: T, extra: Readonly<Record<string, unknown>>): T {
    const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [key, value] of Object.entries(extra)) {
        const current = merged[key];
        merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeValues(current, value) : value;
    }
    return merged as T;
}

/** One leaf of Helm values: the keys leading to it (`["gateway", "serviceAnnotations", "metallb.io/x"]`) and its value. */
export interface ValueLeaf {
    /** The keys from the top of the values to the leaf, each as written (a key may hold dots). */
    readonly keys: readonly string[];
    /** The leaf's value (a scalar, a list, null or an empty map). */
    readonly value: unknown;
}

/** Every leaf of Helm values (empty maps, lists, null and scalars are leaves), in the order written. */
export function valueLeaves(values: Readonly<Record<string, unknown>>, prefix: readonly string[] = []): ValueLeaf[] {
    return Object.entries(values).flatMap(([key, value]) => {
        const keys = [...prefix, key];
        return isPlainObject(value) && Object.keys(value).length > 0 ? valueLeaves(value, keys) : [{ keys, value }];
    });
}

/** The printed key path of `keys` under `at`, each key by {@link keyPath} (`cni.values["a.b"]`, `podAnnotations["linkerd.io/inject"]`). */
export function leafPath(at: string, keys: readonly string[]): string {
    return keys.reduce<string>(keyPath, at);
}

/**
 * The first key a chart does not have on each branch of `values`, with everything under it as its value (one per
 * unknown key, however many leaves it holds). `known` lists the chart's key paths, dotted; under a known path with
 * no known keys below it (a free-form map, a list, a scalar) anything goes. A key holding a dot is never a chart key.
 */
export function unknownKeys(
    values: Readonly<Record<string, unknown>>,
    known: ReadonlySet<string>,
    prefix: readonly string[] = [],
): ValueLeaf[] {
    return Object.entries(values).flatMap(([key, value]) => {
        const keys = [...prefix, key];
        const dotted = keys.join(".");
        if (key.includes(".") || !known.has(dotted)) {
            return [{ keys, value }];
        }
        const branch = [...known].some((entry) => entry.startsWith(`${dotted}.`));
        return branch && isPlainObject(value) ? unknownKeys(value, known, keys) : [];
    });
}

/** True when a printed key path is `parent` or lies under it (`parent.x`, `parent["a.b"]`, `parent[0]`). */
export function pathWithin(path: string, parent: string): boolean {
    return path === parent || path.startsWith(`${parent}.`) || path.startsWith(`${parent}[`);
}

/** The image part a leaf holds: a `registry`, `repository`, `tag` or `digest` key of an image map (`image`, `agentImage`), or an `image` key. */
function imagePartOf(keys: readonly string[]): ImagePart | undefined {
    const [parent, key] = [keys[keys.length - 2] ?? "", keys[keys.length - 1]];
    if (key === "image") {
        return "image";
    }
    const parts: readonly string[] = ["registry", "repository", "tag", "digest"];
    return parts.includes(key) && /image$/i.test(parent) ? (key as ImagePart) : undefined;
}

/**
 * Issues for the image values of a Helm escape hatch (at `at`, e.g. `ingress.values`): every leaf that is an image
 * part (see {@link imagePartProblem}) by its own grammar, so a value that would break the pull or a script is refused
 * before anything runs. Leaves at or under a path in `reported` (already refused for their key) are skipped; an empty
 * text or null (the chart's default) passes, and a number counts as text only for a tag.
 */
export function imageValueIssues(
    values: Readonly<Record<string, unknown>> | undefined,
    at: string,
    reported: readonly ValidationIssue[] = [],
): ValidationIssue[] {
    return valueLeaves(values ?? {}).flatMap(({ keys, value }) => {
        const part = imagePartOf(keys);
        const path = leafPath(at, keys);
        if (part === undefined || value === null || value === "" || reported.some((entry) => pathWithin(path, entry.path))) {
            return [];
        }
        if (typeof value === "string" || (typeof value === "number" && part === "tag")) {
            const problem = imagePartProblem(part, String(value));
            return problem ? [issue(path, value, problem.problem, problem.fix)] : [];
        }
        return typeof value === "object" ? [] : [issue(path, value, `is not an image ${part} (a text)`, "write it as a quoted string")];
    });
}

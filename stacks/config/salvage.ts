// Parsing that survives type errors: the strict issues for the user, plus the data that still parses, so every other rule runs.
import { z } from "zod";
import { ValidationIssue } from "../../components/shared/validation";
import { formatPath } from "./errors";
import { schemaAt, shapeOnly, standIn, unwrap, valueAt } from "./schema-walk";

export { shapeOnly } from "./schema-walk";

type PathKey = PropertyKey;

/** What a salvaged parse produced. */
export interface Salvaged<T> {
    /** Issues of the strict parse (and, for an entry whose discriminator is broken, of the fields all its forms share): what the user is told. */
    readonly issues: readonly z.core.$ZodIssue[];
    /** The data once every broken value was dropped or stood in for (defaults apply), value rules skipped; undefined when nothing parsed. */
    readonly data?: T;
    /** Paths whose values were rejected, dropped or stood in for: later rules must not report at, under, or about them. */
    readonly broken: readonly string[];
}

/** Replaces a list entry that is not even of its list's shape (a string where a cluster belongs); undefined to use the neutral stand-in. */
export type ElementFallback = (path: readonly PathKey[], original: unknown) => unknown | undefined;

/** Issue codes that mean "wrong type, unknown key or out of range": such values are dropped. Others (formats, refinements) keep the value. */
function dropsValue(entry: z.core.$ZodIssue): boolean {
    if (entry.code === "too_big" || entry.code === "too_small") {
        return entry.origin !== "string" && entry.origin !== "array";
    }
    return !["custom", "invalid_format"].includes(entry.code);
}

const isContainer = (node: unknown): node is Record<PropertyKey, unknown> => node !== null && typeof node === "object";

/** The mutable state of one salvage: the data being repaired, the original input, and the broken paths. */
interface Repair {
    readonly root: { value: unknown };
    readonly original: unknown;
    readonly schema: z.ZodType;
    readonly broken: Set<string>;
    readonly fallback?: ElementFallback;
}

/**
 * Sets the value at `path` (a list entry is replaced in place, so later indices stay the user's) and marks the path
 * broken unless told otherwise; true when something changed.
 */
function put(state: Repair, path: readonly PathKey[], value: unknown, mark = true): boolean {
    const parent = path.length === 0 ? state.root : valueAt(state.root.value, path.slice(0, -1));
    const key = path.length === 0 ? "value" : path[path.length - 1];
    if (!isContainer(parent) || (value === undefined && !(key in parent))) {
        return false;
    }
    if (value === undefined && !Array.isArray(parent)) {
        delete parent[key];
    } else {
        parent[key] = value;
    }
    if (mark) {
        state.broken.add(formatPath(path));
    }
    return true;
}

/**
 * Takes the broken value at `path` out: a list entry is replaced (by the fallback, else a neutral stand-in of its
 * shape), anything else is deleted (a required value gets its stand-in on the next round).
 */
function remove(state: Repair, path: readonly PathKey[]): boolean {
    const parent = valueAt(state.root.value, path.slice(0, -1));
    if (!Array.isArray(parent) || path.length === 0) {
        return put(state, path, undefined);
    }
    // The fallback keeps what parses of the entry, so what the user broke (already marked) is all that is broken.
    const kept = state.fallback?.(path, valueAt(state.original, path));
    if (kept !== undefined) {
        return put(state, path, kept, false);
    }
    const replacement = standIn(schemaAt(state.schema, state.root.value, path) ?? z.unknown());
    return replacement !== undefined && put(state, path, replacement);
}

/** Repairs what one issue of the lenient parse points at; true when something changed. */
function repair(state: Repair, entry: z.core.$ZodIssue): boolean {
    if (entry.code === "unrecognized_keys") {
        return entry.keys.map((key) => put(state, [...entry.path, key], undefined)).some(Boolean);
    }
    if (entry.code === "invalid_union" && "discriminator" in entry && entry.discriminator) {
        return remove(state, entry.path.slice(0, -1));
    }
    if (valueAt(state.root.value, entry.path) !== undefined) {
        return remove(state, entry.path);
    }
    const schema = schemaAt(state.schema, state.root.value, entry.path);
    const value = schema && standIn(schema);
    return value !== undefined ? put(state, entry.path, value) : entry.path.length > 0 && remove(state, entry.path.slice(0, -1));
}

/**
 * Parses `input` strictly; on failure, drops every value of the wrong type (and every unknown key), stands in for
 * required values (and list entries) that are broken, and parses again without value rules, until the rest
 * parses. The strict issues are what to report; `data` is what the other rules can run on.
 */
export function salvageParse<T>(schema: z.ZodType<T>, input: unknown, fallback?: ElementFallback): Salvaged<T> {
    const strict = schema.safeParse(input, { reportInput: true });
    if (strict.success) {
        return { issues: [], data: strict.data, broken: [] };
    }
    const issues = withSharedFieldIssues(schema, input, strict.error.issues);
    const broken = new Set(issues.flatMap((entry) => entry.code === "unrecognized_keys"
        ? entry.keys.map((key) => formatPath([...entry.path, key])) : [formatPath(entry.path)]));
    const lenient = shapeOnly(schema);
    const state: Repair = { root: { value: structuredClone(input) }, original: input, schema: lenient, broken, ...(fallback ? { fallback } : {}) };
    issues.filter(dropsValue).forEach((entry) => (entry.code === "unrecognized_keys" ? repair(state, entry)
        : valueAt(state.root.value, entry.path) !== undefined && remove(state, entry.path)));
    for (let round = 0; round < 64; round++) {
        const parsed = lenient.safeParse(state.root.value);
        if (parsed.success) {
            return { issues, data: parsed.data as T, broken: [...broken].filter(Boolean) };
        }
        if (!parsed.error.issues.map((entry) => repair(state, entry)).some(Boolean)) {
            break;
        }
    }
    return { issues, broken: [...broken].filter(Boolean) };
}

/** One issue per unknown key, so keys can be compared one by one. */
const perKey = (entry: z.core.$ZodIssue): z.core.$ZodIssue[] =>
    entry.code === "unrecognized_keys" ? entry.keys.map((key) => ({ ...entry, keys: [key] })) : [entry];

/**
 * The strict issues, each followed (for an entry whose discriminator is missing or unknown) by the issues its
 * fields have in every form it could take: `{ name: 5 }` without a provisioner also has a name of the wrong type.
 */
function withSharedFieldIssues(schema: z.ZodType, input: unknown, issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
    return issues.flatMap((entry) => {
        if (entry.code !== "invalid_union" || !("discriminator" in entry) || typeof entry.discriminator !== "string") {
            return [entry];
        }
        const at = entry.path.slice(0, -1);
        const union = schemaAt(schema, input, at);
        const value = valueAt(input, at);
        if (!(union instanceof z.ZodDiscriminatedUnion) || !isContainer(value) || Array.isArray(value)) {
            return [entry];
        }
        const discriminator = entry.discriminator;
        const perOption = union.options.map((option) => {
            const shape = (unwrap(option as z.ZodType) as z.ZodObject).shape;
            const tag = [...(shape[discriminator] as z.ZodLiteral).values][0];
            const parsed = (option as z.ZodType).safeParse({ ...value, [discriminator]: tag }, { reportInput: true });
            return (parsed.error?.issues ?? []).flatMap(perKey).filter((found) => found.path[0] !== discriminator)
                .map((found) => ({ ...found, path: [...at, ...found.path] }) as z.core.$ZodIssue);
        });
        const signature = (found: z.core.$ZodIssue) => JSON.stringify([found.path, found.code, found.message, found.code === "unrecognized_keys" ? found.keys : []]);
        const shared = perOption[0].filter((found) => perOption.every((others) => others.some((other) => signature(other) === signature(found))));
        return [entry, ...shared];
    });
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** True when an issue concerns a broken path: its own path is at or under it, or its problem (not its fix) names it. */
export function concernsBroken(entry: ValidationIssue, broken: readonly string[]): boolean {
    const problem = entry.parts?.problem ?? entry.message;
    return broken.some((path) => entry.path === path || entry.path.startsWith(`${path}.`) || entry.path.startsWith(`${path}[`)
        || new RegExp(`(^|[^A-Za-z0-9_.\\]\\[])${escapeRegex(path)}(?=$|[^A-Za-z0-9_])`).test(problem));
}

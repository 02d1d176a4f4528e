// Parsing that survives type errors: the strict issues for the user, plus the data that still parses, so every other rule runs.
import { z } from "zod";
import { ValidationIssue } from "../../components/shared/validation";
import { formatPath } from "./errors";

type PathKey = PropertyKey;

/** What a salvaged parse produced. */
export interface Salvaged<T> {
    /** Issues of the strict parse: what the user is told. */
    readonly issues: readonly z.core.$ZodIssue[];
    /** The data once every value of the wrong type was dropped (defaults apply), value rules skipped; undefined when nothing parsed. */
    readonly data?: T;
    /** Paths whose values were rejected or dropped: later rules must not report at, under, or about them. */
    readonly broken: readonly string[];
}

/** Replaces an array element that cannot be salvaged (else the whole array is dropped, which keeps indices honest). */
export type ElementFallback = (path: readonly PathKey[], original: unknown) => unknown | undefined;

/** Issue codes that mean "wrong type or unknown key": such values are dropped. Others (formats, refinements) keep the value. */
function dropsValue(entry: z.core.$ZodIssue): boolean {
    if (entry.code === "too_big" || entry.code === "too_small") {
        return entry.origin !== "string" && entry.origin !== "array";
    }
    return !["custom", "invalid_format"].includes(entry.code);
}

/** The schema with every value rule removed (strings, numbers and lists of any content), keeping shapes, literals and defaults. */
export function shapeOnly(schema: z.ZodType): z.ZodType {
    if (schema instanceof z.ZodDefault) {
        return shapeOnly(schema.def.innerType as z.ZodType).default(schema.def.defaultValue as never);
    }
    if (schema instanceof z.ZodOptional) {
        return shapeOnly(schema.def.innerType as z.ZodType).optional();
    }
    if (schema instanceof z.ZodDiscriminatedUnion) {
        const options = schema.options.map((option) => shapeOnly(option as z.ZodType)) as [z.ZodObject, ...z.ZodObject[]];
        return z.discriminatedUnion(schema.def.discriminator, options);
    }
    if (schema instanceof z.ZodObject) {
        const shape = Object.fromEntries(Object.entries(schema.shape).map(([key, value]) => [key, shapeOnly(value as z.ZodType)]));
        return schema.def.catchall instanceof z.ZodNever ? z.strictObject(shape) : z.object(shape);
    }
    if (schema instanceof z.ZodArray) {
        return z.array(shapeOnly(schema.element as z.ZodType));
    }
    if (schema instanceof z.ZodRecord) {
        return z.record(schema.def.keyType as z.ZodString, shapeOnly(schema.def.valueType as z.ZodType));
    }
    if (schema instanceof z.ZodString) {
        return z.string();
    }
    if (schema instanceof z.ZodNumber) {
        return z.number();
    }
    return schema;
}

const isContainer = (node: unknown): node is Record<PropertyKey, unknown> => node !== null && typeof node === "object";

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
    return path.reduce<unknown>((node, key) => (isContainer(node) ? node[key] : undefined), root);
}

/**
 * Drops (or, for an array element with a fallback, replaces) the value at `path` (under `root`); returns the path
 * actually dropped (empty for a replacement), or undefined when nothing changed.
 */
function drop(root: Record<PropertyKey, unknown>, path: readonly PathKey[], original: unknown, fallback?: ElementFallback): readonly PathKey[] | undefined {
    if (path.length === 0) {
        return undefined;
    }
    const parent = valueAt(root, path.slice(0, -1));
    const key = path[path.length - 1];
    if (!isContainer(parent) || !(key in parent)) {
        return undefined;
    }
    if (Array.isArray(parent)) {
        const replacement = fallback?.(path.slice(1), valueAt(original, path));
        if (replacement !== undefined) {
            parent[key as number] = replacement;
            return [];
        }
        return drop(root, path.slice(0, -1), original, fallback);
    }
    delete parent[key];
    return path;
}

/** Where a lenient-parse issue points: an unknown key, the value itself, or (for a missing required value) its parent. */
function targetsOf(entry: z.core.$ZodIssue, data: unknown): (readonly PathKey[])[] {
    if (entry.code === "unrecognized_keys") {
        return entry.keys.map((key) => [...entry.path, key]);
    }
    return [valueAt(data, entry.path) === undefined ? entry.path.slice(0, -1) : entry.path];
}

/**
 * Parses `input` strictly; on failure, drops every value of the wrong type (and every unknown key), parses again
 * without value rules, and repeats (a dropped required value drops its parent) until the rest parses. The
 * strict issues are what to report; `data` is what the other rules can run on.
 */
export function salvageParse<T>(schema: z.ZodType<T>, input: unknown, fallback?: ElementFallback): Salvaged<T> {
    const strict = schema.safeParse(input, { reportInput: true });
    if (strict.success) {
        return { issues: [], data: strict.data, broken: [] };
    }
    const issues = strict.error.issues;
    const broken = new Set(issues.flatMap((entry) => entry.code === "unrecognized_keys"
        ? entry.keys.map((key) => formatPath([...entry.path, key])) : [formatPath(entry.path)]));
    const current = { root: structuredClone(input) } as Record<PropertyKey, unknown>;
    const original = { root: input };
    const pending = issues.filter(dropsValue).flatMap((entry) => targetsOf(entry, input));
    const lenient = shapeOnly(schema);
    for (let round = 0; round < 16; round++) {
        const dropped = pending.splice(0).map((path) => drop(current, ["root", ...path], original, fallback))
            .filter((path): path is readonly PathKey[] => path !== undefined);
        dropped.filter((path) => path.length > 0).forEach((path) => broken.add(formatPath(path.slice(1))));
        const parsed = lenient.safeParse(current.root);
        if (parsed.success) {
            return { issues, data: parsed.data as T, broken: [...broken].filter(Boolean) };
        }
        pending.push(...parsed.error.issues.flatMap((entry) => targetsOf(entry, current.root)));
        if (round > 0 && dropped.length === 0) {
            break;
        }
    }
    return { issues, broken: [...broken].filter(Boolean) };
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** True when an issue concerns a broken path: its own path is at or under it, or its problem (not its fix) names it. */
export function concernsBroken(entry: ValidationIssue, broken: readonly string[]): boolean {
    const problem = entry.parts?.problem ?? entry.message;
    return broken.some((path) => entry.path === path || entry.path.startsWith(`${path}.`) || entry.path.startsWith(`${path}[`)
        || new RegExp(`(^|[^A-Za-z0-9_.\\]\\[])${escapeRegex(path)}(?=$|[^A-Za-z0-9_])`).test(problem));
}

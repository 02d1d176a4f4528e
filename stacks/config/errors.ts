// Turns schema (zod) issues into our one-sentence validation issues naming key, value and fix.
import { z } from "zod";
import { NOT_SHOWN, ValidationIssue, issue } from "../../components/shared/validation";
import { FIX_SEPARATOR, secretConfigKeys } from "./schema";

type PathKey = PropertyKey;

/** Formats a zod path as a config key path: `clusters[1].podCidr`. */
export function formatPath(path: readonly PathKey[]): string {
    return path.reduce<string>((acc, key) => {
        if (typeof key === "number") {
            return `${acc}[${key}]`;
        }
        return acc ? `${acc}.${String(key)}` : String(key);
    }, "");
}

/** Reads the raw value at a path (undefined when absent). */
export function valueAt(raw: unknown, path: readonly PathKey[]): unknown {
    return path.reduce<unknown>((node, key) => {
        if (node !== null && typeof node === "object") {
            return (node as Record<PropertyKey, unknown>)[key];
        }
        return undefined;
    }, raw);
}

/** Walks wrappers (optional, default) down to the schema that holds the shape. */
function unwrap(schema: z.ZodType): z.ZodType {
    let current: z.ZodType = schema;
    for (let i = 0; i < 10; i++) {
        const def = current.def as { type: string; innerType?: z.ZodType };
        if (!def.innerType) {
            break;
        }
        current = def.innerType;
    }
    return current;
}

/** The object schema found at `path` in `root`, following arrays and discriminated unions by the raw value. */
function objectShapeAt(root: z.ZodType, raw: unknown, path: readonly PathKey[]): string[] | undefined {
    let schema = unwrap(root);
    for (let i = 0; i <= path.length; i++) {
        if (schema instanceof z.ZodDiscriminatedUnion) {
            const discriminator = schema.def.discriminator;
            const tag = (valueAt(raw, path.slice(0, i)) as Record<string, unknown> | undefined)?.[discriminator];
            const match = schema.options.find((option) => {
                const shape = (unwrap(option as z.ZodType) as z.ZodObject).shape;
                return (shape[discriminator] as z.ZodLiteral).values.has(tag as never);
            });
            if (!match) {
                return undefined;
            }
            schema = unwrap(match as z.ZodType);
        }
        if (i === path.length) {
            break;
        }
        const key = path[i];
        if (schema instanceof z.ZodArray && typeof key === "number") {
            schema = unwrap(schema.element as z.ZodType);
        } else if (schema instanceof z.ZodObject && typeof key === "string") {
            schema = unwrap(schema.shape[key] as z.ZodType);
        } else {
            return undefined;
        }
    }
    return schema instanceof z.ZodObject ? Object.keys(schema.shape) : undefined;
}

/** Key names that announce a secret: their values belong in secret config keys, never in plain settings. */
const SECRET_LOOKING_KEY = /(private|secret|passw|token|credential|apikey)/i;

const quoteList = (values: readonly unknown[]): string => values.map((value) => JSON.stringify(value)).join(", ");

/** How a zod type name reads in a sentence. */
const TYPE_NOUNS: Readonly<Record<string, string>> = {
    array: "a list", object: "a map of settings", record: "a map", string: "a string", number: "a number", int: "a whole number",
    boolean: "true or false", bigint: "a whole number", null: "null", nan: "a number",
};

/** The noun phrase for a zod type name, with its article. */
export function typeNoun(expected: string): string {
    return TYPE_NOUNS[expected] ?? `${/^[aeiou]/.test(expected) ? "an" : "a"} ${expected}`;
}

/** Edit distance of two short words (for "did you mean"). */
function distance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
            diagonal = above;
        }
    }
    return row[b.length];
}

/** The known key closest to a misspelled one (case-insensitive, at most a third of its letters off), if any. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
    const scored = known.map((candidate) => ({ candidate, score: distance(key.toLowerCase(), candidate.toLowerCase()) }))
        .sort((a, b) => a.score - b.score);
    const best = scored[0];
    return best && best.score <= Math.max(1, Math.floor(key.length / 3)) ? best.candidate : undefined;
}

/** The fix for an unknown key: the likely meant key first, then the known ones. */
export function unknownKeyFix(key: string, known: readonly string[]): string {
    const meant = closestKey(key, known);
    return meant ? `write ${JSON.stringify(meant)} (keys are case-sensitive), or remove it` : `remove it or use one of ${quoteList(known)}`;
}

/** Converts one zod issue into one or more of our issues (unknown keys yield one per key; their values are never shown). */
export function fromZodIssue(zodIssue: z.core.$ZodIssue, raw: unknown, root: z.ZodType): ValidationIssue[] {
    const path = zodIssue.path;
    const at = formatPath(path);
    const value = valueAt(raw, path);
    switch (zodIssue.code) {
        case "unrecognized_keys": {
            const allowed = objectShapeAt(root, raw, path) ?? [];
            return zodIssue.keys.map((key) => issue(formatPath([...path, key]), NOT_SHOWN, "is not a known setting",
                SECRET_LOOKING_KEY.test(key) ? `remove it: secrets go only in the secret config keys ${secretConfigKeys.join(", ")} (pulumi config set --secret <key> < file)`
                    : unknownKeyFix(key, allowed)));
        }
        case "invalid_type":
            if (value === undefined) {
                return [issue(at, undefined, "", `set ${at} (${typeNoun(zodIssue.expected)})`)];
            }
            return [issue(at, value, `is not ${typeNoun(zodIssue.expected)}`, `write it as ${typeNoun(zodIssue.expected)}`)];
        case "invalid_value":
            return [issue(at, value, `is not one of ${quoteList(zodIssue.values)}`, "use one of those values")];
        case "invalid_union":
            if ("discriminator" in zodIssue && zodIssue.discriminator) {
                const options = (zodIssue as { options?: unknown[] }).options ?? [];
                return [issue(at, value, `is not one of ${quoteList(options)}`, "use one of those values")];
            }
            return [issue(at, value, "matches none of the accepted forms", "check the README's config reference")];
        case "too_small":
            return [tooSmall(at, value, zodIssue)];
        case "too_big":
            return [tooBig(at, value, zodIssue)];
        case "custom":
        case "invalid_format": {
            const [problem, fix] = zodIssue.message.split(FIX_SEPARATOR);
            return [issue(at, value, problem, fix ?? "correct the value")];
        }
        default:
            return [issue(at, value, zodIssue.message, "correct the value")];
    }
}

/** Message for a value above its maximum; the safe-integer bound of `.int()` is never quoted. */
function tooBig(at: string, value: unknown, zodIssue: z.core.$ZodIssueTooBig): ValidationIssue {
    const maximum = Number(zodIssue.maximum);
    if (maximum >= Number.MAX_SAFE_INTEGER) {
        return issue(at, value, "is too large for a whole number here", "use a small whole number");
    }
    if (zodIssue.origin === "array") {
        return issue(at, value, `has more than ${maximum} entries`, `list at most ${maximum}`);
    }
    if (zodIssue.origin === "string") {
        return issue(at, value, `is longer than ${maximum} characters`, `shorten it to at most ${maximum}`);
    }
    return issue(at, value, `is above the maximum ${maximum}`, `use at most ${maximum}`);
}

/** Message for a value below its minimum (numbers, strings, arrays). */
function tooSmall(at: string, value: unknown, zodIssue: z.core.$ZodIssueTooSmall): ValidationIssue {
    const minimum = String(zodIssue.minimum);
    if (zodIssue.origin === "array") {
        return issue(at, value, `needs at least ${minimum} entr${minimum === "1" ? "y" : "ies"}`, `add entries to ${at}`);
    }
    if (zodIssue.origin === "string") {
        return issue(at, value, "is empty", `set ${at} to a non-empty value`);
    }
    if (Number(zodIssue.minimum) <= Number.MIN_SAFE_INTEGER) {
        return issue(at, value, "is too small for a whole number here", "use a small whole number");
    }
    return issue(at, value, `is below the minimum ${minimum}`, `use ${minimum} or more`);
}

// Turns schema (zod) issues into our one-sentence validation issues naming key, value and fix.
import { z } from "zod";
import { ValidationIssue, issue } from "../../components/shared/validation";
import { FIX_SEPARATOR } from "./schema";

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

const quoteList = (values: readonly unknown[]): string => values.map((value) => JSON.stringify(value)).join(", ");

/** Converts one zod issue into one or more of our issues (unknown keys yield one per key). */
export function fromZodIssue(zodIssue: z.core.$ZodIssue, raw: unknown, root: z.ZodType): ValidationIssue[] {
    const path = zodIssue.path;
    const at = formatPath(path);
    const value = valueAt(raw, path);
    switch (zodIssue.code) {
        case "unrecognized_keys": {
            const allowed = objectShapeAt(root, raw, path) ?? [];
            return zodIssue.keys.map((key) =>
                issue(formatPath([...path, key]), valueAt(raw, [...path, key]), "is not a known setting",
                    `remove it or use one of ${quoteList(allowed)}`),
            );
        }
        case "invalid_type":
            if (value === undefined) {
                const article = /^[aeiou]/.test(zodIssue.expected) ? "an" : "a";
                return [issue(at, undefined, "", `set ${at} (${article} ${zodIssue.expected})`)];
            }
            return [issue(at, value, `is not a ${zodIssue.expected}`, `write it as a ${zodIssue.expected}`)];
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
            return [issue(at, value, `is above the maximum ${String(zodIssue.maximum)}`,
                `use at most ${String(zodIssue.maximum)}`)];
        case "custom":
        case "invalid_format": {
            const [problem, fix] = zodIssue.message.split(FIX_SEPARATOR);
            return [issue(at, value, problem, fix ?? "correct the value")];
        }
        default:
            return [issue(at, value, zodIssue.message, "correct the value")];
    }
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
    return issue(at, value, `is below the minimum ${minimum}`, `use ${minimum} or more`);
}

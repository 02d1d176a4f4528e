// Reads the config schema along a key path (lists, maps, objects, discriminated unions by the value), for the wording
// of messages: which keys an object takes, whether a number must be whole. Public zod API only; nothing is rebuilt.
import { z } from "zod";

type PathKey = PropertyKey;

const isContainer = (node: unknown): node is Record<PropertyKey, unknown> => node !== null && typeof node === "object";

/** Reads the value at a path (undefined when absent). */
export function valueAt(root: unknown, path: readonly PathKey[]): unknown {
    return path.reduce<unknown>(
        (node, key) => (isContainer(node) && Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined),
        root,
    );
}

/** The schema inside `optional`, `default` and `nullable` wrappers: the one that holds the shape. */
export function unwrap(schema: z.ZodType): z.ZodType {
    let current: z.ZodType = schema;
    while (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodNullable) {
        current = current.unwrap() as z.ZodType;
    }
    return current;
}

/** The tag an option of a discriminated union stands for (its literal discriminator value). */
export function optionTag(option: z.ZodType, discriminator: string): unknown {
    const literal = (unwrap(option) as z.ZodObject).shape[discriminator] as z.ZodLiteral;
    return [...literal.values][0];
}

/** The option of a discriminated union that the value's discriminator selects (undefined when none does). */
function optionFor(schema: z.ZodDiscriminatedUnion, value: unknown): z.ZodType | undefined {
    const discriminator = schema.def.discriminator;
    const tag = isContainer(value) ? value[discriminator] : undefined;
    const match = schema.options.find((option) => optionTag(option as z.ZodType, discriminator) === tag);
    return match && unwrap(match as z.ZodType);
}

/**
 * The schema at `path` under `root`, unwrapped, following lists, maps, objects and discriminated unions (by the
 * value in `data`). A union whose discriminator matches no option is returned as the union itself at the end of
 * the path, and ends the walk (undefined) before it.
 */
export function schemaAt(root: z.ZodType, data: unknown, path: readonly PathKey[]): z.ZodType | undefined {
    let schema: z.ZodType = unwrap(root);
    for (let i = 0; i <= path.length; i++) {
        if (schema instanceof z.ZodDiscriminatedUnion) {
            const option = optionFor(schema, valueAt(data, path.slice(0, i)));
            if (!option) {
                return i === path.length ? schema : undefined;
            }
            schema = option;
        }
        if (i === path.length) {
            break;
        }
        const key = path[i];
        const next =
            schema instanceof z.ZodArray && typeof key === "number"
                ? schema.element
                : schema instanceof z.ZodObject && typeof key === "string"
                  ? schema.shape[key]
                  : schema instanceof z.ZodRecord && typeof key === "string"
                    ? schema.valueType
                    : undefined;
        if (!next) {
            return undefined;
        }
        schema = unwrap(next as z.ZodType);
    }
    return schema;
}

/** Keys an object at `path` may have; for a union whose discriminator matches no option, the keys of every option. */
export function knownKeysAt(root: z.ZodType, data: unknown, path: readonly PathKey[]): string[] {
    const schema = schemaAt(root, data, path);
    const options = schema instanceof z.ZodDiscriminatedUnion ? schema.options.map((option) => unwrap(option as z.ZodType)) : [schema];
    return [...new Set(options.flatMap((option) => (option instanceof z.ZodObject ? Object.keys(option.shape) : [])))];
}

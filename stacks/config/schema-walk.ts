// Walks the config schema along a key path (following lists, maps and discriminated unions by the value), and derives
// from it what salvaging needs: the shapes without value rules, and a stand-in for a required value that is broken.
import { z } from "zod";

type PathKey = PropertyKey;

const isContainer = (node: unknown): node is Record<PropertyKey, unknown> => node !== null && typeof node === "object";

/** Reads the value at a path (undefined when absent). */
export function valueAt(root: unknown, path: readonly PathKey[]): unknown {
    return path.reduce<unknown>((node, key) => (isContainer(node) && Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined), root);
}

/** Walks wrappers (optional, default, nullable, ...) down to the schema that holds the shape. */
export function unwrap(schema: z.ZodType): z.ZodType {
    let current: z.ZodType = schema;
    for (let i = 0; i < 10; i++) {
        const inner = (current.def as { innerType?: z.ZodType }).innerType;
        if (!inner) {
            break;
        }
        current = inner;
    }
    return current;
}

/** The option of a discriminated union that the value's discriminator selects (undefined when none does). */
function optionFor(schema: z.ZodDiscriminatedUnion, value: unknown): z.ZodType | undefined {
    const tag = isContainer(value) ? value[schema.def.discriminator] : undefined;
    const match = schema.options.find((option) => {
        const shape = (unwrap(option as z.ZodType) as z.ZodObject).shape;
        return (shape[schema.def.discriminator] as z.ZodLiteral).values.has(tag as never);
    });
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
        const next = schema instanceof z.ZodArray && typeof key === "number" ? schema.element
            : schema instanceof z.ZodObject && typeof key === "string" ? schema.shape[key]
                : schema instanceof z.ZodRecord && typeof key === "string" ? schema.def.valueType : undefined;
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

/**
 * A neutral value of the schema's shape, standing in for a required value that is broken (so its siblings and the
 * rest of the list still get checked): the first allowed literal, an empty string, list or map, zero, false. An
 * object gets its own required values on the next salvage round. Undefined when there is no such value.
 */
export function standIn(schema: z.ZodType): unknown {
    const target = unwrap(schema);
    if (target instanceof z.ZodLiteral) {
        return [...target.values][0];
    }
    if (target instanceof z.ZodEnum) {
        return target.options[0];
    }
    if (target instanceof z.ZodDiscriminatedUnion) {
        const first = unwrap(target.options[0] as z.ZodType) as z.ZodObject;
        return { [target.def.discriminator]: standIn(first.shape[target.def.discriminator] as z.ZodType) };
    }
    if (target instanceof z.ZodUnion) {
        return standIn(target.options[0] as z.ZodType);
    }
    const neutral: [new (...args: never[]) => z.ZodType, unknown][] = [
        [z.ZodString, ""], [z.ZodNumber, 0], [z.ZodBoolean, false], [z.ZodArray, []], [z.ZodObject, {}], [z.ZodRecord, {}],
    ];
    const found = neutral.find(([type]) => target instanceof type);
    return found ? structuredClone(found[1]) : undefined;
}

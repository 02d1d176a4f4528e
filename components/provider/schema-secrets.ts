// Marks the credentials in a component schema `secret: true` (pure: a copy of the schema in, a marked copy out).
import { HostedComponent, componentToken } from "./components";

/** A schema property (the fields read here; the rest is carried as it is). */
export interface PropertySpec {
    /** Reference to a type (`#/types/<token>`) or to another package's resource. */
    $ref?: string;
    /** Element type of an array. */
    items?: PropertySpec;
    /** Value type of a map. */
    additionalProperties?: PropertySpec;
    /** True when the engine and the SDKs must treat the value as a secret. */
    secret?: boolean;
    /** Everything else the analyzer wrote (type, plain, optional, description). */
    [field: string]: unknown;
}

/** An object type or a component resource of the schema. */
export interface ObjectSpec {
    /** Properties (a resource's outputs). */
    properties?: Record<string, PropertySpec>;
    /** A resource's inputs. */
    inputProperties?: Record<string, PropertySpec>;
    /** Everything else (required lists, description, isComponent). */
    [field: string]: unknown;
}

/** A Pulumi package schema, as `ComponentProvider.getSchema()` returns it (parsed). */
export interface PackageSchema {
    /** Package name. */
    name: string;
    /** Component resources by token. */
    resources: Record<string, ObjectSpec>;
    /** Object types by token. */
    types: Record<string, ObjectSpec>;
    /** Everything else (version, language, dependencies). */
    [field: string]: unknown;
}

/** The property maps of an object: its properties and, for a resource, its inputs. */
function propertyMaps(spec: ObjectSpec): Record<string, PropertySpec>[] {
    return [spec.properties, spec.inputProperties].filter((map): map is Record<string, PropertySpec> => map !== undefined);
}

/** The local type tokens a property refers to, through arrays and maps. */
function referencedTypes(property: PropertySpec): string[] {
    const own = property.$ref?.startsWith("#/types/") ? [property.$ref.slice("#/types/".length)] : [];
    const nested = [property.items, property.additionalProperties].filter((inner): inner is PropertySpec => inner !== undefined);
    return [...own, ...nested.flatMap(referencedTypes)];
}

/** The objects a component's schema covers: its resource, then every type its properties reach, at any depth. */
export function reachableObjects(schema: PackageSchema, component: string): ObjectSpec[] {
    const resource = schema.resources[componentToken(component)];
    if (resource === undefined) return [];
    const seen = new Set<string>();
    const objects: ObjectSpec[] = [resource];
    for (let i = 0; i < objects.length; i++) {
        const tokens = propertyMaps(objects[i]).flatMap((map) => Object.values(map).flatMap(referencedTypes));
        for (const token of tokens.filter((found) => !seen.has(found) && schema.types[found] !== undefined)) {
            seen.add(token);
            objects.push(schema.types[token]);
        }
    }
    return objects;
}

/** A copy of `schema` with every listed secret property marked `secret: true` in the objects its component reaches. */
export function markSecrets(schema: PackageSchema, hosted: Readonly<Record<string, HostedComponent>>): PackageSchema {
    const marked = structuredClone(schema);
    for (const [name, { secrets }] of Object.entries(hosted)) {
        for (const map of reachableObjects(marked, name).flatMap(propertyMaps)) {
            for (const key of secrets.filter((secret) => map[secret] !== undefined)) {
                map[key] = { ...map[key], secret: true };
            }
        }
    }
    return marked;
}

/** `<Component>.<property>` for each listed secret its component's schema never mentions (a stale table entry). */
export function unmatchedSecrets(schema: PackageSchema, hosted: Readonly<Record<string, HostedComponent>>): string[] {
    return Object.entries(hosted).flatMap(([name, { secrets }]) => {
        const maps = reachableObjects(schema, name).flatMap(propertyMaps);
        return secrets.filter((secret) => !maps.some((map) => map[secret] !== undefined)).map((secret) => `${name}.${secret}`);
    });
}

// Deep merge of Helm values: the documented `values` escape hatch is merged last over the typed values.

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

/** Dotted paths of every leaf in `values` (`a.b.c`), for checks against keys the project owns. */
export function valuePaths(values: Readonly<Record<string, unknown>>, prefix = ""): string[] {
    return Object.entries(values).flatMap(([key, value]) => {
        const path = prefix ? `${prefix}.${key}` : key;
        return isPlainObject(value) && Object.keys(value).length > 0 ? valuePaths(value, path) : [path];
    });
}

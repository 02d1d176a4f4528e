// Pulumi's wire encoding of secret values: recognising, wrapping and unwrapping them.

/** The signature key and value Pulumi uses to mark a secret on the wire. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** Marks a secret value. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** Marks a resource reference. */
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
/** Marks an asset. */
export const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
/** The placeholder for a value not known yet. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True for a wire-encoded secret. */
export function isSecretValue(value: unknown): value is { value: unknown } {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** Wraps a value as a secret for the runtime. */
export function secretValue(value: unknown): Record<string, unknown> {
    return { [SIG_KEY]: SECRET_SIG, value };
}

/** Removes every secret wrapper, deeply, so simulators can compute on plain values. */
export function unwrapSecrets(value: unknown): unknown {
    if (isSecretValue(value)) {
        return unwrapSecrets(value.value);
    }
    if (Array.isArray(value)) {
        return value.map(unwrapSecrets);
    }
    if (typeof value === "object" && value !== null && !(SIG_KEY in value)) {
        return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, unwrapSecrets(inner)]));
    }
    return value;
}

/** Result of {@link redactSecrets}. */
export interface Redacted {
    /** The value with secrets replaced (or unwrapped when shown). */
    readonly value: unknown;
    /** Dotted paths of the values that were secret. */
    readonly secretPaths: string[];
}

/**
 * Walks a wire-encoded value: secrets become "[secret]" (or their value when `show`), resource
 * references become their URN, unknowns "[unknown]"; returns the dotted paths of every secret.
 */
export function redactSecrets(value: unknown, show: boolean, path = ""): Redacted {
    if (isSecretValue(value)) {
        const inner = redactSecrets(value.value, show, path);
        return { value: show ? inner.value : "[secret]", secretPaths: [path || "(root)"] };
    }
    if (value === UNKNOWN) {
        return { value: "[unknown]", secretPaths: [] };
    }
    if (Array.isArray(value)) {
        const items = value.map((item, i) => redactSecrets(item, show, `${path}[${i}]`));
        return { value: items.map((item) => item.value), secretPaths: items.flatMap((item) => item.secretPaths) };
    }
    if (typeof value === "object" && value !== null) {
        const record = value as Record<string, unknown>;
        if (record[SIG_KEY] === RESOURCE_SIG) {
            return { value: record.urn, secretPaths: [] };
        }
        if (record[SIG_KEY] === ASSET_SIG) {
            return { value: { asset: record.path ?? record.uri ?? "[inline text]" }, secretPaths: [] };
        }
        const entries = Object.entries(record).map(
            ([key, inner]) => [key, redactSecrets(inner, show, path ? `${path}.${key}` : key)] as const,
        );
        return {
            value: Object.fromEntries(entries.map(([key, inner]) => [key, inner.value])),
            secretPaths: entries.flatMap(([, inner]) => inner.secretPaths),
        };
    }
    return { value, secretPaths: [] };
}

// The stack config as Pulumi hands it to the program: text per key, JSON for lists and maps, decoded here the same way
// under `pulumi up` and under the offline render, then screened for values no rule can read as written.
import * as pulumi from "@pulumi/pulumi";
import { NOT_SHOWN, ValidationIssue, issue, keyMaterialKind } from "../../components/shared/validation";
import { CONFIG_NAMESPACE } from "./crossrefs";
import { formatPath } from "./errors";
import { secretConfigKeys } from "./schema";

/** Raw stack config as Pulumi hands it over: every key of the namespace, decoded, secrets left out. */
export interface RawStackConfig {
    /** Pulumi project name. */
    readonly project: string;
    /** Pulumi stack name. */
    readonly stack: string;
    /** Values by short key (`clusters`, `mesh`, ...), JSON-decoded; secret keys are absent. */
    readonly values: Readonly<Record<string, unknown>>;
    /** Short keys that are present but secret. */
    readonly secretKeys: readonly string[];
    /** Full keys of other namespaces (`multicluser:mesh` is flagged as a typo of this project's namespace). */
    readonly foreignKeys?: readonly string[];
    /**
     * Paths of `secure:` values nested inside a key (`ssh.password`), when the reader sees them: the offline render
     * passes them on undecrypted; Pulumi decrypts them and only says which whole key is secret.
     */
    readonly securePaths?: readonly string[];
}

/** Decodes one config value as Pulumi passes it: lists, maps, numbers, booleans and null arrive as JSON text, plain strings stay strings. */
export function decodeConfigValue(text: string): unknown {
    if (!/^\s*[[{]/.test(text) && !/^\s*(true|false|null|-?\d+(\.\d+)?([eE][+-]?\d+)?)\s*$/.test(text)) {
        return text;
    }
    try {
        return JSON.parse(text) as unknown;
    } catch {
        return text;
    }
}

/** Reads the current Pulumi stack's config from the runtime (works under `pulumi up` and the render engine). */
export function readRawStackConfig(): RawStackConfig {
    const prefix = `${CONFIG_NAMESPACE}:`;
    const values: Record<string, unknown> = {};
    const secretKeys: string[] = [];
    const foreignKeys: string[] = [];
    const securePaths: string[] = [];
    for (const [fullKey, text] of Object.entries(pulumi.runtime.allConfig())) {
        if (!fullKey.startsWith(prefix)) {
            foreignKeys.push(fullKey);
            continue;
        }
        const key = fullKey.slice(prefix.length);
        if (isSecretConfigKey(fullKey)) {
            secretKeys.push(key);
            securePaths.push(...nestedSecurePaths(key, decodeConfigValue(text)));
        } else {
            // Defined, not assigned: a key named `__proto__` stays a key (and is refused as unknown), never the prototype.
            Object.defineProperty(values, key, { value: decodeConfigValue(text), enumerable: true, writable: true, configurable: true });
        }
    }
    return { project: pulumi.getProject(), stack: pulumi.getStack(), values, secretKeys, foreignKeys, securePaths };
}

/** Paths of the `{ secure: <ciphertext> }` values nested inside a key's value (its own value aside). */
export function nestedSecurePaths(key: string, value: unknown): string[] {
    const found: string[] = [];
    const visit = (node: unknown, path: readonly PropertyKey[]): void => {
        if (node === null || typeof node !== "object" || path.length > MAX_DEPTH) {
            return;
        }
        const entries = Object.entries(node);
        if (path.length > 1 && entries.length === 1 && entries[0][0] === "secure" && typeof entries[0][1] === "string") {
            found.push(formatPath(path));
            return;
        }
        entries.forEach(([inner, item]) => visit(item, [...path, Array.isArray(node) ? Number(inner) : inner]));
    };
    visit(value, [key]);
    return found;
}

/**
 * Whether a config key holds a secret. The SDK's `isConfigSecret` is marked internal, so it is looked up
 * defensively, with the documented environment variable the language host sets as the fallback.
 */
function isSecretConfigKey(fullKey: string): boolean {
    const runtime = pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean };
    if (typeof runtime.isConfigSecret === "function") {
        return runtime.isConfigSecret(fullKey);
    }
    const listed: unknown = JSON.parse(process.env["PULUMI_CONFIG_SECRET_KEYS"] ?? "[]");
    return Array.isArray(listed) && listed.includes(fullKey);
}

/** Deepest nesting of lists and maps a config value may have (no setting needs more than a few levels). */
export const MAX_DEPTH = 64;

/** What screening the decoded values left: the values for the schema, and the values refused outright. */
export interface ScreenedValues {
    /** The values, each refused one replaced by null (its path counts as broken, so no later rule reports on it). */
    readonly values: Record<string, unknown>;
    /** Values nested too deep to read (one issue per config key); whole numbers too large to hold exactly and key material (one per value). */
    readonly issues: readonly ValidationIssue[];
}

/** The value cut below `levels` levels (deeper lists and maps shown as "..."), for a message about a too-deep value. */
function shallow(value: unknown, levels: number): unknown {
    if (value === null || typeof value !== "object") {
        return value;
    }
    if (levels === 0) {
        return "...";
    }
    const entries = Object.entries(value)
        .slice(0, 4)
        .map(([key, item]) => [key, shallow(item, levels - 1)] as const);
    return Array.isArray(value) ? entries.map(([, item]) => item) : Object.fromEntries(entries);
}

/** A whole number beyond the exact range of a number (2^53): decoding already rounded it, so only its magnitude is shown. */
function inexactInteger(path: string, value: number): ValidationIssue {
    return {
        path,
        message:
            `${path} = about ${value.toPrecision(4)} is a whole number too large to be held exactly (beyond 2^53), so it cannot be passed on as written; ` +
            "fix: use a smaller number, or quote it if it is text.",
    };
}

/**
 * A plain value holding private key material or a token (anywhere: a host key, a CA field, a Helm `values` escape
 * hatch): named by its path alone, never shown, since it would be written in clear into the plan and the rendered files.
 */
function keyMaterialIssue(path: string, kind: string, holds = "holds"): ValidationIssue {
    return issue(
        path,
        NOT_SHOWN,
        `${holds} ${kind}, which must never be in a plain setting (it would be written in clear into the plan and the rendered files)`,
        "remove it and give only what this setting takes (a certificate or a public key, never a private one; a URL without user:password@); " +
            `secrets go only in the secret config keys ${secretConfigKeys.join(", ")} (pulumi config set --secret <key> < file)`,
    );
}

/** Key names that say their value is a secret (`password`, `dbPassword`, `secretKey`, `apiKey`, `token`), by their end. */
const SECRET_NAMED = /(password|passwd|secret[_-]?key|private[_-]?key|api[_-]?key|token)$/i;

/** A non-empty text under a key named like a secret (a Helm value `memberlist.secretKey`, a label `db-password`). */
function secretNamed(path: readonly PropertyKey[], value: string): string | undefined {
    const key = path[path.length - 1];
    return value !== "" && path.length > 1 && typeof key === "string" && SECRET_NAMED.test(key)
        ? "a secret (its key is named like one)"
        : undefined;
}

/**
 * Refuses values nested deeper than {@link MAX_DEPTH}, whole numbers too large to hold exactly, and key material,
 * tokens or text under a key named like a secret in any plain value (key material also in a map key), each replaced by null.
 */
export function screenValues(values: Readonly<Record<string, unknown>>): ScreenedValues {
    const issues: ValidationIssue[] = [];
    const visit = (value: unknown, path: readonly PropertyKey[]): unknown => {
        if (typeof value === "number" && Number.isInteger(value) && !Number.isSafeInteger(value)) {
            issues.push(inexactInteger(formatPath(path), value));
            return null;
        }
        const material = typeof value === "string" ? (keyMaterialKind(value) ?? secretNamed(path, value)) : undefined;
        if (material !== undefined) {
            issues.push(keyMaterialIssue(formatPath(path), material));
            return null;
        }
        if (value === null || typeof value !== "object") {
            return value;
        }
        if (path.length > MAX_DEPTH) {
            throw new RangeError(String(path[0]));
        }
        const inKey = Object.keys(value)
            .map(keyMaterialKind)
            .find((kind) => kind !== undefined);
        if (inKey !== undefined) {
            issues.push(keyMaterialIssue(formatPath(path), inKey, "has a key that holds"));
            return null;
        }
        const entries = Object.entries(value).map(
            ([key, item]) => [key, visit(item, [...path, Array.isArray(value) ? Number(key) : key])] as const,
        );
        return Array.isArray(value) ? entries.map(([, item]) => item) : Object.fromEntries(entries);
    };
    const screened: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values)) {
        const before = issues.length;
        try {
            screened[key] = visit(value, [key]);
        } catch {
            issues.splice(before);
            screened[key] = null;
            issues.push(
                issue(
                    key,
                    shallow(value, 3),
                    `nests lists and maps more than ${MAX_DEPTH} levels deep, which no setting needs`,
                    "flatten it to the structure the README's config reference shows",
                ),
            );
        }
    }
    return { values: screened, issues };
}

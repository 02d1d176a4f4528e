// The stack config as Pulumi hands it to the program: text per key, JSON for lists and maps, decoded here the same way
// under `pulumi up` and under the offline render (whole numbers too large to hold exactly keep the digits written).
import * as pulumi from "@pulumi/pulumi";
import { ValidationIssue, issue } from "../../components/shared/validation";
import { CONFIG_NAMESPACE } from "./crossrefs";
import { formatPath } from "./errors";

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
}

/** A whole number written with more digits than a number holds exactly (beyond 2^53): the digits as written. */
export class ExactInteger {
    /** @param digits The number as written, e.g. `9007199254740993`. */
    constructor(readonly digits: string) {}

    /** The nearest number (what a rule sees; never shown). */
    get rounded(): number {
        return Number(this.digits);
    }
}

/** Marks a too-large whole number inside JSON text while it is parsed (a string no stack file can hold: it has a NUL). */
const EXACT_MARK = `\u0000exact-${process.pid}-${Date.now()}:`;

/** The JSON text with every whole number beyond the exact range replaced by a marked string, outside strings only. */
function markInexactIntegers(text: string): { text: string; marked: boolean } {
    let out = "";
    let marked = false;
    for (let i = 0; i < text.length;) {
        const string = text[i] === "\"" ? /"(?:[^"\\]|\\.)*"/y : undefined;
        const number = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
        const matcher = string ?? number;
        matcher.lastIndex = i;
        const token = /[-\d"]/.test(text[i]) ? matcher.exec(text)?.[0] : undefined;
        if (token === undefined) {
            out += text[i++];
            continue;
        }
        const inexact = !string && /^-?\d+$/.test(token) && !Number.isSafeInteger(Number(token));
        marked ||= inexact;
        out += inexact ? JSON.stringify(`${EXACT_MARK}${token}`) : token;
        i += token.length;
    }
    return { text: out, marked };
}

/** Replaces the marked strings of a parsed value by {@link ExactInteger}s (depth-bounded: deeper values are refused later). */
function restoreMarks(value: unknown, depth = 0): unknown {
    if (typeof value === "string" && value.startsWith(EXACT_MARK)) {
        return new ExactInteger(value.slice(EXACT_MARK.length));
    }
    if (value === null || typeof value !== "object" || depth > MAX_DEPTH + 1) {
        return value;
    }
    const entries = Object.entries(value).map(([key, item]) => [key, restoreMarks(item, depth + 1)] as const);
    return Array.isArray(value) ? entries.map(([, item]) => item) : Object.fromEntries(entries);
}

/**
 * Decodes one config value as Pulumi passes it: lists, maps, numbers, booleans and null arrive as JSON text, plain
 * strings stay strings. Whole numbers too large to hold exactly become {@link ExactInteger}s.
 */
export function decodeConfigValue(text: string): unknown {
    if (!/^\s*[[{]/.test(text) && !/^\s*(true|false|null|-?\d+(\.\d+)?([eE][+-]?\d+)?)\s*$/.test(text)) {
        return text;
    }
    try {
        const { text: markedText, marked } = markInexactIntegers(text);
        const parsed: unknown = JSON.parse(markedText);
        return marked ? restoreMarks(parsed) : parsed;
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
    for (const [fullKey, text] of Object.entries(pulumi.runtime.allConfig())) {
        if (!fullKey.startsWith(prefix)) {
            foreignKeys.push(fullKey);
            continue;
        }
        const key = fullKey.slice(prefix.length);
        if (isSecretConfigKey(fullKey)) {
            secretKeys.push(key);
        } else {
            values[key] = decodeConfigValue(text);
        }
    }
    return { project: pulumi.getProject(), stack: pulumi.getStack(), values, secretKeys, foreignKeys };
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

/** What screening the decoded values left: numbers for the schema, the digits to show, and the values refused outright. */
export interface ScreenedValues {
    /** The values, each {@link ExactInteger} replaced by its nearest number and each too-deep value by null. */
    readonly values: Record<string, unknown>;
    /** The digits as written, by key path, of every whole number too large to hold exactly. */
    readonly exact: ReadonlyMap<string, ExactInteger>;
    /** Values nested too deep to read (one issue per config key, at the key). */
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
    const entries = Object.entries(value).slice(0, 4).map(([key, item]) => [key, shallow(item, levels - 1)] as const);
    return Array.isArray(value) ? entries.map(([, item]) => item) : Object.fromEntries(entries);
}

/** Replaces {@link ExactInteger}s by numbers (recording their paths), and values nested deeper than {@link MAX_DEPTH} by null (reported). */
export function screenValues(values: Readonly<Record<string, unknown>>): ScreenedValues {
    const exact = new Map<string, ExactInteger>();
    const issues: ValidationIssue[] = [];
    const visit = (value: unknown, path: readonly PropertyKey[]): unknown => {
        if (value instanceof ExactInteger) {
            exact.set(formatPath(path), value);
            return value.rounded;
        }
        if (value === null || typeof value !== "object") {
            return value;
        }
        if (path.length > MAX_DEPTH) {
            throw new RangeError(String(path[0]));
        }
        const entries = Object.entries(value).map(([key, item]) => [key, visit(item, [...path, Array.isArray(value) ? Number(key) : key])] as const);
        return Array.isArray(value) ? entries.map(([, item]) => item) : Object.fromEntries(entries);
    };
    const screened: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values)) {
        try {
            screened[key] = visit(value, [key]);
        } catch {
            screened[key] = null;
            issues.push(issue(key, shallow(value, 3), `nests lists and maps more than ${MAX_DEPTH} levels deep, which no setting needs`, "flatten it to the structure the README's config reference shows"));
        }
    }
    return { values: screened, exact, issues };
}

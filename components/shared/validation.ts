// Collects every problem in user input so they are reported together, each as one secret-safe sentence.
import * as pulumi from "@pulumi/pulumi";
import { isSecretPath, mayBeSecret, scrubCredentials, scrubSecrets } from "./secret-shapes";

export { isSecretPath, keyMaterialKind, mayBeSecret, scrubCredentials, scrubSecrets } from "./secret-shapes";

/** What a message was built from: its parts, for callers that compare or regroup issues. */
export interface IssueParts {
    /** The offending value (shown secret-safe). */
    readonly value: unknown;
    /** What is wrong (may name other paths). */
    readonly problem: string;
    /** How to fix it (may name other paths). */
    readonly fix: string;
}

/** One problem in user input: the key path it concerns and a sentence naming the value and the fix. */
export interface ValidationIssue {
    /** Config key path, e.g. `clusters[1].serviceCidr`. */
    readonly path: string;
    /** One sentence that names the key, the bad value and the fix. */
    readonly message: string;
    /** The parts of the sentence (set by {@link issue}). */
    readonly parts?: IssueParts;
}

/** A value that must never be shown (unknown keys, secret keys): rendered as `[not shown]`. */
export const NOT_SHOWN: unique symbol = Symbol("not shown");

/** Longest value text shown; longer values are cut. */
const MAX_SHOWN = 80;

/** Most entries of a list a message names before it says how many more there are. */
const MAX_LISTED = 5;

/** Texts listed as they are (ranges, paths), the first few, then `... (N more)`; {@link issue} still hides secret-shaped ones. */
export function capList(texts: readonly string[], limit = MAX_LISTED): string {
    const shown = texts.slice(0, limit).join(", ");
    return texts.length > limit ? `${shown}, ... (${texts.length - limit} more)` : shown;
}

/** User values listed in a message: each shown secret-safe (see {@link showValue}), the first few, then `... (N more)`. */
export function showList(values: readonly unknown[], limit = MAX_LISTED): string {
    return capList(
        values.map((value) => showValue(value)),
        limit,
    );
}

/** The fix `use one of <values>` over user values, listed secret-safe and capped (see {@link showList}); `none` when empty. */
export function useOneOf(values: readonly unknown[], none = "remove it (there is nothing to choose from yet)"): string {
    return values.length === 0 ? none : `use one of ${showList(values)}`;
}

/**
 * Renders a user-supplied value for an error message: quoted, cut when long, `[not shown]` when it could be secret,
 * and the credentials of a URL-like value (`https://user:token@host`, `user:token@host`) scrubbed before it is cut.
 */
export function showValue(value: unknown): string {
    if (value === undefined) {
        return "missing";
    }
    if (value === NOT_SHOWN || typeof value === "symbol" || mayBeSecret(value)) {
        return "[not shown]";
    }
    if (typeof value === "string") {
        const text = scrubCredentials(value);
        return text.length > MAX_SHOWN
            ? `${JSON.stringify(text.slice(0, MAX_SHOWN - 20))}... (${value.length} characters)`
            : JSON.stringify(text);
    }
    const text = scrubCredentials(JSON.stringify(value) ?? String(value));
    return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 3)}...` : text;
}

/** Longest key shown whole in a key path; a longer one is cut and quoted, with its length. */
const MAX_KEY = 64;

/** A key as a key path prints it: a plain name as it is, any other key quoted (`"bad key!"`), a long one cut inside its quotes. */
export function shownKey(key: string): string {
    if (key.length > MAX_KEY) {
        return JSON.stringify(`${key.slice(0, MAX_KEY - 24)}... (${key.length} characters)`);
    }
    return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

/** A key as the next segment of a printed key path: `[2]`, `.name`, or quoted when it is not a plain name: `labels["bad key!"]`, `labels["a.b/c"]`. */
export function keyPath(parent: string, key: string | number): string {
    if (typeof key === "number") {
        return `${parent}[${key}]`;
    }
    const shown = shownKey(key);
    if (shown === key) {
        return parent === "" ? key : `${parent}.${key}`;
    }
    return `${parent}[${shown}]`;
}

/**
 * Builds the standard sentence: `<path> = <value> <problem>; fix: <fix>.` The value is hidden under a key whose name
 * says secret, and any secret-shaped text elsewhere in the sentence (a name in a list, a map key) is replaced.
 */
export function issue(path: string, value: unknown, problem: string, fix: string): ValidationIssue {
    const shown = value === undefined ? "is missing" : `= ${showValue(isSecretPath(path) ? NOT_SHOWN : value)}`;
    return { path, message: scrubSecrets(`${path} ${shown} ${problem}; fix: ${fix}.`.replace(/ +;/, ";")), parts: { value, problem, fix } };
}

/**
 * Where a component rule reports: maps a path of the component's arguments (`controlPlanes[0].name`,
 * `kubernetesVersion`) to the key a message names. A rule builds every path it reports or names through it, so a
 * stack that reuses the rule gets its own keys without any sentence being rewritten.
 */
export type PathMapper = (path: string) => string;

/** The component's own paths (a library user's arguments). */
export const ownPaths: PathMapper = (path) => path;

/**
 * A mapper by field: `fields` maps a field of the arguments (`workers`, `kubernetesVersion`, `peers[0]`) to the key it
 * comes from (`clusters[1].workers`, `versions.kubernetes`, `clusters[2].name`); the rest of the path follows
 * unchanged (the longest listed field that the path starts with, up to a `.` or `[`); a path under no field stays as it is.
 */
export function fieldPaths(fields: Readonly<Record<string, string>>): PathMapper {
    const listed = Object.keys(fields).sort((a, b) => b.length - a.length);
    return (path) => {
        const field = listed.find((key) => path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`));
        return field === undefined ? path : `${fields[field]}${path.slice(field.length)}`;
    };
}

/**
 * Invalid user input. Extends `pulumi.RunError` so `pulumi up`/`preview` print only the message,
 * never a stack trace, and nothing has been registered when it is thrown.
 */
export class ConfigValidationError extends pulumi.RunError {
    /** Every issue found, in order. */
    readonly issues: readonly ValidationIssue[];

    constructor(subject: string, issues: readonly ValidationIssue[]) {
        const text = formatIssues(subject, issues);
        super(text);
        this.name = "ConfigValidationError";
        this.issues = issues;
        // The SDK prefixes the message of an error thrown while it serializes an input (`error serializing property
        // "data": ...`): a refusal thrown inside an apply keeps its one format.
        Object.defineProperty(this, "message", { get: () => text, set: () => undefined, configurable: true });
    }
}

/** Formats issues as a heading plus one bullet per issue. */
export function formatIssues(subject: string, issues: readonly ValidationIssue[]): string {
    const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
    return [`${subject} is invalid (${count}):`, ...issues.map((entry) => `  - ${scrubSecrets(entry.message)}`)].join("\n");
}

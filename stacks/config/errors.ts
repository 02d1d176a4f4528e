// Turns schema (zod) issues into our one-sentence validation issues naming key, value and fix: one sentence per value.
import { z } from "zod";
import { NOT_SHOWN, ValidationIssue, issue, keyPath } from "../../components/shared/validation";
import { FIX_SEPARATOR, secretConfigKeys } from "./schema";
import { knownKeysAt, schemaAt, valueAt } from "./schema-walk";
import { allowedValueFix, closestKey, orList, quoteList, typeNoun, unknownKeyFix } from "./words";

export { closestKey, typeNoun, unknownKeyFix } from "./words";
export { valueAt } from "./schema-walk";

type PathKey = PropertyKey;
type Issue<C extends z.core.$ZodIssue["code"]> = Extract<z.core.$ZodIssue, { code: C }>;

/** Formats a zod path as a config key path: `clusters[1].podCidr`; a key that is not a plain name is quoted: `labels["bad key!"]`. */
export function formatPath(path: readonly PathKey[]): string {
    return path.reduce<string>((acc, key) => keyPath(acc, typeof key === "number" ? key : String(key)), "");
}

/** Key names that announce a secret: their values belong in secret config keys, never in plain settings. */
const SECRET_LOOKING_KEY = /(private|secret|passw|token|credential|apikey)/i;

/** A bound zod puts on every `.int()`: never quoted to the user (it reads as a JavaScript limit). */
const isSafeIntegerBound = (bound: unknown): boolean => Math.abs(Number(bound)) >= Number.MAX_SAFE_INTEGER;

/** True for the safe-integer bound issue of `.int()`: another issue at the same path says more. */
function isSafeBoundIssue(entry: z.core.$ZodIssue): boolean {
    return (
        (entry.code === "too_big" && isSafeIntegerBound(entry.maximum)) || (entry.code === "too_small" && isSafeIntegerBound(entry.minimum))
    );
}

/**
 * Converts the issues of one parse into our issues, one per value: of several issues at one path (a number above
 * both the safe-integer bound and its own maximum, an empty string that also fails its format) the most specific
 * is kept. Unknown keys yield one issue per key.
 */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], raw: unknown, root: z.ZodType): ValidationIssue[] {
    const paths = issues.map((entry) => formatPath(entry.path));
    const misspelled = new Set(issues.flatMap((entry) => (entry.code === "unrecognized_keys" ? misspelledPaths(entry, raw, root) : [])));
    const kept = issues.filter(
        (entry, i) =>
            (entry.code === "unrecognized_keys" || !isSafeBoundIssue(entry) || paths.filter((path) => path === paths[i]).length === 1) &&
            !(misspelled.has(paths[i]) && valueAt(raw, entry.path) === undefined),
    );
    const seen = new Set<string>();
    return kept.flatMap((entry) => fromZodIssue(entry, raw, root)).filter((entry) => !seen.has(entry.path) && !!seen.add(entry.path));
}

/** Converts one zod issue into one or more of our issues (unknown keys yield one per key; their values are never shown). */
export function fromZodIssue(zodIssue: z.core.$ZodIssue, raw: unknown, root: z.ZodType): ValidationIssue[] {
    const at = formatPath(zodIssue.path);
    const value = valueAt(raw, zodIssue.path);
    switch (zodIssue.code) {
        case "unrecognized_keys":
            return unknownKeyIssues(zodIssue, raw, root);
        case "invalid_type":
            return [typeIssue(at, value, zodIssue.expected)];
        case "invalid_value":
            return [valueIssue(at, value, zodIssue.values)];
        case "invalid_union":
            return [unionIssue(at, value, zodIssue)];
        case "too_small":
            return [tooSmall(at, value, zodIssue, isIntAt(root, raw, zodIssue.path))];
        case "too_big":
            return [tooBig(at, value, zodIssue, isIntAt(root, raw, zodIssue.path))];
        case "not_multiple_of":
            return [issue(at, value, `is not a multiple of ${String(zodIssue.divisor)}`, `use a multiple of ${String(zodIssue.divisor)}`)];
        case "invalid_key":
            return [
                issue(at, NOT_SHOWN, "has a key that is not allowed here", `rename or remove the keys of ${at} that are not plain names`),
            ];
        case "invalid_element":
            return [issue(at, value, "has an entry that is not allowed here", `correct or remove the entries of ${at}`)];
        case "custom":
        case "invalid_format":
            return [refinementIssue(at, value, zodIssue.message)];
        default:
            return [issue(at, value, "is not valid here", `correct ${at}`)];
    }
}

/** Paths of the known keys that unknown keys misspell: a required one of them is missing because of that one mistake. */
function misspelledPaths(entry: Issue<"unrecognized_keys">, raw: unknown, root: z.ZodType): string[] {
    const known = knownKeysAt(root, raw, entry.path);
    return entry.keys
        .map((key) => closestKey(key, known))
        .filter((meant): meant is string => meant !== undefined)
        .map((meant) => formatPath([...entry.path, meant]));
}

/** Whether the number at `path` must be whole (for the wording of bounds). */
function isIntAt(root: z.ZodType, raw: unknown, path: readonly PathKey[]): boolean {
    const schema = schemaAt(root, raw, path);
    return schema instanceof z.ZodNumber && schema.isInt === true;
}

function unknownKeyIssues(zodIssue: Issue<"unrecognized_keys">, raw: unknown, root: z.ZodType): ValidationIssue[] {
    const allowed = knownKeysAt(root, raw, zodIssue.path);
    return zodIssue.keys.map((key) =>
        issue(
            formatPath([...zodIssue.path, key]),
            NOT_SHOWN,
            "is not a known setting",
            SECRET_LOOKING_KEY.test(key)
                ? `remove it: secrets go only in the secret config keys ${secretConfigKeys.join(", ")} (pulumi config set --secret <key> < file)`
                : unknownKeyFix(key, allowed),
        ),
    );
}

/** A value of the wrong type; a number or boolean written as text is told to lose its quotes. */
function typeIssue(at: string, value: unknown, expected: string): ValidationIssue {
    const noun = typeNoun(expected);
    if (value === undefined) {
        return issue(at, undefined, "", `set ${at} (${noun})`);
    }
    const text = typeof value === "string" ? value.trim() : undefined;
    if (text !== undefined && (expected === "number" || expected === "int") && /^-?\d+(\.\d+)?$/.test(text)) {
        return issue(at, value, `is text, not ${noun}`, `write it without quotes: ${text}`);
    }
    if (text !== undefined && expected === "boolean") {
        const meant = /^(true|yes|on|y)$/i.test(text) ? "true" : /^(false|no|off|n)$/i.test(text) ? "false" : undefined;
        return issue(at, value, `is text, not ${noun}`, meant ? `write ${meant} without quotes` : "write true or false without quotes");
    }
    if (expected === "string" && (typeof value === "number" || typeof value === "boolean")) {
        return issue(at, value, `is ${typeof value === "number" ? "a number" : "true or false"}, not text`, "write it in quotes, as text");
    }
    return issue(at, value, `is not ${noun}`, `write it as ${noun}`);
}

function valueIssue(at: string, value: unknown, allowed: readonly unknown[]): ValidationIssue {
    if (value === undefined) {
        return issue(at, undefined, "", `set it to ${orList(allowed)}`);
    }
    return issue(at, value, `is not one of ${quoteList(allowed)}`, allowedValueFix(value, allowed));
}

/** A discriminator that is missing or unknown, or a value no branch of a union accepts (the branches' values named). */
function unionIssue(at: string, value: unknown, zodIssue: Issue<"invalid_union">): ValidationIssue {
    if ("discriminator" in zodIssue && zodIssue.discriminator) {
        return valueIssue(at, value, (zodIssue as { options?: unknown[] }).options ?? []);
    }
    const branches = zodIssue.errors.map((errors) => (errors.length === 1 && errors[0].path.length === 0 ? errors[0] : undefined));
    if (branches.every((entry) => entry?.code === "invalid_value")) {
        return valueIssue(
            at,
            value,
            branches.flatMap((entry) => (entry?.code === "invalid_value" ? entry.values : [])),
        );
    }
    if (branches.every((entry) => entry?.code === "invalid_type")) {
        const nouns = [...new Set(branches.map((entry) => (entry?.code === "invalid_type" ? typeNoun(entry.expected) : "")))];
        const either = nouns.join(" or ");
        return value === undefined
            ? issue(at, undefined, "", `set ${at} (${either})`)
            : issue(at, value, `is neither ${nouns.join(" nor ")}`, `write it as ${either}`);
    }
    return issue(at, value, "is not in any of the forms this setting takes", `correct ${at} as the README's config reference describes it`);
}

/** A refinement's own sentence (problem and fix joined by {@link FIX_SEPARATOR}). */
function refinementIssue(at: string, value: unknown, message: string): ValidationIssue {
    const [problem, fix] = message.split(FIX_SEPARATOR);
    return fix === undefined ? issue(at, value, "is not in the expected format", `correct ${at}`) : issue(at, value, problem, fix);
}

/** Message for a value above its maximum (or at it, when the bound is exclusive); the safe-integer bound of `.int()` is never quoted. */
function tooBig(at: string, value: unknown, zodIssue: Issue<"too_big">, isInt: boolean): ValidationIssue {
    const maximum = Number(zodIssue.maximum);
    if (isSafeIntegerBound(maximum)) {
        return issue(at, value, "is too large for a whole number here", "use a small whole number");
    }
    if (zodIssue.origin === "array" || zodIssue.origin === "set") {
        const most = zodIssue.inclusive === false ? maximum - 1 : maximum;
        return issue(at, value, `has more than ${most} entries`, `list at most ${most}`);
    }
    if (zodIssue.origin === "string") {
        return issue(at, value, `is longer than ${maximum} characters`, `shorten it to at most ${maximum}`);
    }
    if (zodIssue.inclusive === false) {
        return issue(
            at,
            value,
            `must be below ${maximum}`,
            isInt ? `use ${Math.ceil(maximum) - 1} or less` : `use a number below ${maximum}`,
        );
    }
    return issue(at, value, `is above the maximum ${maximum}`, `use at most ${maximum}`);
}

/** Message for a value below its minimum (or at it, when the bound is exclusive): numbers, strings, lists. */
function tooSmall(at: string, value: unknown, zodIssue: Issue<"too_small">, isInt: boolean): ValidationIssue {
    const minimum = Number(zodIssue.minimum);
    if (zodIssue.origin === "array" || zodIssue.origin === "set") {
        const least = zodIssue.inclusive === false ? minimum + 1 : minimum;
        return issue(at, value, `needs at least ${least} entr${least === 1 ? "y" : "ies"}`, `add entries to ${at}`);
    }
    if (zodIssue.origin === "string") {
        return minimum <= 1
            ? issue(at, value, "is empty", `set ${at} to a non-empty value`)
            : issue(at, value, `is shorter than ${minimum} characters`, `write at least ${minimum}`);
    }
    if (isSafeIntegerBound(minimum)) {
        return issue(at, value, "is too small for a whole number here", "use a small whole number");
    }
    if (zodIssue.inclusive === false) {
        return issue(
            at,
            value,
            `must be above ${minimum}`,
            isInt ? `use ${Math.floor(minimum) + 1} or more` : `use a number above ${minimum}`,
        );
    }
    return issue(at, value, `is below the minimum ${minimum}`, `use ${minimum} or more`);
}

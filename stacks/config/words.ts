// Wording shared by the config messages: type nouns, value lists, and the "did you mean" of misspelled keys and values.

/** Values quoted and listed: `"a", "b", "c"`. */
export const quoteList = (values: readonly unknown[]): string => values.map((value) => JSON.stringify(value)).join(", ");

/** `"a" or "b"`, `"a", "b" or "c"`: the values a fix offers. */
export function orList(values: readonly unknown[]): string {
    const quoted = values.map((value) => JSON.stringify(value));
    return quoted.length < 2 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}

/** How a zod type name reads in a sentence. */
const TYPE_NOUNS: Readonly<Record<string, string>> = {
    array: "a list",
    object: "a map of settings",
    record: "a map",
    string: "a string",
    number: "a number",
    int: "a whole number",
    boolean: "true or false",
    bigint: "a whole number",
    null: "null",
    nan: "a number",
};

/** The noun phrase for a zod type name, with its article. */
export function typeNoun(expected: string): string {
    return TYPE_NOUNS[expected] ?? `${/^[aeiou]/.test(expected) ? "an" : "a"} ${expected}`;
}

/** Edit distance of two short words (for "did you mean"). */
function distance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
            diagonal = above;
        }
    }
    return row[b.length];
}

/** The known key closest to a misspelled one (case-insensitive, spaces around it ignored, at most a third of its letters off), if any. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
    const word = key.trim().toLowerCase();
    if (word.length > 64) {
        return undefined;
    }
    const scored = known
        .map((candidate) => ({ candidate, score: distance(word, candidate.toLowerCase()) }))
        .sort((a, b) => a.score - b.score);
    const best = scored[0];
    return best && best.score <= Math.max(1, Math.floor(word.length / 3)) ? best.candidate : undefined;
}

/** The fix for an unknown key: the likely meant key first, then the known ones. */
export function unknownKeyFix(key: string, known: readonly string[]): string {
    const meant = closestKey(key, known);
    if (meant !== undefined && key.trim() === meant) {
        return `remove the spaces around the key: write ${JSON.stringify(meant)}`;
    }
    if (meant !== undefined) {
        return `write ${JSON.stringify(meant)} (keys are case-sensitive), or remove it`;
    }
    return known.length > 0 ? `remove it or use one of ${quoteList(known)}` : "remove it";
}

/** The fix for a value that is not one of `allowed`: the likely meant value first when the value is a near miss. */
export function allowedValueFix(value: unknown, allowed: readonly unknown[]): string {
    const words = allowed.filter((option): option is string => typeof option === "string");
    const meant = typeof value === "string" && words.length === allowed.length ? closestKey(value, words) : undefined;
    return meant !== undefined
        ? `write ${JSON.stringify(meant)} (values are case-sensitive), or use another of those values`
        : "use one of those values";
}

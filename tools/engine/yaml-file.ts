// Reads one YAML file of a Pulumi project as the Pulumi CLI would (YAML 1.2 core schema), refusing, with the file,
// line, key and fix, what the CLI would not pass on to the program as written.
import * as pulumi from "@pulumi/pulumi";
import * as yaml from "js-yaml";

/** A stack or project file that cannot be read as written: one sentence naming the file (and line) and the fix. */
export class StackFileError extends pulumi.RunError {
    constructor(message: string) {
        super(message);
        this.name = "StackFileError";
    }
}

/** Line (1-based) of a character offset. */
const lineAt = (text: string, offset: number): number => text.slice(0, offset).split("\n").length;

/** Deepest nesting of a stack file (the document, `config:`, the key and its lists and maps); no setting needs more. */
export const MAX_YAML_DEPTH = 64;

/** A whole number of the file with more digits than a number holds exactly: the digits, passed on as written (as Pulumi does). */
export class ExactDigits {
    constructor(readonly digits: string) {}

    /** The digits (what a mapping key of such a number becomes). */
    toString(): string {
        return this.digits;
    }

    /** Makes the YAML parser take the key as `toString()` gives it. */
    get [Symbol.toStringTag](): string {
        return "ExactDigits";
    }
}

/** A YAML value Pulumi cannot pass on as a config value: where it is, and the sentence about it (after "<key> "). */
class Refused {
    constructor(readonly line: number, readonly problem: string, readonly fix: string) {}
}

/** A value under a YAML tag the config schema has no type for (`!!binary`, `!!timestamp`, `!Ref`): refused once its line is known. */
class Tagged {
    constructor(readonly tag: string) {}
}

/** Catches every local tag and every other yaml.org tag (the core schema types `!!str`, `!!int`, ... stay as they are). */
const taggedTypes = ["scalar", "sequence", "mapping"].flatMap((kind) => ["!", "tag:yaml.org,2002:"].map((prefix) =>
    new yaml.Type(prefix, { kind: kind as "scalar", multi: true, construct: (_data: unknown, tag?: string) => new Tagged(tag ?? prefix) })));

/**
 * The YAML 1.2 core schema, as the Pulumi CLI reads stack files: plain `2024-01-01`, `yes` and `on` stay text,
 * and there are no merge keys.
 */
const STACK_SCHEMA = yaml.CORE_SCHEMA.extend(taggedTypes);

const VIA_JSON = "a config value cannot hold (Pulumi passes values to the program as JSON)";

/** What one parsed scalar becomes: itself, its exact digits, or a refusal naming its line. */
function screenNode(result: unknown, source: string, line: number): unknown {
    const text = source.trim();
    if (result instanceof Tagged) {
        const tag = result.tag.replace(/^tag:yaml\.org,2002:/, "!!");
        return new Refused(line, `is tagged ${tag}, a YAML type ${VIA_JSON}`, "remove the tag and write the value itself (quote it if it is text)");
    }
    if (typeof result !== "number") {
        return result;
    }
    if (!Number.isFinite(result)) {
        return new Refused(line, `= ${text} is ${Number.isNaN(result) ? "YAML's not-a-number" : "YAML's infinity"}, which ${VIA_JSON}`,
            `write a number, or quote it ("${text}") if it is text`);
    }
    const digits = text.replace(/_/g, "").replace(/^\+/, "");
    if (/^-?0[0-7]+$/.test(digits) && parseInt(digits, 8) !== parseInt(digits, 10)) {
        const [octal, decimal] = [parseInt(digits, 8), parseInt(digits, 10)];
        return new Refused(line, `= ${text} has a leading zero, which YAML readers disagree on (the Pulumi CLI reads it as octal, ${octal}; others as ${decimal})`,
            `write ${decimal}, or ${octal} if octal was meant, or quote it ("${text}") if it is text`);
    }
    return Number.isInteger(result) && !Number.isSafeInteger(result) && /^-?\d+$/.test(digits) ? new ExactDigits(digits) : result;
}

/** Every value the file refuses, with its key path (`multicluster:mesh.nodePort`); a refused key has no path. */
function refusals(node: unknown, found: readonly Refused[], at = ""): Map<Refused, string> {
    const paths = new Map<Refused, string>();
    const visit = (value: unknown, path: string) => {
        if (value instanceof Refused) {
            paths.set(value, path);
        } else if (Array.isArray(value)) {
            value.forEach((item, i) => visit(item, `${path}[${i}]`));
        } else if (value !== null && typeof value === "object" && !(value instanceof ExactDigits)) {
            Object.entries(value).forEach(([key, item]) => visit(item, path === "" || path === "config" ? key : `${path}.${key}`));
        }
    };
    visit(node, at);
    found.filter((entry) => !paths.has(entry)).forEach((entry) => paths.set(entry, ""));
    return paths;
}

/** Throws one error naming every refused value of the file (line, key, value and fix), if there is any. */
function throwRefusals(parsed: unknown, found: readonly Refused[], file: string): void {
    const sentences = [...refusals(parsed, found)].sort(([a], [b]) => a.line - b.line)
        .map(([entry, path]) => `line ${entry.line}: ${path || "a key"} ${entry.problem}; fix: ${entry.fix}.`);
    if (sentences.length === 1) {
        throw new StackFileError(`${file} ${sentences[0]}`);
    }
    if (sentences.length > 1) {
        throw new StackFileError([`${file} has ${sentences.length} values Pulumi cannot pass on:`, ...sentences.map((line) => `  - ${line}`)].join("\n"));
    }
}

/** The sentence for a YAML syntax error: the line where an unclosed quote opens rather than the end of the file. */
function syntaxError(error: unknown, file: string, lastOpen: { line: number } | undefined): StackFileError {
    const failure = error as { reason?: string; mark?: { line?: number } };
    const reason = failure.reason ?? "the file cannot be read as YAML";
    const quoted = /end of the stream within a (double|single) quoted scalar/.exec(reason);
    if (quoted && lastOpen) {
        const mark = quoted[1] === "double" ? '"' : "'";
        return new StackFileError(`${file} line ${lastOpen.line}: a ${quoted[1]}-quoted value starts here and is never closed (the file ends inside it), ` +
            `so the file is not valid YAML; fix: close the quote with ${mark} on line ${lastOpen.line}.`);
    }
    const line = failure.mark?.line === undefined ? "" : ` line ${failure.mark.line + 1}`;
    const fix = /duplicated mapping key/.test(reason) ? "keep each key once"
        : "correct that line (indent with spaces, quote values that contain ': ' or start with '*', '&', '!' or '%')";
    return new StackFileError(`${file}${line}: ${reason}, so the file is not valid YAML; fix: ${fix}.`);
}

/**
 * Parses one YAML document as the Pulumi CLI would (YAML 1.2 core schema). Anchors (and so aliases) are refused: an
 * alias expands by reference, and a 1 KB file of nested aliases expands to gigabytes once serialised. Nesting is
 * bounded; tags, infinities, NaN and octal-looking numbers are refused together, each naming its line and key.
 * Syntax errors and duplicate keys name the line. Whole numbers beyond the exact range keep their digits.
 */
export function parseYamlFile(text: string, file: string): unknown {
    const opened: number[] = [];
    const found: Refused[] = [];
    let lastOpen: { line: number } | undefined;
    const listener = (event: string, state: { anchor: string | null; position: number; input: string; result: unknown }) => {
        if (event === "open") {
            opened.push(state.position);
            lastOpen = { line: lineAt(state.input, state.position) };
            if (opened.length > MAX_YAML_DEPTH) {
                throw new StackFileError(`${file} line ${lastOpen.line}: the values are nested more than ${MAX_YAML_DEPTH} levels deep here, ` +
                    "which no setting needs; fix: flatten them to the structure the README's config reference shows.");
            }
            return;
        }
        const start = opened.pop() ?? state.position;
        if (state.anchor !== null) {
            throw new StackFileError(`${file} line ${lineAt(state.input, state.position)}: the YAML anchor &${state.anchor} is not allowed in a stack ` +
                "file (an alias of it expands by reference, without bound); fix: write every value out.");
        }
        state.result = screenNode(state.result, state.input.slice(start, state.position), lineAt(state.input, start));
        if (state.result instanceof Refused) {
            found.push(state.result);
        }
    };
    let parsed: unknown;
    try {
        parsed = yaml.load(text, { filename: file, schema: STACK_SCHEMA, listener: listener as never });
    } catch (error) {
        throw error instanceof StackFileError ? error : syntaxError(error, file, lastOpen);
    }
    throwRefusals(parsed, found, file);
    return parsed;
}

/** JSON text of a config value, whole numbers beyond the exact range with their digits as written. */
export function jsonText(value: unknown): string {
    if (value instanceof ExactDigits) {
        return value.digits;
    }
    if (Array.isArray(value)) {
        return `[${value.map(jsonText).join(",")}]`;
    }
    if (value !== null && typeof value === "object") {
        return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}:${jsonText(item)}`).join(",")}}`;
    }
    return JSON.stringify(value) ?? "null";
}

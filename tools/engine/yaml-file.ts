// Reads one YAML file of a Pulumi project as the Pulumi CLI would (YAML 1.2 core schema), refusing, in the one
// config message format (a heading naming the file, one bullet per problem with its key, line and fix), what the CLI
// would not pass on to the program as written.
import * as yaml from "js-yaml";
import { ConfigValidationError, ValidationIssue, keyPath, scrubSecrets, shownKey } from "../../components/shared/validation";
import { ExactDigits, Refused, STACK_SCHEMA, screenNode } from "./yaml-screen";

/** A stack or project file that cannot be read as written: a heading naming the file, one bullet per problem. */
export class StackFileError extends ConfigValidationError {
    constructor(subject: string, issues: readonly ValidationIssue[]) {
        super(subject, issues);
        this.name = "StackFileError";
    }
}

/** Where in a file a problem is: a key path (with the value's source text, when it may be shown) or only a line. */
export interface FilePlace {
    /** 1-based line, when known. */
    readonly line?: number;
    /** Key path (`multicluster:mesh.nodePort`); empty when the problem is not at a key. */
    readonly path?: string;
    /** The value as written in the file, shown after `=` (only short, non-secret scalars). */
    readonly text?: string;
}

/**
 * One problem of a file as a bullet: `<path> = <text> on line N <problem>; fix: <fix>.`, or `line N <problem>...`
 * when no key is known (a syntax error), or `the file <problem>...` when not even the line is.
 */
export function fileIssue(place: FilePlace, problem: string, fix: string): ValidationIssue {
    const line = place.line === undefined ? "" : `line ${place.line}`;
    const where = place.path
        ? `${place.path}${place.text === undefined ? "" : ` = ${place.text}`}${line ? ` on ${line}` : ""}`
        : line || "the file";
    return { path: place.path || line || "the file", message: scrubSecrets(`${where} ${problem}; fix: ${fix}.`) };
}

/** A full config key as the messages name it: `multicluster:mesh`; a key part that is not a plain name is quoted. */
export function configKeyName(key: string): string {
    const separator = key.indexOf(":");
    const [namespace, short] = separator < 0 ? ["", key] : [key.slice(0, separator + 1), key.slice(separator + 1)];
    return `${namespace}${shownKey(short)}`;
}

/** Line (1-based) of a character offset. */
const lineAt = (text: string, offset: number): number => text.slice(0, offset).split("\n").length;

/** Deepest nesting of a stack file (the document, `config:`, the key and its lists and maps); no setting needs more. */
export const MAX_YAML_DEPTH = 64;

/** Every value the file refuses, with its key path (`multicluster:mesh.nodePort`), each once; a refused key has no path. */
function refusals(node: unknown, found: readonly Refused[]): Map<Refused, string> {
    const paths = new Map<Refused, string>();
    const visit = (value: unknown, path: string) => {
        if (value instanceof Refused) {
            paths.set(value, paths.get(value) ?? path);
        } else if (Array.isArray(value)) {
            value.forEach((item, i) => visit(item, keyPath(path, i)));
        } else if (value !== null && typeof value === "object" && !(value instanceof ExactDigits)) {
            Object.entries(value).forEach(([key, item]) =>
                visit(item, path === "" || path === "config" ? configKeyName(key) : keyPath(path, key)),
            );
        }
    };
    visit(node, "");
    found.filter((entry) => !paths.has(entry)).forEach((entry) => paths.set(entry, ""));
    return paths;
}

/** One bullet per refused value of the file (line, key, value and fix), in line order. */
function refusalIssues(parsed: unknown, found: readonly Refused[]): ValidationIssue[] {
    return [...refusals(parsed, found)]
        .sort(([a], [b]) => a.line - b.line)
        .map(([entry, path]) =>
            path
                ? fileIssue({ line: entry.line, path, ...(entry.text === undefined ? {} : { text: entry.text }) }, entry.problem, entry.fix)
                : fileIssue({ line: entry.line, path: "a key" }, entry.problem, entry.fix),
        );
}

/** The key a duplicated-key error points at, as written (undefined when the line does not start with one). */
function keyAt(text: string, line: number, column: number): string | undefined {
    const match = /^("(?:[^"\\]|\\.)*"|'[^']*'|.+?)\s*:(\s|$)/.exec(text.split(/\r?\n/)[line]?.slice(column) ?? "");
    return match ? match[1].replace(/^["']|["']$/g, "") : undefined;
}

/** The bullet for a YAML syntax error: the line where an unclosed quote opens rather than the end of the file. */
function syntaxIssue(error: unknown, text: string, lastOpen: { line: number } | undefined): ValidationIssue {
    const failure = error as { reason?: string; mark?: { line?: number; column?: number } };
    const reason = failure.reason ?? "the file cannot be read as YAML";
    const quoted = /end of the stream within a (double|single) quoted scalar/.exec(reason);
    if (quoted && lastOpen) {
        return fileIssue(
            { line: lastOpen.line },
            `opens a ${quoted[1]}-quoted value that is never closed (the file ends inside it), so the file is not valid YAML`,
            `close the quote with ${quoted[1] === "double" ? '"' : "'"} on line ${lastOpen.line}`,
        );
    }
    if (/expected a single document/.test(reason)) {
        return fileIssue(
            {},
            "holds more than one YAML document (a line --- starts another), and Pulumi reads a stack file as one",
            "keep one document: a single config: map",
        );
    }
    const line = failure.mark?.line;
    const place = line === undefined ? {} : { line: line + 1 };
    if (/duplicated mapping key/.test(reason)) {
        const key = line === undefined ? undefined : keyAt(text, line, failure.mark?.column ?? 0);
        return fileIssue(
            place,
            `repeats ${key === undefined ? "a key" : `the key ${JSON.stringify(key)}`} of its map, so the file is not valid YAML`,
            "keep each key once",
        );
    }
    return fileIssue(
        place,
        `is not valid YAML (${reason})`,
        "correct that line (indent with spaces, quote values that contain ': ' or start with '*', '&', '!' or '%')",
    );
}

/** Parser state the listener reads (js-yaml's own, untyped). */
interface ListenerState {
    anchor: string | null;
    position: number;
    input: string;
    result: unknown;
    anchorMap: Record<string, unknown>;
}

/**
 * Reads one YAML document as the Pulumi CLI would (YAML 1.2 core schema); returns the value and every refusal
 * (tags, infinities, NaN, octal-looking numbers, anchors, each naming its key and line). An anchored value is
 * refused and stands in for every alias of it, so aliases never expand (a 1 KB file of nested aliases would
 * otherwise expand to gigabytes). A syntax error, a duplicate key and nesting beyond the bound end the reading:
 * they throw at once, in the same format. Whole numbers beyond the exact range keep their digits.
 */
export function readYamlFile(text: string, subject: string): { readonly value: unknown; readonly issues: readonly ValidationIssue[] } {
    const opened: number[] = [];
    const found: Refused[] = [];
    let lastOpen: { line: number } | undefined;
    const listener = (event: string, state: ListenerState) => {
        if (event === "open") {
            opened.push(state.position);
            lastOpen = { line: lineAt(state.input, state.position) };
            if (opened.length > MAX_YAML_DEPTH) {
                throw new StackFileError(subject, [
                    fileIssue(
                        lastOpen,
                        `nests the values more than ${MAX_YAML_DEPTH} levels deep, which no setting needs`,
                        "flatten them to the structure the README's config reference shows",
                    ),
                ]);
            }
            return;
        }
        const start = opened.pop() ?? state.position;
        state.result =
            state.anchor !== null
                ? new Refused(
                      lineAt(state.input, start),
                      `carries the YAML anchor &${state.anchor}, which a stack file may not use (an alias of it expands by reference, without bound)`,
                      "write every value out",
                  )
                : screenNode(state.result, state.input.slice(start, state.position), lineAt(state.input, start));
        if (state.anchor !== null) {
            state.anchorMap[state.anchor] = state.result;
        }
        if (state.result instanceof Refused) {
            found.push(state.result);
        }
    };
    try {
        const value: unknown = yaml.load(text, { schema: STACK_SCHEMA, listener: listener as never });
        return { value, issues: refusalIssues(value, found) };
    } catch (error) {
        throw error instanceof StackFileError ? error : new StackFileError(subject, [syntaxIssue(error, text, lastOpen)]);
    }
}

/** Parses one YAML document (see {@link readYamlFile}); throws one {@link StackFileError} naming every refusal, headed by `subject`. */
export function parseYamlFile(text: string, subject: string): unknown {
    const { value, issues } = readYamlFile(text, subject);
    if (issues.length > 0) {
        throw new StackFileError(subject, issues);
    }
    return value;
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
        return `{${Object.entries(value)
            .map(([key, item]) => `${JSON.stringify(key)}:${jsonText(item)}`)
            .join(",")}}`;
    }
    return JSON.stringify(value) ?? "null";
}

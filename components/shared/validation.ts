// Collects every problem in user input so they are reported together, each as one sentence.
import * as pulumi from "@pulumi/pulumi";

/** One problem in user input: the key path it concerns and a sentence naming the value and the fix. */
export interface ValidationIssue {
    /** Config key path, e.g. `clusters[1].serviceCidr`. */
    readonly path: string;
    /** One sentence that names the key, the bad value and the fix. */
    readonly message: string;
}

/** Renders a user-supplied value for an error message: strings quoted, missing values named as such. */
export function showValue(value: unknown): string {
    if (value === undefined) {
        return "missing";
    }
    if (typeof value === "string") {
        return JSON.stringify(value);
    }
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Builds the standard sentence: `<path> = <value> <problem>; fix: <fix>.` */
export function issue(path: string, value: unknown, problem: string, fix: string): ValidationIssue {
    const shown = value === undefined ? "is missing" : `= ${showValue(value)}`;
    return { path, message: `${path} ${shown} ${problem}; fix: ${fix}.`.replace(/ +;/, ";") };
}

/** Accumulates validation issues from many checks; throws them together once. */
export class ValidationErrors {
    private readonly collected: ValidationIssue[] = [];

    /** Records one issue. */
    add(entry: ValidationIssue): void {
        this.collected.push(entry);
    }

    /** Records one issue built from its parts (see {@link issue}). */
    addIssue(path: string, value: unknown, problem: string, fix: string): void {
        this.add(issue(path, value, problem, fix));
    }

    /** Records many issues. */
    addAll(entries: readonly ValidationIssue[]): void {
        entries.forEach((entry) => this.add(entry));
    }

    /** The issues recorded so far, in the order found. */
    get issues(): readonly ValidationIssue[] {
        return this.collected;
    }

    /** Throws a {@link ConfigValidationError} listing every issue, if there is any. */
    throwIfAny(subject: string): void {
        if (this.collected.length > 0) {
            throw new ConfigValidationError(subject, this.collected);
        }
    }
}

/**
 * Invalid user input. Extends `pulumi.RunError` so `pulumi up`/`preview` print only the message,
 * never a stack trace, and nothing has been registered when it is thrown.
 */
export class ConfigValidationError extends pulumi.RunError {
    /** Every issue found, in order. */
    readonly issues: readonly ValidationIssue[];

    constructor(subject: string, issues: readonly ValidationIssue[]) {
        super(formatIssues(subject, issues));
        this.name = "ConfigValidationError";
        this.issues = issues;
    }
}

/** Formats issues as a heading plus one bullet per issue. */
export function formatIssues(subject: string, issues: readonly ValidationIssue[]): string {
    const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
    return [`${subject} is invalid (${count}):`, ...issues.map((entry) => `  - ${entry.message}`)].join("\n");
}

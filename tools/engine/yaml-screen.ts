// The YAML schema of stack files and the screening of each parsed node: tags, merge keys, infinities, octal-looking and over-long numbers.
import * as yaml from "js-yaml";

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

/** A YAML value Pulumi cannot pass on as a config value: its line, what is wrong, the fix, and its text when it may be shown. */
export class Refused {
    constructor(
        readonly line: number,
        readonly problem: string,
        readonly fix: string,
        readonly text?: string,
    ) {}
}

/** A value under a YAML tag the config schema has no type for (`!!binary`, `!!timestamp`, `!Ref`): refused once its line is known. */
class Tagged {
    constructor(readonly tag: string) {}
}

/** Catches every local tag and every other yaml.org tag (the core schema types `!!str`, `!!int`, ... stay as they are). */
const taggedTypes = ["scalar", "sequence", "mapping"].flatMap((kind) =>
    ["!", "tag:yaml.org,2002:"].map(
        (prefix) =>
            new yaml.Type(prefix, {
                kind: kind as "scalar",
                multi: true,
                construct: (_data: unknown, tag?: string) => new Tagged(tag ?? prefix),
            }),
    ),
);

/**
 * The YAML 1.2 core schema, as the Pulumi CLI reads stack files: plain `2024-01-01`, `yes` and `on` stay text,
 * and there are no merge keys.
 */
export const STACK_SCHEMA = yaml.CORE_SCHEMA.extend(taggedTypes);

/** Why a refused value cannot pass: Pulumi hands config to the program as JSON. */
const VIA_JSON = "a config value cannot hold (Pulumi passes values to the program as JSON)";

/** What one parsed node becomes: itself, its exact digits, or a refusal naming its line (tags, infinities, octal-looking numbers, merge keys). */
export function screenNode(result: unknown, source: string, line: number): unknown {
    const text = source.trim();
    if (result instanceof Tagged) {
        const tag = result.tag.replace(/^tag:yaml\.org,2002:/, "!!");
        return new Refused(
            line,
            `is tagged ${tag}, a YAML type ${VIA_JSON}`,
            "remove the tag and write the value itself (quote it if it is text)",
        );
    }
    if (result !== null && typeof result === "object" && !Array.isArray(result) && Object.prototype.hasOwnProperty.call(result, "<<")) {
        return new Refused(
            line,
            'uses the YAML merge key <<, which YAML readers disagree on (the Pulumi CLI merges the map it names, others keep a key "<<")',
            "write the merged keys out in the map itself",
        );
    }
    if (typeof result !== "number") {
        return result;
    }
    if (!Number.isFinite(result)) {
        return new Refused(
            line,
            `is ${Number.isNaN(result) ? "YAML's not-a-number" : "YAML's infinity"}, which ${VIA_JSON}`,
            `write a number, or quote it ("${text}") if it is text`,
            text,
        );
    }
    const digits = text.replace(/_/g, "").replace(/^\+/, "");
    if (/^-?0[0-7]+$/.test(digits) && parseInt(digits, 8) !== parseInt(digits, 10)) {
        const [octal, decimal] = [parseInt(digits, 8), parseInt(digits, 10)];
        return new Refused(
            line,
            `has a leading zero, which YAML readers disagree on (the Pulumi CLI reads it as octal, ${octal}; others as ${decimal})`,
            `write ${decimal}, or ${octal} if octal was meant, or quote it ("${text}") if it is text`,
            text,
        );
    }
    return Number.isInteger(result) && !Number.isSafeInteger(result) && /^-?\d+$/.test(digits) ? new ExactDigits(digits) : result;
}

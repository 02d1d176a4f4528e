// Parses the stack config one top-level section at a time: a section that fails its schema is reported and stops
// only the rules that read it (a rule runs when every section it reads parsed; nothing is stood in for or re-parsed).
import { z } from "zod";
import { ParsedStackConfig, stackConfigSchema } from "./schema";
import { optionTag, schemaAt, valueAt } from "./schema-walk";

/** A top-level config key the schema parses (`clusters`, `cni`, ...). */
export type SectionKey = keyof ParsedStackConfig;

/** What parsing every section gave. */
export interface ParsedSections {
    /** The schema issues of every section, with paths from the config root. */
    readonly issues: readonly z.core.$ZodIssue[];
    /** The sections that parsed, with their defaults. */
    readonly parsed: Partial<ParsedStackConfig>;
    /** The sections that did not parse. */
    readonly failed: ReadonlySet<SectionKey>;
}

/** Parses each section of `values` with its own part of the schema. */
export function parseSections(values: Readonly<Record<string, unknown>>): ParsedSections {
    const issues: z.core.$ZodIssue[] = [];
    const parsed: Record<string, unknown> = {};
    const failed = new Set<SectionKey>();
    for (const [key, schema] of Object.entries(stackConfigSchema.shape) as [SectionKey, z.ZodType][]) {
        const result = schema.safeParse(valueAt(values, [key]), { reportInput: true });
        if (result.success) {
            parsed[key] = result.data;
        } else {
            failed.add(key);
            const rooted = result.error.issues.map((entry) => ({ ...entry, path: [key, ...entry.path] }) as z.core.$ZodIssue);
            issues.push(...withSharedFieldIssues(values, rooted));
        }
    }
    return { issues, parsed: parsed as Partial<ParsedStackConfig>, failed };
}

/** True when every section in `reads` parsed: a rule that reads them can run. */
export function allParsed(sections: ParsedSections, reads: readonly SectionKey[]): boolean {
    return reads.every((key) => !sections.failed.has(key));
}

/** One issue per unknown key, so keys can be compared one by one. */
const perKey = (entry: z.core.$ZodIssue): z.core.$ZodIssue[] =>
    entry.code === "unrecognized_keys" ? entry.keys.map((key) => ({ ...entry, keys: [key] })) : [entry];

/**
 * The issues, each followed (for an entry whose discriminator is missing or unknown) by the issues its fields have
 * in every form it could take: `{ name: 5 }` without a provisioner also has a name of the wrong type.
 */
function withSharedFieldIssues(input: unknown, issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
    return issues.flatMap((entry) => {
        if (entry.code !== "invalid_union" || !("discriminator" in entry) || typeof entry.discriminator !== "string") {
            return [entry];
        }
        const at = entry.path.slice(0, -1);
        const union = schemaAt(stackConfigSchema, input, at);
        const value = valueAt(input, at);
        if (!(union instanceof z.ZodDiscriminatedUnion) || value === null || typeof value !== "object" || Array.isArray(value)) {
            return [entry];
        }
        const discriminator = entry.discriminator;
        const perOption = union.options.map((option) => {
            const tagged = { ...value, [discriminator]: optionTag(option as z.ZodType, discriminator) };
            const parsed = (option as z.ZodType).safeParse(tagged, { reportInput: true });
            return (parsed.error?.issues ?? [])
                .flatMap(perKey)
                .filter((found) => found.path[0] !== discriminator)
                .map((found) => ({ ...found, path: [...at, ...found.path] }) as z.core.$ZodIssue);
        });
        const signature = (found: z.core.$ZodIssue) =>
            JSON.stringify([found.path, found.code, found.message, found.code === "unrecognized_keys" ? found.keys : []]);
        const shared = perOption[0].filter((found) =>
            perOption.every((others) => others.some((other) => signature(other) === signature(found))),
        );
        return [entry, ...shared];
    });
}

// Deterministic YAML serialisation for rendered configs, values and manifests.
import * as yaml from "js-yaml";

/** Serialises a value to YAML with sorted keys and no line folding, so renders are stable. */
export function toYaml(value: unknown): string {
    return yaml.dump(value, { sortKeys: true, lineWidth: -1, noRefs: true });
}

/** Serialises several documents into one multi-document YAML stream (`---` separated). */
export function toYamlDocuments(values: readonly unknown[]): string {
    return values.map((value) => toYaml(value)).join("---\n");
}

/** Parses a YAML text (single document). */
export function fromYaml(text: string): unknown {
    return yaml.load(text);
}

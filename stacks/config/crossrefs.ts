// Rules on the config keys themselves: unknown or misspelled keys, near-miss namespaces, and secret vs plain values.
import { NOT_SHOWN, ValidationIssue, issue } from "../../components/shared/validation";
import { closestKey } from "./words";
import { configKeys, secretConfigKeys } from "./schema";

/** The config namespace of this project. */
export const CONFIG_NAMESPACE = "multicluster";

/** What the key rules leave for the schema. */
export interface ScreenedKeys {
    /** Problems with the keys (values never shown). */
    readonly issues: readonly ValidationIssue[];
    /** The known, non-secret keys and their values: the schema's input. */
    readonly input: Readonly<Record<string, unknown>>;
    /** Keys whose value could not be read (a secret where plain text belongs): nothing else reports on them. */
    readonly broken: readonly string[];
}

/** Every secret key that is present in plain text (`values`) instead of as a secret (`secretKeys`). */
export function checkSecretKeys(
    keys: readonly string[], values: Readonly<Record<string, unknown>>, secretKeys: readonly string[],
): ValidationIssue[] {
    return keys.filter((key) => Object.prototype.hasOwnProperty.call(values, key) && !secretKeys.includes(key)).map((key) =>
        issue(key, NOT_SHOWN, "is stored in plain text in the stack file",
            `set it with \`pulumi config set --secret ${key} < file\` (or type it after \`pulumi config set --secret ${key}\`)`));
}

/** `a, b and c`. */
const listed = (items: readonly string[]): string => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`);

/** A full key as the messages name it; a key with spaces or quotes is quoted, so they show. */
const fullKeyName = (key: string): string => `${CONFIG_NAMESPACE}:${/[\s"]/.test(key) || key === "" ? JSON.stringify(key) : key}`;

/** Keys of this namespace the project does not read, with the key most likely meant. */
function unknownKeys(keys: readonly string[]): ValidationIssue[] {
    const known = new Set<string>(configKeys);
    return keys.filter((key) => !known.has(key)).map((key) => {
        const meant = closestKey(key, configKeys);
        const fix = meant === undefined ? `remove it or use one of ${configKeys.join(", ")}`
            : meant === key.trim() ? `remove the spaces around the key: write ${CONFIG_NAMESPACE}:${meant}`
                : `write ${CONFIG_NAMESPACE}:${meant} (keys are case-sensitive), or remove it`;
        return issue(fullKeyName(key), NOT_SHOWN, "is not a config key of this project", fix);
    });
}

/** Known keys that are absent while a misspelling of them is given: their absence is that one mistake, reported once. */
function misspelledKeys(keys: readonly string[]): string[] {
    const known = new Set<string>(configKeys);
    return keys.filter((key) => !known.has(key)).map((key) => closestKey(key, configKeys))
        .filter((meant): meant is string => meant !== undefined && !keys.includes(meant));
}

/** Known keys given as secrets although they are plain settings (Pulumi would hand the program no value for them). */
function secretPlainKeys(secretKeys: readonly string[]): ValidationIssue[] {
    const secret = new Set<string>(secretConfigKeys);
    return secretKeys.filter((key) => (configKeys as readonly string[]).includes(key) && !secret.has(key)).map((key) =>
        issue(key, NOT_SHOWN, "is a secret (`secure:`) value, but this setting is plain configuration",
            `write ${key} in plain text (pulumi config set without --secret); only ${listed(secretConfigKeys)} are secrets`));
}

/** Full keys (`namespace:key`) in a namespace one typo away from this project's, e.g. `multicluser:mesh`. */
export function nearMissNamespaces(fullKeys: readonly string[]): ValidationIssue[] {
    return fullKeys.flatMap((fullKey) => {
        const separator = fullKey.indexOf(":");
        const namespace = separator < 0 ? "" : fullKey.slice(0, separator);
        if (!namespace || namespace === CONFIG_NAMESPACE || closestKey(namespace, [CONFIG_NAMESPACE]) === undefined) {
            return [];
        }
        return [issue(fullKey, NOT_SHOWN, `is in namespace ${namespace}, which this project does not read`,
            `write it as ${CONFIG_NAMESPACE}:${fullKey.slice(separator + 1)}`)];
    });
}

/** Applies every key rule; returns the problems and the values the schema validates. */
export function screenKeys(values: Readonly<Record<string, unknown>>, secretKeys: readonly string[], foreignKeys: readonly string[]): ScreenedKeys {
    const known = new Set<string>(configKeys);
    const secret = new Set<string>(secretConfigKeys);
    const present = [...new Set([...Object.keys(values), ...secretKeys])];
    const broken = [...secretKeys.filter((key) => known.has(key) && !secret.has(key)), ...misspelledKeys(present)];
    return {
        issues: [
            ...unknownKeys(present), ...secretPlainKeys(secretKeys),
            ...checkSecretKeys(secretConfigKeys, values, secretKeys), ...nearMissNamespaces(foreignKeys),
        ],
        input: Object.fromEntries(Object.entries(values).filter(([key]) => known.has(key) && !secret.has(key) && !secretKeys.includes(key))),
        broken,
    };
}

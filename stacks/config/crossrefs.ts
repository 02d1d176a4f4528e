// Rules on the config keys themselves: unknown or misspelled keys, near-miss namespaces, and secret vs plain values.
import { NOT_SHOWN, ValidationIssue, issue, shownKey } from "../../components/shared/validation";
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
    keys: readonly string[],
    values: Readonly<Record<string, unknown>>,
    secretKeys: readonly string[],
): ValidationIssue[] {
    return keys
        .filter((key) => Object.prototype.hasOwnProperty.call(values, key) && !secretKeys.includes(key))
        .map((key) =>
            issue(
                key,
                NOT_SHOWN,
                "is stored in plain text in the stack file",
                `set it with \`pulumi config set --secret ${key} < file\` (or type it after \`pulumi config set --secret ${key}\`)`,
            ),
        );
}

/** `a, b and c`. */
const listed = (items: readonly string[]): string =>
    items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;

/** A full key as the messages name it (`multicluster:mesh`); a key that is not a plain name is quoted, so its spaces and dots show. */
const fullKeyName = (key: string, namespace: string = CONFIG_NAMESPACE): string => `${namespace}:${shownKey(key)}`;

/** The heading of every refusal of a stack's config: the stack file and the namespace read. */
export function stackConfigSubject(stack: string): string {
    return `stack config Pulumi.${stack}.yaml (namespace ${CONFIG_NAMESPACE})`;
}

/** Keys of this namespace the project does not read, with the key most likely meant. */
function unknownKeys(keys: readonly string[]): ValidationIssue[] {
    const known = new Set<string>(configKeys);
    return keys
        .filter((key) => !known.has(key))
        .map((key) => {
            const meant = closestKey(key, configKeys);
            const fix =
                meant === undefined
                    ? `remove it or use one of ${configKeys.join(", ")}`
                    : meant === key.trim()
                      ? `remove the spaces around the key: write ${CONFIG_NAMESPACE}:${meant}`
                      : `write ${CONFIG_NAMESPACE}:${meant} (keys are case-sensitive), or remove it`;
            return issue(fullKeyName(key), NOT_SHOWN, "is not a config key of this project", fix);
        });
}

/** Known keys that are absent while a misspelling of them is given: their absence is that one mistake, reported once. */
function misspelledKeys(keys: readonly string[]): string[] {
    const known = new Set<string>(configKeys);
    return keys
        .filter((key) => !known.has(key))
        .map((key) => closestKey(key, configKeys))
        .filter((meant): meant is string => meant !== undefined && !keys.includes(meant));
}

/**
 * Known keys given as secrets although they are plain settings (Pulumi would hand the program no value for them),
 * and `secure:` values nested inside a key, each named by its own path where the reader saw it (`ssh.password`).
 */
function secretPlainKeys(secretKeys: readonly string[], securePaths: readonly string[]): ValidationIssue[] {
    const secret = new Set<string>(secretConfigKeys);
    const only = `only ${listed(secretConfigKeys)} are secrets`;
    return secretKeys
        .filter((key) => (configKeys as readonly string[]).includes(key))
        .flatMap((key) => {
            const nested = securePaths.filter((path) => path.startsWith(`${key}.`) || path.startsWith(`${key}[`));
            if (secret.has(key)) {
                return nested.map((path) =>
                    issue(
                        path,
                        NOT_SHOWN,
                        `is a secret (\`secure:\`) value nested inside ${key}`,
                        `make ${key} itself the secret: \`pulumi config set --secret ${key} < file\``,
                    ),
                );
            }
            if (nested.length > 0) {
                return nested.map((path) =>
                    issue(
                        path,
                        NOT_SHOWN,
                        `is a secret (\`secure:\`) value inside the plain setting ${key}`,
                        `write it in plain text if it is not a secret (pulumi config set --path without --secret), or remove it; ${only}`,
                    ),
                );
            }
            return [
                issue(
                    key,
                    NOT_SHOWN,
                    "is a secret (`secure:`) value, but this setting is plain configuration",
                    `write ${key} in plain text (pulumi config set without --secret); ${only}`,
                ),
            ];
        });
}

/** Full keys (`namespace:key`) in a namespace one typo away from this project's, e.g. `multicluser:mesh`. */
export function nearMissNamespaces(fullKeys: readonly string[]): ValidationIssue[] {
    return fullKeys.flatMap((fullKey) => {
        const separator = fullKey.indexOf(":");
        const namespace = separator < 0 ? "" : fullKey.slice(0, separator);
        if (!namespace || namespace === CONFIG_NAMESPACE || closestKey(namespace, [CONFIG_NAMESPACE]) === undefined) {
            return [];
        }
        const key = fullKey.slice(separator + 1);
        return [
            issue(
                fullKeyName(key, namespace),
                NOT_SHOWN,
                `is in namespace ${namespace}, which this project does not read`,
                `write it as ${fullKeyName(key)}`,
            ),
        ];
    });
}

/** Applies every key rule; returns the problems and the values the schema validates. */
export function screenKeys(
    values: Readonly<Record<string, unknown>>,
    secretKeys: readonly string[],
    foreignKeys: readonly string[],
    securePaths: readonly string[] = [],
): ScreenedKeys {
    const known = new Set<string>(configKeys);
    const secret = new Set<string>(secretConfigKeys);
    const present = [...new Set([...Object.keys(values), ...secretKeys])];
    const broken = [...secretKeys.filter((key) => known.has(key) && !secret.has(key)), ...misspelledKeys(present)];
    return {
        issues: [
            ...unknownKeys(present),
            ...secretPlainKeys(secretKeys, securePaths),
            ...checkSecretKeys(secretConfigKeys, values, secretKeys),
            ...nearMissNamespaces(foreignKeys),
        ],
        input: Object.fromEntries(
            Object.entries(values).filter(([key]) => known.has(key) && !secret.has(key) && !secretKeys.includes(key)),
        ),
        broken,
    };
}

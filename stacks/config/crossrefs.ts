// Rules on the secret config keys: they may be absent, but never stored in plain text.
import { ValidationIssue, issue } from "../../components/shared/validation";

/** Every secret key that is present in plain text (`values`) instead of as a secret (`secretKeys`). */
export function checkSecretKeys(
    keys: readonly string[], values: Readonly<Record<string, unknown>>, secretKeys: readonly string[],
): ValidationIssue[] {
    return keys.filter((key) => key in values && !secretKeys.includes(key)).map((key) =>
        issue(key, "[not shown]", "is stored in plain text in the stack file",
            `set it with \`pulumi config set --secret ${key} < file\` (or type it after \`pulumi config set --secret ${key}\`)`));
}

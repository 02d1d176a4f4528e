// Seals secret values for a state file: each secret becomes a salted hash, so a change is seen and the value never written.
import * as crypto from "crypto";
import { SIG_KEY, isSecretValue, secretValue, unwrapSecrets } from "./secret-values";

/** Marks a sealed secret's text. */
export const SEALED_PREFIX = "sealed:hmac-sha256:";

/** JSON with object keys sorted, so equal values have equal text whatever order their keys were built in. */
export function canonicalJson(value: unknown): string {
    return JSON.stringify(value, (_key, inner: unknown) =>
        inner !== null && typeof inner === "object" && !Array.isArray(inner)
            ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
            : inner,
    );
}

/** The sealed text of one secret value: an HMAC of its plain JSON under the state's salt. */
function sealedText(value: unknown, salt: Buffer): string {
    const digest = crypto
        .createHmac("sha256", salt)
        .update(canonicalJson(unwrapSecrets(value)))
        .digest("hex");
    return `${SEALED_PREFIX}${digest.slice(0, 32)}`;
}

/** A wire-encoded value with every secret replaced by a secret holding its sealed text (the wrapper stays: it is still secret). */
export function sealSecrets(value: unknown, salt: Buffer): unknown {
    if (isSecretValue(value)) {
        return secretValue(sealedText(value.value, salt));
    }
    if (Array.isArray(value)) {
        return value.map((item) => sealSecrets(item, salt));
    }
    if (typeof value === "object" && value !== null && !(SIG_KEY in value)) {
        return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, sealSecrets(inner, salt)]));
    }
    return value;
}

/** True when a value holds a secret anywhere (in a sealed value: a sealed secret). */
export function holdsSecret(value: unknown): boolean {
    if (isSecretValue(value)) {
        return true;
    }
    if (typeof value === "object" && value !== null && !(SIG_KEY in value)) {
        return Object.values(value).some(holdsSecret);
    }
    return false;
}

/** Whether a plain (unsealed) value seals to a sealed one. */
export function sealsTo(plain: unknown, sealed: unknown, salt: Buffer): boolean {
    return canonicalJson(sealSecrets(plain, salt)) === canonicalJson(sealed);
}

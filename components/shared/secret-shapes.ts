// What a secret looks like: key names that announce one, key material and tokens by shape, credentials inside URLs.
// Messages use it to never echo a secret; config validation uses it to refuse key material outside the secret keys.

/** Key names whose values are secrets, wherever they appear. */
const SECRET_KEY_NAME = /(privatekey|private_key|secret|passw|token|credential|^auth$|apikey|api_key)/i;

/** Texts shaped like key material: PEM blocks, hex runs, JWTs, kubeadm bootstrap tokens. */
const SECRET_SHAPES = [
    /-----BEGIN [A-Z0-9 ]+-----/,
    /PRIVATE KEY/,
    /^[A-Fa-f0-9]{32,}$/,
    /^eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}$/,
    /^[a-z0-9]{6}\.[a-z0-9]{16}$/,
];

/** `scheme://userinfo@` of a URL, and `user:password@` of a URL-like value without a scheme (never an image digest). */
const URL_CREDENTIALS =
    /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"']+@|(^|[\s"'(=,[])[^\s"'/@:[\]]+:[^\s"'/@]*@(?!sha(256|384|512):)(?=[A-Za-z0-9[])/gi;

/**
 * Private key material and bearer tokens that never belong in a plain setting, by shape, with what each is.
 * Certificates and public keys are not among them: CA and host-key settings take those.
 */
const KEY_MATERIAL: readonly (readonly [RegExp, string])[] = [
    [/-----BEGIN OPENSSH PRIVATE KEY-----|\bb3BlbnNzaC1rZXktdjE/, "an OpenSSH private key"],
    [/-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/, "a PEM private key block"],
    [/PuTTY-User-Key-File-\d+:/, "a PuTTY private key"],
    [/\bAGE-SECRET-KEY-1[0-9A-Z]{20,}/, "an age secret key"],
    [/\beyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}/, "a JSON Web Token"],
    [/\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_\w{30,})/, "a GitHub token"],
    [/\bglpat-[\w-]{20,}/, "a GitLab token"],
    [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, "a Slack token"],
    [/(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]+:[^\s/?#@]+@/i, "a password inside a URL (user:password@)"],
];

/** base64 of `-----BEGIN` (a base64-encoded PEM block, as Helm values often take keys). */
const BASE64_PEM = /LS0tLS1CRUdJTi[A-Za-z0-9+/=]*/g;

/** What kind of private key or token a text holds, if it holds one (a base64-encoded PEM private key counts). */
export function keyMaterialKind(text: string): string | undefined {
    const found = KEY_MATERIAL.find(([shape]) => shape.test(text));
    if (found) {
        return found[1];
    }
    const encoded = (text.match(BASE64_PEM) ?? []).some((run) => /PRIVATE KEY/.test(Buffer.from(run, "base64").toString("latin1")));
    return encoded ? "a base64-encoded PEM private key" : undefined;
}

/** The text with the credentials of every URL-like value replaced: `https://[not shown]@host`, `[not shown]@host`. */
export function scrubCredentials(text: string): string {
    return text.replace(
        URL_CREDENTIALS,
        (_run, scheme: string | undefined, before: string | undefined) => `${scheme ?? before ?? ""}[not shown]@`,
    );
}

/** A run of 32+ base64 characters mixing upper case, lower case and digits (random key material, not a name). */
function hasKeyRun(text: string): boolean {
    return (text.match(/[A-Za-z0-9+/_-]{32,}/g) ?? []).some((run) => /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run));
}

/** True when a value could be a secret: multi-line text, key material, or anything under a secret-looking key. */
export function mayBeSecret(value: unknown, depth = 0): boolean {
    if (typeof value === "string") {
        const text = value.replace(/sha256:[0-9a-f]{64}/g, "sha256:");
        return (
            /[\r\n]/.test(value) ||
            hasKeyRun(text) ||
            SECRET_SHAPES.some((shape) => shape.test(text)) ||
            keyMaterialKind(value) !== undefined
        );
    }
    if (value === null || typeof value !== "object" || depth > 8) {
        return false;
    }
    return Object.entries(value).some(([key, item]) => SECRET_KEY_NAME.test(key) || mayBeSecret(item, depth + 1));
}

/** Texts inside a message shaped like key material: PEM blocks, JWTs, tokens, kubeadm tokens, bare hex runs, mixed base64 runs. */
const SECRET_RUNS: readonly [RegExp, (run: string) => boolean][] = [
    [/-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(-----END [A-Z0-9 ]+-----|$)/g, () => true],
    [/eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}/g, () => true],
    [/\b(gh[pousr]_|github_pat_|glpat-|xox[abposr]-|AGE-SECRET-KEY-1)[\w-]{10,}/g, () => true],
    [/(?<![\w.])[a-z0-9]{6}\.[a-z0-9]{16}(?![\w.])/g, () => true],
    [/(?<!sha256:)(?<![A-Za-z0-9])[A-Fa-f0-9]{32,}(?![A-Za-z0-9])/g, (run) => /[0-9]/.test(run) && /[A-Fa-f]/.test(run)],
    [/[A-Za-z0-9+/_-]{32,}/g, hasKeyRun],
];

/** A message with every secret-shaped run, and every credential inside a URL, replaced by `[not shown]`. */
export function scrubSecrets(text: string): string {
    return SECRET_RUNS.reduce(
        (acc, [shape, secret]) => acc.replace(shape, (run) => (secret(run) ? "[not shown]" : run)),
        scrubCredentials(text),
    );
}

/** The last key of a printed key path (`labels["db password"]` → `db password`, `apiTokens[0]` → `apiTokens`). */
function lastKey(path: string): string {
    const quoted = /\["((?:[^"\\]|\\.)*)"\]$/.exec(path);
    if (quoted) {
        return JSON.parse(`"${quoted[1]}"`) as string;
    }
    return (
        path
            .replace(/(\[\d+\])+$/, "")
            .split(/[.[]/)
            .pop() ?? ""
    );
}

/** True when the last key of a key path names a secret (`labels.db-password`, `apiToken`): its value is never shown. */
export function isSecretPath(path: string): boolean {
    return SECRET_KEY_NAME.test(lastKey(path));
}

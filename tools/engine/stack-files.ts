// Reads Pulumi.yaml and Pulumi.<stack>.yaml the way the Pulumi CLI would hand them to a program, refusing what the CLI would not mean.
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as yaml from "js-yaml";

/** A stack's config as the runtime receives it. */
export interface StackFiles {
    /** Project name from Pulumi.yaml. */
    readonly project: string;
    /** Stack name. */
    readonly stack: string;
    /** Config by full key, values as text (objects as JSON). */
    readonly config: Record<string, string>;
    /** Full keys holding `secure:` values (simulated here, since they cannot be decrypted offline). */
    readonly secretKeys: string[];
}

/** A stack or project file that cannot be read as written: one sentence naming the file (and line) and the fix. */
export class StackFileError extends pulumi.RunError {
    constructor(message: string) {
        super(message);
        this.name = "StackFileError";
    }
}

/** Top-level keys of a stack file that Pulumi reads. */
const STACK_FILE_KEYS = ["config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"];

/** A stack name as `pulumi stack init` accepts it for a file in this directory (no path, no organisation). */
export const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** Lists the stack names that have a `Pulumi.<stack>.yaml` in the project directory. */
export function listStacks(projectDir: string): string[] {
    return fs.readdirSync(projectDir)
        .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
        .filter((stack): stack is string => stack !== undefined && STACK_NAME.test(stack))
        .sort();
}

/** A stand-in for a `secure:` value: real-looking material of the right kind, never the real secret. */
export function simulatedSecret(key: string): string {
    if (/privatekey/i.test(key)) {
        return crypto.generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    }
    return `simulated-${crypto.randomBytes(12).toString("hex")}`;
}

/** Replaces `secure:` leaves inside an object value; reports whether any was found. */
function replaceSecure(value: unknown, key: string): { value: unknown; secret: boolean } {
    if (Array.isArray(value)) {
        const items = value.map((item) => replaceSecure(item, key));
        return { value: items.map((item) => item.value), secret: items.some((item) => item.secret) };
    }
    if (typeof value === "object" && value !== null) {
        const record = value as Record<string, unknown>;
        if (Object.keys(record).length === 1 && typeof record.secure === "string") {
            return { value: simulatedSecret(key), secret: true };
        }
        const entries = Object.entries(record).map(([inner, item]) => [inner, replaceSecure(item, inner)] as const);
        return {
            value: Object.fromEntries(entries.map(([inner, item]) => [inner, item.value])),
            secret: entries.some(([, item]) => item.secret),
        };
    }
    return { value, secret: false };
}

/** Line (1-based) of a character offset. */
const lineAt = (text: string, offset: number): number => text.slice(0, offset).split("\n").length;

/**
 * Parses one YAML document. Anchors (and so aliases) are refused: an alias expands by reference, and a 1 KB
 * file of nested aliases expands to gigabytes once serialised. Syntax errors and duplicate keys name the line.
 */
export function parseYamlFile(text: string, file: string): unknown {
    const listener = (event: string, state: { anchor: string | null; position: number; input: string }) => {
        if (event === "close" && state.anchor !== null) {
            throw new StackFileError(`${file} line ${lineAt(state.input, state.position)}: the YAML anchor &${state.anchor} is not allowed in a stack ` +
                "file (an alias of it expands by reference, without bound); fix: write every value out.");
        }
    };
    try {
        return yaml.load(text, { filename: file, listener: listener as never });
    } catch (error) {
        if (error instanceof StackFileError) {
            throw error;
        }
        const failure = error as { reason?: string; mark?: { line?: number } };
        const line = failure.mark?.line === undefined ? "" : ` line ${failure.mark.line + 1}`;
        const reason = failure.reason ?? String(error);
        const fix = /duplicated mapping key/.test(reason) ? "keep each key once"
            : "correct that line (indent with spaces, quote values that contain ': ' or start with '*', '&', '!' or '%')";
        throw new StackFileError(`${file}${line}: ${reason}, so the file is not valid YAML; fix: ${fix}.`);
    }
}

/** The `config:` map of a stack file, after checking its top-level keys. */
function configOf(parsed: unknown, file: string): Record<string, unknown> {
    if (parsed === undefined || parsed === null) {
        return {};
    }
    if (typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new StackFileError(`${file}: the file is not a map of settings; fix: start it with "config:" and list the keys under it.`);
    }
    const unknown = Object.keys(parsed).filter((key) => !STACK_FILE_KEYS.includes(key));
    if (unknown.length > 0) {
        throw new StackFileError(`${file}: top-level key ${unknown.map((key) => JSON.stringify(key)).join(", ")} is not one Pulumi reads ` +
            `(${STACK_FILE_KEYS.join(", ")}); fix: put every setting under "config:".`);
    }
    const config = (parsed as { config?: unknown }).config ?? {};
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
        throw new StackFileError(`${file}: "config" is not a map of keys to values; fix: list one "namespace:key: value" per line under it.`);
    }
    return config as Record<string, unknown>;
}

/** Reads the project name and the stack's config. */
export function readStackFiles(projectDir: string, stack: string): StackFiles {
    if (!STACK_NAME.test(stack) || stack === "." || stack === "..") {
        throw new StackFileError(`stack name ${JSON.stringify(stack)} is not a stack name (letters, digits, '_', '.' and '-'); ` +
            `fix: give the name of a Pulumi.<stack>.yaml in this directory: ${listStacks(projectDir).join(", ")}.`);
    }
    const projectFile = parseYamlFile(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8"), "Pulumi.yaml") as { name: string };
    const stackFile = `Pulumi.${stack}.yaml`;
    if (!fs.existsSync(path.join(projectDir, stackFile))) {
        throw new StackFileError(`no stack file ${stackFile}; fix: use one of the stacks here: ${listStacks(projectDir).join(", ")}.`);
    }
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    const given = new Map<string, string>();
    for (const [key, raw] of Object.entries(configOf(parseYamlFile(fs.readFileSync(path.join(projectDir, stackFile), "utf8"), stackFile), stackFile))) {
        const fullKey = key.includes(":") ? key : `${projectFile.name}:${key}`;
        const earlier = given.get(fullKey);
        if (earlier !== undefined) {
            throw new StackFileError(`${stackFile}: ${fullKey} is given twice, as ${JSON.stringify(earlier)} and as ${JSON.stringify(key)}, ` +
                `and Pulumi would silently use one of them; fix: keep one, written ${fullKey}.`);
        }
        given.set(fullKey, key);
        const { value, secret } = replaceSecure(raw, key);
        config[fullKey] = typeof value === "string" ? value : JSON.stringify(value);
        if (secret) {
            secretKeys.push(fullKey);
        }
    }
    return { project: projectFile.name, stack, config, secretKeys };
}

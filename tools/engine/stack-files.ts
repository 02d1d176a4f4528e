// Reads Pulumi.yaml and Pulumi.<stack>.yaml the way the Pulumi CLI would hand them to a program, refusing what the CLI would not mean.
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { ExactDigits, StackFileError, jsonText, parseYamlFile } from "./yaml-file";

export { StackFileError, parseYamlFile } from "./yaml-file";

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

/** Top-level keys of a stack file that Pulumi reads. */
const STACK_FILE_KEYS = ["config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"];

/** Longest stack name `pulumi stack init` accepts. */
const MAX_STACK_NAME = 100;

/** A stack name as `pulumi stack init` accepts it for a file in this directory (no path, no organisation). */
export const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** Lists the stack names that have a `Pulumi.<stack>.yaml` file in the project directory. */
export function listStacks(projectDir: string): string[] {
    return fs.readdirSync(projectDir, { withFileTypes: true })
        .filter((entry) => !entry.isDirectory())
        .map((entry) => /^Pulumi\.(.+)\.yaml$/.exec(entry.name)?.[1])
        .filter((stack): stack is string => stack !== undefined && STACK_NAME.test(stack))
        .sort();
}

/** The stacks of the directory for a fix: the first few, then how many more. */
function stacksHere(projectDir: string): string {
    const stacks = listStacks(projectDir);
    const shown = stacks.slice(0, 10).join(", ");
    return stacks.length === 0 ? "(there is none yet)" : stacks.length > 10 ? `${shown}, ... (${stacks.length - 10} more)` : shown;
}

/** Why a stack name cannot name a stack file of this directory, if it cannot. */
function stackNameProblem(stack: string, projectDir: string): StackFileError | undefined {
    const fix = `fix: give the name of a Pulumi.<stack>.yaml in this directory: ${stacksHere(projectDir)}.`;
    if (stack.length > MAX_STACK_NAME) {
        return new StackFileError(`stack name ${JSON.stringify(stack.slice(0, 40))}... (${stack.length} characters) is longer than ${MAX_STACK_NAME} characters, ` +
            `the most a stack name has; ${fix}`);
    }
    if (!STACK_NAME.test(stack) || stack === "." || stack === "..") {
        return new StackFileError(`stack name ${JSON.stringify(stack)} is not a stack name (letters, digits, '_', '.' and '-'); ${fix}`);
    }
    return undefined;
}

/** The text of a project file; a missing, unreadable or non-file path is one sentence naming it. */
function readText(projectDir: string, file: string, missing: string): string {
    const full = path.join(projectDir, file);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (!stat) {
        throw new StackFileError(missing);
    }
    if (!stat.isFile()) {
        throw new StackFileError(`${file} is ${stat.isDirectory() ? "a directory" : "not a regular file"}, not a stack or project file; ` +
            `fix: remove or rename it, and keep the config in a file named ${file}.`);
    }
    try {
        return fs.readFileSync(full, "utf8");
    } catch (error) {
        const code = (error as { code?: string }).code;
        throw new StackFileError(`${file} cannot be read${code === "EACCES" ? " (permission denied)" : ""}; fix: make it a readable file.`);
    }
}

/** The project name of Pulumi.yaml. */
function projectName(projectDir: string): string {
    const parsed = parseYamlFile(readText(projectDir, "Pulumi.yaml", "no Pulumi.yaml in this directory; fix: run the render in the project directory."), "Pulumi.yaml");
    const name = parsed !== null && typeof parsed === "object" ? (parsed as { name?: unknown }).name : undefined;
    if (typeof name !== "string" || name === "") {
        throw new StackFileError('Pulumi.yaml has no project name; fix: add a line "name: <project>".');
    }
    return name;
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
    if (value instanceof ExactDigits) {
        return { value, secret: false };
    }
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
    const badName = stackNameProblem(stack, projectDir);
    if (badName) {
        throw badName;
    }
    const project = projectName(projectDir);
    const stackFile = `Pulumi.${stack}.yaml`;
    const text = readText(projectDir, stackFile, `no stack file ${stackFile}; fix: use one of the stacks here: ${stacksHere(projectDir)}.`);
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    const given = new Map<string, string>();
    for (const [key, raw] of Object.entries(configOf(parseYamlFile(text, stackFile), stackFile))) {
        const fullKey = key.includes(":") ? key : `${project}:${key}`;
        const earlier = given.get(fullKey);
        if (earlier !== undefined) {
            throw new StackFileError(`${stackFile}: ${fullKey} is given twice, as ${JSON.stringify(earlier)} and as ${JSON.stringify(key)}, ` +
                `and Pulumi would silently use one of them; fix: keep one, written ${fullKey}.`);
        }
        given.set(fullKey, key);
        const { value, secret } = replaceSecure(raw, key);
        config[fullKey] = typeof value === "string" ? value : jsonText(value);
        if (secret) {
            secretKeys.push(fullKey);
        }
    }
    return { project, stack, config, secretKeys };
}

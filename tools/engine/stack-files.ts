// Reads Pulumi.yaml and Pulumi.<stack>.yaml the way the Pulumi CLI would hand them to a program, refusing what the CLI would not mean.
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { ValidationIssue, issue, NOT_SHOWN } from "../../components/shared/validation";
import { StackFileError, configKeyName, fileIssue, jsonText, parseYamlFile, readYamlFile } from "./yaml-file";
import { ExactDigits } from "./yaml-screen";
import { derivePrivateKey } from "./derived-keys";
import { Entropy } from "./entropy";

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
    return fs
        .readdirSync(projectDir, { withFileTypes: true })
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
    const fix = `give the name of a Pulumi.<stack>.yaml in this directory: ${stacksHere(projectDir)}`;
    if (stack.length > MAX_STACK_NAME) {
        return new StackFileError("stack name", [
            issue("--stack", stack, `is longer than ${MAX_STACK_NAME} characters, the most a stack name has`, fix),
        ]);
    }
    if (stack === "." || stack === "..") {
        return new StackFileError("stack name", [issue("--stack", stack, "names a directory, not a stack", fix)]);
    }
    if (!STACK_NAME.test(stack)) {
        return new StackFileError("stack name", [issue("--stack", stack, "is not a stack name (letters, digits, '_', '.' and '-')", fix)]);
    }
    return undefined;
}

/** The text of a project file; a missing, unreadable or non-file path is refused under `subject`, with `missingFix`. */
function readText(projectDir: string, file: string, subject: string, missingFix: string): string {
    const full = path.join(projectDir, file);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (!stat) {
        throw new StackFileError(subject, [issue(file, undefined, "", missingFix)]);
    }
    if (!stat.isFile()) {
        throw new StackFileError(subject, [
            fileIssue(
                { path: file },
                `is ${stat.isDirectory() ? "a directory" : "not a regular file"}, not a stack or project file`,
                `remove or rename it, and keep the config in a file named ${file}`,
            ),
        ]);
    }
    let bytes: Buffer;
    try {
        bytes = fs.readFileSync(full);
    } catch (error) {
        const code = (error as { code?: string }).code;
        throw new StackFileError(subject, [
            fileIssue({ path: file }, `cannot be read${code === "EACCES" ? " (permission denied)" : ""}`, "make it a readable file"),
        ]);
    }
    const text = bytes.toString("utf8");
    if (!Buffer.from(text, "utf8").equals(bytes)) {
        const line = text.slice(0, text.indexOf("\uFFFD")).split("\n").length;
        throw new StackFileError(subject, [
            fileIssue({ line }, "holds bytes that are not UTF-8 text, which the Pulumi CLI refuses", `save ${file} as UTF-8`),
        ]);
    }
    return text;
}

/** The project name of Pulumi.yaml. */
function projectName(projectDir: string): string {
    const subject = "project file Pulumi.yaml";
    const parsed = parseYamlFile(readText(projectDir, "Pulumi.yaml", subject, "run the render in the project directory"), subject);
    const name = parsed !== null && typeof parsed === "object" ? (parsed as { name?: unknown }).name : undefined;
    if (typeof name !== "string" || name === "") {
        throw new StackFileError(subject, [
            issue("name", name === "" ? name : undefined, name === "" ? "is empty" : "", 'add a line "name: <project>" to Pulumi.yaml'),
        ]);
    }
    return name;
}

/**
 * A stand-in for a `secure:` value: real-looking material of the right kind (a key, `<username>:<password>`), never
 * the real secret; from `entropy` when given (the same stream, the same stand-in).
 */
export function simulatedSecret(key: string, entropy?: Entropy): string {
    const bytes = (n: number) => (entropy ? entropy.bytes(n) : crypto.randomBytes(n));
    if (/privatekey/i.test(key)) {
        const pair = entropy ? derivePrivateKey("ED25519", 0, "", entropy) : crypto.generateKeyPairSync("ed25519").privateKey;
        return pair.export({ type: "pkcs8", format: "pem" }).toString();
    }
    const text = `simulated-${bytes(12).toString("hex")}`;
    return /auth$/i.test(key) ? `${text}:${bytes(12).toString("hex")}` : text;
}

/** A `{ secure: <ciphertext> }` value. */
function isSecure(value: unknown): boolean {
    return (
        value !== null &&
        typeof value === "object" &&
        !Array.isArray(value) &&
        Object.keys(value).length === 1 &&
        typeof (value as { secure?: unknown }).secure === "string"
    );
}

/** Whether a `secure:` value is nested anywhere inside a value. */
function holdsSecure(value: unknown): boolean {
    if (value === null || typeof value !== "object" || value instanceof ExactDigits) {
        return false;
    }
    return isSecure(value) || Object.values(value).some(holdsSecure);
}

/** The `config:` map of a stack file, and the problems of its top level (keys Pulumi does not read, a `config` that is no map). */
function configOf(parsed: unknown): { config: Record<string, unknown>; issues: ValidationIssue[] } {
    if (parsed === undefined || parsed === null) {
        return { config: {}, issues: [] };
    }
    if (typeof parsed !== "object" || Array.isArray(parsed)) {
        return { config: {}, issues: [fileIssue({}, "is not a map of settings", 'start it with "config:" and list the keys under it')] };
    }
    const issues = Object.keys(parsed)
        .filter((key) => !STACK_FILE_KEYS.includes(key))
        .map((key) =>
            issue(
                configKeyName(key),
                NOT_SHOWN,
                `is not a top-level key Pulumi reads (${STACK_FILE_KEYS.join(", ")})`,
                'put every setting under "config:"',
            ),
        );
    const config = (parsed as { config?: unknown }).config ?? {};
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
        return {
            config: {},
            issues: [
                ...issues,
                issue("config", NOT_SHOWN, "is not a map of keys to values", 'list one "namespace:key: value" per line under it'),
            ],
        };
    }
    return { config: config as Record<string, unknown>, issues };
}

/** Keys given both short and namespaced (`mesh` and `multicluster:mesh`): Pulumi would silently use one of them. */
function twiceGiven(keys: readonly string[], project: string): ValidationIssue[] {
    const given = new Map<string, string>();
    return keys.flatMap((key) => {
        const fullKey = key.includes(":") ? key : `${project}:${key}`;
        const earlier = given.get(fullKey);
        given.set(fullKey, earlier ?? key);
        return earlier === undefined
            ? []
            : [
                  fileIssue(
                      { path: configKeyName(fullKey) },
                      `is given twice, as ${JSON.stringify(earlier)} and as ${JSON.stringify(key)}, and Pulumi would silently use one of them`,
                      `keep one, written ${configKeyName(fullKey)}`,
                  ),
              ];
    });
}

/**
 * Reads the project name and the stack's config, refusing together, in the one config message format, every value
 * Pulumi could not pass on as written and every key it would not read. A top-level `secure:` value becomes a
 * stand-in; one nested inside a value is passed on as written (it cannot be decrypted offline, and the program
 * names it by its own path), its key counted secret as Pulumi counts it. `standIn` makes the stand-in (default:
 * fresh random material; a render that keeps state derives it from its seed, the key and the ciphertext).
 */
export function readStackFiles(
    projectDir: string,
    stack: string,
    standIn: (key: string, ciphertext: string) => string = (key) => simulatedSecret(key),
): StackFiles {
    const badName = stackNameProblem(stack, projectDir);
    if (badName) {
        throw badName;
    }
    const project = projectName(projectDir);
    const stackFile = `Pulumi.${stack}.yaml`;
    const subject = `stack config ${stackFile} (namespace ${project})`;
    const text = readText(projectDir, stackFile, subject, `use one of the stacks here: ${stacksHere(projectDir)}`);
    const read = readYamlFile(text, subject);
    const { config: given, issues } = configOf(read.value);
    const problems = [...read.issues, ...issues, ...twiceGiven(Object.keys(given), project)];
    if (problems.length > 0) {
        throw new StackFileError(subject, problems);
    }
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, raw] of Object.entries(given)) {
        const fullKey = key.includes(":") ? key : `${project}:${key}`;
        const value = isSecure(raw) ? standIn(key, (raw as { secure: string }).secure) : raw;
        config[fullKey] = typeof value === "string" ? value : jsonText(value);
        if (holdsSecure(raw)) {
            secretKeys.push(fullKey);
        }
    }
    return { project, stack, config, secretKeys };
}

// Reads Pulumi.yaml and Pulumi.<stack>.yaml the way the Pulumi CLI would hand them to a program.
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { fromYaml } from "../../components/shared/yaml";

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

/** Lists the stack names that have a `Pulumi.<stack>.yaml` in the project directory. */
export function listStacks(projectDir: string): string[] {
    return fs.readdirSync(projectDir)
        .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
        .filter((stack): stack is string => stack !== undefined)
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

/** Reads the project name and the stack's config. */
export function readStackFiles(projectDir: string, stack: string): StackFiles {
    const projectFile = fromYaml(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) as { name: string };
    const stackPath = path.join(projectDir, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(stackPath)) {
        throw new Error(`no stack file ${path.basename(stackPath)}; stacks here: ${listStacks(projectDir).join(", ")}`);
    }
    const stackFile = (fromYaml(fs.readFileSync(stackPath, "utf8")) ?? {}) as { config?: Record<string, unknown> };
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, raw] of Object.entries(stackFile.config ?? {})) {
        const fullKey = key.includes(":") ? key : `${projectFile.name}:${key}`;
        const { value, secret } = replaceSecure(raw, key);
        config[fullKey] = typeof value === "string" ? value : JSON.stringify(value);
        if (secret) {
            secretKeys.push(fullKey);
        }
    }
    return { project: projectFile.name, stack, config, secretKeys };
}

// Test harness: a stack file read and validated the way `npm run render` does it (file, runtime config, program's loader), without a process.
import * as pulumi from "@pulumi/pulumi";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigValidationError } from "../../components/shared/validation";
import { readRawStackConfig } from "../../stacks/config/load";
import { parseStackConfig } from "../../stacks/validate";
import { readStackFiles } from "../../tools/engine/stack-files";

const projectDir = path.resolve(__dirname, "..", "..");

/** A throwaway project directory with this project's Pulumi.yaml and program, and the given stack files (`{ stack: yaml }`). */
export function scratchProject(stacks: Readonly<Record<string, string>>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "refusal-"));
    fs.copyFileSync(path.join(projectDir, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, "index.ts"), `export = require(${JSON.stringify(path.join(projectDir, "index.ts"))});\n`);
    Object.entries(stacks).forEach(([stack, yaml]) => fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), yaml));
    return dir;
}

/** Runs `npm run render -- --stack <stack>` (the CLI itself) in `cwd`: its exit status and error output. */
export function renderCli(cwd: string, stack: string): { status: number | null; stderr: string } {
    const result = spawnSync(
        process.execPath,
        ["-r", require.resolve("ts-node/register/transpile-only"), path.join(projectDir, "tools", "render-cli.ts"), "--stack", stack],
        { cwd, encoding: "utf8", env: { ...process.env, TS_NODE_PROJECT: path.join(projectDir, "tsconfig.json") } },
    );
    return { status: result.status, stderr: result.stderr };
}

/**
 * The whole refusal `npm run render -- --stack s` prints for a stack file (heading and bullets), "" when it is
 * valid: the engine reads the file, hands the config to the runtime as Pulumi would, and the program's loader
 * validates it. Anything but a config refusal is rethrown (a test must never pass on a crash).
 */
export function refusalOf(yaml: string): string {
    const dir = scratchProject({ s: yaml });
    try {
        const files = readStackFiles(dir, "s");
        pulumi.runtime.setAllConfig({ ...files.config }, [...files.secretKeys]);
        parseStackConfig({ ...readRawStackConfig(), project: files.project, stack: files.stack });
        return "";
    } catch (error) {
        if (error instanceof ConfigValidationError) {
            return error.message;
        }
        throw error;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** The heading every refusal of `Pulumi.s.yaml` starts with, for `count` problems. */
export const heading = (count: number): string =>
    `stack config Pulumi.s.yaml (namespace multicluster) is invalid (${count === 1 ? "1 problem" : `${count} problems`}):`;

/** A whole refusal: the heading, then one bullet per sentence. */
export const refusal = (...sentences: string[]): string =>
    [heading(sentences.length), ...sentences.map((sentence) => `  - ${sentence}`)].join("\n");

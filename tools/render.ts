// The offline render engine: runs the real stack program under the mock runtime and writes reviewable files.
import * as fs from "fs";
import * as path from "path";
import { parseStackConfig, readRawStackConfig } from "../stacks/config/load";
import { renderTopology } from "../stacks/topology";
import { Artifacts, renderArtifacts } from "./engine/artifacts";
import { Plan, buildPlan } from "./engine/plan";
import { RunResult, runProgram } from "./engine/run";
import { redactSecrets } from "./engine/secret-values";
import { freshRequire } from "./engine/fresh-require";
import { readStackFiles } from "./engine/stack-files";

/** Options of one render. */
export interface RenderOptions {
    /** Directory holding Pulumi.yaml, the stack files and index.ts. */
    readonly projectDir: string;
    /** Stack name. */
    readonly stack: string;
    /** Show secret values instead of "[secret]". */
    readonly showSecrets: boolean;
    /** Program entry (default `<projectDir>/index.ts`). */
    readonly entry?: string;
}

/** Result of one render. */
export interface RenderResult {
    /** Raw run result (records keep wire-encoded secrets: never write them out). */
    readonly run: RunResult;
    /** The plan (redacted unless shown). */
    readonly plan: Plan;
    /** Every file to write, by relative path. */
    readonly files: Artifacts;
}

/** Runs the stack program offline and builds its artifacts; errors are returned in `run.error`. */
export async function renderStack(options: RenderOptions): Promise<RenderResult> {
    const files = readStackFiles(options.projectDir, options.stack);
    const entry = options.entry ?? path.join(options.projectDir, "index.ts");
    const run = await runProgram({ ...files, program: () => freshRequire(entry, options.projectDir) });
    const plan = buildPlan(files.project, files.stack, run.records, options.showSecrets);
    const topology = run.error ? undefined : renderTopology(parseStackConfig(readRawStackConfig()));
    const outputs = redactSecrets(run.outputs ?? {}, options.showSecrets).value;
    return { run, plan, files: renderArtifacts(plan, outputs, topology) };
}

const managed = ["plan.json", "outputs.json", "topology.md", "scripts", "helm", "manifests"];

/** Writes artifacts into `outDir`, first removing what an earlier render wrote there. */
export function writeArtifacts(outDir: string, files: Artifacts): void {
    fs.mkdirSync(outDir, { recursive: true });
    managed.forEach((entry) => fs.rmSync(path.join(outDir, entry), { recursive: true, force: true }));
    for (const [relative, content] of files) {
        const target = path.join(outDir, relative);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, content, { mode: relative.endsWith(".sh") ? 0o755 : 0o644 });
    }
}

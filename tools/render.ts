// The offline render engine: runs the real stack program under the mock runtime and writes reviewable files.
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig, readRawStackConfig } from "../stacks/config/load";
import { renderTopology } from "../stacks/topology";
import { Artifacts, renderArtifacts } from "./engine/artifacts";
import { AwaitProblem, awaitFailure, checkAwaits } from "./engine/await-check";
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
    /** Raw run result (records keep wire-encoded secrets: never write them out); await problems are its error. */
    readonly run: RunResult;
    /** What a real `pulumi up` would hit that the mock runtime does not (`engine/await-check.ts`). */
    readonly awaitProblems: readonly AwaitProblem[];
    /** The plan (redacted unless shown). */
    readonly plan: Plan;
    /** Every file to write, by relative path. */
    readonly files: Artifacts;
}

/**
 * Runs the stack program offline, checks what pulumi-kubernetes would await, and builds its artifacts; errors
 * (the program's, or the await problems as one user error) are returned in `run.error`.
 */
export async function renderStack(options: RenderOptions): Promise<RenderResult> {
    const files = readStackFiles(options.projectDir, options.stack);
    const entry = options.entry ?? path.join(options.projectDir, "index.ts");
    const ran = await runProgram({ ...files, program: () => freshRequire(entry, options.projectDir) });
    const awaitProblems = ran.error ? [] : checkAwaits(ran.records);
    const run = awaitProblems.length > 0 ? { ...ran, error: awaitFailure(options.stack, awaitProblems) } : ran;
    const plan = buildPlan(files.project, files.stack, run.records, options.showSecrets);
    const topology = run.error ? undefined : renderTopology(parseStackConfig(readRawStackConfig()));
    const outputs = redactSecrets(run.outputs ?? {}, options.showSecrets).value;
    return { run, awaitProblems, plan, files: renderArtifacts(plan, outputs, topology) };
}

/** What a render writes into its directory, and the file that marks a directory as one `npm run render` created. */
const managed = ["plan.json", "outputs.json", "topology.md", "scripts", "helm", "manifests"];
/** Marks a directory as written by `npm run render` (only such a directory is ever cleared). */
export const RENDER_MARKER = ".multicluster-render";

/**
 * Writes artifacts into `outDir`, first removing what an earlier render wrote there. A directory that exists with
 * files but without the render marker was not made by a render: it is refused, never cleared.
 */
export function writeArtifacts(outDir: string, files: Artifacts): void {
    if (fs.existsSync(outDir)) {
        if (!fs.statSync(outDir).isDirectory()) {
            throw new pulumi.RunError(`--out ${outDir} is a file, not a directory; fix: give a new or empty directory.`);
        }
        const entries = fs.readdirSync(outDir);
        if (entries.length > 0 && !entries.includes(RENDER_MARKER)) {
            throw new pulumi.RunError(`--out ${outDir} already holds files that npm run render did not write (no ${RENDER_MARKER} in it), ` +
                "and a render never clears what it did not create; fix: give a new or empty directory.");
        }
    }
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, RENDER_MARKER), "written by npm run render; the render clears plan.json, outputs.json, topology.md, scripts/, helm/ and manifests/ here\n");
    managed.forEach((entry) => fs.rmSync(path.join(outDir, entry), { recursive: true, force: true }));
    for (const [relative, content] of files) {
        const target = path.join(outDir, relative);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, content, { mode: relative.endsWith(".sh") ? 0o755 : 0o644 });
    }
}

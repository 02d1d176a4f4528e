// The offline render engine: runs the real stack program under the mock runtime and writes reviewable files.
import * as fs from "fs";
import * as path from "path";
import { ConfigValidationError, issue } from "../components/shared/validation";
import { readRawStackConfig } from "../stacks/config/load";
import { parseStackConfig } from "../stacks/validate";
import { renderTopology } from "../stacks/topology";
import { Artifacts, renderArtifacts } from "./engine/artifacts";
import { AwaitProblem, awaitFailure, checkAwaits } from "./engine/await-check";
import { Plan, buildPlan } from "./engine/plan";
import { RunResult, runProgram } from "./engine/run";
import { redactSecrets } from "./engine/secret-values";
import { freshRequire } from "./engine/fresh-require";
import { readStackFiles } from "./engine/stack-files";
import { DiffReport } from "./engine/diff-report";
import { Against, keptState, stateArtifacts } from "./engine/render-state";
import { refuseVersionJumps } from "./engine/version-jumps";

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
    /** Keep the engine state (`.state/engine-state.json`, secrets sealed) among the files, for a later `--against`. */
    readonly keepState?: boolean;
    /** Simulate an update from an earlier render's state, and add diff.json and diff.md (implies `keepState`). */
    readonly against?: Against;
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
    /** The diff against the earlier render (with `against`, when the program ran). */
    readonly report?: DiffReport;
}

/**
 * Runs the stack program offline, checks what pulumi-kubernetes would await, and builds its artifacts; errors
 * (the program's, or the await problems as one user error) are returned in `run.error`.
 */
export async function renderStack(options: RenderOptions): Promise<RenderResult> {
    const kept = options.keepState || options.against ? keptState(options.against?.state) : undefined;
    const files = readStackFiles(options.projectDir, options.stack, kept?.seeded.standIn);
    const entry = options.entry ?? path.join(options.projectDir, "index.ts");
    const ran = await runProgram({ ...files, program: () => freshRequire(entry, options.projectDir), simulation: kept?.simulation });
    const awaitProblems = ran.error ? [] : checkAwaits(ran.records);
    const awaited = awaitProblems.length > 0 ? { ...ran, error: awaitFailure(options.stack, awaitProblems) } : ran;
    // An update from PREV that upstream refuses (a Kubernetes skew kubeadm cannot upgrade, a chart jump) fails here.
    const run = refuseVersionJumps(awaited, options.stack, options.against);
    const plan = buildPlan(files.project, files.stack, run.records, options.showSecrets);
    const topology = run.error ? undefined : renderTopology(parseStackConfig(readRawStackConfig()));
    const outputs = redactSecrets(run.outputs ?? {}, options.showSecrets).value;
    const artifacts = renderArtifacts(plan, outputs, topology);
    const extra = kept && !run.error ? stateArtifacts(kept, files.project, options.stack, run.records, options.against) : undefined;
    extra?.files.forEach((content, relative) => artifacts.set(relative, content));
    return { run, awaitProblems, plan, files: artifacts, report: extra?.report };
}

/** What a render writes into its directory, and the file that marks a directory as one `npm run render` created. */
const managed = ["plan.json", "outputs.json", "topology.md", "scripts", "helm", "manifests", ".state", "diff.json", "diff.md"];
/** Marks a directory as written by `npm run render` (only such a directory is ever cleared). */
export const RENDER_MARKER = ".multicluster-render";

/** Why `--out` cannot take a render, if it cannot: a file, a directory of other files, a path that cannot be created. */
function outDirProblem(outDir: string): { problem: string; fix: string } | undefined {
    const fix = "give a new or empty directory";
    try {
        const stat = fs.statSync(outDir, { throwIfNoEntry: false });
        if (stat && !stat.isDirectory()) {
            return { problem: "is a file, not a directory", fix };
        }
        const entries = stat ? fs.readdirSync(outDir) : [];
        if (entries.length > 0 && !entries.includes(RENDER_MARKER)) {
            return {
                problem: `already holds files that npm run render did not write (no ${RENDER_MARKER} in it), and a render never clears what it did not create`,
                fix,
            };
        }
        makeDirectory(outDir);
        return undefined;
    } catch (error) {
        const code = String((error as { code?: unknown }).code ?? "");
        const reasons: Record<string, string> = {
            EACCES: "permission denied",
            EPERM: "permission denied",
            ENOTDIR: "a part of its path is a file",
            EROFS: "the file system is read-only",
        };
        return {
            problem: `cannot be created or read (${reasons[code] ?? "the file system refuses it"})`,
            fix: `${fix} in a writable place`,
        };
    }
}

/** Creates a directory and its missing parents one level at a time (Node's recursive mkdir never returns on some paths, such as /proc/x). */
function makeDirectory(dir: string): void {
    if (fs.existsSync(dir)) {
        return;
    }
    const parent = path.dirname(dir);
    if (parent !== dir) {
        makeDirectory(parent);
    }
    fs.mkdirSync(dir);
}

/**
 * Writes artifacts into `outDir`, first removing what an earlier render wrote there. A directory that exists with
 * files but without the render marker was not made by a render: it is refused, never cleared; so is a path that
 * is a file or cannot be created, in the one refusal format.
 */
export function writeArtifacts(outDir: string, files: Artifacts): void {
    const refused = outDirProblem(outDir);
    if (refused) {
        throw new ConfigValidationError("output directory", [issue("--out", outDir, refused.problem, refused.fix)]);
    }
    fs.writeFileSync(
        path.join(outDir, RENDER_MARKER),
        "written by npm run render; the render clears plan.json, outputs.json, topology.md, scripts/, helm/, manifests/, .state/, diff.json and diff.md here\n",
    );
    managed.forEach((entry) => fs.rmSync(path.join(outDir, entry), { recursive: true, force: true }));
    for (const [relative, content] of files) {
        const target = path.join(outDir, relative);
        makeDirectory(path.dirname(target));
        fs.writeFileSync(target, content, { mode: relative.endsWith(".sh") ? 0o755 : 0o644 });
    }
}

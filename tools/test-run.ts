// `npm test [-- <files or dirs> <mocha options>]`: typecheck (and, for the whole suite, lint), then mocha in parallel workers.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The repository root. */
const ROOT = path.resolve(__dirname, "..");
/** Recorded seconds per test file, to start the heaviest files first (`npm run test:durations` rewrites it). */
const DURATIONS_FILE = path.join(__dirname, "test-durations.json");
/** Where mocha looks for tests when no file is named. */
const TEST_DIR = path.join(ROOT, "test");

/** The end of one child process: its name, exit status, captured output and wall seconds. */
interface Outcome {
    /** What ran (for the log). */
    readonly name: string;
    /** Exit status (1 when it died of a signal). */
    readonly status: number;
    /** Captured stdout and stderr, empty when it printed straight to the terminal. */
    readonly output: string;
    /** Wall seconds. */
    readonly seconds: number;
}

/** What the command line asks for: test files (empty: all), other mocha arguments, and whether lint runs. */
interface Request {
    /** Test files named on the command line (directories expanded), repo-relative. */
    readonly files: string[];
    /** Everything else, passed to mocha as it is (`--grep x`, globs). */
    readonly mochaArgs: string[];
    /** True when nothing narrowed the run: the whole suite runs, and so does lint. */
    readonly whole: boolean;
}

/** Runs a Node script from node_modules; captures its output unless `inherit`. */
function runNode(
    name: string,
    script: string,
    args: readonly string[],
    inherit = false,
    env: NodeJS.ProcessEnv = process.env,
): Promise<Outcome> {
    const started = Date.now();
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [path.join(ROOT, "node_modules", script), ...args], {
            cwd: ROOT,
            env,
            stdio: inherit ? "inherit" : ["ignore", "pipe", "pipe"],
        });
        let output = "";
        child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
        child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
        child.on("close", (status) => resolve({ name, status: status ?? 1, output, seconds: (Date.now() - started) / 1000 }));
    });
}

/** Every `*.test.ts` under `dir`, repo-relative, sorted. */
function testFiles(dir: string): string[] {
    return fs
        .readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith(".test.ts"))
        .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
        .sort();
}

/** Splits the arguments npm passed: existing files and directories are tests to run, anything else goes to mocha. */
export function parseArgs(args: readonly string[]): Request {
    const files: string[] = [];
    const mochaArgs: string[] = [];
    for (const arg of args) {
        const full = path.resolve(ROOT, arg);
        if (arg.startsWith("-") || !fs.existsSync(full)) {
            mochaArgs.push(arg);
        } else {
            files.push(...(fs.statSync(full).isDirectory() ? testFiles(full) : [path.relative(ROOT, full)]));
        }
    }
    const narrowed = files.length > 0 || mochaArgs.some((arg) => arg.includes("*") || /^(-g|--grep|-f|--fgrep)$/.test(arg));
    return { files: [...new Set(files)], mochaArgs, whole: !narrowed };
}

/** `files` with the longest recorded first (unknown ones count as the median), so no long file starts last. */
export function heaviestFirst(files: readonly string[], durations: Readonly<Record<string, number>>): string[] {
    const known = Object.values(durations).sort((a, b) => a - b);
    const median = known.length > 0 ? known[Math.floor(known.length / 2)] : 0;
    const cost = (file: string) => durations[file] ?? median;
    return [...files].sort((a, b) => cost(b) - cost(a) || a.localeCompare(b));
}

/** The recorded durations, or none when the file is missing or unreadable. */
function recordedDurations(): Record<string, number> {
    try {
        return JSON.parse(fs.readFileSync(DURATIONS_FILE, "utf8")) as Record<string, number>;
    } catch {
        return {};
    }
}

/** Typecheck, and for the whole suite ESLint and Prettier, side by side; prints each one's output in this order. */
async function checks(lint: boolean): Promise<boolean> {
    const cache = path.join(ROOT, "node_modules", ".cache");
    // Incremental: a warm run re-checks only what changed (the build info lives beside the other caches).
    const buildInfo = path.join(cache, "tsc", "typecheck.tsbuildinfo");
    const runs = [
        runNode("typecheck", "typescript/bin/tsc", ["--noEmit", "-p", "tsconfig.json", "--incremental", "--tsBuildInfoFile", buildInfo]),
    ];
    if (lint) {
        runs.push(
            runNode("eslint", "eslint/bin/eslint.js", [".", "--cache", "--cache-location", path.join(cache, "eslint", ".eslintcache")]),
        );
        runs.push(runNode("prettier --check", "prettier/bin/prettier.cjs", ["--check", ".", "--cache", "--log-level", "warn"]));
    }
    const outcomes = await Promise.all(runs);
    for (const outcome of outcomes) {
        process.stdout.write(outcome.output);
        const verdict = outcome.status === 0 ? "ok" : `FAILED (exit ${outcome.status})`;
        process.stdout.write(`${outcome.name}: ${verdict} in ${outcome.seconds.toFixed(1)} s\n`);
    }
    const prettier = outcomes.find((outcome) => outcome.name.startsWith("prettier"));
    if (prettier && prettier.status !== 0) {
        process.stdout.write("Prettier: run `npm run format` and commit the result.\n");
    }
    return outcomes.every((outcome) => outcome.status === 0);
}

/**
 * Mocha over the files: one file runs in-process, more in one worker per CPU plus one (MOCHA_JOBS overrides), heaviest
 * first. The extra worker keeps the CPUs busy while another waits out a gate script's timeout (a tenth of the suite's wall
 * time is such waiting, at almost no CPU).
 */
async function mocha(request: Request): Promise<number> {
    const globs = request.mochaArgs.some((arg) => arg.includes("*"));
    const files = request.files.length > 0 || globs ? request.files : heaviestFirst(testFiles(TEST_DIR), recordedDurations());
    const jobs = Math.max(1, Number(process.env.MOCHA_JOBS) || os.cpus().length + 1);
    const parallel = files.length !== 1 && jobs > 1 ? ["--parallel", "--jobs", String(jobs)] : [];
    // The CLI processes the tests start (render, install checks) take their RSA keys from the same pool as mocha's workers.
    const keyPool = `--require=${path.join(TEST_DIR, "key-pool.js")}`;
    const env = { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, keyPool].filter(Boolean).join(" ") };
    const args = ["--config", ".mocharc.json", ...parallel, ...request.mochaArgs, ...files];
    return (await runNode("mocha", "mocha/bin/mocha.js", args, true, env)).status;
}

/** Runs the request and exits with its status. */
async function main(): Promise<void> {
    const request = parseArgs(process.argv.slice(2));
    if (!(await checks(request.whole))) {
        process.exitCode = 1;
        return;
    }
    // Mocha's reporter prints the last line ("mocha: N passed, N failed"), which CI reads: nothing may follow it.
    process.exitCode = await mocha(request);
}

if (require.main === module) {
    void main();
}

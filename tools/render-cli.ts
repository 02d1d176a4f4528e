// `npm run render -- [--stack <name>] [--out <dir>] [--against <prev>] [--show-secrets]`: offline, credential-free render
// of a stack (`--stack` is a stack name, never a path; `--out` only ever clears a directory an earlier render created;
// `--against` simulates the update from an earlier render's kept state and writes diff.json and diff.md).
import * as path from "path";
import { diffText } from "./engine/diff-report";
import { followPhases } from "./engine/layer-progress";
import { Against } from "./engine/render-state";
import { isUserError } from "./engine/run";
import { readStackFiles } from "./engine/stack-files";
import { readEngineState } from "./engine/state-file";
import { RENDER_MARKER, renderStack, writeArtifacts } from "./render";

interface CliArgs {
    stack: string;
    out?: string;
    against?: string;
    showSecrets: boolean;
}

const usage = "usage: npm run render -- [--stack <name>] [--out <dir>] [--against <earlier render dir>] [--show-secrets]";

function parseArgs(argv: readonly string[]): CliArgs {
    const args: CliArgs = { stack: "dev", showSecrets: false };
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        if (flag === "--stack" || flag === "-s") {
            args.stack = argv[++i] ?? "";
        } else if (flag === "--out") {
            args.out = argv[++i];
        } else if (flag === "--against") {
            args.against = argv[++i] ?? "";
        } else if (flag === "--show-secrets") {
            args.showSecrets = true;
        } else {
            throw new Error(flag === "--help" || flag === "-h" ? usage : `unknown argument ${flag}; ${usage}`);
        }
    }
    if (!args.stack || args.out === "" || (args.out === undefined && argv.includes("--out")) || args.against === "") {
        throw new Error(usage);
    }
    return args;
}

/**
 * Prints an error the way this CLI reports it and returns the exit code. A user error (invalid config, a bad stack
 * file) is its message alone and exits 1; a program failure shows its stack and exits 1; a bad command line exits 2.
 */
function report(error: unknown, commandLine = false): number {
    console.error(
        isUserError(error) ? error.message : error instanceof Error ? (commandLine ? error.message : error.stack) : String(error),
    );
    return isUserError(error) || !commandLine ? 1 : 2;
}

async function main(): Promise<number> {
    const args = parseArgs(process.argv.slice(2));
    const projectDir = process.cwd();
    const outDir = path.resolve(projectDir, args.out ?? path.join("out", args.stack));
    const against = args.against === undefined ? undefined : loadAgainst(projectDir, args.stack, args.against);
    const phases = followPhases((line) => console.error(line));
    const result = await renderStack({ projectDir, stack: args.stack, showSecrets: args.showSecrets, keepState: true, against });
    phases.finish();
    // The run caught what the program let escape; anything that escapes later still ends the render with its message.
    process.on("unhandledRejection", (reason) => process.exit(report(reason)));
    process.on("uncaughtException", (error) => process.exit(report(error)));
    if (result.run.error) {
        return report(result.run.error);
    }
    writeArtifacts(outDir, result.files);
    const custom = result.plan.resources.filter((resource) => resource.custom).length;
    console.log(
        `rendered stack ${args.stack}: ${result.plan.resources.length} resources (${custom} custom), ` +
            `${result.files.size} files in ${path.relative(projectDir, outDir) || "."}`,
    );
    if (result.report) {
        console.log(diffText(result.report));
    }
    return 0;
}

/** The earlier render `--against` names, refused (one line, exit 2) unless it is a render of this stack with a known state format. */
function loadAgainst(projectDir: string, stack: string, dir: string): Against {
    const project = readStackFiles(projectDir, stack).project;
    return { dir, state: readEngineState(path.resolve(projectDir, dir), RENDER_MARKER, project, stack) };
}

// Bad input (stack name, stack file, output directory) exits 1 like invalid config; a bad command line exits 2.
main().then(
    (code) => process.exit(code),
    (error: unknown) => process.exit(report(error, true)),
);

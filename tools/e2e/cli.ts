// `npm run e2e -- --stack <name> [--dry-run] | --list`: the real-tools end-to-end run of one kind stack (docs/e2e.md).
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { listStacks } from "../engine/stack-files";
import { executePlan } from "./execute";
import { isKindStack, parseStackFileConfig, withExtraCluster } from "./extend";
import { Action, e2ePlan } from "./plan";
import { onPath, preflightProblem, MISSING_TOOLS_EXIT } from "./preflight";
import { predict } from "./predict";
import { realRunner } from "./runner";

const projectDir = path.resolve(__dirname, "..", "..");
const usage = "usage: npm run e2e -- --stack <name> [--dry-run]   |   npm run e2e -- --list";

/** The command line. */
interface CliArgs {
    /** Stack under test. */
    readonly stack?: string;
    /** Print the plan, run nothing. */
    readonly dryRun: boolean;
    /** Print the kind stacks as JSON. */
    readonly list: boolean;
}

function parseArgs(argv: readonly string[]): CliArgs {
    let stack: string | undefined;
    let dryRun = false;
    let list = false;
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--stack" || argv[i] === "-s") {
            stack = argv[++i];
        } else if (argv[i] === "--dry-run") {
            dryRun = true;
        } else if (argv[i] === "--list") {
            list = true;
        } else {
            throw new Error(`unknown argument ${argv[i]}; ${usage}`);
        }
    }
    if (!list && !stack) {
        throw new Error(usage);
    }
    return { stack, dryRun, list };
}

/** The stacks whose clusters are all kind clusters, the ones the e2e can run. */
export function kindStacks(dir: string = projectDir): string[] {
    return listStacks(dir).filter((stack) =>
        isKindStack(parseStackFileConfig(fs.readFileSync(path.join(dir, `Pulumi.${stack}.yaml`), "utf8"))),
    );
}

/** `docker info` answers (the daemon runs). */
async function dockerAnswers(): Promise<boolean> {
    const result = await realRunner({})({ kind: "run", argv: ["docker", "info"], cwd: projectDir, echo: false });
    return result.status === 0;
}

async function main(): Promise<number> {
    const args = parseArgs(process.argv.slice(2));
    if (args.list) {
        console.log(JSON.stringify(kindStacks()));
        return 0;
    }
    const stack = args.stack ?? "";
    const problem = args.dryRun ? undefined : await preflightProblem((command) => onPath(command), dockerAnswers);
    if (problem !== undefined) {
        console.error(problem);
        return MISSING_TOOLS_EXIT;
    }
    if (!kindStacks().includes(stack)) {
        console.error(`--stack = "${stack}" is not a stack of kind clusters here; fix: use one of ${kindStacks().join(", ")}.`);
        return 1;
    }
    const text = fs.readFileSync(path.join(projectDir, `Pulumi.${stack}.yaml`), "utf8");
    const extended = withExtraCluster(parseStackFileConfig(text));
    const expected = await predict(projectDir, stack, extended);
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `e2e-${stack}-`));
    const steps = e2ePlan({ stack, projectDir, workDir, stackFile: text, extended, expected });
    console.log(`e2e ${stack}: adding a cluster, the bench predicts ${expected.blastSummary}`);
    if (args.dryRun) {
        steps.forEach((step) => console.log(`${step.always ? "always " : ""}${step.title}: ${describe(step.action)}`));
        fs.rmSync(workDir, { recursive: true, force: true });
        return 0;
    }
    const env = {
        PULUMI_BACKEND_URL: `file://${path.join(workDir, "state")}`,
        PULUMI_CONFIG_PASSPHRASE: crypto.randomBytes(24).toString("hex"),
        PULUMI_SKIP_UPDATE_CHECK: "true",
    };
    fs.mkdirSync(path.join(workDir, "state"));
    const outcome = await executePlan(steps, realRunner(env), (line) => console.log(line));
    console.log(
        outcome.ok
            ? `e2e ${stack}: passed`
            : `e2e ${stack}: FAILED (${outcome.steps
                  .filter((s) => s.result === "failed")
                  .map((s) => s.title)
                  .join("; ")})`,
    );
    return outcome.ok ? 0 : 1;
}

/** One line for a dry run. */
function describe(action: Action): string {
    return action.kind === "run" ? action.argv.join(" ") : `${action.kind} ${path.relative(projectDir, action.path) || action.path}`;
}

main().then(
    (code) => process.exit(code),
    (error: unknown) => {
        console.error(error instanceof Error ? error.message : String(error));
        process.exit(1);
    },
);

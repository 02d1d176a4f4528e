// `npm run bench -- [--long] [--kinds a,b] [--sizes 2,4] [--workers n] [--model file.json] [--out dir]`: writes bench/RESULTS.md and bench/makespan.svg.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as v8 from "v8";
import { LatencyModel, defaultModel, withOverrides } from "./model";
import { BenchArgs, planTasks } from "./plan";
import { Outcome, runPool } from "./pool";
import { BenchReport, buildReport } from "./report";
import { plotSvg } from "./plot";
import { MeshKind } from "./synthetic";
import { BenchTask, TaskResult } from "./tasks";

const projectDir = path.resolve(__dirname, "..", "..");
const usage = "usage: npm run bench -- [--long] [--kinds cilium-clustermesh,none] [--sizes 2,4,8] [--workers 2] [--model file.json] [--out dir]";

function parseArgs(argv: readonly string[]): BenchArgs & { out: string } {
    const args = { long: false, workers: Math.max(1, Math.min(2, os.cpus().length)), model: defaultModel, out: path.join(projectDir, "bench") } as BenchArgs & { out: string };
    for (let i = 0; i < argv.length; i++) {
        const value = () => argv[++i] ?? "";
        switch (argv[i]) {
            case "--long": args.long = true; break;
            case "--kinds": args.kinds = value().split(",") as MeshKind[]; break;
            case "--sizes": args.sizes = value().split(",").map(Number); break;
            case "--workers": args.workers = Number(value()); break;
            case "--model": args.model = withOverrides(JSON.parse(fs.readFileSync(value(), "utf8")) as Partial<LatencyModel>); break;
            case "--out": args.out = path.resolve(value()); break;
            default: throw new Error(`unknown argument ${argv[i]}; ${usage}`);
        }
    }
    return args;
}

/** Puts the live heap the pool read from the worker's GC trace into a timing result's figures. */
function withLiveHeap(result: TaskResult, liveHeapMiB: number | undefined): TaskResult {
    return result.type === "stack" || result.type === "scale" ? { ...result, figures: { ...result.figures, peakHeapMiB: liveHeapMiB } } : result;
}

async function main(): Promise<void> {
    const args = parseArgs(process.argv.slice(2));
    const { tasks, skipped } = planTasks(args);
    const started = Date.now();
    const loadAtStart = os.loadavg()[0];
    const describe = (task: BenchTask) => (task.type === "stack" ? `stack ${task.stack}` : `${task.type} ${task.kind} × ${task.clusters}`);
    const outcomes: Outcome[] = await runPool(tasks, args.workers, (task) =>
        process.stderr.write(`bench: ${((Date.now() - started) / 1000).toFixed(0)} s: ${describe(task)}\n`));
    const report: BenchReport = {
        long: args.long, model: args.model, workers: args.workers, cpus: os.cpus().length,
        wallSeconds: (Date.now() - started) / 1000, load: [loadAtStart, os.loadavg()[0]], skipped,
        defaultHeapLimitMiB: v8.getHeapStatistics().heap_size_limit / 2 ** 20,
        results: outcomes.flatMap((outcome) => "result" in outcome ? [withLiveHeap(outcome.result, outcome.liveHeapMiB)] : []),
        failures: outcomes.flatMap((outcome, i) => "error" in outcome ? [{ task: describe(tasks[i]), error: outcome.error }] : []),
    };
    const outDir = args.out;
    fs.mkdirSync(outDir, { recursive: true });
    const markdown = buildReport(report);
    fs.writeFileSync(path.join(outDir, "RESULTS.md"), markdown);
    fs.writeFileSync(path.join(outDir, "makespan.svg"), plotSvg(report));
    process.stdout.write(`${markdown}\n`);
    process.stderr.write(`bench: done in ${report.wallSeconds.toFixed(0)} s (${report.failures.length} failed)\n`);
}

main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
});

// Runs benchmark tasks on a few long-lived worker processes (case.ts), each pulling the next task when idle.
import { ChildProcessWithoutNullStreams, spawn } from "child_process";
import * as os from "os";
import * as path from "path";
import * as readline from "readline";
import { Readable } from "stream";
import { BenchTask, TaskResult } from "./tasks";

/** A task's outcome, with the live heap its worker's GC trace showed (MiB above the heap before it). */
export type Outcome = { readonly result: TaskResult; readonly liveHeapMiB?: number } | { readonly error: string };

const projectDir = path.resolve(__dirname, "..", "..");

/** Heap limit for workers: the largest meshes need several GiB (reported, not hidden). */
function heapLimitMiB(): number {
    return Math.max(2048, Math.min(16384, Math.floor((os.totalmem() / 2 ** 20) * 0.6)));
}

/** A worker: results on fd 3; stdout carries the program's output and V8's GC trace (`--trace-gc`). */
function startWorker(): ChildProcessWithoutNullStreams & { stdio: [unknown, unknown, unknown, Readable] } {
    const script = path.join(__dirname, "case.ts");
    return spawn(process.execPath, [
        "--expose-gc", "--trace-gc", `--max-old-space-size=${heapLimitMiB()}`, "-r", "ts-node/register/transpile-only", script,
    ], { cwd: projectDir, stdio: ["pipe", "pipe", "pipe", "pipe"] }) as ChildProcessWithoutNullStreams & { stdio: [unknown, unknown, unknown, Readable] };
}

/** Heap after a full GC, MB, from a `--trace-gc` line (`… Mark-Compact 812.3 (850.1) -> 640.2 (851.0) MB, …`). */
export function markCompactAfter(line: string): number | undefined {
    const match = /Mark-Compact[^\d]*[\d.]+ \([\d.]+\) -> ([\d.]+) \(/.exec(line);
    return match ? Number(match[1]) : undefined;
}

/**
 * The live heap a task adds, from the worker's stdout: after the task's start line, the first full GC is the
 * forced one at the start of its run (the baseline); then the largest heap after any later full GC (the run's own,
 * and the one forced once the program has declared everything), above that baseline.
 */
class LiveHeap {
    private baseline?: number;
    private peak?: number;

    see(line: string): void {
        if (line.startsWith("@@task-start")) {
            this.baseline = undefined;
            this.peak = undefined;
            return;
        }
        const after = markCompactAfter(line);
        if (after === undefined) {
            return;
        }
        if (this.baseline === undefined) {
            this.baseline = after;
        } else {
            this.peak = Math.max(this.peak ?? 0, after);
        }
    }

    mib(): number | undefined {
        // V8 prints MB as 2^20 bytes.
        return this.baseline === undefined || this.peak === undefined ? undefined : Math.max(0, this.peak - this.baseline);
    }
}

/** The shared queue: tasks in order, their outcomes, and how many workers run. */
class Queue {
    next = 0;
    running = 0;
    relaunches = 0;
    readonly outcomes: Outcome[];

    constructor(readonly tasks: readonly BenchTask[], readonly progress: (task: BenchTask) => void, readonly done: (outcomes: Outcome[]) => void) {
        this.outcomes = new Array<Outcome>(tasks.length);
    }

    finishIfDone(): void {
        if (this.running === 0 && this.next >= this.tasks.length) {
            this.done(this.outcomes);
        }
    }

    failRest(why: string): void {
        for (; this.next < this.tasks.length; this.next++) {
            this.outcomes[this.next] = { error: `no worker left: ${why}` };
        }
    }
}

/** One worker: feeds it the next task whenever it answers; replaces it (a few times) if it dies. */
function launch(queue: Queue): void {
    const child = startWorker();
    queue.running++;
    let current: number | undefined;
    let stderr = "";
    const heap = new LiveHeap();
    readline.createInterface({ input: child.stdout }).on("line", (line) => heap.see(line));
    child.stderr.on("data", (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const feed = () => {
        if (queue.next >= queue.tasks.length) {
            child.stdin.end();
            return;
        }
        current = queue.next++;
        queue.progress(queue.tasks[current]);
        child.stdin.write(`${JSON.stringify({ id: current, task: queue.tasks[current] })}\n`);
    };
    readline.createInterface({ input: child.stdio[3] }).on("line", (line) => {
        const message = JSON.parse(line) as { id?: number; result?: TaskResult; error?: string };
        if (message.id !== undefined) {
            queue.outcomes[message.id] = message.error !== undefined ? { error: message.error } : { result: message.result as TaskResult, liveHeapMiB: heap.mib() };
            current = undefined;
        }
        feed();
    });
    child.on("exit", (code) => {
        const why = stderr.trim().split("\n").slice(-3).join(" ");
        if (current !== undefined) {
            queue.outcomes[current] = { error: `worker exited with ${code}: ${why}` };
        }
        queue.running--;
        if (queue.next < queue.tasks.length && code !== 0 && queue.relaunches++ < 3) {
            launch(queue);
        } else if (queue.running === 0) {
            queue.failRest(why);
        }
        queue.finishIfDone();
    });
}

/** Runs every task (in the given order, largest first is best) on `workers` processes; `progress` is told of each start. */
export function runPool(tasks: readonly BenchTask[], workers: number, progress: (task: BenchTask) => void): Promise<Outcome[]> {
    return new Promise((resolve) => {
        const queue = new Queue(tasks, progress, resolve);
        Array.from({ length: Math.max(1, Math.min(workers, tasks.length)) }, () => launch(queue));
        queue.finishIfDone();
    });
}

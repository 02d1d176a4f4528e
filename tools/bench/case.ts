// Worker process of the benchmark: warms up once, then runs the tasks it reads (one JSON line each) in order,
// answering each with one JSON line on file descriptor 3 (stdout carries the program's output and the GC trace).
// Modules stay loaded across tasks.
import * as fs from "fs";
import * as readline from "readline";
import { measure } from "./measure";
import { defaultModel } from "./model";
import { syntheticInput } from "./bench-input";
import { BenchTask, runTask } from "./tasks";

/** The descriptor results go to (a pipe the pool opens). */
const RESULTS_FD = 3;

/** The stdout line that opens a task (see pool.ts). */
export const TASK_START = "@@task-start";

/** Writes one line, whole (the pipe may be non-blocking: retry while it is full). */
function writeLine(fd: number, text: string): void {
    const data = Buffer.from(`${text}\n`);
    for (let offset = 0; offset < data.length;) {
        try {
            offset += fs.writeSync(fd, data, offset);
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== "EAGAIN") {
                throw error;
            }
            Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        }
    }
}

function answer(message: object): void {
    writeLine(RESULTS_FD, JSON.stringify(message));
}

async function main(): Promise<void> {
    // Loads and compiles every module once, so no task pays for it.
    await measure({ ...syntheticInput("none", 2), model: defaultModel, clock: "none" });
    answer({ ready: true });
    const lines = readline.createInterface({ input: process.stdin });
    let first = true;
    for await (const line of lines) {
        if (line.trim() === "") {
            continue;
        }
        const { id, task } = JSON.parse(line) as { id: number; task: BenchTask };
        // On stdout, in order with the GC trace: the pool measures this task's live heap from here.
        writeLine(1, `${TASK_START} ${id}`);
        try {
            answer({ id, result: await runTask(task, first) });
        } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            answer({ id, error: message.split("\n").slice(0, 3).join(" ").slice(0, 400) });
        }
        first = false;
    }
}

main().then(() => process.exit(0), (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
});

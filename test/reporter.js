// Mocha's spec reporter plus one closing line "mocha: N passed, N failed[, N skipped]" that CI reads; with TEST_DURATIONS=<file>,
// also writes the seconds each test file took (tests and hooks) there, which `npm test` reads to start the heaviest files first.
"use strict";
const fs = require("fs");
const path = require("path");
const Mocha = require("mocha");

const { EVENT_HOOK_END, EVENT_RUN_END, EVENT_TEST_END } = Mocha.Runner.constants;

class SpecWithTally extends Mocha.reporters.Spec {
    constructor(runner, options) {
        super(runner, options);
        const seconds = {};
        const count = (runnable) => {
            if (runnable.file && typeof runnable.duration === "number") {
                const file = path.relative(process.cwd(), runnable.file);
                seconds[file] = (seconds[file] ?? 0) + runnable.duration / 1000;
            }
        };
        runner.on(EVENT_TEST_END, count);
        runner.on(EVENT_HOOK_END, count);
        runner.once(EVENT_RUN_END, () => {
            const stats = runner.stats;
            if (process.env.TEST_DURATIONS) {
                const rounded = Object.fromEntries(
                    Object.entries(seconds)
                        .sort()
                        .map(([file, s]) => [file, Math.round(s * 10) / 10]),
                );
                fs.writeFileSync(process.env.TEST_DURATIONS, `${JSON.stringify(rounded, null, 2)}\n`);
            }
            const skipped = stats.pending ? `, ${stats.pending} skipped` : "";
            process.stdout.write(`mocha: ${stats.passes} passed, ${stats.failures} failed${skipped}\n`);
        });
    }
}

module.exports = SpecWithTally;

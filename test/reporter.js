// Mocha's spec reporter plus one closing line "mocha: N passed, N failed[, N skipped]" that CI reads.
"use strict";
const Mocha = require("mocha");

class SpecWithTally extends Mocha.reporters.Spec {
    constructor(runner, options) {
        super(runner, options);
        runner.once("end", () => {
            const stats = runner.stats;
            const skipped = stats.pending ? `, ${stats.pending} skipped` : "";
            process.stdout.write(`mocha: ${stats.passes} passed, ${stats.failures} failed${skipped}\n`);
        });
    }
}

module.exports = SpecWithTally;

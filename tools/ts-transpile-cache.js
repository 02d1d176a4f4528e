// ts-node transpiler (tsconfig.json "ts-node.transpiler"): TypeScript's own transpileModule, its output kept on disk by content.
// The tests load the program afresh many times (fresh renders, CLI runs, one mocha worker per CPU); each load transpiled
// ~200 files again, which was most of its cost. The key covers the TypeScript version, the compiler options, the file name and
// its text, so a hit returns exactly what transpileModule would; files with syntax diagnostics are never cached.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

/** Where the transpiled files are kept (`rm -rf node_modules/.cache/ts-transpile` empties it). */
const CACHE_DIR = path.join(__dirname, "..", "node_modules", ".cache", "ts-transpile");

/** ts-node's transpiler factory: `service.config.options` are the compiler options for this module kind. */
exports.create = function create({ service }) {
    const ts = require(service.projectLocalResolveHelper("typescript", true));
    const compilerOptions = service.config.options;
    const salt = JSON.stringify([ts.version, compilerOptions]);
    const memory = new Map();
    return {
        transpile(code, { fileName }) {
            const key = crypto.createHash("sha256").update(salt).update("\0").update(fileName).update("\0").update(code).digest("hex");
            const file = path.join(CACHE_DIR, `${key}.json`);
            const cached = memory.get(key) ?? readCached(file);
            if (cached) {
                memory.set(key, cached);
                return cached;
            }
            const result = ts.transpileModule(code, { fileName, compilerOptions, reportDiagnostics: true });
            if ((result.diagnostics ?? []).length > 0) {
                return result;
            }
            const output = { outputText: result.outputText, sourceMapText: result.sourceMapText };
            memory.set(key, output);
            writeCached(file, output);
            return output;
        },
    };
};

/** The cached output, or undefined when absent or unreadable. */
function readCached(file) {
    try {
        return JSON.parse(fs.readFileSync(file, "utf8"));
    } catch {
        return undefined;
    }
}

/** Writes the output atomically (parallel workers may write the same key); a failed write only costs the next run. */
function writeCached(file, output) {
    try {
        fs.mkdirSync(CACHE_DIR, { recursive: true });
        const temporary = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, JSON.stringify(output));
        fs.renameSync(temporary, file);
    } catch {
        // A read-only or full disk: run uncached.
    }
}

// Runs the two-cluster program, compiled in a fresh consumer project against the packed package, under Pulumi's
// documented setMocks (state = inputs), in preview and in `up` mode: the components work from the built tarball too.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

/** What one mocked run of the consumer's program registered, and its error (null when none). */
export interface ConsumerRun {
    /** Every registered resource type, in order. */
    readonly types: readonly string[];
    /** The program's error, or one that escaped into an apply; null when none. */
    readonly error: string | null;
}

/** The runner, plain JavaScript in the consumer: the documented mocks, then the compiled program, then every registration. */
const RUNNER = `
const pulumi = require("@pulumi/pulumi");
const preview = process.argv[2] === "preview";
const types = [];
let error = null;
process.on("unhandledRejection", (reason) => (error = error ?? String(reason && reason.stack ? reason.stack : reason)));
const mocks = {
    newResource: (args) => { types.push(args.type); return { id: args.name + "_id", state: args.inputs }; },
    call: (args) => args.inputs,
};
Promise.resolve(pulumi.runtime.setMocks(mocks, "project", "stack", preview))
    .then(() => pulumi.runtime.runInPulumiStack(async () => require("./out/defaults-program.js").twoClusterProgram()))
    .then(() => pulumi.runtime.disconnect())
    .catch((caught) => (error = error ?? String(caught && caught.stack ? caught.stack : caught)))
    .then(() => setTimeout(() => console.log(JSON.stringify({ types, error })), 200));
`;

/**
 * Transpiles `program` (a file in `dir`, type-checked already by the consumer's tsc) to `dir/out`, and writes the runner
 * beside it.
 */
export function compileConsumerProgram(dir: string, program: string): void {
    const source = fs.readFileSync(path.join(dir, program), "utf8");
    const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
    const output = ts.transpileModule(source, { compilerOptions: options, fileName: program }).outputText;
    fs.mkdirSync(path.join(dir, "out"), { recursive: true });
    fs.writeFileSync(path.join(dir, "out", program.replace(/\.ts$/, ".js")), output);
    fs.writeFileSync(path.join(dir, "run-mocks.js"), RUNNER);
}

/** Runs the compiled program under the documented mocks in the consumer. */
export function runConsumerProgram(dir: string, preview: boolean): ConsumerRun {
    const result = spawnSync(process.execPath, ["run-mocks.js", preview ? "preview" : "up"], { cwd: dir, encoding: "utf8" });
    const last = result.stdout.trim().split("\n").pop() ?? "";
    if (!last.startsWith("{")) {
        throw new Error(`run-mocks.js printed no result (${String(result.status)}):\n${result.stdout}\n${result.stderr}`);
    }
    return JSON.parse(last) as ConsumerRun;
}

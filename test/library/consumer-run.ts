// Runs the two-cluster program, compiled in a fresh consumer project against the packed package, under Pulumi's
// documented setMocks (state = inputs), in preview and in `up` mode: the components work from the built tarball too.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

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

/** Compiles `program` (a file in `dir`) to `dir/out` with the consumer's own tsc. */
export function compileConsumerProgram(dir: string, program: string): void {
    const config = { extends: "./tsconfig.json", compilerOptions: { noEmit: false, outDir: "out" }, files: [program] };
    fs.writeFileSync(path.join(dir, "tsconfig.run.json"), JSON.stringify(config));
    const tsc = spawnSync(path.join(dir, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.run.json"], { cwd: dir, encoding: "utf8" });
    if (tsc.status !== 0) {
        throw new Error(`tsc -p tsconfig.run.json failed:\n${tsc.stdout}\n${tsc.stderr}`);
    }
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

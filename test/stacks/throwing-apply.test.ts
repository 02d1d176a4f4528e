// A component's check that throws inside an apply (a secret of the wrong shape, seen only there) fails the run at
// once with its own message: never a hang (a dependent waiting forever on the resource that failed), never the SDK's
// `error serializing property` prefix on the refusal, never a stack trace from the CLI.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { ConfigValidationError } from "../../components/shared/validation";
import { runProgram } from "../../tools/engine/run";
import { renderCli, scratchProject } from "./stack-file-refusal";
import { REFUSAL, throwingApplyProgram } from "./throwing-apply-program";

const MESSAGE =
    "Registry test is invalid (1 problem):\n  - registryAuth = [not shown] is neither <username>:<password> nor a docker config JSON; fix: give <username>:<password>.";

describe("a check that throws inside an apply", () => {
    for (const shape of ["dependent", "input", "output"] as const) {
        it(`fails the run promptly with its own message (${shape})`, async () => {
            const started = Date.now();
            const result = await runProgram({ project: "p", stack: "s", config: {}, secretKeys: [], program: throwingApplyProgram(shape) });
            expect(Date.now() - started).to.be.below(10000);
            expect(result.error).to.equal(REFUSAL);
            expect((result.error as Error).message).to.equal(MESSAGE);
            expect(result.outputs).to.equal(undefined);
        });
    }

    it("keeps its message when the SDK prefixes the property it was serializing", () => {
        const error = new ConfigValidationError("Registry test", REFUSAL.issues);
        error.message = `error serializing property "data": ${error.message}`;
        expect(error.message).to.equal(MESSAGE);
    });

    it("ends npm run render with exit 1 and the message alone", function () {
        this.timeout(120000);
        const dir = scratchProject({ s: "config: {}\n" });
        const helper = path.join(__dirname, "throwing-apply-program.ts");
        fs.writeFileSync(path.join(dir, "index.ts"), `export = require(${JSON.stringify(helper)}).throwingApplyProgram("dependent")();\n`);
        try {
            const result = renderCli(dir, "s");
            expect(result.stderr.trim()).to.equal(MESSAGE);
            expect(result.status).to.equal(1);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

// Renders that keep state, for the offline-diff tests: in-process, with a throwaway project for a modified stack file.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EngineState, STATE_FILE } from "../../tools/engine/state-file";
import { RenderResult, renderStack } from "../../tools/render";

/** This project's directory. */
export const projectDir = path.resolve(__dirname, "..", "..");

/** A render that kept its state, with the state parsed. */
export interface KeptRender {
    /** The render. */
    readonly result: RenderResult;
    /** Its .state/engine-state.json, parsed. */
    readonly state: EngineState;
}

/** Renders `stack` in `dir` keeping state, against an earlier render when given; fails the test on a program error. */
export async function keptRender(dir: string, stack: string, against?: KeptRender, showSecrets = false): Promise<KeptRender> {
    const result = await renderStack({
        projectDir: dir,
        stack,
        showSecrets,
        keepState: true,
        against: against ? { dir: "PREV", state: against.state } : undefined,
    });
    expect(result.run.error, String(result.run.error)).to.equal(undefined);
    const text = result.files.get(STATE_FILE);
    expect(text, STATE_FILE).to.be.a("string");
    return { result, state: JSON.parse(String(text)) as EngineState };
}

/** A throwaway project dir whose index.ts runs this project's program, with `Pulumi.scratch.yaml` as given. */
export function scratchProject(stackYaml: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "render-diff-"));
    fs.copyFileSync(path.join(projectDir, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, "Pulumi.scratch.yaml"), stackYaml);
    fs.writeFileSync(path.join(dir, "index.ts"), `export = require(${JSON.stringify(path.join(projectDir, "index.ts"))});\n`);
    return dir;
}

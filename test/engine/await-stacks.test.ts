import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkAwaits } from "../../tools/engine/await-check";
import { scaleRecords } from "./await-scale";

const projectDir = path.resolve(__dirname, "..", "..");

/** A project whose program is one of the await fixtures, with an empty stack file `scratch`. */
function fixtureProject(fixture: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "await-render-"));
    fs.copyFileSync(path.join(projectDir, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, "Pulumi.scratch.yaml"), "config: {}\n");
    fs.writeFileSync(path.join(dir, "index.ts"), `require(${JSON.stringify(path.join(__dirname, "await-fixtures"))}).${fixture}();\n`);
    return dir;
}

describe("await checker in npm run render", () => {
    it("fails the render of a program whose custom resource comes before its CRD: exit 1, the message, no stack trace, nothing written", () => {
        const dir = fixtureProject("crdAfterCustomResource");
        const cli = path.join(projectDir, "tools", "render-cli.ts");
        const result = spawnSync(process.execPath, ["-r", require.resolve("ts-node/register/transpile-only"), cli, "--stack", "scratch"], {
            cwd: dir,
            encoding: "utf8",
            env: { ...process.env, TS_NODE_PROJECT: path.join(projectDir, "tsconfig.json") },
        });
        expect(result.status).to.equal(1);
        expect(result.stderr).to.equal(
            "stack scratch: a real `pulumi up` would not finish (1 await problem):\n" +
                "  - in cluster east, Widget default/one (widget) needs CRD widgets.demo.example.com, which only CustomResourceDefinition " +
                "widgets.demo.example.com (crds:widgets.demo.example.com) provides, and it waits for widget, so its create can never succeed; " +
                "fix: make widget depend on what creates the CRD (or on a gate that runs `kubectl wait --for condition=established " +
                "crd/widgets.demo.example.com`), or apply both in one ConfigGroup.\n",
        );
        expect(fs.existsSync(path.join(dir, "out"))).to.equal(false);
    });

    it("stays near linear at the benchmark's 12,500 resources (a quadratic walk would take 25 times longer at 5 times the size)", () => {
        const time = (clusters: number) => {
            const records = scaleRecords(clusters);
            const start = process.hrtime.bigint();
            expect(checkAwaits(records)).to.deep.equal([]);
            return Number(process.hrtime.bigint() - start) / 1e6;
        };
        time(20);
        const small = time(100);
        const large = time(500);
        expect(large, `${small.toFixed(0)} ms for 2,500 resources, ${large.toFixed(0)} ms for 12,500`).to.be.below(
            Math.max(12 * small, 3000),
        );
    });
});

// Every stack file renders with no await problem: test/stacks/render.test.ts renders each one, and a render with an
// await problem fails (RenderResult.run.error), so that suite covers it without a second render of every stack.

import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { listStacks } from "../../tools/engine/stack-files";
import { renderStack, writeArtifacts } from "../../tools/render";

const projectDir = path.resolve(__dirname, "..", "..");
const stacks = listStacks(projectDir);

/** Runs the render CLI in `cwd` and returns its exit status and output. */
function renderCli(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
    const cli = path.join(projectDir, "tools", "render-cli.ts");
    const result = spawnSync(process.execPath, ["-r", require.resolve("ts-node/register/transpile-only"), cli, ...args], {
        cwd, encoding: "utf8", env: { ...process.env, TS_NODE_PROJECT: path.join(projectDir, "tsconfig.json") },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A throwaway project dir whose index.ts runs this project's program, with the given stack file. */
function scratchProject(stackYaml: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "render-"));
    fs.copyFileSync(path.join(projectDir, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, "Pulumi.scratch.yaml"), stackYaml);
    fs.writeFileSync(path.join(dir, "index.ts"), `export = require(${JSON.stringify(path.join(projectDir, "index.ts"))});\n`);
    return dir;
}

describe("stacks", () => {
    it("has the embedded default stack dev", () => {
        expect(stacks).to.include("dev");
    });

    for (const stack of stacks) {
        describe(`Pulumi.${stack}.yaml`, () => {
            it("renders without error, with no secret material in any file", async () => {
                const result = await renderStack({ projectDir, stack, showSecrets: false });
                expect(result.run.error, String(result.run.error)).to.equal(undefined);
                expect(result.plan.resources[0].type).to.equal("pulumi:pulumi:Stack");
                expect([...result.files.keys()]).to.include.members(["plan.json", "outputs.json", "topology.md"]);
                for (const [file, content] of result.files) {
                    expect(content, file).not.to.match(/PRIVATE KEY|client-key-data: [A-Za-z0-9+/]{40}|simulated-[0-9a-f]{24}/);
                }
                const plan = JSON.parse(result.files.get("plan.json") ?? "{}");
                expect(Object.keys(plan)).to.deep.equal(["project", "stack", "resources"]);
                for (const resource of plan.resources) {
                    expect(Object.keys(resource)).to.deep.equal(
                        ["urn", "type", "name", "custom", "parent", "provider", "dependencies", "inputs", "secretInputs"]);
                }
            });
        });
    }

    it("the dev topology shows both kind clusters and their mesh link", async () => {
        const result = await renderStack({ projectDir, stack: "dev", showSecrets: false });
        const topology = result.files.get("topology.md") ?? "";
        expect(topology).to.contain("dev-east (kind, id 1").and.to.contain("dev-west (kind, id 2");
        expect(topology).to.contain("pods 10.244.0.0/16").and.to.contain("pods 10.245.0.0/16");
    });

    it("writes the files of a render and removes stale ones", async () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "out-"));
        fs.mkdirSync(path.join(out, "scripts"));
        fs.writeFileSync(path.join(out, "scripts", "stale.create.sh"), "old");
        const result = await renderStack({ projectDir, stack: "dev", showSecrets: false });
        writeArtifacts(out, result.files);
        expect(fs.existsSync(path.join(out, "scripts", "stale.create.sh"))).to.equal(false);
        expect(fs.readFileSync(path.join(out, "topology.md"), "utf8")).to.equal(result.files.get("topology.md"));
    });

    describe("render CLI", () => {
        it("exits 1 with the validation message and no stack trace on invalid config, registering nothing", () => {
            const dir = scratchProject([
                "config:",
                "  multicluster:clusters:",
                "    - { name: east, provisioner: kind, podCidr: 10.244.0.0/16, serviceCidr: 10.96.0.0/12 }",
                "    - { name: west, provisioner: kind, podCidr: 10.245.0.0/16, serviceCidr: 10.97.0.0/12 }",
                "",
            ].join("\n"));
            const result = renderCli(dir, ["--stack", "scratch"]);
            expect(result.status).to.equal(1);
            expect(result.stderr).to.equal(
                "stack config Pulumi.scratch.yaml (namespace multicluster) is invalid (1 problem):\n" +
                '  - clusters[1].serviceCidr = "10.97.0.0/12" has host bits set, so it really means 10.96.0.0/12; ' +
                'fix: write "10.96.0.0/12" if that is meant, or choose a block aligned to /12 that no other range uses.\n');
            expect(fs.existsSync(path.join(dir, "out"))).to.equal(false);
        });

        it("registers nothing but the root stack when config is invalid", async () => {
            const dir = scratchProject("config:\n  multicluster:clusters: []\n");
            const result = await renderStack({ projectDir: dir, stack: "scratch", showSecrets: false });
            expect(String(result.run.error)).to.contain("clusters = [] needs at least 1 entry");
            expect(result.plan.resources.map((resource) => resource.type)).to.deep.equal(["pulumi:pulumi:Stack"]);
        });

        it("renders dev into out/<stack> by default and into --out when given", () => {
            const dir = scratchProject(fs.readFileSync(path.join(projectDir, "Pulumi.dev.yaml"), "utf8"));
            const result = renderCli(dir, ["--stack", "scratch", "--out", "rendered"]);
            expect(result.status, result.stderr).to.equal(0);
            expect(result.stdout).to.match(/^rendered stack scratch: \d+ resources/);
            expect(fs.existsSync(path.join(dir, "rendered", "plan.json"))).to.equal(true);
        });

        it("rejects unknown arguments with the usage line", () => {
            const result = renderCli(projectDir, ["--stak", "dev"]);
            expect(result.status).to.equal(2);
            expect(result.stderr).to.contain("usage: npm run render --");
        });
    });
});

import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { StackFileError, listStacks, parseYamlFile } from "../../tools/engine/stack-files";
import { RENDER_MARKER, renderStack, writeArtifacts } from "../../tools/render";

const projectDir = path.resolve(__dirname, "..", "..");
const stacks = listStacks(projectDir);

/** Runs the render CLI in `cwd` and returns its exit status and output. */
function renderCli(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
    const cli = path.join(projectDir, "tools", "render-cli.ts");
    const result = spawnSync(process.execPath, ["-r", require.resolve("ts-node/register/transpile-only"), cli, ...args], {
        cwd,
        encoding: "utf8",
        env: { ...process.env, TS_NODE_PROJECT: path.join(projectDir, "tsconfig.json") },
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

/** One render per stack for the whole file: the renders are deterministic, and the tests only read them. */
const renders = new Map<string, ReturnType<typeof renderStack>>();
function renderOnce(stack: string): ReturnType<typeof renderStack> {
    const known = renders.get(stack) ?? renderStack({ projectDir, stack, showSecrets: false });
    renders.set(stack, known);
    return known;
}

describe("stacks", () => {
    it("has the embedded default stack dev", () => {
        expect(stacks).to.include("dev");
    });

    for (const stack of stacks) {
        describe(`Pulumi.${stack}.yaml`, () => {
            it("renders without error, with no secret material in any file", async () => {
                const result = await renderOnce(stack);
                expect(result.run.error, String(result.run.error)).to.equal(undefined);
                expect(result.plan.resources[0].type).to.equal("pulumi:pulumi:Stack");
                expect([...result.files.keys()]).to.include.members(["plan.json", "outputs.json", "topology.md"]);
                for (const [file, content] of result.files) {
                    expect(content, file).not.to.match(/PRIVATE KEY|client-key-data: [A-Za-z0-9+/]{40}|simulated-[0-9a-f]{24}/);
                }
                const plan = JSON.parse(result.files.get("plan.json") ?? "{}");
                expect(Object.keys(plan)).to.deep.equal(["project", "stack", "resources"]);
                for (const resource of plan.resources) {
                    expect(Object.keys(resource)).to.deep.equal([
                        "urn",
                        "type",
                        "name",
                        "custom",
                        "parent",
                        "provider",
                        "dependencies",
                        "inputs",
                        "secretInputs",
                    ]);
                }
            });
        });
    }

    it("the dev topology shows both kind clusters and their mesh link", async () => {
        const result = await renderOnce("dev");
        const topology = result.files.get("topology.md") ?? "";
        expect(topology).to.contain("dev-east (kind, id 1").and.to.contain("dev-west (kind, id 2");
        expect(topology).to.contain("pods 10.244.0.0/16").and.to.contain("pods 10.245.0.0/16");
    });

    it("writes the files of a render and removes stale ones of an earlier render", async () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "out-"));
        const result = await renderOnce("dev");
        writeArtifacts(out, result.files);
        fs.writeFileSync(path.join(out, "scripts", "stale.create.sh"), "old");
        writeArtifacts(out, result.files);
        expect(fs.existsSync(path.join(out, "scripts", "stale.create.sh"))).to.equal(false);
        expect(fs.readFileSync(path.join(out, "topology.md"), "utf8")).to.equal(result.files.get("topology.md"));
        expect(fs.existsSync(path.join(out, RENDER_MARKER))).to.equal(true);
    });

    it("never clears a directory a render did not create", async () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "mine-"));
        fs.mkdirSync(path.join(out, "scripts"));
        fs.writeFileSync(path.join(out, "scripts", "precious.sh"), "keep me");
        const result = await renderOnce("dev");
        expect(() => writeArtifacts(out, result.files)).to.throw(/already holds files that npm run render did not write/);
        expect(fs.readFileSync(path.join(out, "scripts", "precious.sh"), "utf8")).to.equal("keep me");
        expect(fs.readdirSync(out)).to.deep.equal(["scripts"]);
    });

    describe("render CLI", () => {
        it("exits 1 with the validation message and no stack trace on invalid config, registering nothing", () => {
            const dir = scratchProject(
                [
                    "config:",
                    "  multicluster:clusters:",
                    "    - { name: east, provisioner: kind, podCidr: 10.244.0.0/16, serviceCidr: 10.96.0.0/12 }",
                    "    - { name: west, provisioner: kind, podCidr: 10.245.0.0/16, serviceCidr: 10.97.0.0/12 }",
                    "",
                ].join("\n"),
            );
            const result = renderCli(dir, ["--stack", "scratch"]);
            expect(result.status).to.equal(1);
            expect(result.stderr).to.equal(
                "stack config Pulumi.scratch.yaml (namespace multicluster) is invalid (1 problem):\n" +
                    '  - clusters[1].serviceCidr = "10.97.0.0/12" has host bits set, so it really means 10.96.0.0/12; ' +
                    'fix: write "10.96.0.0/12" if that is meant, or choose a block aligned to /12 that no other range uses.\n',
            );
            expect(fs.existsSync(path.join(dir, "out"))).to.equal(false);
        });

        it("cluster 1 valid, cluster 2 with a label the kubelet may not set: nothing registered but the root stack, no stack trace", async () => {
            const yaml = [
                "config:",
                "  multicluster:clusters:",
                "    - { name: k8s-01, provisioner: kubeadm, podCidr: 10.1.0.0/16, serviceCidr: 10.101.0.0/16, controlPlanes: [{ host: 172.26.0.141 }] }",
                "    - name: k8s-02",
                "      provisioner: kubeadm",
                "      podCidr: 10.2.0.0/16",
                "      serviceCidr: 10.102.0.0/16",
                '      controlPlanes: [{ host: 172.26.0.151, labels: { node-role.kubernetes.io/control-plane: "" } }]',
                "",
            ].join("\n");
            const dir = scratchProject(yaml);
            const result = await renderStack({ projectDir: dir, stack: "scratch", showSecrets: false });
            expect(result.plan.resources.map((resource) => resource.type)).to.deep.equal(["pulumi:pulumi:Stack"]);
            const cli = renderCli(dir, ["--stack", "scratch"]);
            expect(cli.status).to.equal(1);
            expect(cli.stderr).to.equal(
                "stack config Pulumi.scratch.yaml (namespace multicluster) is invalid (1 problem):\n" +
                    '  - clusters[1].controlPlanes[0].labels["node-role.kubernetes.io/control-plane"] = "" cannot be set by the kubelet at registration ' +
                    "(NodeRestriction forbids kubernetes.io and k8s.io labels); fix: use a label in your own namespace, e.g. node-role.example.com/worker.\n",
            );
        });

        it("flags a namespace one typo away and a secure value on a plain setting, as Pulumi hands them to the program", () => {
            const dir = scratchProject(
                [
                    "config:",
                    "  multicluster:clusters: [{ name: east, provisioner: kind, podCidr: 10.244.0.0/16, serviceCidr: 10.96.0.0/16 }]",
                    "  multicluser:mesh: { kind: none }",
                    "  multicluster:network: { secure: AAABAGRlYWRiZWVm }",
                    "",
                ].join("\n"),
            );
            const result = renderCli(dir, ["--stack", "scratch"]);
            expect(result.status).to.equal(1);
            expect(result.stderr).to.contain(
                "  - network = [not shown] is a secret (`secure:`) value, but this setting is plain configuration;",
            );
            expect(result.stderr).to.contain(
                "  - multicluser:mesh = [not shown] is in namespace multicluser, which this project does not read; fix: write it as multicluster:mesh.",
            );
        });

        it("bounds YAML aliases: a 1 KB file of nested aliases is refused at once", () => {
            const levels = ["  a0: &a0 [x, x, x, x, x, x, x, x, x]"];
            for (let i = 1; i < 12; i++) {
                levels.push(
                    `  a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]`,
                );
            }
            const started = Date.now();
            expect(() => parseYamlFile(`config:\n${levels.join("\n")}\n`, "Pulumi.laughs.yaml")).to.throw(
                StackFileError,
                /\n {2}- a0 on line 2 carries the YAML anchor &a0, which a stack file may not use/,
            );
            expect(Date.now() - started).to.be.below(1000);
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

        it("takes --stack as a stack name only: a path exits 1 and reads or writes nothing outside the project", () => {
            const dir = scratchProject(fs.readFileSync(path.join(projectDir, "Pulumi.dev.yaml"), "utf8"));
            fs.copyFileSync(path.join(dir, "Pulumi.scratch.yaml"), path.join(dir, "..", "Pulumi.escape.yaml"));
            const result = renderCli(dir, ["--stack", "../escape"]);
            expect(result.status).to.equal(1);
            expect(result.stderr).to.equal(
                "stack name is invalid (1 problem):\n  - --stack = \"../escape\" is not a stack name (letters, digits, '_', '.' and '-'); " +
                    "fix: give the name of a Pulumi.<stack>.yaml in this directory: scratch.\n",
            );
            expect(fs.existsSync(path.join(dir, "out"))).to.equal(false);
            fs.rmSync(path.join(dir, "..", "Pulumi.escape.yaml"));
        });

        it("refuses --out into a directory it did not create, and clears nothing there", () => {
            const dir = scratchProject(fs.readFileSync(path.join(projectDir, "Pulumi.dev.yaml"), "utf8"));
            fs.mkdirSync(path.join(dir, "docs", "scripts"), { recursive: true });
            fs.writeFileSync(path.join(dir, "docs", "scripts", "mine.sh"), "mine");
            const result = renderCli(dir, ["--stack", "scratch", "--out", "docs"]);
            expect(result.status).to.equal(1);
            expect(result.stderr).to.contain("already holds files that npm run render did not write");
            expect(fs.readFileSync(path.join(dir, "docs", "scripts", "mine.sh"), "utf8")).to.equal("mine");
        });

        it("exits 1 naming the file, the line and the fix for a YAML syntax error, an alias, or a key given twice", function () {
            this.timeout(480_000); // four processes of the program: slow on a loaded machine
            const cases: [string, RegExp][] = [
                [
                    "config:\n  multicluster:clusters:\n    - name: east\n   provisioner: kind\n",
                    /^stack config Pulumi\.scratch\.yaml \(namespace multicluster\) is invalid \(1 problem\):\n {2}- line \d+ is not valid YAML \(.+\); fix: correct that line/,
                ],
                [
                    "config:\n  multicluster:network: &a { supernet: 10.64.0.0/10 }\n  multicluster:ssh: *a\n",
                    /\n {2}- multicluster:network on line 2 carries the YAML anchor &a, which a stack file may not use .+; fix: write every value out\.\n$/,
                ],
                [
                    "config:\n  mesh: { kind: none }\n  multicluster:mesh: { kind: none }\n",
                    /\n {2}- multicluster:mesh is given twice, as "mesh" and as "multicluster:mesh", and Pulumi would silently use one of them; fix: keep one, written multicluster:mesh\.\n$/,
                ],
                ["confg:\n  multicluster:clusters: []\n", /\n {2}- confg = \[not shown\] is not a top-level key Pulumi reads/],
            ];
            for (const [yaml, expected] of cases) {
                const result = renderCli(scratchProject(yaml), ["--stack", "scratch"]);
                expect(result.status, yaml).to.equal(1);
                expect(result.stderr, yaml).to.match(expected);
            }
        });

        it("rejects unknown arguments with the usage line", () => {
            const result = renderCli(projectDir, ["--stak", "dev"]);
            expect(result.status).to.equal(2);
            expect(result.stderr).to.contain("usage: npm run render --");
        });
    });
});

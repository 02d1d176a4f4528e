// The e2e's preflight: one line and exit 2 when Docker, kind, kubectl or the Pulumi CLI is missing, checked before anything runs.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DOCKER_DOWN_MESSAGE, missingTools, missingToolsMessage, onPath, preflightProblem } from "../../tools/e2e/preflight";

const projectDir = path.resolve(__dirname, "..", "..");

/** Runs the e2e CLI with only `node` (and the named fake tools) on PATH. */
function e2eCli(args: string[], fakeTools: readonly string[] = []): { status: number | null; stdout: string; stderr: string } {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-path-"));
    fs.symlinkSync(process.execPath, path.join(bin, "node"));
    for (const tool of fakeTools) {
        fs.writeFileSync(path.join(bin, tool), "#!/bin/sh\nexit 1\n", { mode: 0o755 });
    }
    const result = spawnSync(
        process.execPath,
        ["-r", require.resolve("ts-node/register/transpile-only"), path.join(projectDir, "tools", "e2e", "cli.ts"), ...args],
        { cwd: projectDir, encoding: "utf8", env: { ...process.env, PATH: bin, TS_NODE_PROJECT: path.join(projectDir, "tsconfig.json") } },
    );
    fs.rmSync(bin, { recursive: true, force: true });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("e2e preflight", () => {
    it("names every missing tool, in one line", () => {
        expect(missingTools((command) => command === "docker" || command === "kubectl")).to.deep.equal(["kind", "the Pulumi CLI"]);
        expect(missingTools(() => true)).to.deep.equal([]);
        expect(missingToolsMessage(["Docker", "the Pulumi CLI"])).to.equal(
            "e2e needs Docker, kind, kubectl and the Pulumi CLI on PATH; missing: Docker, the Pulumi CLI. " +
                "Install them (docs/e2e.md), or run the offline checks with npm test.",
        );
    });

    it("asks the Docker daemon only when every tool is on PATH", async () => {
        let asked = 0;
        const answers = (up: boolean) => async () => {
            asked++;
            return up;
        };
        expect(await preflightProblem(() => false, answers(true))).to.match(
            /^e2e needs Docker, kind, kubectl and the Pulumi CLI on PATH; missing: Docker, kind, kubectl, the Pulumi CLI\./,
        );
        expect(asked).to.equal(0);
        expect(await preflightProblem(() => true, answers(false))).to.equal(DOCKER_DOWN_MESSAGE);
        expect(await preflightProblem(() => true, answers(true))).to.equal(undefined);
        expect(asked).to.equal(2);
    });

    it("finds executables on a PATH, not plain files or directories", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-onpath-"));
        fs.writeFileSync(path.join(dir, "kind"), "#!/bin/sh\n", { mode: 0o755 });
        fs.writeFileSync(path.join(dir, "pulumi"), "not executable\n", { mode: 0o644 });
        fs.mkdirSync(path.join(dir, "kubectl"));
        expect(onPath("kind", dir)).to.equal(true);
        expect(onPath("pulumi", dir)).to.equal(false);
        expect(onPath("kubectl", dir)).to.equal(false);
        expect(onPath("kind", `/nonexistent${path.delimiter}${dir}`)).to.equal(true);
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("npm run e2e -- --stack antrea-kind without the tools prints the one line and exits 2, creating nothing", () => {
        const result = e2eCli(["--stack", "antrea-kind"]);
        expect(result.status).to.equal(2);
        expect(result.stdout).to.equal("");
        expect(result.stderr).to.equal(`${missingToolsMessage(["Docker", "kind", "kubectl", "the Pulumi CLI"])}\n`);
        expect(fs.existsSync(path.join(projectDir, "Pulumi.e2e-antrea-kind.yaml"))).to.equal(false);
    });

    it("exits 2 with the Docker line when the docker CLI is there but its daemon does not answer", () => {
        const result = e2eCli(["--stack", "antrea-kind"], ["docker", "kind", "kubectl", "pulumi"]);
        expect(result.status).to.equal(2);
        expect(result.stderr).to.equal(`${DOCKER_DOWN_MESSAGE}\n`);
    });

    it("lists the kind stacks as JSON, and refuses a stack that is not one", () => {
        const listed = e2eCli(["--list"]);
        expect(listed.status).to.equal(0);
        const stacks = JSON.parse(listed.stdout) as string[];
        expect(stacks).to.include.members(["antrea-kind", "dev", "linkerd-kind"]);
        expect(stacks).not.to.include.members(["antrea-lab", "cilium-lab", "contrail-lab"]);
        const refused = e2eCli(["--stack", "antrea-lab", "--dry-run"]);
        expect(refused.status).to.equal(1);
        expect(refused.stderr).to.match(/^--stack = "antrea-lab" is not a stack of kind clusters here; fix: use one of antrea-kind, /);
    });
});

import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readEngineState, STATE_FILE } from "../../tools/engine/state-file";
import { RENDER_MARKER, writeArtifacts } from "../../tools/render";
import { KeptRender, keptRender, projectDir } from "./render-fixtures";

/** Every string of at least 12 characters inside a value. */
function strings(value: unknown, out: string[] = []): string[] {
    if (typeof value === "string" && value.length >= 12) {
        out.push(value);
    } else if (value !== null && typeof value === "object") {
        Object.values(value).forEach((inner) => strings(inner, out));
    }
    return out;
}

/** The value at a redaction path (`a.b[0].c`). */
function at(value: unknown, dotted: string): unknown {
    return dotted
        .replace(/\[(\d+)\]/g, ".$1")
        .split(".")
        .reduce<unknown>(
            (node, key) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined),
            value,
        );
}

describe("offline diff: an unchanged stack, secrets, refusals", function () {
    this.timeout(240_000);
    const renders: Record<string, { before: KeptRender; after: KeptRender }> = {};

    before(async () => {
        for (const stack of ["dev", "cilium-lab"]) {
            const before = await keptRender(projectDir, stack);
            // cilium-lab's second render shows secrets: the secret-leak test greps for the values it shows.
            renders[stack] = { before, after: await keptRender(projectDir, stack, before, stack === "cilium-lab") };
        }
    });

    for (const stack of ["dev", "cilium-lab"]) {
        it(`--against an unchanged stack (${stack}) reports only same`, () => {
            const { before, after } = renders[stack];
            const report = after.result.report;
            expect(report, "a report").to.not.equal(undefined);
            const ops = new Set(report?.diff.resources.map((entry) => entry.op));
            expect([...ops]).to.deep.equal(["same"]);
            expect(report?.diff.summary).to.deep.equal({
                create: 0,
                update: 0,
                replace: 0,
                delete: 0,
                same: before.state.resources.length,
            });
            expect(report?.diff.resources.length).to.equal(after.result.plan.resources.length);
            expect(report?.restarts).to.deep.equal({ restarts: [], unknown: [] });
            expect(after.result.files.get("diff.md"))
                .to.contain("0 to create, 0 to update, 0 to replace, 0 to delete")
                .and.contain("No resource changes.");
            expect(after.state.seed, "an update keeps the seed").to.equal(before.state.seed);
        });
    }

    it("never writes a secret value: not in the state files, diff.json or diff.md (the values a --show-secrets render shows)", () => {
        const { before, after } = renders["cilium-lab"];
        const redactedPlan = before.result.files.get("plan.json") ?? "";
        const shown = after.result.plan.resources.flatMap((resource) =>
            resource.secretInputs.flatMap((secret) => strings(at(resource.inputs, secret))),
        );
        // Values that are secret somewhere but plain elsewhere (a host address) are no secret to keep.
        const secrets = [...new Set(shown)].filter((value) => !redactedPlan.includes(value));
        expect(secrets.length, "secret values shown").to.be.greaterThan(10);
        expect(
            secrets.some((value) => value.includes("PRIVATE KEY")),
            "a private key among them",
        ).to.equal(true);
        const files = {
            "before state": before.result.files.get(STATE_FILE) ?? "",
            "after state": after.result.files.get(STATE_FILE) ?? "",
            "diff.json": after.result.files.get("diff.json") ?? "",
            "diff.md": after.result.files.get("diff.md") ?? "",
        };
        for (const [name, text] of Object.entries(files)) {
            expect(text.length, name).to.be.greaterThan(0);
            expect(
                secrets.filter((value) => text.includes(value)).map((value) => value.slice(0, 40)),
                name,
            ).to.deep.equal([]);
            expect(text, name).not.to.match(/PRIVATE KEY|simulated-[0-9a-f]{24}/);
        }
    });

    it("refuses, in one line each, a directory that is no render, a state of an unknown version and another stack's render", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "render-against-"));
        const refuse = (stack: string) => () => readEngineState(dir, RENDER_MARKER, "multicluster", stack);
        expect(refuse("dev")).to.throw(
            `--against ${dir}: is not a render output (no ${RENDER_MARKER} in it); give the --out directory of an earlier npm run render of this stack`,
        );
        writeArtifacts(dir, new Map([["plan.json", "{}\n"]]));
        expect(refuse("dev")).to.throw(`--against ${dir}: holds no readable ${STATE_FILE}`);
        const dev = renders.dev.before.state;
        writeArtifacts(dir, new Map([[STATE_FILE, JSON.stringify({ ...dev, version: 99 })]]));
        expect(refuse("dev")).to.throw(
            `--against ${dir}: its state format version 99 is not known here (this render reads 1); render it again with this version`,
        );
        writeArtifacts(dir, new Map([[STATE_FILE, JSON.stringify(dev)]]));
        expect(refuse("cilium-lab")).to.throw(
            `--against ${dir}: was rendered from stack dev of project multicluster, not stack cilium-lab of project multicluster; give the --out directory of an earlier npm run render of this stack`,
        );
        expect(readEngineState(dir, RENDER_MARKER, "multicluster", "dev").seed).to.equal(dev.seed);
    });

    it("the CLI exits 2 with that one line, rendering nothing", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "render-against-"));
        const out = path.join(dir, "out");
        const cli = path.join(projectDir, "tools", "render-cli.ts");
        const run = spawnSync(
            process.execPath,
            ["-r", require.resolve("ts-node/register/transpile-only"), cli, "--stack", "dev", "--out", out, "--against", dir],
            {
                cwd: projectDir,
                encoding: "utf8",
                env: { ...process.env, TS_NODE_PROJECT: path.join(projectDir, "tsconfig.json") },
            },
        );
        expect(run.status).to.equal(2);
        expect(run.stderr).to.equal(
            `--against ${dir}: is not a render output (no ${RENDER_MARKER} in it); give the --out directory of an earlier npm run render of this stack\n`,
        );
        expect(fs.existsSync(out)).to.equal(false);
    });
});

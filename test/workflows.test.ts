// The GitHub workflows parse, use only npm scripts package.json has, name only stacks that exist, and pin every action.
import { expect } from "chai";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { defaultVersions } from "../components/versions";
import { listStacks } from "../tools/engine/stack-files";

const projectDir = path.resolve(__dirname, "..");
const workflowDir = path.join(projectDir, ".github", "workflows");
const scripts = Object.keys(
    (JSON.parse(fs.readFileSync(path.join(projectDir, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts,
);

/** One step of a job. */
interface WorkflowStep {
    readonly uses?: string;
    readonly run?: string;
    readonly with?: Record<string, unknown>;
}

/** A workflow, as far as these checks read it. */
interface Workflow {
    readonly name: string;
    readonly on: Record<string, unknown>;
    readonly jobs: Record<string, { readonly if?: string; readonly steps: readonly WorkflowStep[]; readonly needs?: string | string[] }>;
}

function load(file: string): Workflow {
    return yaml.load(fs.readFileSync(path.join(workflowDir, file), "utf8")) as Workflow;
}

const steps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);
const scriptText = (workflow: Workflow) =>
    steps(workflow)
        .map((step) => step.run ?? "")
        .join("\n");

/** The npm scripts a shell text runs: `npm run [flags] <name>` and the `npm test` shorthand. */
export function npmScriptsUsed(text: string): string[] {
    const run = [...text.matchAll(/\bnpm run(?:\s+--?[a-z-]+)*\s+([A-Za-z0-9:_-]+)/g)].map((match) => match[1]);
    const shorthand = [...text.matchAll(/\bnpm (test|start|stop|restart)\b/g)].map((match) => match[1]);
    return [...new Set([...run, ...shorthand])];
}

/** The literal stack names a shell text passes with --stack (variables are not literals). */
export function stacksNamed(text: string): string[] {
    return [...text.matchAll(/--stack\s+"?([A-Za-z0-9_.-]+)"?/g)].map((match) => match[1]);
}

describe("GitHub workflows", () => {
    it("finds the script names a shell text runs, and only literal stack names", () => {
        expect(npmScriptsUsed("npm ci\nnpm test\nnpm run --silent e2e -- --list\nnpm run render -- --stack x")).to.deep.equal([
            "e2e",
            "render",
            "test",
        ]);
        expect(stacksNamed('npm run render -- --stack "$stack" --out d\nnpm run e2e -- --stack dev')).to.deep.equal(["dev"]);
    });

    for (const file of ["pull-request.yml", "e2e.yml"]) {
        describe(file, () => {
            const workflow = load(file);

            it("parses, with a name, triggers and jobs that all have steps", () => {
                expect(workflow.name).to.be.a("string");
                expect(Object.keys(workflow.on)).to.not.be.empty;
                for (const [name, job] of Object.entries(workflow.jobs)) {
                    expect(job.steps, name).to.be.an("array").that.is.not.empty;
                    for (const need of [job.needs ?? []].flat()) {
                        expect(Object.keys(workflow.jobs), `${name} needs ${need}`).to.include(need);
                    }
                }
            });

            it("runs only npm scripts that package.json has", () => {
                const used = npmScriptsUsed(scriptText(workflow));
                expect(used).to.not.be.empty;
                expect(used.filter((script) => !scripts.includes(script))).to.deep.equal([]);
            });

            it("names only stacks that have a Pulumi.<stack>.yaml, and finds the stacks from the files", () => {
                expect(stacksNamed(scriptText(workflow)).filter((stack) => !listStacks(projectDir).includes(stack))).to.deep.equal([]);
                expect(scriptText(workflow)).to.match(
                    file === "e2e.yml" ? /npm run --silent e2e -- --list/ : /for file in Pulumi\.\*\.yaml/,
                );
            });

            it("pins every action to a version tag", () => {
                const uses = steps(workflow).flatMap((step) => (step.uses ? [step.uses] : []));
                expect(uses).to.not.be.empty;
                expect(uses.filter((action) => !/^[\w.-]+\/[\w.-]+@v\d+\.\d+\.\d+$/.test(action))).to.deep.equal([]);
            });
        });
    }

    it("pull-request.yml: npm ci and npm test, the render diff with --against posted as one comment, preview only with a backend secret", () => {
        const workflow = load("pull-request.yml");
        const text = scriptText(workflow);
        expect(workflow.on).to.have.property("pull_request");
        expect(steps(workflow).map((step) => step.run)).to.include.members(["npm ci", "npm test"]);
        expect(text).to.contain('npm run render -- --stack "$stack" --out "$out" --against "$base"');
        expect(text).to.contain('cat "$out/diff.md" >> "$comment"');
        const comment = steps(workflow).find((step) => step.uses?.startsWith("actions/github-script@"));
        expect(String(comment?.with?.script)).to.contain("updateComment");
        expect(workflow.jobs.preview.if).to.equal("needs.stacks.outputs.backend == 'true'");
        expect(text).to.contain("::notice title=pulumi preview skipped::");
        const preview = workflow.jobs.preview.steps.find((step) => step.uses?.startsWith("pulumi/actions@"));
        expect(preview?.with).to.include({ command: "preview", "stack-name": "${{ matrix.stack }}" });
    });

    it("e2e.yml: on demand and nightly, npm run e2e per kind stack on a Linux runner", () => {
        const workflow = load("e2e.yml");
        expect(Object.keys(workflow.on).sort()).to.deep.equal(["schedule", "workflow_dispatch"]);
        expect(scriptText(workflow)).to.contain('npm run e2e -- --stack "$STACK"');
        expect(JSON.stringify(workflow.jobs.e2e)).to.contain("ubuntu-latest");
    });

    it("e2e.yml: installs the kind release whose default node image is the pinned one, and kubectl of the pinned Kubernetes", () => {
        const kind = steps(load("e2e.yml")).find((step) => step.uses?.startsWith("helm/kind-action@"));
        // kind v0.32.0 pkg/apis/config/defaults/image.go: the image versions.ts pins (kind-action's default is v0.31.0).
        expect(defaultVersions.kindNodeImage).to.match(/^kindest\/node:v1\.36\.1@sha256:3489c767/);
        expect(kind?.with).to.include({ install_only: true, version: "v0.32.0", kubectl_version: `v${defaultVersions.kubernetes}` });
    });
});

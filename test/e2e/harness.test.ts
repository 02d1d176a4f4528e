// The e2e harness with the real tools stubbed: what it runs, in which order, and that cleanup runs after any failure.
import { expect } from "chai";
import { Action } from "../../tools/e2e/plan";
import { ActionResult, executePlan } from "../../tools/e2e/execute";
import { e2ePlan, e2eStackName } from "../../tools/e2e/plan";
import { Expectations } from "../../tools/e2e/predict";

const PROJECT = "/repo";
const WORK = "/tmp/e2e-x";

/** What the offline engine would predict for a two-cluster stack (hand-written, small). */
const EXPECTED: Expectations = {
    outputs: { layers: { cni: "antrea" }, apps: { demo: "web exported by a, proven from b" } },
    gates: ["command:local:Command::demo-b-proof"],
    blast: { "command:local:Command::c-cluster": "create", "command:local:Command::a-peers-check": "replace" },
    blastSummary: "1 created, 0 updated, 1 replaced, 0 deleted (of 9 existing), 0 Helm releases changed",
    kindClusters: ["a", "b", "c"],
};

const plan = () =>
    e2ePlan({ stack: "s", projectDir: PROJECT, workDir: WORK, stackFile: "config: {}\n", extended: { clusters: [] }, expected: EXPECTED });

/** One line per action, as the stub saw it. */
function line(action: Action): string {
    return action.kind === "run" ? action.argv.join(" ") : `${action.kind} ${action.path}`;
}

/** What the stub's tools print for the commands whose output is checked. */
function goodStdout(action: Action): string {
    const argv = action.kind === "run" ? action.argv.join(" ") : "";
    if (argv.startsWith("pulumi stack output")) {
        return JSON.stringify({ ...EXPECTED.outputs, kubeconfigs: { a: "[secret]" } });
    }
    if (argv.startsWith("pulumi stack export")) {
        return JSON.stringify({
            deployment: { resources: [{ urn: "urn:pulumi:e2e-s::multicluster::command:local:Command::demo-b-proof" }] },
        });
    }
    if (argv.startsWith("pulumi preview")) {
        const urn = (tail: string) => `urn:pulumi:e2e-s::multicluster::${tail}`;
        return JSON.stringify({
            steps: [
                { op: "same", urn: urn("command:local:Command::a-cluster"), newState: { custom: true } },
                { op: "create", urn: urn("command:local:Command::c-cluster"), newState: { custom: true } },
                { op: "create", urn: urn("multicluster:kind:KindCluster::c"), newState: { custom: false } },
                { op: "create-replacement", urn: urn("command:local:Command::a-peers-check"), newState: { custom: true } },
                { op: "replace", urn: urn("command:local:Command::a-peers-check"), newState: { custom: true } },
                { op: "delete-replaced", urn: urn("command:local:Command::a-peers-check"), oldState: { custom: true } },
            ],
        });
    }
    return "";
}

/** A stub runner recording every action; `fail` names the argv prefix (or action kind) that fails, `stdout` what commands print. */
function stub(fail?: string, stdout: (action: Action) => string = goodStdout) {
    const calls: string[] = [];
    const runner = async (action: Action): Promise<ActionResult> => {
        calls.push(line(action));
        return { status: fail !== undefined && line(action).startsWith(fail) ? 1 : 0, stdout: stdout(action) };
    };
    return { calls, runner };
}

const CLEANUP = [
    "pulumi destroy --yes --skip-preview --stack e2e-s --non-interactive",
    "kind delete cluster --name a",
    "kind delete cluster --name b",
    "kind delete cluster --name c",
    "remove /repo/Pulumi.e2e-s.yaml",
    "remove /tmp/e2e-x",
];

describe("e2e harness (tools stubbed)", () => {
    it("runs up, the proof and gate assertions, a no-change up, the added cluster's preview and up, then the cleanup", async () => {
        const { calls, runner } = stub();
        const outcome = await executePlan(plan(), runner);
        expect(outcome.steps.filter((step) => step.result !== "passed")).to.deep.equal([]);
        expect(outcome.ok).to.equal(true);
        expect(calls).to.deep.equal([
            "write /repo/Pulumi.e2e-s.yaml",
            "pulumi stack init e2e-s --secrets-provider passphrase --non-interactive",
            "pulumi up --yes --skip-preview --stack e2e-s --non-interactive",
            "pulumi stack output --json --stack e2e-s --non-interactive",
            "pulumi stack export --stack e2e-s --non-interactive",
            "pulumi up --yes --expect-no-changes --stack e2e-s --non-interactive",
            "config /repo/Pulumi.e2e-s.yaml",
            "pulumi preview --json --stack e2e-s --non-interactive",
            "pulumi up --yes --skip-preview --stack e2e-s --non-interactive",
            ...CLEANUP,
        ]);
    });

    it("marks only the cleanup steps always, and runs the throwaway stack, never the stack's own file", () => {
        const steps = plan();
        expect(steps.filter((step) => step.always).map((step) => line(step.action))).to.deep.equal(CLEANUP);
        expect(steps.findIndex((step) => step.always)).to.equal(steps.length - CLEANUP.length);
        expect(e2eStackName("antrea-kind")).to.equal("e2e-antrea-kind");
        const paths = steps.map((step) => step.action).flatMap((action) => (action.kind === "run" ? [] : [action.path]));
        expect(paths).not.to.include("/repo/Pulumi.s.yaml");
        for (const step of steps.filter((candidate) => candidate.action.kind === "run")) {
            const action = step.action as Extract<Action, { kind: "run" }>;
            expect(action.argv.join(" "), step.title).not.to.match(/show-secrets|PASSPHRASE/);
            expect(action.echo, step.title).to.equal(step.check === undefined);
        }
    });

    it("after a failed up skips the rest and still destroys, deletes every kind cluster and removes the scratch files", async () => {
        const { calls, runner } = stub("pulumi up --yes --skip-preview");
        const lines: string[] = [];
        const outcome = await executePlan(plan(), runner, (text) => lines.push(text));
        expect(outcome.ok).to.equal(false);
        expect(calls).to.deep.equal([
            "write /repo/Pulumi.e2e-s.yaml",
            "pulumi stack init e2e-s --secrets-provider passphrase --non-interactive",
            "pulumi up --yes --skip-preview --stack e2e-s --non-interactive",
            ...CLEANUP,
        ]);
        expect(outcome.steps.filter((step) => step.result === "skipped")).to.have.length(6);
        expect(lines).to.include("e2e: FAILED: pulumi up: exited 1");
    });

    it("keeps cleaning up when a cleanup step fails (a failed destroy still deletes the clusters), and fails the run", async () => {
        const { calls, runner } = stub("pulumi destroy");
        const outcome = await executePlan(plan(), runner);
        expect(outcome.ok).to.equal(false);
        expect(calls.slice(-CLEANUP.length)).to.deep.equal(CLEANUP);
        expect(outcome.steps.find((step) => step.title === "pulumi destroy")?.result).to.equal("failed");
    });

    it("counts a runner that throws (a tool that cannot start) as a failure and cleans up", async () => {
        const calls: string[] = [];
        const outcome = await executePlan(plan(), async (action) => {
            calls.push(line(action));
            if (line(action).startsWith("pulumi stack init")) {
                throw new Error("spawn pulumi ENOENT");
            }
            return { status: 0, stdout: "" };
        });
        expect(outcome.steps[1]).to.deep.equal({
            title: "create the stack in the local file backend",
            result: "failed",
            problem: "spawn pulumi ENOENT",
        });
        expect(calls.slice(2)).to.deep.equal(CLEANUP);
    });

    it("fails on proof outputs that differ from the render, naming the output and never its value", async () => {
        const { runner } = stub(undefined, (action) =>
            line(action).startsWith("pulumi stack output")
                ? JSON.stringify({ layers: { cni: "antrea" }, apps: { demo: "other" } })
                : goodStdout(action),
        );
        const outcome = await executePlan(plan(), runner);
        expect(outcome.steps.find((step) => step.result === "failed")).to.deep.equal({
            title: "assert the proof outputs",
            result: "failed",
            problem: "stack outputs apps differ from the offline render's (npm run render)",
        });
        expect(outcome.steps.filter((step) => step.result === "skipped")).to.have.length(5);
    });

    it("fails when a gate is missing from the state", async () => {
        const { runner } = stub(undefined, (action) =>
            line(action).startsWith("pulumi stack export") ? JSON.stringify({ deployment: { resources: [] } }) : goodStdout(action),
        );
        const outcome = await executePlan(plan(), runner);
        expect(outcome.steps.find((step) => step.result === "failed")?.problem).to.equal(
            "gates missing from the state after up: command:local:Command::demo-b-proof",
        );
    });

    it("fails when adding the cluster touches what the bench did not predict, or leaves out what it did", async () => {
        const { runner } = stub(undefined, (action) =>
            line(action).startsWith("pulumi preview")
                ? JSON.stringify({
                      steps: [
                          { op: "create", urn: "urn:pulumi:e2e-s::multicluster::command:local:Command::c-cluster" },
                          { op: "update", urn: "urn:pulumi:e2e-s::multicluster::kubernetes:helm.sh/v3:Release::a-release" },
                      ],
                  })
                : goodStdout(action),
        );
        const outcome = await executePlan(plan(), runner);
        expect(outcome.steps.find((step) => step.result === "failed")?.problem).to.equal(
            "adding a cluster differs from the bench's blast radius (1 created, 0 updated, 1 replaced, 0 deleted (of 9 existing), 0 Helm releases changed): " +
                "not predicted: update kubernetes:helm.sh/v3:Release::a-release; predicted, absent: replace command:local:Command::a-peers-check",
        );
    });
});

// Node scripts SIGKILLed at their step boundaries and run again end in the same state as an uninterrupted run.
import { expect } from "chai";
import * as fs from "fs";
import { ResolvedKubeadmCluster } from "../../components/kubeadm/types";
import { resolveKubeadmCluster } from "../../components/kubeadm/resolve";
import { planSteps } from "../../components/kubeadm/steps";
import { HIGHLY_AVAILABLE, SMALL } from "../fixtures/kubeadm-clusters";
import { stepStdin } from "../fixtures/kubeadm-stdin";
import { HostSandbox, UBUNTU_2404, clusterState, removeSandboxes } from "../fixtures/kubeadm-sandbox";
import { FULL_SWEEP, killPoints } from "../fixtures/kill-points";

/** One script to interrupt, on a host in the state just before it runs. */
interface Case {
    readonly title: string;
    readonly before: HostSandbox;
    readonly script: string;
    readonly stdin: string;
}

/** Runs `work` over `items`, `width` at a time (the scripts wait on processes, so a few overlap well). */
async function pool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
    const queue = [...items];
    await Promise.all(
        Array.from({ length: width }, async () => {
            for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
                await work(item);
            }
        }),
    );
}

/**
 * Kills the script with SIGKILL at its step boundaries (before external commands and redirections: every one under
 * FULL_SWEEP=1, else the fixed sample of {@link killPoints}), runs it again, and returns every boundary where the rerun
 * failed or ended in another state than an uninterrupted run.
 */
async function divergences(entry: Case): Promise<string[]> {
    const reference = entry.before.fork();
    const trace = reference.path("/state/boundaries.trace");
    fs.writeFileSync(trace, "");
    const uninterrupted = reference.run(entry.script, entry.stdin, { SANDBOX_TRACE: trace }, 0);
    expect(uninterrupted.status, `${entry.title}: ${uninterrupted.stderr}`).to.equal(0);
    expect(uninterrupted.boundaries).to.be.greaterThan(0);
    const shapes = fs.readFileSync(trace, "utf8").split("\n").filter(Boolean);
    expect(shapes, entry.title).to.have.length(uninterrupted.boundaries);
    const expected = reference.snapshot();
    const found: string[] = [];
    await pool(killPoints(entry.title, shapes), 4, async (boundary) => {
        const host = entry.before.fork();
        const killed = await host.runAsync(entry.script, entry.stdin, {}, boundary);
        const again = await host.runAsync(entry.script, entry.stdin);
        const actual = host.snapshot();
        const differing = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].filter((key) => expected[key] !== actual[key]);
        if (killed.signal !== "SIGKILL") {
            found.push(`boundary ${boundary}: not killed (exit ${killed.status})`);
        } else if (again.status !== 0) {
            found.push(`boundary ${boundary}: the rerun failed: ${again.stderr.trim()}`);
        } else if (differing.length > 0) {
            found.push(`boundary ${boundary}: ends with other ${differing.join(", ")}`);
        }
    });
    return found.sort();
}

/** Runs every step of a cluster in runbook order; returns the state before each step (and the hosts after all of them). */
function upWithStates(target: ResolvedKubeadmCluster): { before: Map<string, HostSandbox>; hosts: Map<string, HostSandbox> } {
    const state = clusterState();
    const hosts = new Map([...target.controlPlanes, ...target.workers].map((node) => [node.name, new HostSandbox(node.name, state)]));
    const before = new Map<string, HostSandbox>();
    for (const step of planSteps(target)) {
        const host = hosts.get(step.node.name)!;
        before.set(step.role, host.fork());
        const run = host.run(step.script, stepStdin(target, step));
        expect(run.status, `${step.role}: ${run.stderr}`).to.equal(0);
    }
    return { before, hosts };
}

describe(`interrupted node scripts converge (SIGKILL at ${FULL_SWEEP ? "every step boundary" : "sampled step boundaries, FULL_SWEEP=1 for all"}, then run again)`, function () {
    this.timeout(600_000);
    after(removeSandboxes);

    const small = resolveKubeadmCluster("alpha", SMALL);
    const ha = resolveKubeadmCluster("beta", HIGHLY_AVAILABLE);
    let smallUp: ReturnType<typeof upWithStates>;
    let haUp: ReturnType<typeof upWithStates>;
    before(() => {
        smallUp = upWithStates(small);
        haUp = upWithStates(ha);
    });

    const upCases: [string, () => ResolvedKubeadmCluster, () => ReturnType<typeof upWithStates>, string][] = [
        ["prepare", () => small, () => smallUp, "cp-1-prepare"],
        ["place the FAKE_PKI", () => small, () => smallUp, "cp-1-pki"],
        ["kubeadm init", () => small, () => smallUp, "init"],
        ["wait until ready", () => small, () => smallUp, "ready"],
        ["ensure the join token", () => small, () => smallUp, "token"],
        ["join a worker", () => small, () => smallUp, "worker-1-join"],
        ["wait until a node registered", () => small, () => smallUp, "worker-1-cleanup"],
        ["join a control plane", () => ha, () => haUp, "cp-2-join"],
    ];
    for (const [title, target, up, role] of upCases) {
        it(`${title} (${role})`, async () => {
            const step = planSteps(target()).find((candidate) => candidate.role === role)!;
            const before = up().before.get(role)!;
            expect(await divergences({ title, before, script: step.script, stdin: stepStdin(target(), step) })).to.deep.equal([]);
        });
    }

    it("every delete path, in destroy order (node removal, worker and control-plane resets, FAKE_PKI removal, release)", async () => {
        const steps = [...planSteps(small)].reverse().filter((step) => step.deleteScript);
        const seen = new Set<string>();
        for (const step of steps) {
            const host = smallUp.hosts.get(step.node.name)!;
            const kind = `${step.role.replace(/^(worker-1|w2)-/, "worker-")} on ${step.node.role}`;
            if (!seen.has(kind)) {
                seen.add(kind);
                expect(
                    await divergences({ title: step.role, before: host.fork(), script: step.deleteScript!, stdin: "" }),
                    step.role,
                ).to.deep.equal([]);
            }
            expect(host.run(step.deleteScript!).status, step.role).to.equal(0);
        }
        const haJoin = planSteps(ha).find((step) => step.role === "cp-2-join")!;
        expect(
            await divergences({
                title: "reset a joined control plane",
                before: haUp.hosts.get(haJoin.node.name)!.fork(),
                script: haJoin.deleteScript!,
                stdin: "",
            }),
        ).to.deep.equal([]);
    });

    it("removing a joined control plane, in delete order (drain, reset with its etcd member removal, Node deletion)", async () => {
        // Copies of the first and third control planes that share one copy of the cluster's directory (Nodes, etcd).
        const first = haUp.hosts.get("beta-cp-1")!.fork();
        const third = new HostSandbox("beta-cp-3", first.cluster, UBUNTU_2404, haUp.hosts.get("beta-cp-3")!.root);
        for (const role of ["cp-3-cleanup", "cp-3-join", "cp-3-deregister"]) {
            const step = planSteps(ha).find((candidate) => candidate.role === role)!;
            const before = step.node.name === "beta-cp-3" ? third : first;
            expect(await divergences({ title: `remove ${role}`, before, script: step.deleteScript!, stdin: "" }), role).to.deep.equal([]);
            expect(before.run(step.deleteScript!).status, role).to.equal(0);
        }
        expect(fs.readdirSync(`${first.cluster}/etcd`).sort()).to.deep.equal(["beta-cp-1", "beta-cp-2"]);
        expect(fs.readdirSync(`${first.cluster}/nodes`)).to.not.include("beta-cp-3");
    });

    it("a kubeadm init or join killed half-way through (its own state left behind) is reset and run again", () => {
        for (const role of ["init", "worker-1-join"]) {
            const step = planSteps(small).find((candidate) => candidate.role === role)!;
            const host = smallUp.before.get(role)!.fork();
            const reference = smallUp.before.get(role)!.fork();
            expect(reference.run(step.script, stepStdin(small, step)).status).to.equal(0);
            const half = host.run(step.script, stepStdin(small, step), { STUB_PARTIAL: "kubeadm" });
            expect(half.status, role).to.equal(137);
            const again = host.run(step.script, stepStdin(small, step));
            expect(again.status, again.stderr).to.equal(0);
            expect(again.stdout).to.match(
                /kubeadm (init|join) on alpha-(cp|worker)-1 was interrupted: resetting the node( \(its CAs stay\))? to run it again/,
            );
            expect(host.snapshot()).to.deep.equal(reference.snapshot());
        }
    });
});

describe("kill-point sample (the boundaries the interrupted-run tests kill at)", () => {
    const shapes = ["install", "mv", ">cat", "mv", "install", "mv", "systemctl", "mv", "mv", "mv", "rm", "install", "mv", "mv", "rm"];

    it(
        FULL_SWEEP
            ? "is every boundary under FULL_SWEEP=1"
            : "keeps the first and last boundary and the first of each shape, and is the same on every run",
        () => {
            const points = killPoints("prepare", shapes);
            if (FULL_SWEEP) {
                expect(points).to.deep.equal(shapes.map((_, i) => i + 1));
                return;
            }
            for (const must of [1, 2, 3, 7, 11, 15]) {
                expect(points, `boundary ${must}`).to.include(must);
            }
            expect(points.length).to.be.lessThan(shapes.length);
            expect(points).to.deep.equal([...new Set(points)].sort((a, b) => a - b));
            expect(killPoints("prepare", shapes)).to.deep.equal(points);
            expect(killPoints("a short one", ["kind", "rm", ">cat"])).to.deep.equal([1, 2, 3]);
        },
    );
});

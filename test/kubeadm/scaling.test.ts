// Adding and removing workers and control planes, run in the sandbox in the order Pulumi deletes: drain, reset, Node.
import { expect } from "chai";
import * as fs from "fs";
import { ConfigValidationError } from "../../components/shared/validation";
import { PlainKubeadmClusterArgs, ResolvedKubeadmCluster } from "../../components/kubeadm/types";
import { resolveKubeadmCluster } from "../../components/kubeadm/resolve";
import { RemoteStep, planSteps } from "../../components/kubeadm/steps";
import { API_WAIT_ENV } from "../../components/kubeadm/scripts-removal";
import { HIGHLY_AVAILABLE, SMALL } from "../fixtures/kubeadm-clusters";
import { SandboxRun, removeSandboxes } from "../fixtures/kubeadm-sandbox";
import { Hosts, hostOf, hostsOf, mustCreate, registeredNodes, stepOf, up } from "../fixtures/kubeadm-runbook";

const small = resolveKubeadmCluster("alpha", SMALL);
const ha = resolveKubeadmCluster("beta", HIGHLY_AVAILABLE);
/** The API wait a removal allows in these tests (production: 60 s). */
const NO_WAIT = { [API_WAIT_ENV]: "0" };

/** Runs the delete scripts of `roles` in that order, as `pulumi up` does for a removed node; each must succeed. */
function remove(hosts: Hosts, cluster: ResolvedKubeadmCluster, roles: readonly string[], env: Record<string, string> = {}): SandboxRun[] {
    return roles.map((role) => {
        const step: RemoteStep = stepOf(cluster, role);
        const run = hostOf(hosts, step.node).run(step.deleteScript ?? "", "", { ...NO_WAIT, ...env });
        expect(run.status, `${role} delete: ${run.stderr}`).to.equal(0);
        return run;
    });
}

/** The delete order Pulumi follows for one removed node: its cleanup, its join, its deregister step (dependents first). */
const removal = (key: string) => [`${key}-cleanup`, `${key}-join`, `${key}-deregister`];

/** The etcd members of the sandbox cluster. */
const etcdMembers = (hosts: Hosts): string[] => fs.readdirSync(`${[...hosts.values()][0].cluster}/etcd`).sort();

/** Marks the sandbox cluster's API server unreachable (or reachable again). */
function apiDown(hosts: Hosts, down = true): void {
    const file = `${[...hosts.values()][0].cluster}/api-down`;
    if (down) {
        fs.writeFileSync(file, "");
    } else {
        fs.rmSync(file, { force: true });
    }
}

describe("scaling a kubeadm cluster: nodes join and leave without touching the others", () => {
    after(removeSandboxes);

    it("plans a deregister step before each join and the cleanup after it, so Pulumi deletes drain → reset → Node", () => {
        const roles = planSteps(small).map((step) => step.role);
        for (const key of ["worker-1", "w2"]) {
            const [deregister, join, cleanup] = [`${key}-deregister`, `${key}-join`, `${key}-cleanup`].map((role) => roles.indexOf(role));
            expect(deregister, key).to.be.greaterThan(-1);
            expect([deregister < join, join < cleanup], key).to.deep.equal([true, true]);
            expect(stepOf(small, `${key}-join`).after).to.include(`${key}-deregister`);
            expect(stepOf(small, `${key}-cleanup`).after).to.deep.equal([`${key}-join`]);
        }
        const deregister = stepOf(small, "w2-deregister");
        expect(deregister.node.name, "runs where the admin kubeconfig is").to.equal("alpha-cp-1");
        expect([deregister.destructiveDelete, deregister.rebuiltWith]).to.deep.equal([true, ["init"]]);
        expect(deregister.triggers, "replaced when the node moves").to.include.members(["alpha-w2", "worker-2.lab.internal", "10.0.0.22"]);
        expect(deregister.deleteScript).to.contain("delete node alpha-w2 --ignore-not-found");
        expect(stepOf(small, "w2-cleanup").deleteScript).to.contain(
            "drain alpha-w2 --ignore-daemonsets --delete-emptydir-data --force --timeout=120s",
        );
        expect(stepOf(small, "w2-cleanup").deleteScript).not.to.contain("delete node");
    });

    it("adding a worker runs only its own steps (and the token check); no other node is prepared, joined or reset again", () => {
        const hosts = hostsOf(small);
        up(hosts, small);
        const grown = resolveKubeadmCluster("alpha", { ...SMALL, workers: [...(SMALL.workers ?? []), { host: "10.0.0.23" }] });
        const before = new Map(planSteps(small).map((step) => [step.role, step]));
        const changed = planSteps(grown).filter((step) => {
            const old = before.get(step.role);
            return (
                !old ||
                old.script !== step.script ||
                old.deleteScript !== step.deleteScript ||
                String(old.triggers) !== String(step.triggers)
            );
        });
        expect(changed.map((step) => step.role)).to.deep.equal([
            "worker-3-prepare",
            "token",
            "worker-3-deregister",
            "worker-3-join",
            "worker-3-cleanup",
            "upgrade-worker-3", // the new node's place in the upgrade chain: a no-op on a node at the version
        ]);
        const calls = changed.flatMap((step) => mustCreate(hosts, grown, step).calls);
        expect(calls.filter((call) => call.startsWith("kubeadm join"))).to.have.length(1);
        expect(calls.filter((call) => /^kubeadm (init|reset)/.test(call))).to.deep.equal([]);
        expect(registeredNodes(hosts)).to.deep.equal({
            "alpha-cp-1": "Ready",
            "alpha-w2": "Ready",
            "alpha-worker-1": "Ready",
            "alpha-worker-3": "Ready",
        });
    });

    it("removing a worker drains it, resets it, then deletes its Node; run again, every delete is a no-op", () => {
        const hosts = hostsOf(small);
        up(hosts, small);
        const runs = remove(hosts, small, removal("w2"));
        const calls = runs.flatMap((run) => run.calls).filter((call) => /^(kubeadm reset|kubectl .* (drain|delete node))/.test(call));
        expect(calls.map((call) => call.replace(/^kubectl (--\S+ )*/, "kubectl "))).to.deep.equal([
            "kubectl drain alpha-w2 --ignore-daemonsets --delete-emptydir-data --force --timeout=120s",
            "kubeadm reset --force",
            "kubectl delete node alpha-w2 --ignore-not-found",
        ]);
        expect(runs.map((run) => run.stdout.trim().split("\n").pop())).to.deep.equal([
            "node alpha-w2 drained",
            "alpha-w2 reset",
            "node alpha-w2 deleted from cluster alpha",
        ]);
        expect(registeredNodes(hosts)).to.deep.equal({ "alpha-cp-1": "Ready", "alpha-worker-1": "Ready" });
        expect(hostOf(hosts, small.workers[0]).read("/etc/kubernetes/kubelet.conf"), "the other worker stays joined").to.not.equal(
            undefined,
        );
        const again = remove(hosts, small, removal("w2"));
        expect(again.flatMap((run) => run.calls).filter((call) => /^(kubeadm|kubectl .* (drain|delete))/.test(call))).to.deep.equal([]);
    });

    it("a drain a PodDisruptionBudget blocks ends at its timeout with a warning, and the node still leaves", () => {
        const hosts = hostsOf(small);
        up(hosts, small);
        fs.writeFileSync(`${[...hosts.values()][0].cluster}/pdb-blocks`, "");
        const [drain, reset, deletion] = remove(hosts, small, removal("w2"));
        expect(drain.stderr).to.contain(
            "warning: draining alpha-w2 did not finish within 120s (a PodDisruptionBudget may block an eviction); it is reset anyway",
        );
        expect(reset.calls).to.include("kubeadm reset --force");
        expect(
            deletion.calls.filter((call) => / drain /.test(call)),
            "cordoned by the first drain: not drained again",
        ).to.deep.equal([]);
        expect(registeredNodes(hosts)).to.deep.equal({ "alpha-cp-1": "Ready", "alpha-worker-1": "Ready" });
    });

    it("with the API server gone (the whole cluster going, or broken), each delete warns, stays bounded and succeeds", () => {
        const hosts = hostsOf(small);
        up(hosts, small);
        apiDown(hosts);
        const started = Date.now();
        const [drain, reset, deletion] = remove(hosts, small, removal("w2"));
        expect(Date.now() - started, "bounded by the API wait (0 s here, 60 s in production)").to.be.lessThan(20_000);
        expect(drain.stderr).to.equal(
            "warning: the API server of alpha did not answer within 0s: alpha-w2 is not drained, and its pods stop with its reset\n",
        );
        expect(reset.calls).to.include("kubeadm reset --force");
        expect(deletion.stderr).to.equal(
            "warning: the API server of alpha did not answer within 0s: the Node alpha-w2 stays registered; delete it with kubectl delete node alpha-w2 once it answers\n",
        );
        apiDown(hosts, false);
        expect(registeredNodes(hosts)).to.have.property("alpha-w2");
        // The whole cluster destroyed: the first control plane is already reset, so there is nothing to ask.
        remove(hosts, small, ["worker-1-cleanup", "worker-1-join", "init"]);
        const gone = remove(hosts, small, ["worker-1-deregister"]);
        expect(gone[0].stdout).to.equal("the control plane of alpha is already reset: nothing to delete for alpha-worker-1\n");
    });

    it("removing a control plane removes its etcd member (its reset runs while its Node exists), then its Node", () => {
        const hosts = hostsOf(ha);
        up(hosts, ha);
        expect(etcdMembers(hosts)).to.deep.equal(["beta-cp-1", "beta-cp-2", "beta-cp-3"]);
        const [, reset] = remove(hosts, ha, removal("cp-3"));
        expect(reset.stderr).not.to.contain("Unable to fetch the kubeadm-config");
        expect(etcdMembers(hosts)).to.deep.equal(["beta-cp-1", "beta-cp-2"]);
        expect(registeredNodes(hosts)).to.not.have.property("beta-cp-3");
    });

    it("3 → 1 control planes in one update: the joins' chain resets cp-3 before cp-2, one etcd member at a time", () => {
        const hosts = hostsOf(ha);
        up(hosts, ha);
        const shrunk = resolveKubeadmCluster("beta", {
            ...HIGHLY_AVAILABLE,
            controlPlanes: [HIGHLY_AVAILABLE.controlPlanes[0]],
            controlPlaneEndpoint: undefined,
        });
        expect(planSteps(shrunk).map((step) => step.role)).to.not.include.members(["cp-2-join", "cp-3-join"]);
        expect(stepOf(ha, "cp-3-join").after, "cp-3's join waits on cp-2's, so its delete goes first").to.include("cp-2-join");
        remove(hosts, ha, [...removal("cp-3"), ...removal("cp-2")]);
        expect(etcdMembers(hosts)).to.deep.equal(["beta-cp-1"]);
        expect(Object.keys(registeredNodes(hosts))).to.deep.equal(["beta-cp-1", "beta-worker-1"]);
    });

    it("a control plane's Node deleted before its reset would strand its etcd member: the reason for the order", () => {
        const hosts = hostsOf(ha);
        up(hosts, ha);
        const wrongOrder = remove(hosts, ha, ["cp-3-cleanup", "cp-3-deregister", "cp-3-join"]);
        expect(wrongOrder[2].stderr).to.contain('failed to get corresponding node: nodes "beta-cp-3" not found');
        expect(etcdMembers(hosts), "kubeadm could not read its config: the member stays").to.deep.equal([
            "beta-cp-1",
            "beta-cp-2",
            "beta-cp-3",
        ]);
    });

    it("a control plane reset while the API server does not answer warns that its etcd member stays", () => {
        const hosts = hostsOf(ha);
        up(hosts, ha);
        apiDown(hosts);
        const [, reset] = remove(hosts, ha, removal("cp-2"));
        expect(reset.stderr).to.contain(
            "warning: the API server of beta did not answer within 0s, so kubeadm reset cannot remove the etcd member of beta-cp-2: remove it on a remaining control plane (etcdctl member remove), or etcd keeps counting it toward quorum",
        );
        expect(etcdMembers(hosts)).to.include("beta-cp-2");
    });

    it("a renamed worker whose old name a new host takes in the same update: the successor is never drained or deleted", () => {
        const hosts = hostsOf(small);
        up(hosts, small);
        const workers = SMALL.workers ?? [];
        const next = resolveKubeadmCluster("alpha", {
            ...SMALL,
            workers: [{ ...workers[0], name: "alpha-edge" }, workers[1], { host: "10.0.0.31", name: "alpha-worker-1" }],
        });
        // The new name's steps are new resources; the old name's steps are replaced (their host changed), deletes first.
        for (const role of ["edge-prepare", "token", "edge-deregister", "edge-join", "edge-cleanup"]) {
            mustCreate(hosts, next, stepOf(next, role));
        }
        const old = ["worker-1-deregister", "worker-1-cleanup", "worker-1-join", "worker-1-prepare"].map((role) => {
            const step = stepOf(small, role);
            const run = hostOf(hosts, step.node).run(step.deleteScript ?? "", "", NO_WAIT);
            expect(run.status, `${role} delete: ${run.stderr}`).to.equal(0);
            return run;
        });
        // The old Node (the renamed host, still registered under the old name) is drained, then deleted.
        expect(old[0].stdout).to.equal("node/alpha-worker-1 drained\nnode alpha-worker-1 deleted from cluster alpha\n");
        expect(old[2].stdout).to.contain("this host is now alpha/alpha-edge, no longer alpha/alpha-worker-1");
        const successor = ["worker-1-prepare", "worker-1-deregister", "worker-1-join", "worker-1-cleanup"].flatMap(
            (role) => mustCreate(hosts, next, stepOf(next, role)).calls,
        );
        expect(successor.filter((call) => / (drain|delete node) /.test(call))).to.deep.equal([]);
        expect(registeredNodes(hosts)).to.deep.equal({
            "alpha-cp-1": "Ready",
            "alpha-edge": "Ready",
            "alpha-w2": "Ready",
            "alpha-worker-1": "Ready",
        });
        expect(hostOf(hosts, next.workers[2]).read("/etc/kubeadm-cluster/member.owner")).to.equal("alpha/alpha-worker-1\n");
        expect(hostOf(hosts, next.workers[0]).read("/etc/kubeadm-cluster/member.owner")).to.equal("alpha/alpha-edge\n");
    });

    it("refuses 2 control planes (3 → 2 in one step): etcd needs 1 or at least 3 members", () => {
        const args: PlainKubeadmClusterArgs = { ...HIGHLY_AVAILABLE, controlPlanes: HIGHLY_AVAILABLE.controlPlanes.slice(0, 2) };
        expect(() => resolveKubeadmCluster("beta", args))
            .to.throw(ConfigValidationError)
            .with.property("message")
            .that.contains(
                'controlPlanes = ["10.1.0.11","10.1.0.12"] has 2 hosts, and etcd needs 1 or at least 3 members for quorum; fix: use 1 control plane, or 3 or more.',
            );
    });
});

import { expect } from "chai";
import { PlainKubeadmClusterArgs } from "../../components/kubeadm/types";
import { resolveKubeadmCluster } from "../../components/kubeadm/resolve";
import { planSteps } from "../../components/kubeadm/steps";
import { SMALL } from "../fixtures/kubeadm-clusters";
import { FAKE_PKI } from "../fixtures/kubeadm-stdin";
import { removeSandboxes } from "../fixtures/kubeadm-sandbox";
import { Hosts, create, destroy, hostOf, hostsOf, mustCreate, mustDestroy, registeredNodes, stepOf, up } from "../fixtures/kubeadm-runbook";

const small = resolveKubeadmCluster("alpha", SMALL);
const workers = SMALL.workers ?? [];
const resolve = (args: PlainKubeadmClusterArgs) => resolveKubeadmCluster("alpha", args);

/** A host still runs its kubelet in the cluster (joined, kubelet enabled and started). */
function expectRunning(hosts: Hosts, host: string): void {
    const sandbox = hosts.get(host)!;
    expect(sandbox.read("/etc/kubernetes/kubelet.conf"), `${host} joined`).to.not.equal(undefined);
    expect(sandbox.read("/state/enabled/kubelet"), `${host} kubelet enabled`).to.equal("");
}

describe("renaming a node or moving it to another host (steps keyed by node name, deletes check who owns the host)", () => {
    after(removeSandboxes);

    it("a renamed worker re-joins under its new name, and the old steps' deletes leave the host alone", () => {
        const hosts = hostsOf(small);
        up(hosts, small);
        const renamed = resolve({ ...SMALL, workers: [{ ...workers[0], name: "alpha-edge" }, workers[1]] });
        // pulumi up: the new steps are created (the token step updated), the old ones deleted last: drain, reset, Node.
        for (const role of ["edge-prepare", "token", "edge-deregister", "edge-join", "edge-cleanup"]) {
            mustCreate(hosts, renamed, stepOf(renamed, role));
        }
        const deletes = ["worker-1-cleanup", "worker-1-join", "worker-1-deregister", "worker-1-prepare"].map((role) =>
            mustDestroy(hosts, stepOf(small, role)),
        );
        expect(deletes[1].stdout).to.equal(
            "this host is now alpha/alpha-edge, no longer alpha/alpha-worker-1: its cluster membership is left alone\n",
        );
        expect(deletes[2].stdout).to.equal("node alpha-worker-1 deleted from cluster alpha\n");
        expect(deletes[3].stdout).to.equal(
            "this host is now alpha/alpha-edge, no longer alpha/alpha-worker-1: its kubelet and packages are left alone\n",
        );
        expect(deletes.flatMap((run) => run.calls).filter((call) => /^(kubeadm reset|systemctl disable)/.test(call))).to.deep.equal([]);
        expectRunning(hosts, "10.0.0.21");
        expect(registeredNodes(hosts)).to.deep.equal({ "alpha-cp-1": "Ready", "alpha-edge": "Ready", "alpha-w2": "Ready" });
    });

    it("a renamed first control plane rebuilds the cluster, and the old PKI and prepare deletes keep the new one's CAs and kubelet", () => {
        const hosts = hostsOf(small);
        up(hosts, small);
        const renamed = resolve({ ...SMALL, controlPlanes: [{ ...SMALL.controlPlanes[0], name: "alpha-master" }] });
        mustCreate(hosts, renamed, stepOf(renamed, "master-prepare"));
        mustCreate(hosts, renamed, stepOf(renamed, "master-pki"));
        // init is replaced (its node changed) and deletes first; whatever is rebuilt with it is deleted before it.
        for (const role of ["worker-1-cleanup", "w2-cleanup", "worker-1-join", "w2-join", "worker-1-deregister", "w2-deregister", "init"]) {
            mustDestroy(hosts, stepOf(small, role));
        }
        for (const step of planSteps(renamed).filter(
            (candidate) => !/^master-(prepare|pki)$/.test(candidate.role) && !candidate.role.endsWith("-prepare"),
        )) {
            mustCreate(hosts, renamed, step);
        }
        const kept = ["cp-1-pki", "cp-1-prepare"].map((role) => mustDestroy(hosts, stepOf(small, role)));
        expect(kept.map((run) => run.stdout)).to.deep.equal([
            "this host is now alpha/alpha-master, no longer alpha/alpha-cp-1: its cluster CAs are left alone\n",
            "this host is now alpha/alpha-master, no longer alpha/alpha-cp-1: its kubelet and packages are left alone\n",
        ]);
        const cp = hosts.get("10.0.0.10")!;
        expect(cp.read("/etc/kubernetes/pki/ca.key")).to.equal(FAKE_PKI.ca.keyPem);
        expect(cp.read("/etc/kubernetes/admin.conf")).to.not.equal(undefined);
        expectRunning(hosts, "10.0.0.10");
        expect(registeredNodes(hosts)).to.deep.equal({ "alpha-master": "Ready", "alpha-w2": "Ready", "alpha-worker-1": "Ready" });
    });

    it("a worker moved to another host under the same name: its Node is drained and deleted before the new host joins", () => {
        const hosts = hostsOf(small);
        up(hosts, small);
        const moved = resolve({ ...SMALL, workers: [{ ...workers[0], host: "10.0.0.31" }, workers[1]] });
        // Without the deregister step replaced with the move, the new host would join while the old Node is still Ready.
        const early = hostsOf(small, hosts.get("10.0.0.10")!.cluster);
        early.set("10.0.0.10", hosts.get("10.0.0.10")!);
        mustCreate(early, moved, stepOf(moved, "worker-1-prepare"));
        const refused = create(early, moved, stepOf(moved, "worker-1-join"));
        expect(refused.stderr).to.contain('a Node with name "alpha-worker-1" and status "Ready" already exists in the cluster');
        // pulumi up: the deregister step (its triggers carry the host, and it is registered before the join) is
        // replaced first and drains and deletes the Node; then the cleanup (rebuilt with the join, nothing left to
        // drain), the join and prepare on the old host.
        const deregister = mustDestroy(hosts, stepOf(small, "worker-1-deregister"));
        expect(deregister.calls.filter((call) => / drain alpha-worker-1 /.test(call))).to.have.length(1);
        for (const role of ["worker-1-cleanup", "worker-1-join", "worker-1-prepare"]) {
            mustDestroy(hosts, stepOf(small, role));
        }
        for (const role of ["worker-1-prepare", "token", "worker-1-deregister", "worker-1-join", "worker-1-cleanup"]) {
            mustCreate(hosts, moved, stepOf(moved, role));
        }
        const old = hosts.get("10.0.0.21")!;
        expect(old.read("/etc/kubernetes/kubelet.conf")).to.equal(undefined);
        expect(old.read("/state/enabled/kubelet")).to.equal(undefined);
        expectRunning(hosts, "10.0.0.31");
        expect(hostOf(hosts, moved.workers[0]).read("/etc/kubeadm-cluster/member.owner")).to.equal("alpha/alpha-worker-1\n");
        expect(registeredNodes(hosts)).to.deep.equal({ "alpha-cp-1": "Ready", "alpha-w2": "Ready", "alpha-worker-1": "Ready" });
    });

    it("a host of another cluster is refused by prepare and by join, and its deletes never touch it", () => {
        const hosts = hostsOf(small);
        up(hosts, small);
        const other = resolveKubeadmCluster("beta", { ...SMALL, podCidr: "10.241.0.0/16" });
        const prepare = create(hosts, other, stepOf(other, "worker-1-prepare"));
        expect(prepare.status).to.equal(1);
        expect(prepare.stderr).to.equal(
            "this host is alpha/alpha-worker-1 of another cluster: remove it from that cluster (pulumi up there) before it joins beta\n",
        );
        const reset = destroy(hosts, stepOf(other, "worker-1-join"));
        expect(reset.stdout).to.contain("left alone");
        expectRunning(hosts, "10.0.0.21");
    });

    it("the control plane of another cluster is refused by place-pki (which runs beside prepare) before it claims the host", () => {
        const hosts = hostsOf(small);
        up(hosts, small);
        const other = resolveKubeadmCluster("beta", { ...SMALL, podCidr: "10.241.0.0/16" });
        const cp = hostOf(hosts, small.controlPlanes[0]);
        const pki = create(hosts, other, stepOf(other, "cp-1-pki"));
        expect(pki.status).to.equal(1);
        expect(pki.stderr).to.equal(
            "this host is alpha/alpha-cp-1 of another cluster: remove it from that cluster (pulumi up there) before it joins beta\n",
        );
        expect(cp.read("/etc/kubeadm-cluster/pki.owner")).to.equal("alpha/alpha-cp-1\n");
        // alpha's own destroy still removes its CAs: the claim was left as it was.
        expect(mustDestroy(hosts, stepOf(small, "cp-1-pki")).stdout).to.contain("cluster CAs removed");
        expect(cp.read("/etc/kubernetes/pki/ca.key")).to.equal(undefined);
    });

    it("a worker of another cluster is refused by place-pki too (it holds no pki claim, only a membership)", () => {
        const hosts = hostsOf(small);
        up(hosts, small);
        const onWorker = resolveKubeadmCluster("beta", {
            ...SMALL,
            podCidr: "10.241.0.0/16",
            controlPlanes: [{ host: "10.0.0.21" }],
            workers: [],
        });
        const pki = create(hosts, onWorker, stepOf(onWorker, "cp-1-pki"));
        expect(pki.status).to.equal(1);
        expect(pki.stderr).to.contain("this host is alpha/alpha-worker-1 of another cluster");
        expect(hostOf(hosts, small.workers[0]).read("/etc/kubeadm-cluster/pki.owner")).to.equal(undefined);
    });
});

import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import { renderInitConfig, renderJoinConfig, renderTokenConfig } from "../../components/kubeadm/kubeadm-config";
import { renderPkiBundle } from "../../components/kubeadm/pki";
import { resolveKubeadmCluster } from "../../components/kubeadm/resolve";
import { asRoot } from "../../components/kubeadm/script-kit";
import { renderEnsureToken, renderInit, renderPlacePki, renderWaitReady } from "../../components/kubeadm/scripts-control-plane";
import { renderJoin, renderNodeRegistered, renderNodeRemoval, renderReset } from "../../components/kubeadm/scripts-join";
import { renderPrepareNode } from "../../components/kubeadm/scripts-node";
import { renderNodeDeletion } from "../../components/kubeadm/scripts-removal";
import { planSteps } from "../../components/kubeadm/steps";
import { FAKE_HASH, FAKE_TOKEN, SMALL } from "../fixtures/kubeadm-clusters";
import { FAKE_PKI, fakePair, stepStdin } from "../fixtures/kubeadm-stdin";
import { HostSandbox, clusterState, removeSandboxes, rewriteForSandbox } from "../fixtures/kubeadm-sandbox";

const cluster = resolveKubeadmCluster("alpha", SMALL);
const [cp] = cluster.controlPlanes;
const [worker] = cluster.workers;

/** The calls that start with `prefix` or match `pattern`. */
const ran = (calls: readonly string[], pattern: string | RegExp) =>
    calls.filter((call) => (typeof pattern === "string" ? call.startsWith(pattern) : pattern.test(call)));

/** A control plane, prepared, with its FAKE_PKI placed. */
function preparedControlPlane(): HostSandbox {
    const host = new HostSandbox(cp.name, clusterState());
    const prepared = host.run(renderPrepareNode(cluster, cp));
    expect(prepared.status, prepared.stderr).to.equal(0);
    expect(host.run(renderPlacePki(cluster, cp), renderPkiBundle(FAKE_PKI)).status).to.equal(0);
    return host;
}

/** A control plane with its FAKE_PKI placed and kubeadm init done. */
function initialisedControlPlane(): HostSandbox {
    const host = preparedControlPlane();
    const init = host.run(renderInit(cluster), renderInitConfig(cluster, FAKE_TOKEN));
    expect(init.status, init.stderr).to.equal(0);
    return host;
}

describe("kubeadm scripts executed in a sandbox", () => {
    after(removeSandboxes);

    it("the sandbox refuses a script that would still touch a host path", () => {
        expect(() => rewriteForSandbox("cat /opt/secret", "/tmp/x")).to.throw(/host path \/opt/);
        expect(rewriteForSandbox("cat /etc/kubernetes/admin.conf", "/tmp/x")).to.equal("cat /tmp/x/etc/kubernetes/admin.conf");
    });

    describe("prepare-node", () => {
        it("installs and configures on the first run and changes nothing on the second", () => {
            const host = new HostSandbox(worker.name, clusterState());
            const first = host.run(renderPrepareNode(cluster, worker));
            expect(first.status, first.stderr).to.equal(0);
            expect(ran(first.calls, "apt-get")).to.have.length(2);
            expect(ran(first.calls, "apt-get").join("\n")).to.contain(
                "kubelet=1.36.1-* kubeadm=1.36.1-* kubectl=1.36.1-* containerd.io=2.2.*",
            );
            expect(first.calls).to.include.members([
                "systemctl restart containerd",
                "swapoff -a",
                "modprobe br_netfilter",
                "sysctl --system",
            ]);
            expect(host.read("/etc/containerd/config.toml")).to.match(/^ {2}SystemdCgroup = true$/m);
            expect(host.read("/etc/fstab"))
                .to.contain("# /swap.img none swap sw 0 0")
                .and.to.match(/^UUID=1 \/ ext4/m);
            expect(host.read("/etc/apt/sources.list.d/kubernetes.list")).to.contain("https://pkgs.k8s.io/core:/stable:/v1.36/deb/");
            expect(host.read("/etc/apt/sources.list.d/docker.list")).to.contain("/linux/ubuntu noble stable");
            const second = host.run(renderPrepareNode(cluster, worker));
            expect(second.status, second.stderr).to.equal(0);
            expect(ran(second.calls, "apt-get")).to.deep.equal([]);
            expect(ran(second.calls, "curl")).to.deep.equal([]);
            expect(second.calls).not.to.include("systemctl restart containerd");
        });

        it("fails clearly on an OS it does not support, before touching anything", () => {
            const host = new HostSandbox(worker.name, clusterState(), { id: "debian", versionId: "11", codename: "bullseye" });
            const run = host.run(renderPrepareNode(cluster, worker));
            expect(run.status).to.equal(1);
            expect(run.stderr).to.equal(
                "unsupported OS debian 11: KubeadmCluster prepares Ubuntu 22.04, Ubuntu 24.04 and Debian 12 only\n",
            );
            expect(run.calls).to.deep.equal([]);
        });

        it("refuses containerd 1.x for Kubernetes 1.36", () => {
            const run = new HostSandbox(worker.name, clusterState()).run(renderPrepareNode(cluster, worker), "", {
                STUB_CONTAINERD_VERSION: "1.7.28",
            });
            expect(run.status).to.equal(1);
            expect(run.stderr).to.contain("containerd v1.7.28 is installed, but Kubernetes 1.36 needs containerd 2.0 or later");
        });

        it("leaves a joined node's Kubernetes packages to its upgrade step, and still refuses another containerd there", () => {
            const host = new HostSandbox(worker.name, clusterState());
            expect(host.run(renderPrepareNode(cluster, worker)).status).to.equal(0);
            host.write("/etc/kubernetes/kubelet.conf", "joined");
            const run = host.run(renderPrepareNode({ ...cluster, kubernetesVersion: "1.36.2" }, worker));
            expect(run.status, run.stderr).to.equal(0);
            expect(run.stdout).to.contain(
                "this node already joined: kubelet=1.36.2-* kubeadm=1.36.2-* kubectl=1.36.2-* left to its upgrade step",
            );
            expect(ran(run.calls, "apt-get")).to.deep.equal([]);
            const containerd = host.run(renderPrepareNode({ ...cluster, containerd: { kind: "docker", line: "2.1" } }, worker));
            expect(containerd.status).to.equal(1);
            expect(containerd.stderr).to.contain(
                "already belongs to a cluster and would need other packages (containerd.io=2.1.*); KubeadmCluster does not change containerd on a joined node",
            );
            expect(ran(containerd.calls, "apt-get")).to.deep.equal([]);
        });

        it("exits non-zero with the failing tool's message", () => {
            const run = new HostSandbox(worker.name, clusterState()).run(renderPrepareNode(cluster, worker), "", { STUB_FAIL: "apt-get" });
            expect(run.status).not.to.equal(0);
            expect(run.stderr).to.contain("apt-get: simulated failure");
            expect(run.stdout).not.to.contain("node prepared");
        });
    });

    describe("control plane", () => {
        it("places the FAKE_PKI once with root-only keys and refuses to swap it under a running node", () => {
            const host = new HostSandbox(cp.name, clusterState());
            const first = host.run(renderPlacePki(cluster, cp), renderPkiBundle(FAKE_PKI));
            expect(first.stdout).to.contain("placed in /etc/kubernetes/pki: ca.crt ca.key");
            expect(host.read("/etc/kubernetes/pki/etcd/ca.key")).to.equal(FAKE_PKI.etcdCa.keyPem);
            expect(fs.statSync(host.path("/etc/kubernetes/pki/ca.key")).mode & 0o777).to.equal(0o600);
            expect(fs.statSync(host.path("/etc/kubernetes/pki/ca.crt")).mode & 0o777).to.equal(0o644);
            expect(host.run(renderPlacePki(cluster, cp), renderPkiBundle(FAKE_PKI)).stdout).to.equal("PKI already in place\n");
            host.write("/etc/kubernetes/kubelet.conf", "joined");
            const other = host.run(renderPlacePki(cluster, cp), renderPkiBundle({ ...FAKE_PKI, ca: fakePair("OTHER CA") }));
            expect(other.status).to.equal(1);
            expect(other.stderr).to.contain("refusing to replace /etc/kubernetes/pki/ca.crt");
            expect(host.read("/etc/kubernetes/pki/ca.crt")).to.equal(FAKE_PKI.ca.certPem);
            const short = new HostSandbox(cp.name, clusterState()).run(renderPlacePki(cluster, cp), "Zm9v\n");
            expect(short.status).to.equal(1);
            expect(short.stderr).to.contain("stdin ended before ca.key");
        });

        it("runs kubeadm init on the first run only, and not again when the version changes", () => {
            const host = initialisedControlPlane();
            expect(host.read("/etc/kubernetes/kubeadm-init.yaml")).to.equal(renderInitConfig(cluster, FAKE_TOKEN));
            expect(fs.statSync(host.path("/etc/kubernetes/kubeadm-init.yaml")).mode & 0o777).to.equal(0o600);
            const again = host.run(renderInit(cluster), renderInitConfig(cluster, FAKE_TOKEN));
            expect(again.status, again.stderr).to.equal(0);
            expect(again.stdout).to.contain("cluster alpha is already initialised: kubeadm init skipped");
            expect(ran(again.calls, "kubeadm")).to.deep.equal([]);
            const upgraded = { ...cluster, kubernetesVersion: "1.37.0" };
            const changed = host.run(renderInit(upgraded), renderInitConfig(upgraded, FAKE_TOKEN));
            expect(changed.status).to.equal(0);
            expect(ran(changed.calls, "kubeadm")).to.deep.equal([]);
        });

        it("init calls kubeadm with the config and fails with kubeadm's message", () => {
            const host = new HostSandbox(cp.name, clusterState());
            expect(host.run(renderPrepareNode(cluster, cp)).status).to.equal(0);
            const missing = host.run(renderInit(cluster), renderInitConfig(cluster, FAKE_TOKEN));
            expect(missing.status).to.equal(1);
            expect(missing.stderr).to.equal("/etc/kubernetes/pki/ca.crt is missing: the place-pki step must run first\n");
            host.run(renderPlacePki(cluster, cp), renderPkiBundle(FAKE_PKI));
            const failed = host.run(renderInit(cluster), renderInitConfig(cluster, FAKE_TOKEN), { STUB_FAIL: "kubeadm" });
            expect(failed.status).not.to.equal(0);
            expect(failed.stderr).to.contain("kubeadm: simulated failure (config validate --config /etc/kubernetes/kubeadm-init.yaml)");
            expect(host.read("/etc/kubernetes/admin.conf")).to.equal(undefined);
            const ok = host.run(renderInit(cluster), renderInitConfig(cluster, FAKE_TOKEN));
            expect(ran(ok.calls, "kubeadm")).to.deep.equal([
                "kubeadm config validate --config /etc/kubernetes/kubeadm-init.yaml",
                "kubeadm init --config /etc/kubernetes/kubeadm-init.yaml --skip-token-print",
            ]);
        });

        it("waits for readiness and keeps the token init created, without ever printing it", () => {
            const host = initialisedControlPlane();
            expect(host.run(renderWaitReady(cluster)).stdout).to.equal("API server of cluster alpha is ready\n");
            const token = host.run(renderEnsureToken(cluster, cluster.workers), renderTokenConfig(cluster, FAKE_TOKEN));
            expect(token.status, token.stderr).to.equal(0);
            expect(ran(token.calls, "kubeadm")).to.deep.equal([]);
            expect(token.stdout + token.stderr).not.to.contain(FAKE_TOKEN.slice(7));
            expect(token.stdout).to.equal(
                "bootstrap token abcdef still valid for over an hour: kept for 2 node(s): alpha-worker-1@10.0.0.21/10.0.0.21 alpha-w2@worker-2.lab.internal/10.0.0.22\n",
            );
        });

        it("reset keeps the pre-placed CAs (for a replacement) and is a no-op the second time", () => {
            const host = initialisedControlPlane();
            const reset = host.run(renderReset(cluster, cp));
            expect(reset.status, reset.stderr).to.equal(0);
            expect(ran(reset.calls, "kubeadm")).to.deep.equal(["kubeadm reset --force"]);
            expect(host.read("/etc/kubernetes/admin.conf")).to.equal(undefined);
            expect(host.read("/etc/kubernetes/pki/apiserver.crt")).to.equal(undefined);
            expect(host.read("/etc/kubernetes/pki/ca.key")).to.equal(FAKE_PKI.ca.keyPem);
            expect(host.read("/etc/kubernetes/kubeadm-init.yaml")).to.equal(undefined);
            const again = host.run(renderReset(cluster, cp));
            expect(again.stdout).to.equal("alpha-cp-1 is not part of a cluster: nothing to reset\n");
            expect(ran(again.calls, "kubeadm")).to.deep.equal([]);
        });
    });

    describe("workers", () => {
        it("join once, then never again; a failing kubeadm stops the script with its message", () => {
            const host = new HostSandbox(worker.name, initialisedControlPlane().cluster);
            expect(host.run(renderPrepareNode(cluster, worker)).status).to.equal(0);
            const failed = host.run(renderJoin(cluster, worker), renderJoinConfig(cluster, worker, FAKE_TOKEN, FAKE_HASH), {
                STUB_FAIL: "kubeadm",
            });
            expect(failed.status).not.to.equal(0);
            expect(failed.stderr).to.contain("kubeadm: simulated failure");
            const first = host.run(renderJoin(cluster, worker), renderJoinConfig(cluster, worker, FAKE_TOKEN, FAKE_HASH));
            expect(first.status, first.stderr).to.equal(0);
            expect(ran(first.calls, "kubeadm join")).to.deep.equal(["kubeadm join --config /etc/kubernetes/kubeadm-join.yaml"]);
            const second = host.run(renderJoin(cluster, worker), renderJoinConfig(cluster, worker, FAKE_TOKEN, FAKE_HASH));
            expect(second.stdout).to.equal("alpha-worker-1 already joined cluster alpha: kubeadm join skipped\n");
            expect(ran(second.calls, "kubeadm")).to.deep.equal([]);
        });

        it("refuse to join over the leftovers of an unfinished join", () => {
            const host = new HostSandbox(worker.name, clusterState());
            host.write("/var/lib/kubelet/config.yaml", "half");
            const run = host.run(renderJoin(cluster, worker), renderJoinConfig(cluster, worker, FAKE_TOKEN, FAKE_HASH));
            expect(run.status).to.equal(1);
            expect(run.stderr).to.contain("holds the state of a kubeadm join this project did not start: run kubeadm reset -f on it");
        });

        it("removal drains the node (the Node object stays for its reset), then deletes the Node object once", () => {
            const host = initialisedControlPlane();
            fs.writeFileSync(`${host.cluster}/nodes/${worker.name}`, "");
            expect(host.run(renderNodeRegistered(cluster, worker)).status).to.equal(0);
            const removal = host.run(renderNodeRemoval(cluster, worker));
            expect(removal.status, removal.stderr).to.equal(0);
            expect(ran(removal.calls, /^kubectl .* drain alpha-worker-1 /)).to.have.length(1);
            expect(fs.existsSync(`${host.cluster}/nodes/${worker.name}`)).to.equal(true);
            const deletion = host.run(renderNodeDeletion(cluster, worker));
            expect(deletion.status, deletion.stderr).to.equal(0);
            expect(ran(deletion.calls, /^kubectl .* drain /), "already drained").to.deep.equal([]);
            expect(fs.existsSync(`${host.cluster}/nodes/${worker.name}`)).to.equal(false);
            expect(host.run(renderNodeRemoval(cluster, worker)).stdout).to.equal(
                "node alpha-worker-1 is not registered: nothing to drain\n",
            );
            expect(host.run(renderNodeDeletion(cluster, worker)).stdout).to.equal(
                "node alpha-worker-1 is not registered: nothing to delete\n",
            );
        });
    });

    it("a whole cluster: up joins every node, a second up runs no init or join, destroy resets every node", () => {
        const state = clusterState();
        const hosts = new Map([...cluster.controlPlanes, ...cluster.workers].map((node) => [node.name, new HostSandbox(node.name, state)]));
        const steps = planSteps(cluster);
        const up = () =>
            steps.flatMap((step) => {
                const run = hosts.get(step.node.name)!.run(step.script, stepStdin(cluster, step));
                expect(run.status, `${step.role}: ${run.stderr}`).to.equal(0);
                return run.calls;
            });
        const first = up();
        expect(ran(first, "kubeadm init")).to.have.length(1);
        expect(ran(first, "kubeadm join")).to.have.length(2);
        expect(fs.readdirSync(`${state}/nodes`).sort()).to.deep.equal(["alpha-cp-1", "alpha-w2", "alpha-worker-1"]);
        const second = up();
        expect(ran(second, "kubeadm init").concat(ran(second, "kubeadm join"))).to.deep.equal([]);
        const destroyed = [...steps]
            .reverse()
            .filter((step) => step.deleteScript)
            .flatMap((step) => {
                const run = hosts.get(step.node.name)!.run(step.deleteScript ?? "");
                expect(run.status, `${step.role} delete: ${run.stderr}`).to.equal(0);
                return run.calls;
            });
        expect(ran(destroyed, "kubeadm reset")).to.have.length(3);
        expect(ran(destroyed, /^kubectl .* drain /)).to.have.length(2);
        expect(fs.readdirSync(`${state}/nodes`)).to.deep.equal(["alpha-cp-1"]);
        for (const host of hosts.values()) {
            expect(host.read("/etc/kubernetes/kubelet.conf")).to.equal(undefined);
            expect(host.read("/etc/kubernetes/pki/ca.key")).to.equal(undefined);
        }
    });

    it("the remote wrapper runs the script with bash (through sudo unless root) and passes stdin through", () => {
        const host = new HostSandbox(worker.name, clusterState());
        const wrapped = asRoot('#!/usr/bin/env bash\nset -euo pipefail\nread -r secret\necho "got ${#secret} characters as $(id -u)"\n');
        const result = spawnSync("/bin/sh", ["-c", wrapped], {
            input: "s3cret\n",
            encoding: "utf8",
            env: { PATH: `${host.root}/bin:${host.root}/real`, SANDBOX_ROOT: host.root },
        });
        expect(result.status, result.stderr).to.equal(0);
        expect(result.stdout).to.match(/^got 6 characters as \d+\n$/);
        const sudo = fs.readFileSync(host.path("/state/calls.log"), "utf8");
        expect(sudo.startsWith("sudo -n bash -c")).to.equal(process.getuid?.() !== 0);
        expect(wrapped).not.to.contain("s3cret");
    });
});

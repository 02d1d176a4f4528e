import { expect } from "chai";
import * as fs from "fs";
import { PlainKubeadmClusterArgs } from "../../components/kubeadm/types";
import { resolveKubeadmCluster } from "../../components/kubeadm/resolve";
import { renderPrepareNode } from "../../components/kubeadm/scripts-node";
import { planSteps } from "../../components/kubeadm/steps";
import { SMALL } from "../fixtures/kubeadm-clusters";
import { removeSandboxes } from "../fixtures/kubeadm-sandbox";
import { create, hostOf, hostsOf, mustCreate, registeredNodes, stepOf, up } from "../fixtures/kubeadm-runbook";

/** Seed 002's distributed cluster: dual-stack pod and service ranges, both node addresses. */
const DUAL: PlainKubeadmClusterArgs = {
    controlPlanes: [{ host: "172.27.115.183", addressV6: "fd85:ee78:d8a6:8607::183" }],
    workers: [{ host: "172.27.115.184", addressV6: "fd85:ee78:d8a6:8607::184" }],
    podCidr: "10.234.128.0/17",
    podCidrV6: "fd85:ee78:d8a6:8607::3:0/112",
    serviceCidr: "10.234.0.0/17",
    serviceCidrV6: "fd85:ee78:d8a6:8607::2:1000/116",
};
const dual = resolveKubeadmCluster("cluster2", DUAL);
const small = resolveKubeadmCluster("alpha", SMALL);
const IPV6_PREFLIGHT =
    "[ERROR FileContent--proc-sys-net-ipv6-conf-default-forwarding]: /proc/sys/net/ipv6/conf/default/forwarding contents are not set to 1";

describe("kubeadm preflight as kubeadm v1.36.1 runs it (cmd/kubeadm/app/preflight/checks.go, checks_linux.go)", () => {
    after(removeSandboxes);

    it("a dual-stack cluster comes up: every node forwards IPv6 (all and default), so init and joins pass preflight", () => {
        const hosts = hostsOf(dual);
        up(hosts, dual);
        for (const host of hosts.values()) {
            expect(host.read("/proc/sys/net/ipv6/conf/default/forwarding")).to.equal("1\n");
            expect(host.read("/proc/sys/net/ipv6/conf/all/forwarding")).to.equal("1\n");
            expect(host.read("/proc/sys/net/ipv4/ip_forward")).to.equal("1\n");
        }
        expect(registeredNodes(hosts)).to.deep.equal({ "cluster2-cp-1": "Ready", "cluster2-worker-1": "Ready" });
    });

    it("without IPv6 forwarding, a dual-stack kubeadm init fails preflight with kubeadm's error", () => {
        const hosts = hostsOf(dual);
        // The prepare step as it was rendered before IPv6 forwarding existed: the one of the same cluster without its IPv6 ranges.
        const prepare = stepOf(dual, "cp-1-prepare");
        const ipv4Only = resolveKubeadmCluster("cluster2", {
            ...DUAL,
            podCidrV6: undefined,
            serviceCidrV6: undefined,
            controlPlanes: [{ host: DUAL.controlPlanes[0].host }],
            workers: [],
        });
        const withoutV6 = { ...prepare, script: renderPrepareNode(ipv4Only, ipv4Only.controlPlanes[0]) };
        expect(withoutV6.script).not.to.contain("ipv6");
        mustCreate(hosts, dual, withoutV6);
        mustCreate(hosts, dual, stepOf(dual, "cp-1-pki"));
        const init = create(hosts, dual, stepOf(dual, "init"));
        expect(init.status).to.equal(1);
        expect(init.stderr).to.contain(IPV6_PREFLIGHT);
    });

    it("an IPv4 cluster leaves IPv6 forwarding alone", () => {
        const hosts = hostsOf(small);
        mustCreate(hosts, small, stepOf(small, "cp-1-prepare"));
        expect(hostOf(hosts, small.controlPlanes[0]).read("/proc/sys/net/ipv6/conf/default/forwarding")).to.equal("0\n");
    });

    it("prepare installs iptables where the image lacks it (Debian 12), since init requires it in PATH", () => {
        const hosts = hostsOf(small);
        const cp = hostOf(hosts, small.controlPlanes[0]);
        cp.setOs({ id: "debian", versionId: "12", codename: "bookworm" });
        fs.rmSync(cp.path("/bin/iptables"));
        const prepared = mustCreate(hosts, small, stepOf(small, "cp-1-prepare"));
        const installs = prepared.calls.filter((call) => call.startsWith("apt-get") && call.includes(" install "));
        expect(installs).to.have.length(1);
        expect(installs[0]).to.match(/ iptables$/);
        mustCreate(hosts, small, stepOf(small, "cp-1-pki"));
        cp.write("/etc/kubernetes/probe.yaml", "  podSubnet: 10.240.0.0/16\n");
        const missing = cp.run(`#!/bin/bash\nrm -f "$SANDBOX_ROOT/bin/iptables"\nkubeadm init --config /etc/kubernetes/probe.yaml\n`);
        expect(missing.stderr).to.contain("[ERROR FileExisting-iptables]: iptables not found in system path");
        expect(mustCreate(hosts, small, stepOf(small, "cp-1-prepare")).calls.join("\n")).to.match(/apt-get .* install .* iptables/);
        mustCreate(hosts, small, stepOf(small, "init"));
    });

    it("the stub refuses a second kubeadm init without a reset, as kubeadm's preflight does", () => {
        const hosts = hostsOf(small);
        up(hosts, small);
        const cp = hostOf(hosts, small.controlPlanes[0]);
        const again = cp.run("#!/bin/bash\nkubeadm init --config /etc/kubernetes/kubeadm-init.yaml\n");
        expect(again.status).to.equal(1);
        for (const error of [
            "[ERROR Port-6443]: Port 6443 is in use",
            "[ERROR Port-10250]: Port 10250 is in use",
            "[ERROR FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml]: /etc/kubernetes/manifests/kube-apiserver.yaml already exists",
            "[ERROR DirAvailable--var-lib-etcd]: /var/lib/etcd is not empty",
        ]) {
            expect(again.stderr).to.contain(error);
        }
    });

    it("the stub refuses init with swap on, and a join under the name of a Ready Node", () => {
        const hosts = hostsOf(small);
        up(hosts, small);
        const worker = hostOf(hosts, small.workers[0]);
        const rejoin = worker.run(`#!/bin/bash\nkubeadm reset --force\nkubeadm join --config /etc/kubernetes/kubeadm-join.yaml\n`);
        expect(rejoin.status).to.equal(1);
        expect(rejoin.stderr).to.contain('a Node with name "alpha-worker-1" and status "Ready" already exists in the cluster');
        const fresh = hostsOf(small);
        const cp = hostOf(fresh, small.controlPlanes[0]);
        mustCreate(fresh, small, stepOf(small, "cp-1-prepare"));
        mustCreate(fresh, small, stepOf(small, "cp-1-pki"));
        cp.write("/proc/swaps", "Filename\tType\tSize\tUsed\tPriority\n/swap.img\tfile\t4194300\t0\t-2\n");
        expect(create(fresh, small, stepOf(small, "init")).stderr).to.contain("[ERROR Swap]");
    });

    it("prepare stops with one sentence when another sysctl file turns forwarding off again", () => {
        const hosts = hostsOf(small);
        hostOf(hosts, small.controlPlanes[0]).write("/etc/sysctl.conf", "net.ipv4.ip_forward = 0\n");
        const run = create(hosts, small, stepOf(small, "cp-1-prepare"));
        expect(run.status).to.equal(1);
        expect(run.stderr).to.equal(
            "net.ipv4.ip_forward is still 0 after sysctl --system: another sysctl file overrides /etc/sysctl.d/99-kubernetes.conf; remove that setting\n",
        );
    });

    it("a node preflight check runs first in every prepare step and stops it, naming the check, before anything is installed", () => {
        const check = {
            name: "kernel-floor",
            script: 'if [[ ! -f /etc/kernel-ok ]]; then\n  echo "this kernel is not supported by the CNI" >&2\n  exit 1\nfi',
        };
        const checked = resolveKubeadmCluster("alpha", { ...SMALL, nodePreflight: [check] });
        const prepares = planSteps(checked).filter((step) => step.role.endsWith("-prepare"));
        expect(prepares).to.have.length(3);
        const hosts = hostsOf(checked);
        for (const step of prepares) {
            const run = create(hosts, checked, step);
            expect(run.status).to.equal(1);
            expect(run.stderr).to.equal(
                "this kernel is not supported by the CNI\nthis node failed the node preflight check kernel-floor\n",
            );
            expect(run.calls).to.deep.equal([]);
        }
        hostOf(hosts, checked.workers[0]).write("/etc/kernel-ok", "");
        mustCreate(hosts, checked, prepares[1]);
    });
});

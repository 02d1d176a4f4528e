import { expect } from "chai";
import * as fs from "fs";
import { renderInitConfig, renderJoinConfig } from "../../components/kubeadm/kubeadm-config";
import { renderPkiBundle } from "../../components/kubeadm/pki";
import { resolveKubeadmCluster } from "../../components/kubeadm/resolve";
import { renderInit, renderPlacePki } from "../../components/kubeadm/scripts-control-plane";
import { renderJoin, renderReset } from "../../components/kubeadm/scripts-join";
import { renderPrepareNode } from "../../components/kubeadm/scripts-node";
import { FAKE_HASH, FAKE_TOKEN, SMALL } from "../fixtures/kubeadm-clusters";
import { FAKE_PKI } from "../fixtures/kubeadm-stdin";
import { HostSandbox, clusterState, removeSandboxes } from "../fixtures/kubeadm-sandbox";

const cluster = resolveKubeadmCluster("alpha", SMALL);
const [cp] = cluster.controlPlanes;
const [worker] = cluster.workers;

/** A control plane with kubeadm init done (prepare, PKI, init). */
function initialisedControlPlane(): HostSandbox {
    const host = new HostSandbox(cp.name, clusterState());
    expect(host.run(renderPrepareNode(cluster, cp)).status).to.equal(0);
    expect(host.run(renderPlacePki(cluster, cp), renderPkiBundle(FAKE_PKI)).status).to.equal(0);
    expect(host.run(renderInit(cluster), renderInitConfig(cluster, FAKE_TOKEN)).status).to.equal(0);
    return host;
}

describe("reset cleans what kubeadm reset leaves of the pod network (cilium review N3)", () => {
    after(removeSandboxes);

    it("reset also removes the pod network kubeadm reset leaves (CNI config and state, Cilium pins and links), and keeps other links", () => {
        const host = new HostSandbox(worker.name, initialisedControlPlane().cluster);
        expect(host.run(renderPrepareNode(cluster, worker)).status).to.equal(0);
        expect(host.run(renderJoin(cluster, worker), renderJoinConfig(cluster, worker, FAKE_TOKEN, FAKE_HASH)).status).to.equal(0);
        const leftovers = [
            "/etc/cni/net.d/05-cilium.conflist",
            "/var/lib/cni/networks/x/10.0.1.5",
            "/var/run/cilium/state/health-ep",
            "/sys/fs/bpf/tc/globals/cilium_ct4_global",
            "/sys/fs/bpf/cilium/socketlb/links/cgroup/cil_sock4_connect",
        ];
        leftovers.forEach((file) => host.write(file, "x"));
        ["cilium_host", "cilium_net", "cilium_vxlan", "eth0", "vhost0"].forEach((link) => host.write(`/state/links/${link}`, ""));
        const reset = host.run(renderReset(cluster, worker));
        expect(reset.status, reset.stderr).to.equal(0);
        expect(leftovers.filter((file) => host.read(file) !== undefined)).to.deep.equal([]);
        expect(fs.readdirSync(host.path("/state/links")).sort()).to.deep.equal(["eth0", "vhost0"]);
        expect(reset.calls.filter((call) => call.startsWith("ip link delete"))).to.deep.equal([
            "ip link delete cilium_host",
            "ip link delete cilium_net",
            "ip link delete cilium_vxlan",
        ]);
    });
});

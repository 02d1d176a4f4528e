import { expect } from "chai";
import { resolveKubeadmCluster } from "../../components/kubeadm/resolve";
import { bootstrapTokenSpec, renderInitConfig, renderJoinConfig, renderTokenConfig } from "../../components/kubeadm/kubeadm-config";
import { renderPrepareNode, renderReleaseNode } from "../../components/kubeadm/scripts-node";
import {
    renderEnsureToken,
    renderInit,
    renderPlacePki,
    renderRemovePki,
    renderWaitReady,
} from "../../components/kubeadm/scripts-control-plane";
import { renderJoin, renderNodeRegistered, renderNodeRemoval, renderReset } from "../../components/kubeadm/scripts-join";
import { renderNodeDeletion, renderNodeDeregistration } from "../../components/kubeadm/scripts-removal";
import { asRoot } from "../../components/kubeadm/script-kit";
import { describeSteps, planSteps } from "../../components/kubeadm/steps";
import { fromYaml } from "../../components/shared/yaml";
import { FAKE_HASH, FAKE_TOKEN, HIGHLY_AVAILABLE, SMALL } from "../fixtures/kubeadm-clusters";
import { expectGolden } from "../golden";

const small = resolveKubeadmCluster("alpha", SMALL);
const ha = resolveKubeadmCluster("beta", HIGHLY_AVAILABLE);
const [cp1] = small.controlPlanes;
const [worker1] = small.workers;
const haJoiner = ha.controlPlanes[1];
/** Seed 002's distributed cluster: dual-stack pod and service ranges, both node addresses. */
const dual = resolveKubeadmCluster("cluster2", {
    controlPlanes: [{ host: "172.27.115.183", addressV6: "fd85:ee78:d8a6:8607::183" }],
    workers: [{ host: "172.27.115.184", addressV6: "fd85:ee78:d8a6:8607::184" }],
    podCidr: "10.234.128.0/17",
    podCidrV6: "fd85:ee78:d8a6:8607::3:0/112",
    serviceCidr: "10.234.0.0/17",
    serviceCidrV6: "fd85:ee78:d8a6:8607::2:1000/116",
});

describe("kubeadm renderers (goldens)", () => {
    const scripts: [string, string][] = [
        ["prepare-node.sh", renderPrepareNode(small, worker1)],
        [
            "prepare-node-distribution-containerd.sh",
            renderPrepareNode({ ...small, kubernetesVersion: "1.35.4", containerd: { kind: "distribution" } }, worker1),
        ],
        ["release-node.sh", renderReleaseNode(small, worker1)],
        ["prepare-node-dual-stack.sh", renderPrepareNode(dual, dual.workers[0])],
        ["place-pki.sh", renderPlacePki(small, cp1)],
        ["remove-pki.sh", renderRemovePki(small, cp1)],
        ["init.sh", renderInit(small)],
        ["wait-ready.sh", renderWaitReady(small)],
        ["ensure-token.sh", renderEnsureToken(small, small.workers)],
        ["join-worker.sh", renderJoin(small, worker1)],
        ["join-control-plane.sh", renderJoin(ha, haJoiner)],
        ["reset-control-plane.sh", renderReset(small, cp1)],
        ["reset-worker.sh", renderReset(small, worker1)],
        ["node-registered.sh", renderNodeRegistered(small, worker1)],
        ["node-removal.sh", renderNodeRemoval(small, worker1)],
        ["node-deregistration.sh", renderNodeDeregistration(small, worker1)],
        ["node-deletion.sh", renderNodeDeletion(small, worker1)],
        ["reset-joined-control-plane.sh", renderReset(ha, haJoiner)],
        ["remote-command-wait-ready.sh", asRoot(renderWaitReady(small))],
    ];
    for (const [file, text] of scripts) {
        it(`renders ${file}`, () => expectGolden(`kubeadm/${file}`, text));
    }

    const configs: [string, string][] = [
        ["init-config.yaml", renderInitConfig(small, FAKE_TOKEN)],
        ["init-config-ha-without-kube-proxy.yaml", renderInitConfig(ha, FAKE_TOKEN)],
        ["join-worker.yaml", renderJoinConfig(small, worker1, FAKE_TOKEN, FAKE_HASH)],
        ["join-control-plane.yaml", renderJoinConfig(ha, haJoiner, FAKE_TOKEN, FAKE_HASH)],
        ["token-config.yaml", renderTokenConfig(small, FAKE_TOKEN)],
        ["init-config-dual-stack.yaml", renderInitConfig(dual, FAKE_TOKEN)],
        ["join-worker-dual-stack.yaml", renderJoinConfig(dual, dual.workers[0], FAKE_TOKEN, FAKE_HASH)],
    ];
    for (const [file, text] of configs) {
        it(`renders ${file}`, () => expectGolden(`kubeadm/${file}`, text));
    }

    it("plans the steps of a small cluster as a runbook", () => expectGolden("kubeadm/steps-small.txt", describeSteps(planSteps(small))));
    it("plans the steps of an HA cluster as a runbook", () => expectGolden("kubeadm/steps-ha.txt", describeSteps(planSteps(ha))));
});

describe("kubeadm configs", () => {
    type Doc = Record<string, any>;
    const documents = (text: string): Doc[] => text.split(/^---$/m).map((part) => fromYaml(part) as Doc);

    it("init carries the cluster's own pod/service CIDRs, the pinned version and no CNI", () => {
        const [init, clusterConfig, kubelet] = documents(renderInitConfig(small, FAKE_TOKEN));
        expect(init.kind).to.equal("InitConfiguration");
        expect(init.apiVersion).to.equal("kubeadm.k8s.io/v1beta4");
        expect(clusterConfig.networking).to.deep.equal({
            podSubnet: "10.240.0.0/16",
            serviceSubnet: "10.96.0.0/16",
            dnsDomain: "cluster.local",
        });
        expect(clusterConfig.kubernetesVersion).to.equal("v1.36.1");
        expect(clusterConfig.proxy).to.deep.equal({ disabled: false });
        expect(kubelet.cgroupDriver).to.equal("systemd");
        expect(init.bootstrapTokens[0].token).to.equal(FAKE_TOKEN);
    });

    it("the token config pins the cluster's version, so `kubeadm token create --config` looks nothing up on the internet", () => {
        // Without a ClusterConfiguration, kubeadm defaults kubernetesVersion to stable-1 and fetches dl.k8s.io (10 s, then a
        // warning on an offline node): cmd/kubeadm/app/util/config initconfiguration.go documentMapToInitConfiguration.
        const [init, clusterConfig, ...rest] = documents(renderTokenConfig(small, FAKE_TOKEN));
        expect(rest).to.deep.equal([]);
        expect(init).to.deep.equal({
            apiVersion: "kubeadm.k8s.io/v1beta4",
            kind: "InitConfiguration",
            bootstrapTokens: [bootstrapTokenSpec(FAKE_TOKEN)],
        });
        expect(clusterConfig).to.deep.equal({
            apiVersion: "kubeadm.k8s.io/v1beta4",
            kind: "ClusterConfiguration",
            kubernetesVersion: "v1.36.1",
        });
    });

    it("a control plane keeps its taint only when workers exist to run the pods", () => {
        const [init] = documents(renderInitConfig(small, FAKE_TOKEN));
        expect(init.nodeRegistration.taints).to.deep.equal([{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }]);
        const alone = resolveKubeadmCluster("solo", { ...SMALL, workers: [] });
        expect(documents(renderInitConfig(alone, FAKE_TOKEN))[0].nodeRegistration.taints).to.deep.equal([]);
    });

    it("joins pin the CA and never skip its verification", () => {
        const join = documents(renderJoinConfig(small, worker1, FAKE_TOKEN, FAKE_HASH))[0];
        expect(join.discovery.bootstrapToken).to.deep.equal({
            apiServerEndpoint: "10.0.0.10:6443",
            token: FAKE_TOKEN,
            caCertHashes: [FAKE_HASH],
        });
        expect(renderJoinConfig(small, worker1, FAKE_TOKEN, FAKE_HASH)).not.to.contain("unsafeSkipCAVerification");
        expect(join.nodeRegistration.kubeletExtraArgs).to.deep.equal([
            { name: "node-ip", value: "10.0.0.21" },
            { name: "node-labels", value: "example.com/role=edge,node.kubernetes.io/pool=a" },
        ]);
    });

    it("an HA control plane joins through the shared endpoint with its own advertise address", () => {
        const join = documents(renderJoinConfig(ha, haJoiner, FAKE_TOKEN, FAKE_HASH))[0];
        expect(join.discovery.bootstrapToken.apiServerEndpoint).to.equal("api.beta.internal:6443");
        expect(join.controlPlane).to.deep.equal({ localAPIEndpoint: { advertiseAddress: "10.1.0.12", bindPort: 6443 } });
        const clusterConfig = documents(renderInitConfig(ha, FAKE_TOKEN))[1];
        expect(clusterConfig.apiServer.certSANs).to.deep.equal(["10.1.0.11", "10.1.0.12", "10.1.0.13", "api.beta.internal"]);
        expect(clusterConfig.proxy).to.deep.equal({ disabled: true });
    });

    it("the runbook joins control planes one at a time and workers in parallel", () => {
        const steps = new Map(planSteps(ha).map((step) => [step.role, step]));
        expect(steps.get("cp-3-join")?.after).to.include("cp-2-join");
        expect(steps.get("cp-2-join")?.after).not.to.include("cp-3-join");
        expect(steps.get("worker-1-join")?.after).to.deep.equal(["worker-1-prepare", "token", "upgrade-cp-1", "worker-1-deregister"]);
        expect(steps.get("token")?.after).to.deep.equal(["init"]);
    });

    it("a cluster without joining nodes has no token step", () => {
        const alone = resolveKubeadmCluster("solo", { ...SMALL, workers: [] });
        expect(planSteps(alone).map((step) => step.role)).to.deep.equal(["cp-1-prepare", "cp-1-pki", "init", "ready", "upgrade-cp-1"]);
    });

    it("refuses a script that would end the remote heredoc early", () => {
        expect(() => asRoot("echo a\nKUBEADM_CLUSTER_STEP\necho b\n")).to.throw(/KUBEADM_CLUSTER_STEP/);
    });
});

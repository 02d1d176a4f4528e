import { expect } from "chai";
import { resolveKubeadmCluster } from "../../components/kubeadm/resolve";
import { planSteps } from "../../components/kubeadm/steps";
import { FAKE_TOKEN, SMALL } from "../fixtures/kubeadm-clusters";
import { SANDBOX_NOW, removeSandboxes } from "../fixtures/kubeadm-sandbox";
import { Hosts, create, expireToken, hostsOf, mustCreate, registeredNodes, stepOf, storedTokens, up } from "../fixtures/kubeadm-runbook";

const cluster = resolveKubeadmCluster("alpha", SMALL);
const id = FAKE_TOKEN.slice(0, 6);
const now = () => Math.floor(Date.now() / 1000);

/** Every step up to (not including) the token step, as the first `pulumi up` runs them. */
function untilToken(): Hosts {
    const hosts = hostsOf(cluster);
    for (const step of planSteps(cluster)) {
        if (step.role === "token") {
            return hosts;
        }
        mustCreate(hosts, cluster, step);
    }
    throw new Error("no token step");
}

describe("the join token against a kubeadm that refuses duplicate token IDs (cmd/kubeadm/app/phases/bootstraptoken/node/token.go)", () => {
    after(removeSandboxes);

    it("the stub refuses `token create` for an ID init already created, with kubeadm's message", () => {
        const hosts = untilToken();
        const cp = hosts.get(cluster.controlPlanes[0].host)!;
        cp.write(
            "/etc/kubernetes/stub-token.yaml",
            `apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\nbootstrapTokens:\n  - token: ${FAKE_TOKEN}\n`,
        );
        const run = cp.run("#!/bin/bash\nkubeadm token create --config /etc/kubernetes/stub-token.yaml\n");
        expect(run.status).to.equal(1);
        expect(run.stderr).to.equal(`a token with id "${id}" already exists\n`);
    });

    it("first up: the token step right after init succeeds and every worker joins", () => {
        const hosts = untilToken();
        const token = create(hosts, cluster, stepOf(cluster, "token"));
        expect(token.status, token.stderr).to.equal(0);
        expect(token.stdout + token.stderr).not.to.contain(FAKE_TOKEN.slice(7));
        for (const step of planSteps(cluster).filter((candidate) => /-(join|cleanup)$/.test(candidate.role))) {
            mustCreate(hosts, cluster, step);
        }
        expect(registeredNodes(hosts)).to.deep.equal({ "alpha-cp-1": "Ready", "alpha-w2": "Ready", "alpha-worker-1": "Ready" });
    });

    it("a token step run again (a run killed after it, or its script changed) keeps a valid token and does not fail", () => {
        const hosts = hostsOf(cluster);
        up(hosts, cluster);
        const before = storedTokens(hosts)[id];
        const again = mustCreate(hosts, cluster, stepOf(cluster, "token"));
        expect(again.calls.filter((call) => call.startsWith("kubeadm token"))).to.deep.equal([]);
        expect(storedTokens(hosts)[id]).to.equal(before);
    });

    it("a node added days later: the tokencleaner deleted the token, the token step creates it again and the node joins", () => {
        const hosts = hostsOf(cluster);
        up(hosts, cluster);
        expireToken(hosts, id, "deleted");
        const grown = resolveKubeadmCluster("alpha", { ...SMALL, workers: [...(SMALL.workers ?? []), { host: "10.0.0.23" }] });
        mustCreate(hosts, grown, stepOf(grown, "worker-3-prepare"));
        const token = mustCreate(hosts, grown, stepOf(grown, "token"));
        expect(token.calls.filter((call) => call.startsWith("kubeadm token"))).to.deep.equal([
            "kubeadm token create --config /etc/kubernetes/kubeadm-token.yaml",
        ]);
        mustCreate(hosts, grown, stepOf(grown, "worker-3-join"));
        expect(registeredNodes(hosts)["alpha-worker-3"]).to.equal("Ready");
    });

    it("a token that expired (or expires within the hour) but still exists is deleted and created again", () => {
        for (const expiry of [now() - 60, now() + 600]) {
            const hosts = hostsOf(cluster);
            up(hosts, cluster);
            expireToken(hosts, id, expiry);
            const token = mustCreate(hosts, cluster, stepOf(cluster, "token"));
            expect(token.calls.filter((call) => call.startsWith("kubeadm token"))).to.deep.equal([
                `kubeadm token delete ${id}`,
                "kubeadm token create --config /etc/kubernetes/kubeadm-token.yaml",
            ]);
            expect(storedTokens(hosts)[id]).to.equal(SANDBOX_NOW + 86_400);
        }
    });

    it("a join with a token the cluster does not know fails with kubeadm's discovery message and a hint", () => {
        const hosts = hostsOf(cluster);
        const join = stepOf(cluster, "worker-1-join");
        for (const step of planSteps(cluster)) {
            if (step.role === join.role) {
                break;
            }
            mustCreate(hosts, cluster, step);
        }
        expireToken(hosts, id, "deleted");
        const run = create(hosts, cluster, join);
        expect(run.status).to.equal(1);
        expect(run.stderr).to.contain(`could not find a JWS signature in the cluster-info ConfigMap for token ID "${id}"`);
        expect(run.stderr).to.contain("alpha-token");
    });
});

// The kubeadm certificate renewal script in the node sandbox: renews, restarts each static pod, converges, refuses an external CA.
import { expect } from "chai";
import * as fs from "fs";
import { HELD_MANIFESTS, RENEWAL_MARKER, RESTARTED_STATIC_PODS, renderCertRenewal } from "../../components/kubeadm/cert-renewal-script";
import { renderInitConfig } from "../../components/kubeadm/kubeadm-config";
import { renderPkiBundle } from "../../components/kubeadm/pki";
import { resolveKubeadmCluster } from "../../components/kubeadm/resolve";
import { renderInit, renderPlacePki } from "../../components/kubeadm/scripts-control-plane";
import { renderPrepareNode } from "../../components/kubeadm/scripts-node";
import { FAKE_TOKEN, SMALL } from "../fixtures/kubeadm-clusters";
import { FAKE_PKI } from "../fixtures/kubeadm-stdin";
import { HostSandbox, clusterState, removeSandboxes } from "../fixtures/kubeadm-sandbox";

const cluster = resolveKubeadmCluster("alpha", SMALL);
const [cp] = cluster.controlPlanes;
const MANIFESTS = "/etc/kubernetes/manifests";

/** crictl as the kubelet answers it: a static pod runs exactly while its manifest is in the manifests directory. */
const CRICTL = `#!/bin/bash
set -euo pipefail
printf '%s\\n' "crictl $*" >>"$SANDBOX_ROOT/state/calls.log"
[[ $1 == ps ]] || { echo "crictl stub: unexpected call $*" >&2; exit 2; }
name=""; while (($#)); do [[ $1 == --name ]] && name=$2; shift; done
name=\${name#^}; name=\${name%$}
if [[ -f $SANDBOX_ROOT/etc/kubernetes/manifests/$name.yaml ]]; then echo "c0ffee-$name"; fi
`;

/** A control plane after kubeadm init, with the crictl stub. */
function initialised(): HostSandbox {
    const host = new HostSandbox(cp.name, clusterState());
    expect(host.run(renderPrepareNode(cluster, cp)).status).to.equal(0);
    expect(host.run(renderPlacePki(cluster, cp), renderPkiBundle(FAKE_PKI)).status).to.equal(0);
    const init = host.run(renderInit(cluster), renderInitConfig(cluster, FAKE_TOKEN));
    expect(init.status, init.stderr).to.equal(0);
    fs.writeFileSync(host.path("/bin/crictl"), CRICTL, { mode: 0o755 });
    return host;
}

const manifestsPresent = (host: HostSandbox) => RESTARTED_STATIC_PODS.every((pod) => host.read(`${MANIFESTS}/${pod}.yaml`) !== undefined);

describe("rotation: kubeadm certificate renewal in the node sandbox", () => {
    after(removeSandboxes);

    it("renews every certificate, restarts etcd, apiserver, controller-manager and scheduler one at a time, then records the generation", () => {
        const host = initialised();
        const run = host.run(renderCertRenewal(cluster, cp, 1));
        expect(run.status, run.stderr).to.equal(0);
        expect(run.calls.filter((call) => call.startsWith("kubeadm"))).to.deep.equal(["kubeadm certs renew all"]);
        expect(host.read("/state/renewed/apiserver")).to.equal("renewed\n");
        // Each pod is seen stopped (its manifest held out) before the next one is touched.
        const probes = run.calls.filter((call) => call.startsWith("crictl")).map((call) => /--name \^(\S+)\$/.exec(call)?.[1]);
        expect([...new Set(probes)]).to.deep.equal([...RESTARTED_STATIC_PODS]);
        expect(manifestsPresent(host)).to.equal(true);
        expect(fs.readdirSync(host.path(HELD_MANIFESTS))).to.deep.equal([]);
        expect(host.read(RENEWAL_MARKER)).to.equal("1\n");
        expect(run.stdout).to.contain("Done renewing certificates");
    });

    it("does nothing for a generation already recorded, and renews again for the next", () => {
        const host = initialised();
        expect(host.run(renderCertRenewal(cluster, cp, 1)).status).to.equal(0);
        const again = host.run(renderCertRenewal(cluster, cp, 1));
        expect(again.status, again.stderr).to.equal(0);
        expect(again.calls).to.deep.equal([]);
        expect(again.stdout).to.contain("already renewed for generation 1");
        const next = host.run(renderCertRenewal(cluster, cp, 2));
        expect(next.status, next.stderr).to.equal(0);
        expect(host.read("/state/renewed/apiserver")).to.equal("renewed\nrenewed\n");
        expect(host.read(RENEWAL_MARKER)).to.equal("2\n");
    });

    it("refuses an external CA (kubeadm skips its certificates with exit 0) before restarting anything", () => {
        const host = initialised();
        fs.rmSync(host.path("/etc/kubernetes/pki/ca.key"));
        const run = host.run(renderCertRenewal(cluster, cp, 1));
        expect(run.status).to.equal(1);
        expect(run.stderr).to.contain("Detected external ca, certificate for serving the Kubernetes API can't be renewed");
        expect(run.stderr).to.contain("kubeadm left the certificates above unrenewed on alpha-cp-1 of cluster alpha");
        expect(run.calls.filter((call) => call.startsWith("crictl"))).to.deep.equal([]);
        expect(manifestsPresent(host)).to.equal(true);
        expect(host.read(RENEWAL_MARKER)).to.equal(undefined);
    });

    it("fails with one sentence when a static pod does not stop, leaving the manifest held for the next run to put back", () => {
        const host = initialised();
        // A kubelet that never stops etcd: crictl keeps reporting it.
        fs.writeFileSync(
            host.path("/bin/crictl"),
            `#!/bin/bash\nprintf '%s\\n' "crictl $*" >>"$SANDBOX_ROOT/state/calls.log"\necho c0ffee\n`,
            { mode: 0o755 },
        );
        const script = renderCertRenewal(cluster, cp, 1).replace("deadline=$((SECONDS + 120))", "deadline=$((SECONDS + 1))");
        const run = host.run(script);
        expect(run.status).to.equal(1);
        expect(run.stderr).to.contain("timed out after 120s waiting for the kubelet to stop etcd on alpha-cp-1 of cluster alpha");
        expect(host.read(`${HELD_MANIFESTS}/etcd.yaml`)).to.not.equal(undefined);
        fs.writeFileSync(host.path("/bin/crictl"), CRICTL, { mode: 0o755 });
        const next = host.run(renderCertRenewal(cluster, cp, 1));
        expect(next.status, next.stderr).to.equal(0);
        expect(manifestsPresent(host)).to.equal(true);
        expect(host.read(RENEWAL_MARKER)).to.equal("1\n");
    });

    it("killed at any step boundary and run again, ends with every manifest in place and the generation recorded", () => {
        const reference = initialised();
        const whole = reference.fork().run(renderCertRenewal(cluster, cp, 1), "", {}, 0);
        expect(whole.status, whole.stderr).to.equal(0);
        expect(whole.boundaries).to.be.greaterThan(10);
        for (let at = 1; at <= whole.boundaries; at += 3) {
            const host = reference.fork();
            host.run(renderCertRenewal(cluster, cp, 1), "", {}, at);
            const again = host.run(renderCertRenewal(cluster, cp, 1));
            expect(again.status, `killed at ${at}: ${again.stderr}`).to.equal(0);
            expect(manifestsPresent(host), `killed at ${at}`).to.equal(true);
            expect(host.read(RENEWAL_MARKER), `killed at ${at}`).to.equal("1\n");
        }
    });
});

import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ciliumCrdsScript, ciliumReadyScript, meshHealthScript } from "../../components/cilium/health";
import { expectGolden } from "../golden";

const KUBECONFIG_TEXT = "apiVersion: v1\nkind: Config\n# fake kubeconfig for the script tests\n";

/** A fake kubectl: checks the kubeconfig it is given, logs its arguments, answers from files in its folder. */
const FAKE_KUBECTL = `#!/usr/bin/env bash
set -euo pipefail
dir="$(dirname "$0")"
echo "$*" >>"$dir/calls.log"
[[ "$(cat "$KUBECONFIG")" == "$(cat "$dir/expected-kubeconfig")" ]] || { echo "wrong kubeconfig" >&2; exit 9; }
echo "$KUBECONFIG" >"$dir/kubeconfig-path"
case "$*" in
  *"get pods"*) printf 'cilium-a cilium-b' ;;
  *"cilium-dbg status -o json"*) cat "$dir/status.json" ;;
  *"troubleshoot clustermesh"*) echo "troubleshoot: $*" ;;
  *) ;;
esac
`;

interface Run { status: number | null; stdout: string; stderr: string; calls: string[]; kubeconfigLeft: boolean }

/** Runs a rendered script the way command.local.Command does (bash -c, kubeconfig on stdin) against the fake. */
function runScript(script: string, status: unknown): Run {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cilium-script-"));
    try {
        fs.writeFileSync(path.join(dir, "kubectl"), FAKE_KUBECTL, { mode: 0o755 });
        fs.writeFileSync(path.join(dir, "expected-kubeconfig"), KUBECONFIG_TEXT);
        fs.writeFileSync(path.join(dir, "status.json"), JSON.stringify(status));
        const result = spawnSync("bash", ["-c", script], {
            input: KUBECONFIG_TEXT, encoding: "utf8", timeout: 30_000,
            env: { ...process.env, PATH: `${dir}:${path.dirname(process.execPath)}:${process.env.PATH ?? ""}` },
        });
        const read = (file: string) => (fs.existsSync(path.join(dir, file)) ? fs.readFileSync(path.join(dir, file), "utf8") : "");
        const used = read("kubeconfig-path").trim();
        return {
            status: result.status, stdout: result.stdout, stderr: result.stderr,
            calls: read("calls.log").split("\n").filter(Boolean), kubeconfigLeft: used !== "" && fs.existsSync(used),
        };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

const agentStatus = (clusters: object[]) => ({ "cluster-mesh": { clusters } });
const gate = (peers: string[]) => meshHealthScript({ cluster: "c1", peers, timeoutSeconds: 1, intervalSeconds: 1 });

describe("cilium wait scripts", () => {
    it("renders the health gate and the running wait (golden, linted by the shellcheck test)", () => {
        expectGolden("cilium/health-gate.sh", meshHealthScript({ cluster: "k8s-cilium-01", peers: ["k8s-cilium-02"], timeoutSeconds: 600 }));
        expectGolden("cilium/running.sh", ciliumReadyScript({ cluster: "k8s-cilium-01", timeoutSeconds: 600 }));
        expectGolden("cilium/crds.sh", ciliumCrdsScript("k8s-cilium-01",
            ["ciliumloadbalancerippools.cilium.io", "ciliuml2announcementpolicies.cilium.io"], 600));
    });

    it("passes when every agent sees every peer ready, reading the kubeconfig from stdin and removing it", () => {
        const run = runScript(gate(["c2", "c3"]), agentStatus([{ name: "c2", ready: true }, { name: "c3", ready: true }]));
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout).to.contain("cluster c1: every Cilium agent sees every peer as ready: c2 c3");
        expect(run.calls).to.include("-n kube-system exec cilium-a -c cilium-agent -- cilium-dbg status -o json");
        expect(run.calls).to.include("-n kube-system exec cilium-b -c cilium-agent -- cilium-dbg status -o json");
        expect(run.kubeconfigLeft).to.equal(false);
    });

    it("fails after its bound naming the cluster, the agent and the peer, with the troubleshoot output", () => {
        const run = runScript(gate(["c2", "c3"]),
            agentStatus([{ name: "c2", ready: true }, { name: "c3", ready: false, status: "connecting to etcd" }]));
        expect(run.status).to.equal(1);
        expect(run.stderr).to.contain("cluster c1: Cluster Mesh not healthy after 1s: agent cilium-a: peer c3 is not ready (connecting to etcd)");
        expect(run.stderr).to.contain("troubleshoot: -n kube-system exec ds/cilium -c cilium-agent -- cilium-dbg troubleshoot clustermesh c3");
        expect(run.kubeconfigLeft).to.equal(false);
    });

    it("names a peer the agents do not know at all", () => {
        const run = runScript(gate(["c2"]), agentStatus([]));
        expect(run.status).to.equal(1);
        expect(run.stderr).to.contain("agent cilium-a: peer c2 is not configured");
    });

    it("passes a one-cluster mesh once the apiserver is rolled out", () => {
        const run = runScript(gate([]), agentStatus([]));
        expect(run.status, run.stderr).to.equal(0);
        expect(run.calls[0]).to.equal("-n kube-system wait --for=condition=Available --timeout=1s deploy/clustermesh-apiserver");
    });

    it("waits for the agents and the operator, then for each CRD before LB-IPAM objects are created", () => {
        const running = runScript(ciliumReadyScript({ cluster: "c1", timeoutSeconds: 5 }), {});
        expect(running.status, running.stderr).to.equal(0);
        expect(running.calls).to.deep.equal([
            "-n kube-system rollout status ds/cilium --timeout=5s",
            "-n kube-system wait --for=condition=Available --timeout=5s deploy/cilium-operator",
        ]);
        const run = runScript(ciliumCrdsScript("c1", ["ciliumloadbalancerippools.cilium.io"], 5), {});
        expect(run.status, run.stderr).to.equal(0);
        expect(run.calls).to.deep.equal([
            "get crd ciliumloadbalancerippools.cilium.io",
            "wait --for condition=established --timeout=5s crd/ciliumloadbalancerippools.cilium.io",
        ]);
        expect(run.kubeconfigLeft).to.equal(false);
    });
});

import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ciliumCrdsScript, ciliumReadyScript, meshHealthScript } from "../../components/cilium/health";
import { ingressAddressScript } from "../../components/cilium/ingress-check";
import { STANDALONE_STATUS, agentStatus, noConfigPeer, readyPeer, syncingPeer, unreachablePeer } from "../fixtures/cilium-status-1.20.0";
import { expectGolden } from "../golden";
import { endHung } from "./hung";

const KUBECONFIG_TEXT = "apiVersion: v1\nkind: Config\n# fake kubeconfig for the script tests\n";

/**
 * A fake kubectl: checks the kubeconfig it is given, logs its arguments, answers from files in its folder; with
 * `status-hangs`, the `cilium-dbg status` exec is a stream that never ends (a real exec ignores --request-timeout): it
 * logs its pid and gives up on its own only after 40 s.
 */
const FAKE_KUBECTL = `#!/usr/bin/env bash
set -euo pipefail
dir="$(dirname "$0")"
echo "$*" >>"$dir/calls.log"
[[ "$(cat "$KUBECONFIG")" == "$(cat "$dir/expected-kubeconfig")" ]] || { echo "wrong kubeconfig" >&2; exit 9; }
echo "$KUBECONFIG" >"$dir/kubeconfig-path"
if [[ "$*" == *" cilium-dbg status "* && -f "$dir/status-hangs" ]]; then
  echo "$$" >>"$dir/hung.log"
  exec "${process.execPath}" -e 'setTimeout(() => process.exit(0), 40000)'
fi
case "$*" in
  *"get pods -l k8s-app=cilium"*) printf 'cilium-a cilium-b' ;;
  *"exec cilium-"?" -c cilium-agent -- cilium-dbg status -o json"*) cat "$dir/status.json" ;;
  *"troubleshoot clustermesh"*) echo "troubleshoot: $*" ;;
  *"get ds cilium-envoy --ignore-not-found -o name"*)
    if [[ -f "$dir/envoy-error" ]]; then echo "Unable to connect to the server" >&2; exit 1; fi
    if [[ -f "$dir/envoy" ]]; then echo "daemonset.apps/cilium-envoy"; fi ;;
  *"get service cilium-ingress -o jsonpath={.status.loadBalancer.ingress[*].ip}"*) cat "$dir/ingress" ;;
  *) ;;
esac
`;

interface Run {
    status: number | null;
    stdout: string;
    stderr: string;
    calls: string[];
    kubeconfigLeft: boolean;
    seconds: number;
    leftHanging: number;
}

/**
 * Extra answers of the fake: the cilium-envoy DaemonSet exists (or the API cannot say), the cilium-ingress Service's
 * addresses, the agents' `cilium-dbg status` exec hangs.
 */
interface Cluster {
    envoy?: boolean | "unreadable";
    ingress?: string;
    statusHangs?: boolean;
}

/** Runs a rendered script the way command.local.Command does (bash -c, kubeconfig on stdin) against the fake. */
function runScript(script: string, status: unknown, cluster: Cluster = {}): Run {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cilium-script-"));
    try {
        fs.writeFileSync(path.join(dir, "kubectl"), FAKE_KUBECTL, { mode: 0o755 });
        fs.writeFileSync(path.join(dir, "expected-kubeconfig"), KUBECONFIG_TEXT);
        fs.writeFileSync(path.join(dir, "status.json"), JSON.stringify(status));
        fs.writeFileSync(path.join(dir, "ingress"), cluster.ingress ?? "");
        if (cluster.envoy) {
            fs.writeFileSync(path.join(dir, cluster.envoy === "unreadable" ? "envoy-error" : "envoy"), "");
        }
        if (cluster.statusHangs) {
            fs.writeFileSync(path.join(dir, "status-hangs"), "");
        }
        const started = Date.now();
        const result = spawnSync("bash", ["-c", script], {
            input: KUBECONFIG_TEXT,
            encoding: "utf8",
            timeout: 20_000,
            env: { ...process.env, PATH: `${dir}:${path.dirname(process.execPath)}:${process.env.PATH ?? ""}` },
        });
        const read = (file: string) => (fs.existsSync(path.join(dir, file)) ? fs.readFileSync(path.join(dir, file), "utf8") : "");
        const used = read("kubeconfig-path").trim();
        return {
            status: result.status,
            stdout: result.stdout,
            stderr: result.stderr,
            calls: read("calls.log").split("\n").filter(Boolean),
            kubeconfigLeft: used !== "" && fs.existsSync(used),
            seconds: (Date.now() - started) / 1000,
            leftHanging: endHung(dir),
        };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

// 3 s: a failing case still gets one full pass (each kubectl call bounded by what is left) on a loaded worker.
const gate = (peers: string[]) => meshHealthScript({ cluster: "c1", peers, timeoutSeconds: 3, intervalSeconds: 1 });

describe("cilium wait scripts", () => {
    it("renders the health gate and the running wait (golden, linted by the shellcheck test)", () => {
        expectGolden(
            "cilium/health-gate.sh",
            meshHealthScript({ cluster: "k8s-cilium-01", peers: ["k8s-cilium-02"], timeoutSeconds: 600 }),
        );
        expectGolden("cilium/running.sh", ciliumReadyScript({ cluster: "k8s-cilium-01", timeoutSeconds: 600 }));
        expectGolden(
            "cilium/crds.sh",
            ciliumCrdsScript("k8s-cilium-01", ["ciliumloadbalancerippools.cilium.io", "ciliuml2announcementpolicies.cilium.io"], 600),
        );
    });

    it("passes when every agent sees every peer ready, reading the kubeconfig from stdin and removing it", () => {
        const run = runScript(gate(["c2", "c3"]), agentStatus([readyPeer("c2", 2), readyPeer("c3", 3)]));
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout).to.contain("cluster c1: every Cilium agent sees every peer as ready: c2 c3");
        expect(run.calls).to.include("--request-timeout=15s -n kube-system exec cilium-a -c cilium-agent -- cilium-dbg status -o json");
        expect(run.calls).to.include("--request-timeout=15s -n kube-system exec cilium-b -c cilium-agent -- cilium-dbg status -o json");
        expect(run.kubeconfigLeft).to.equal(false);
    });

    it("fails after its bound naming the cluster, the agent and the peer, with the troubleshoot output", () => {
        const run = runScript(gate(["c2", "c3"]), agentStatus([readyPeer("c2", 2), unreachablePeer("c3")]));
        expect(run.status).to.equal(1);
        expect(run.stderr).to.contain(
            "cluster c1: Cluster Mesh not healthy after 3s: agent cilium-a: peer c3 is not connected " +
                "(failed to connect to etcd: context deadline exceeded)",
        );
        expect(run.stderr).to.contain(
            "troubleshoot: --request-timeout=15s -n kube-system exec ds/cilium -c cilium-agent -- cilium-dbg troubleshoot clustermesh c3",
        );
        expect(run.kubeconfigLeft).to.equal(false);
    });

    it("ends an agent exec whose stream hangs (exec ignores --request-timeout) within the bound, troubleshoot in the time kept", () => {
        const script = meshHealthScript({ cluster: "c1", peers: ["c2"], timeoutSeconds: 4, intervalSeconds: 1 });
        const run = runScript(script, agentStatus([readyPeer("c2", 2)]), { statusHangs: true });
        expect(run.status, `${run.stderr} after ${run.seconds}s`).to.equal(1);
        expect(run.seconds).to.be.below(8);
        expect(run.leftHanging, "the hung kubectl exec is ended, not left behind").to.equal(0);
        // 4 s in all: the checks end 1 s early (a quarter of the bound), kept for cilium-dbg troubleshoot.
        expect(run.stderr).to.match(
            new RegExp(
                "^cluster c1: Cluster Mesh not healthy after 3s: agent cilium-a did not answer cilium-dbg status " +
                    "within [1-3]s \\(its kubectl exec hangs\\)\ntroubleshoot: .* cilium-dbg troubleshoot clustermesh\n$",
            ),
        );
        expect(run.kubeconfigLeft).to.equal(false);
    });

    it("says why a connected peer is not ready, as cilium-cli's clustermesh status does (upstream JSON shapes, false flags absent)", () => {
        const why = (peer: Record<string, unknown>) => runScript(gate([String(peer.name)]), agentStatus([peer])).stderr;
        expect(why(syncingPeer("c2", 2))).to.contain("agent cilium-a: peer c2 is still synchronizing nodes, services");
        expect(why(noConfigPeer("c2"))).to.contain("agent cilium-a: peer c2 has not sent its required configuration");
        expect(
            why({
                ...readyPeer("c2", 2),
                ready: undefined,
                synced: { ...(readyPeer("c2", 2).synced as object), "service-exports": false },
            }),
        ).to.contain("peer c2 is still synchronizing service-exports");
    });

    it("names a peer the agents do not know at all, also when the agent is in no mesh yet", () => {
        for (const status of [agentStatus([]), agentStatus(null), STANDALONE_STATUS]) {
            const run = runScript(gate(["c2"]), status);
            expect(run.status).to.equal(1);
            expect(run.stderr).to.contain("agent cilium-a: peer c2 is not configured");
        }
    });

    it("passes a one-cluster mesh once the apiserver is rolled out", () => {
        // A passing case gets a generous deadline: each wait gets what is left of it, so a loaded machine must not fail it.
        const run = runScript(meshHealthScript({ cluster: "c1", peers: [], timeoutSeconds: 30, intervalSeconds: 1 }), agentStatus([]));
        expect(run.status, run.stderr).to.equal(0);
        expect(run.calls[0]).to.match(/^-n kube-system wait --for=condition=Available deploy\/clustermesh-apiserver --timeout=(30|2\d)s$/);
    });

    it("waits for the agents, Envoy when it runs apart, and the operator, then for each CRD before LB-IPAM objects are created", () => {
        const running = runScript(ciliumReadyScript({ cluster: "c1", timeoutSeconds: 5 }), {}, { envoy: true });
        expect(running.status, running.stderr).to.equal(0);
        // One deadline: each wait gets what is left of the 5 s (1..5 s on a loaded machine).
        expect(running.calls.every((call) => !/--timeout=/.test(call) || /--timeout=[1-5]s/.test(call))).to.equal(true);
        expect(running.calls.map((call) => call.replace(/--timeout=\d+s/, "--timeout=Ts"))).to.deep.equal([
            "-n kube-system rollout status ds/cilium --timeout=Ts",
            "-n kube-system get ds cilium-envoy --ignore-not-found -o name",
            "-n kube-system rollout status ds/cilium-envoy --timeout=Ts",
            "-n kube-system wait --for=condition=Available deploy/cilium-operator --timeout=Ts",
        ]);
        const withoutEnvoy = runScript(ciliumReadyScript({ cluster: "c1", timeoutSeconds: 5 }), {});
        expect(withoutEnvoy.status, withoutEnvoy.stderr).to.equal(0);
        expect(withoutEnvoy.calls.some((call) => call.includes("rollout status ds/cilium-envoy"))).to.equal(false);
        // An API error is not "no Envoy DaemonSet": the wait fails in one sentence instead of skipping the proxies.
        const unreadable = runScript(ciliumReadyScript({ cluster: "c1", timeoutSeconds: 5 }), {}, { envoy: "unreadable" });
        expect([unreadable.status, unreadable.stderr.trim()]).to.deep.equal([
            1,
            "cluster c1: cannot tell whether the Cilium Envoy DaemonSet kube-system/cilium-envoy exists (kubectl get failed)",
        ]);
        const run = runScript(ciliumCrdsScript("c1", ["ciliumloadbalancerippools.cilium.io"], 5), {});
        expect(run.status, run.stderr).to.equal(0);
        expect(run.calls.map((call) => call.replace(/--timeout=[1-5]s/, "--timeout=Ts"))).to.deep.equal([
            "get crd ciliumloadbalancerippools.cilium.io",
            "wait --for condition=established crd/ciliumloadbalancerippools.cilium.io --timeout=Ts",
        ]);
        expect(run.kubeconfigLeft).to.equal(false);
    });

    it("checks that cilium-ingress got its pinned address, naming what it has instead after one deadline", () => {
        const pinned = ingressAddressScript({ cluster: "c1", ip: "192.168.1.241", timeoutSeconds: 1, intervalSeconds: 1 });
        expectGolden(
            "cilium/ingress-address.sh",
            ingressAddressScript({ cluster: "k8s-cilium-01", ip: "172.26.0.101", timeoutSeconds: 600 }),
        );
        const ok = runScript(pinned, {}, { ingress: "192.168.1.241" });
        expect(ok.status, ok.stderr).to.equal(0);
        expect(ok.stdout).to.contain("cluster c1: cilium-ingress has its pinned address 192.168.1.241: 192.168.1.241");
        const other = runScript(pinned, {}, { ingress: "192.168.1.240" });
        expect(other.status).to.equal(1);
        expect(other.stderr.trim()).to.equal(
            "cluster c1: Service kube-system/cilium-ingress has 192.168.1.240 instead of its pinned address " +
                "192.168.1.241 after 1s; check the LB-IPAM pools (kubectl get ciliumloadbalancerippools) and the Service's events",
        );
        expect(runScript(pinned, {}).stderr).to.contain("has no address instead of its pinned address");
        const any = runScript(ingressAddressScript({ cluster: "c1", timeoutSeconds: 1, intervalSeconds: 1 }), {}, { ingress: "10.0.0.5" });
        expect(any.status, any.stderr).to.equal(0);
    });

    it("fails the running wait with one sentence when the agents do not roll out (one overall deadline)", () => {
        const script = ciliumReadyScript({ cluster: "c1", timeoutSeconds: 5 }).replace(
            "k rollout status ds/cilium ",
            "false && k rollout status ds/cilium ",
        );
        const run = runScript(script, {});
        expect(run.status).to.equal(1);
        expect(run.stderr.trim()).to.equal(
            "cluster c1: the Cilium agents (DaemonSet kube-system/cilium) did not roll out on every node within 5s",
        );
    });
});

// Progress lines of bounded waits (issue 21 item 4): a rendered gate prints what it waits for, the last observed state
// and the time waited, on stderr, and never the kubeconfig or a token.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ciliumReadyScript } from "../../components/cilium/health";
import { ingressAddressScript } from "../../components/cilium/ingress-check";
import { PROGRESS_ENV, progressFunctionLines, scriptPreamble } from "../../components/shared/shell";
import { GOLDEN_DIR, goldenFiles } from "../golden";

const TOKEN = "progress-canary-token-7f3a9c";
const KUBECONFIG_TEXT = `apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    token: ${TOKEN}\n`;

/**
 * A fake kubectl: the Service has the address in `ingress`; `rollout status ds/cilium` fails with the line in
 * `rollout-error` (default: a timeout, the way kubectl says it) until it has been called `rollouts` times; a call it
 * does not know answers nothing.
 */
const FAKE_KUBECTL = `#!/usr/bin/env bash
set -euo pipefail
dir="$(dirname "$0")"
echo "$*" >>"$dir/calls.log"
case "$*" in
  *"get service cilium-ingress"*) cat "$dir/ingress" ;;
  *"rollout status ds/cilium "*)
    count=$(( $(wc -l <"$dir/calls.log") ))
    if (( count <= $(cat "$dir/rollouts") )); then
      echo 'Waiting for daemon set "cilium" rollout to finish: 1 of 3 updated pods are available...'
      if [[ -f "$dir/rollout-error" ]]; then cat "$dir/rollout-error" >&2; else echo "error: timed out waiting for the condition" >&2; fi
      exit 1
    fi
    echo 'daemon set "cilium" successfully rolled out' ;;
  *) ;;
esac
`;

interface Run {
    status: number | null;
    stdout: string;
    stderr: string;
}

/** Runs a rendered script as command.local.Command does (bash -c, kubeconfig on stdin) with progress every round. */
function run(script: string, files: Record<string, string>): Run {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wait-progress-"));
    try {
        fs.writeFileSync(path.join(dir, "kubectl"), FAKE_KUBECTL, { mode: 0o755 });
        for (const [name, text] of Object.entries(files)) {
            fs.writeFileSync(path.join(dir, name), text);
        }
        const result = spawnSync("bash", ["-c", script], {
            input: KUBECONFIG_TEXT,
            encoding: "utf8",
            timeout: 20_000,
            env: { ...process.env, [PROGRESS_ENV]: "0", PATH: `${dir}:${process.env.PATH ?? ""}` },
        });
        return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** The lines of `text` in the progress format `<what> in cluster <name>: <state>, <n> s`. */
const progressLines = (text: string): string[] => text.split("\n").filter((line) => /^.+ in cluster \S+: .*, \d+ s$/.test(line));

describe("progress of bounded waits", () => {
    it("a gate's poll prints what it waits for, the observed state and the time waited, on stderr", () => {
        const script = ingressAddressScript({ cluster: "c1", ip: "192.168.1.241", timeoutSeconds: 2, intervalSeconds: 1 });
        const result = run(script, { ingress: "10.0.0.5" });
        expect(result.status).to.equal(1);
        const lines = progressLines(result.stderr);
        expect(lines.length, result.stderr).to.be.greaterThan(0);
        expect(lines[0]).to.match(/^address of Service kube-system\/cilium-ingress in cluster c1: 10\.0\.0\.5, \d+ s$/);
        expect(progressLines(result.stdout)).to.deep.equal([]);
    });

    it("a kubectl rollout wait runs in slices, each timed-out slice printing the rollout's last state, until it succeeds", () => {
        const result = run(ciliumReadyScript({ cluster: "c1", timeoutSeconds: 60 }), { ingress: "", rollouts: "2" });
        expect(result.status, result.stderr).to.equal(0);
        const rollout = progressLines(result.stderr).filter((line) => line.startsWith("Cilium agents"));
        expect(rollout, result.stderr).to.have.length(3);
        expect(rollout[0]).to.equal("Cilium agents (DaemonSet kube-system/cilium) in cluster c1: waiting, 0 s");
        for (const line of rollout.slice(1)) {
            expect(line).to.match(/: Waiting for daemon set "cilium" rollout to finish: 1 of 3 updated pods are available\.\.\., \d+ s$/);
        }
        expect(result.stdout).to.contain("Cilium is running in cluster c1");
    });

    it("a rollout slice that ends with its watch cache unsynced (context deadline exceeded) is retried like a timeout", () => {
        const rolloutError = "error: UntilWithSync: unable to sync caches: context deadline exceeded";
        const result = run(ciliumReadyScript({ cluster: "c1", timeoutSeconds: 60 }), {
            ingress: "",
            rollouts: "2",
            "rollout-error": `${rolloutError}\n`,
        });
        expect(result.status, result.stderr).to.equal(0);
        const rollout = progressLines(result.stderr).filter((line) => line.startsWith("Cilium agents"));
        expect(rollout, result.stderr).to.have.length(3);
        expect(rollout.slice(1).join("\n")).not.to.contain("context deadline exceeded");
        expect(result.stdout).to.contain("Cilium is running in cluster c1");
    });

    it("a wait that fails other than by timing out (the workload does not exist) fails at once with kubectl's message", () => {
        const notFound = 'Error from server (NotFound): daemonsets.apps "cilium" not found';
        const result = run(ciliumReadyScript({ cluster: "c1", timeoutSeconds: 60 }), {
            ingress: "",
            rollouts: "5",
            "rollout-error": `${notFound}\n`,
        });
        expect(result.status).to.equal(1);
        expect(result.stderr).to.contain(notFound);
        expect(result.stderr).to.contain("the Cilium agents (DaemonSet kube-system/cilium) did not roll out on every node within 60s");
        expect(progressLines(result.stderr).filter((line) => line.startsWith("Cilium agents"))).to.have.length(1);
    });

    it("prints no line more often than its interval", () => {
        const script = [
            scriptPreamble("test", { waits: true }),
            "for i in 1 2 3 4 5; do progress 'x in cluster c' \"round $i\"; done",
        ].join("\n");
        const result = spawnSync("bash", ["-c", script], { encoding: "utf8", env: { ...process.env, [PROGRESS_ENV]: "20" } });
        expect(result.status).to.equal(0);
        expect(result.stderr).to.equal("");
    });

    it("keeps the observed state on one line and cuts it", () => {
        const script = [
            scriptPreamble("test", { waits: true }),
            `progress 'x in cluster c' "$(printf 'a\\n'; printf 'b%.0s' {1..200})"`,
        ].join("\n");
        const result = spawnSync("bash", ["-c", script], { encoding: "utf8", env: { ...process.env, [PROGRESS_ENV]: "0" } });
        expect(result.stderr.split("\n")).to.have.length(2);
        expect(result.stderr).to.match(/^x in cluster c: a b{158}, 0 s\n$/);
    });
});

describe("progress lines never leak", () => {
    it("no progress line of a gate run holds the kubeconfig or its token", () => {
        const runs = [
            run(ingressAddressScript({ cluster: "c1", ip: "192.168.1.241", timeoutSeconds: 2, intervalSeconds: 1 }), { ingress: "" }),
            run(ciliumReadyScript({ cluster: "c1", timeoutSeconds: 60 }), { ingress: "", rollouts: "2" }),
        ];
        for (const result of runs) {
            expect(progressLines(result.stderr).length, result.stderr).to.be.greaterThan(0);
            expect(result.stderr + result.stdout).not.to.contain(TOKEN);
            expect(result.stderr + result.stdout).not.to.contain("kind: Config");
        }
    });

    it("every rendered script that reports progress defines it, and no progress call reads the kubeconfig or a Secret", () => {
        const definition = progressFunctionLines().join("\n");
        const scripts = goldenFiles(".sh").map((file) => [file, fs.readFileSync(path.join(GOLDEN_DIR, file), "utf8")] as const);
        const reporting = scripts.filter(([, text]) => /^\s*(progress|in_slices) /m.test(text) || /[;{] (progress|in_slices) /.test(text));
        expect(reporting.length).to.be.greaterThan(10);
        for (const [file, text] of reporting) {
            expect(text, file).to.contain(definition);
            const calls = text.split("\n").filter((line) => /(^|[;{] )\s*(progress|in_slices) /.test(line.trimStart()));
            for (const call of calls) {
                expect(call, file).not.to.match(/kubeconfig|KUBECONFIG|token|get secret|secrets?\b/i);
            }
        }
    });
});

import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { demoProofScript } from "../../components/cilium/demo-proof";
import { expectGolden } from "../golden";
import { endHung } from "./hung";

/**
 * A fake kubectl: rollouts succeed; `exec deploy/x-wing` prints one rebel-base answer per cluster listed in `answers`;
 * with `exec-hangs`, an exec is a stream that never ends (a real exec ignores --request-timeout): it logs its pid and
 * gives up on its own only after 40 s.
 */
const FAKE_KUBECTL = `#!/usr/bin/env bash
set -euo pipefail
dir="$(dirname "$0")"
echo "$*" >>"$dir/calls.log"
if [[ "$*" == *" exec "* && -f "$dir/exec-hangs" ]]; then
  echo "$$" >>"$dir/hung.log"
  exec "${process.execPath}" -e 'setTimeout(() => process.exit(0), 40000)'
fi
case "$*" in
  *"exec deploy/x-wing -- curl -s --max-time 5 http://"*) [[ "$*" == *"http://$(cat "$dir/ingress-ip")/"* && -f "$dir/ingress-works" ]] &&
    printf '{"Galaxy":"Alderaan","Cluster":"west"}\\n' ;;
  *"exec deploy/x-wing"*) while read -r c; do printf '{"Galaxy":"Alderaan","Cluster":"%s"}\\n' "$c"; done <"$dir/answers" ;;
  *"-n kube-system get service cilium-ingress"*) cat "$dir/ingress-ip" ;;
  *) ;;
esac
`;

/** The cilium-ingress Service's address and whether the Ingress answers there. */
interface IngressFake {
    readonly pinned?: string;
    readonly address: string;
    readonly works: boolean;
}

/** One run of the proof: its outcome, how long it took, and how many hung execs it left running (then ended). */
interface ProofRun {
    status: number | null;
    stdout: string;
    stderr: string;
    seconds: number;
    leftHanging: number;
}

function runProof(expected: string[], answering: string[], ingress?: IngressFake, hangs = false): ProofRun {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cilium-proof-"));
    try {
        fs.writeFileSync(path.join(dir, "kubectl"), FAKE_KUBECTL, { mode: 0o755 });
        if (hangs) {
            fs.writeFileSync(path.join(dir, "exec-hangs"), "");
        }
        fs.writeFileSync(path.join(dir, "answers"), answering.map((name) => `${name}\n`).join(""));
        fs.writeFileSync(path.join(dir, "ingress-ip"), ingress?.address ?? "");
        if (ingress?.works) {
            fs.writeFileSync(path.join(dir, "ingress-works"), "");
        }
        const script = demoProofScript({
            cluster: "east",
            expected,
            timeoutSeconds: 2,
            intervalSeconds: 1,
            ...(ingress ? { ingress: { ip: ingress.pinned } } : {}),
        });
        const started = Date.now();
        const run = spawnSync("bash", ["-c", script], {
            input: "kubeconfig",
            encoding: "utf8",
            timeout: 20_000,
            env: { ...process.env, PATH: `${dir}:${process.env.PATH ?? ""}` },
        });
        return {
            status: run.status,
            stdout: run.stdout,
            stderr: run.stderr,
            seconds: (Date.now() - started) / 1000,
            leftHanging: endHung(dir),
        };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

describe("Cilium demo proof", () => {
    it("renders the proof (golden, linted by the shellcheck test)", () => {
        expectGolden(
            "cilium/demo-proof.sh",
            demoProofScript({ cluster: "dev-east", expected: ["dev-east", "dev-west"], timeoutSeconds: 600 }),
        );
        expectGolden(
            "cilium/demo-proof-ingress.sh",
            demoProofScript({
                cluster: "k8s-cilium-01",
                expected: ["k8s-cilium-01", "k8s-cilium-02"],
                timeoutSeconds: 600,
                ingress: { ip: "172.26.0.101" },
            }),
        );
    });

    it("passes once rebel-base has answered from every cluster", () => {
        const run = runProof(["east", "west"], ["west", "east", "east"]);
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout).to.contain("cluster east: rebel-base answered from every cluster: west east");
    });

    it("fails after its bound naming the clusters that did answer", () => {
        const run = runProof(["east", "west"], ["east"]);
        expect(run.status).to.equal(1);
        expect(run.stderr).to.contain("cluster east: rebel-base answered from: east, but not from every one of east west after 2s");
    });

    it("with the Cilium ingress, also requests the demo's Ingress through cilium-ingress (pinned, or at the Service's address)", () => {
        const pinned = runProof(["east", "west"], ["west", "east"], { pinned: "10.0.0.5", address: "10.0.0.5", works: true });
        expect(pinned.status, pinned.stderr).to.equal(0);
        expect(pinned.stdout).to.contain("cluster east: the Ingress rebel-base answers through cilium-ingress at 10.0.0.5");
        const found = runProof(["east", "west"], ["west", "east"], { address: "10.0.0.6", works: true });
        expect(found.status, found.stderr).to.equal(0);
        expect(found.stdout).to.contain("answers through cilium-ingress at 10.0.0.6");
        const silent = runProof(["east", "west"], ["west", "east"], { pinned: "10.0.0.5", address: "10.0.0.5", works: false });
        expect(silent.status).to.equal(1);
        expect(silent.stderr.trim()).to.equal(
            "cluster east: the Ingress rebel-base did not answer through cilium-ingress (10.0.0.5) after 2s",
        );
        const none = runProof(["east", "west"], ["west", "east"], { address: "", works: true });
        expect(none.stderr.trim()).to.equal(
            "cluster east: the Ingress rebel-base did not answer through cilium-ingress (no address) after 2s",
        );
    });

    it("ends an x-wing exec whose stream hangs (exec ignores --request-timeout) within the bound, in one sentence", () => {
        const run = runProof(["east", "west"], ["east", "west"], undefined, true);
        expect(run.status, `${run.stderr} after ${run.seconds}s`).to.equal(1);
        expect(run.seconds).to.be.below(8);
        expect(run.leftHanging, "the hung kubectl exec is ended, not left behind").to.equal(0);
        expect(run.stderr).to.match(
            new RegExp(
                "^cluster east: rebel-base answered from: nobody, but not from every one of east west after 2s " +
                    "\\(the last kubectl exec into deploy/x-wing did not end within [12]s: its stream hangs\\)\n$",
            ),
        );
    });
});

import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { demoProofScript } from "../../components/cilium/demo-proof";
import { expectGolden } from "../golden";

/** A fake kubectl: rollouts succeed; `exec deploy/x-wing` prints one rebel-base answer per cluster listed in `answers`. */
const FAKE_KUBECTL = `#!/usr/bin/env bash
set -euo pipefail
dir="$(dirname "$0")"
echo "$*" >>"$dir/calls.log"
case "$*" in
  *"exec deploy/x-wing -- curl -s --max-time 5 http://"*) [[ "$*" == *"http://$(cat "$dir/ingress-ip")/"* && -f "$dir/ingress-works" ]] &&
    printf '{"Galaxy":"Alderaan","Cluster":"west"}\\n' ;;
  *"exec deploy/x-wing"*) while read -r c; do printf '{"Galaxy":"Alderaan","Cluster":"%s"}\\n' "$c"; done <"$dir/answers" ;;
  *"-n kube-system get service cilium-ingress"*) cat "$dir/ingress-ip" ;;
  *) ;;
esac
`;

/** The cilium-ingress Service's address and whether the Ingress answers there. */
interface IngressFake { readonly pinned?: string; readonly address: string; readonly works: boolean }

function runProof(expected: string[], answering: string[], ingress?: IngressFake): { status: number | null; stdout: string; stderr: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cilium-proof-"));
    try {
        fs.writeFileSync(path.join(dir, "kubectl"), FAKE_KUBECTL, { mode: 0o755 });
        fs.writeFileSync(path.join(dir, "answers"), answering.map((name) => `${name}\n`).join(""));
        fs.writeFileSync(path.join(dir, "ingress-ip"), ingress?.address ?? "");
        if (ingress?.works) {
            fs.writeFileSync(path.join(dir, "ingress-works"), "");
        }
        const script = demoProofScript({
            cluster: "east", expected, timeoutSeconds: 2, intervalSeconds: 1, ...(ingress ? { ingress: { ip: ingress.pinned } } : {}),
        });
        return spawnSync("bash", ["-c", script], {
            input: "kubeconfig", encoding: "utf8", timeout: 30_000, env: { ...process.env, PATH: `${dir}:${process.env.PATH ?? ""}` },
        });
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

describe("Cilium demo proof", () => {
    it("renders the proof (golden, linted by the shellcheck test)", () => {
        expectGolden("cilium/demo-proof.sh", demoProofScript({ cluster: "dev-east", expected: ["dev-east", "dev-west"], timeoutSeconds: 600 }));
        expectGolden("cilium/demo-proof-ingress.sh", demoProofScript({
            cluster: "k8s-cilium-01", expected: ["k8s-cilium-01", "k8s-cilium-02"], timeoutSeconds: 600, ingress: { ip: "172.26.0.101" },
        }));
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
        expect(silent.stderr.trim()).to.equal("cluster east: the Ingress rebel-base did not answer through cilium-ingress (10.0.0.5) after 2s");
        const none = runProof(["east", "west"], ["west", "east"], { address: "", works: true });
        expect(none.stderr.trim()).to.equal("cluster east: the Ingress rebel-base did not answer through cilium-ingress (no address) after 2s");
    });
});

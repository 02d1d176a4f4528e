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
  *"exec deploy/x-wing"*) while read -r c; do printf '{"Galaxy":"Alderaan","Cluster":"%s"}\\n' "$c"; done <"$dir/answers" ;;
  *) ;;
esac
`;

function runProof(expected: string[], answering: string[]): { status: number | null; stdout: string; stderr: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cilium-proof-"));
    try {
        fs.writeFileSync(path.join(dir, "kubectl"), FAKE_KUBECTL, { mode: 0o755 });
        fs.writeFileSync(path.join(dir, "answers"), answering.map((name) => `${name}\n`).join(""));
        const script = demoProofScript({ cluster: "east", expected, timeoutSeconds: 2, intervalSeconds: 1 });
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
});

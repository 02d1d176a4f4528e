// The Cilium pre-upgrade check at `pulumi up`: the running agents' version against the new one, on a fake kubectl.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ciliumVersionJumpScript } from "../../components/cilium/version-jump";

/** A directory holding a `kubectl` that prints `image` (or fails), and logs its arguments. */
function fakeKubectl(image: string | undefined): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cilium-jump-"));
    const body = image === undefined ? 'echo "the server is unreachable" >&2; exit 1' : `printf '%s' '${image}'`;
    fs.writeFileSync(path.join(dir, "kubectl"), `#!/usr/bin/env bash\necho "$*" >>"${dir}/calls"\n${body}\n`, { mode: 0o755 });
    return dir;
}

/** Runs the check for `version` against a cluster whose agents run `image`. */
function check(version: string, image: string | undefined): { status: number | null; stdout: string; stderr: string; calls: string } {
    const dir = fakeKubectl(image);
    const script = ciliumVersionJumpScript({ cluster: "east", version, timeoutSeconds: 30 });
    const run = spawnSync("bash", ["-c", script], {
        input: "kubeconfig",
        encoding: "utf8",
        env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr, calls: fs.readFileSync(path.join(dir, "calls"), "utf8") };
}

describe("chart upgrades: the Cilium pre-upgrade check", () => {
    it("passes a first install, a patch, and one minor up or down", () => {
        expect(check("1.20.0", "")).to.deep.include({
            status: 0,
            stdout: "cluster east runs no Cilium yet (first install): nothing to check\n",
        });
        expect(check("1.20.1", "quay.io/cilium/cilium:v1.20.0@sha256:0123").stdout).to.equal(
            "cluster east runs Cilium 1.20.0: 1.20.1 is at most one minor away\n",
        );
        expect(check("1.20.0", "quay.io/cilium/cilium:v1.19.6").status).to.equal(0);
        expect(check("1.19.6", "quay.io/cilium/cilium:v1.20.0").status).to.equal(0);
    });

    it("refuses two minors up or down, and another major, in one sentence with the fix", () => {
        expect(check("1.20.0", "quay.io/cilium/cilium:v1.18.4@sha256:0123")).to.deep.include({
            status: 1,
            stderr: "cluster east runs Cilium 1.18.4, and 1.20.0 is 2 minors above it; fix: upgrade one minor at a time: set the version to 1.19.x first\n",
        });
        expect(check("1.19.0", "quay.io/cilium/cilium:v1.21.2").stderr).to.equal(
            "cluster east runs Cilium 1.21.2, and 1.19.0 is 2 minors below it; fix: roll back one minor at a time: set the version to 1.20.x first\n",
        );
        expect(check("1.20.0", "quay.io/cilium/cilium:v2.0.1").stderr).to.equal(
            "cluster east runs Cilium 2.0.1, and 1.20.0 is in another major line; fix: upgrade one minor at a time from 2.0.1\n",
        );
    });

    it("reads the agent image of DaemonSet kube-system/cilium, bounded; says when a custom tag cannot be checked", () => {
        const custom = check("1.20.0", "registry.local:5000/cilium/cilium:latest");
        expect(custom).to.deep.include({ status: 0, stdout: "" });
        expect(custom.stderr).to.equal(
            "cluster east runs Cilium image registry.local:5000/cilium/cilium:latest, whose tag is no version: the one-minor rule is not checked\n",
        );
        expect(custom.calls).to.match(
            /^-n kube-system get ds cilium --ignore-not-found --request-timeout=\d+s -o jsonpath=\{.*"cilium-agent"\)\]\.image\}\n$/,
        );
        expect(check("1.20.0", undefined)).to.deep.include({
            status: 1,
            stderr: "the server is unreachable\ncluster east: cannot read the Cilium DaemonSet kube-system/cilium (kubectl get failed)\n",
        });
    });

    it("passes shellcheck", function () {
        if (spawnSync("shellcheck", ["--version"]).error) {
            this.skip();
        }
        const lint = spawnSync("shellcheck", ["--shell=bash", "--severity=style", "-"], {
            input: ciliumVersionJumpScript({ cluster: "east", version: "1.20.0", timeoutSeconds: 30 }),
            encoding: "utf8",
        });
        expect(lint.status, lint.stdout).to.equal(0);
    });
});

// The Cilium and Antrea pre-upgrade checks at `pulumi up`: the running agents' version against the new one, on a fake kubectl.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { antreaVersionJumpScript } from "../../components/antrea/version-jump";
import { ciliumVersionJumpScript } from "../../components/cilium/version-jump";

/** A directory holding a `kubectl` that prints `image` (or fails), and logs its arguments. */
function fakeKubectl(image: string | undefined): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cilium-jump-"));
    const body = image === undefined ? 'echo "the server is unreachable" >&2; exit 1' : `printf '%s' '${image}'`;
    fs.writeFileSync(path.join(dir, "kubectl"), `#!/usr/bin/env bash\necho "$*" >>"${dir}/calls"\n${body}\n`, { mode: 0o755 });
    return dir;
}

/** Runs the check for `version` against a cluster whose agents run `image`. */
function check(
    version: string,
    image: string | undefined,
    build = ciliumVersionJumpScript,
): { status: number | null; stdout: string; stderr: string; calls: string } {
    const dir = fakeKubectl(image);
    const script = build({ cluster: "east", version, timeoutSeconds: 30 });
    const run = spawnSync("bash", ["-c", script], {
        input: "kubeconfig",
        encoding: "utf8",
        env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr, calls: fs.readFileSync(path.join(dir, "calls"), "utf8") };
}

describe("chart upgrades: the pre-upgrade checks at pulumi up", () => {
    it("passes a first install, a patch, and one minor up or down", () => {
        expect(check("1.20.0", "")).to.deep.include({
            status: 0,
            stdout: "cluster east runs no Cilium yet (first install): nothing to check\n",
        });
        expect(check("1.20.1", "quay.io/cilium/cilium:v1.20.0@sha256:0123").stdout).to.equal(
            "cluster east runs Cilium 1.20.0: 1.20.1 is within the upgrade rule\n",
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
            "cluster east runs Cilium image registry.local:5000/cilium/cilium:latest, whose tag is no version: the upgrade rule is not checked\n",
        );
        expect(custom.calls).to.match(
            /^-n kube-system get ds cilium --ignore-not-found --request-timeout=\d+s -o jsonpath=\{.*"cilium-agent"\)\]\.image\}\n$/,
        );
        expect(check("1.20.0", undefined)).to.deep.include({
            status: 1,
            stderr: "the server is unreachable\ncluster east: cannot read ds cilium in namespace kube-system (kubectl get failed)\n",
        });
    });

    it("Antrea: at most four minors up, from the controller's image; a rollback or another major is not checked", () => {
        const antrea = (version: string, image: string | undefined) => check(version, image, antreaVersionJumpScript);
        expect(antrea("2.7.0", "antrea/antrea-controller-ubuntu:v2.3.1").status).to.equal(0);
        expect(antrea("2.7.0", "antrea/antrea-controller-ubuntu:v2.2.0")).to.deep.include({
            status: 1,
            stderr: "cluster east runs Antrea 2.2.0, and 2.7.0 is 5 minors above it; fix: upgrade at most four minors at a time: set the version to 2.6.x first\n",
        });
        expect(antrea("2.1.0", "antrea/antrea-controller-ubuntu:v2.7.0").status).to.equal(0);
        expect(antrea("3.0.0", "antrea/antrea-controller-ubuntu:v2.7.0")).to.deep.include({
            status: 0,
            stderr: "cluster east runs Antrea 2.7.0: another major line, the upgrade rule is not checked\n",
        });
        expect(antrea("2.7.0", "").stdout).to.equal("cluster east runs no Antrea yet (first install): nothing to check\n");
        expect(antrea("2.7.0", "").calls).to.match(
            /^-n kube-system get deploy antrea-controller --ignore-not-found .*"antrea-controller"\)\]\.image\}\n$/,
        );
    });

    it("passes shellcheck", function () {
        if (spawnSync("shellcheck", ["--version"]).error) {
            this.skip();
        }
        for (const script of [
            ciliumVersionJumpScript({ cluster: "east", version: "1.20.0", timeoutSeconds: 30 }),
            antreaVersionJumpScript({ cluster: "east", version: "2.7.0", timeoutSeconds: 30 }),
        ]) {
            const lint = spawnSync("shellcheck", ["--shell=bash", "--severity=style", "-"], { input: script, encoding: "utf8" });
            expect(lint.status, lint.stdout).to.equal(0);
        }
    });
});

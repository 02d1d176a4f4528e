import { expect } from "chai";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CN2_23_4_KERNELS } from "../../components/contrail/kernels";
import { contrailNodePreflight, kernelPreflightScript, leftoverPreflightScript } from "../../components/contrail/preflight";
import { CONTRAIL_RELEASES } from "../../components/contrail/release";
import { kubeadmArgs } from "../../stacks/layers/provision";
import { contrailWarnings } from "../../stacks/areas/contrail/validate";
import { expectGolden } from "../golden";
import { contrailLabValues, parseContrail } from "./fixtures";
import { runInSandbox } from "./sandbox";

const release = CONTRAIL_RELEASES["23.4"];

/**
 * SHA-256 of `Ubuntu.v22.04` of releases/23.4/kernels/supported-kernels.json at Juniper/contrail-networking@2a86f70,
 * one kernel a line, taken when the list was transcribed: the typed list must be exactly that one.
 */
const UPSTREAM_UBUNTU_22_04_SHA256 = "a20a006add22485ed1161ed72c5c7053659b015a23f488167c2a4da71edf8a0c";

/** Runs a node check as the prepare step would, with `uname`, `ip` and /etc/os-release of a made-up node. */
function runCheck(
    script: string,
    node: { os: string; kernel: string; vhost0?: boolean; joined?: boolean },
): { status: number | null; stderr: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cn2-node-"));
    try {
        const [id, version] = node.os.split("-");
        fs.writeFileSync(path.join(dir, "os-release"), `ID=${id}\nVERSION_ID="${version}"\n`);
        fs.writeFileSync(path.join(dir, "modules"), "overlay 151552 0 - Live 0x0\n");
        const tools = {
            uname: `#!/usr/bin/env bash\n[[ $1 == -r ]] && echo ${node.kernel} || echo node-a\n`,
            ip: `#!/usr/bin/env bash\nexit ${node.vhost0 ? 0 : 1}\n`,
        };
        // The node's files stand in for /etc/os-release, /proc/modules and kubelet.conf (test-only path rewrite).
        const local = script
            .replace(/\/etc\/os-release/g, path.join(dir, "os-release"))
            .replace(/\/proc\/modules/g, path.join(dir, "modules"))
            .replace(/\/etc\/kubernetes\/kubelet\.conf/g, path.join(dir, node.joined ? "os-release" : "kubelet.conf"));
        const run = runInSandbox(`set -euo pipefail\n(\n${local})\n`, {}, "", tools);
        return { status: run.status, stderr: run.stderr };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

describe("Contrail node checks (R1: the vRouter's kernels)", () => {
    it("carries the 23.4 Ubuntu 22.04 kernel list exactly as Juniper published it, and none for 24.04 or Debian", () => {
        const list = CN2_23_4_KERNELS["ubuntu-22.04"] ?? [];
        expect(crypto.createHash("sha256").update(list.join("\n")).digest("hex")).to.equal(UPSTREAM_UBUNTU_22_04_SHA256);
        expect([list.length, list[0], list[list.length - 1]]).to.deep.equal([45, "5.15.0-25-generic", "5.15.0-91-generic"]);
        expect(Object.keys(CN2_23_4_KERNELS)).to.deep.equal(["ubuntu-22.04"]);
        expect(release.supportedKernels).to.equal(CN2_23_4_KERNELS);
    });

    it("renders the kernel and leftover checks (goldens, shellchecked)", () => {
        expectGolden(
            "contrail/preflight-kernel.sh",
            `#!/usr/bin/env bash\nset -euo pipefail\n${kernelPreflightScript(release, { acceptedKernels: ["6.8.0-49-generic"] })}`,
        );
        expectGolden("contrail/preflight-leftover.sh", `#!/usr/bin/env bash\nset -euo pipefail\n${leftoverPreflightScript()}`);
    });

    it("passes a listed kernel, refuses 24.04's and Debian's in one sentence naming the kernel, the list and the fix", () => {
        const script = kernelPreflightScript(release);
        expect(runCheck(script, { os: "ubuntu-22.04", kernel: "5.15.0-91-generic" }).status).to.equal(0);
        const noble = runCheck(script, { os: "ubuntu-24.04", kernel: "6.8.0-49-generic" });
        expect(noble.status).to.equal(1);
        expect(noble.stderr.trim()).to.equal(
            "node node-a: kernel 6.8.0-49-generic on ubuntu-24.04 is not one the CN2 23.4 vRouter is built for " +
                "(ubuntu-22.04: 5.15.0-25-generic … 5.15.0-91-generic (45 kernels); Juniper/contrail-networking@2a86f70 releases/23.4/kernels/supported-kernels.json); " +
                "fix: boot one of those kernels, or accept this one on purpose in mesh.allowUnsupportedKernels",
        );
        expect(runCheck(script, { os: "ubuntu-22.04", kernel: "5.15.0-92-generic" }).status).to.equal(1);
        expect(runCheck(script, { os: "debian-12", kernel: "6.1.0-26-amd64" }).status).to.equal(1);
    });

    it("passes a kernel accepted on purpose, and only that one", () => {
        const script = kernelPreflightScript(release, { acceptedKernels: ["6.8.0-49-generic"] });
        expect(runCheck(script, { os: "ubuntu-24.04", kernel: "6.8.0-49-generic" }).status).to.equal(0);
        expect(runCheck(script, { os: "ubuntu-24.04", kernel: "6.8.0-50-generic" }).status).to.equal(1);
    });

    it("refuses a node that still carries a vRouter from an earlier install, but not a node of a running cluster", () => {
        const script = leftoverPreflightScript();
        const leftover = runCheck(script, { os: "ubuntu-22.04", kernel: "5.15.0-91-generic", vhost0: true });
        expect(leftover.status).to.equal(1);
        expect(leftover.stderr).to.match(
            /^node node-a still carries a CN2 vRouter from an earlier install .*; fix: reboot or reinstall the node/,
        );
        expect(runCheck(script, { os: "ubuntu-22.04", kernel: "5.15.0-91-generic", vhost0: true, joined: true }).status).to.equal(0);
        expect(runCheck(script, { os: "ubuntu-22.04", kernel: "5.15.0-91-generic" }).status).to.equal(0);
    });

    it("hands both checks to every kubeadm cluster of a contrail stack, with the kernels accepted in the config", () => {
        const values = contrailLabValues() as Record<string, Record<string, unknown>>;
        const config = parseContrail({ ...values, mesh: { ...values.mesh, allowUnsupportedKernels: ["6.8.0-49-generic"] } });
        for (const cluster of config.clusters) {
            const args = cluster.provisioner === "kubeadm" ? kubeadmArgs(cluster, config, { byKey: {} }) : undefined;
            expect(args?.nodePreflight?.map((check) => check.name)).to.deep.equal(["cn2-kernel", "cn2-leftover-vrouter"]);
            expect(args?.nodePreflight?.[0].script).to.contain("accepted=(6.8.0-49-generic)");
        }
        expect(contrailNodePreflight(release).map((check) => check.name)).to.deep.equal(["cn2-kernel", "cn2-leftover-vrouter"]);
    });

    it("warns (R2) that CN2 23.4 was published for Kubernetes up to 1.26 while the stack installs 1.36", () => {
        expect(contrailWarnings(parseContrail(contrailLabValues()))).to.deep.equal([
            'versions.kubernetes = "1.36.1" is newer than any Kubernetes CN2 23.4 was published for (up to 1.26: Juniper\'s CN2 23.2 release notes ' +
                '("Starting with Release 23.2, CN2 is supported on Kubernetes v1.26"); no public 23.3 or 23.4 note names a newer one), so its operator, ' +
                "crdloader and vRouter are unverified on 1.36; the kubeadm provisioner installs 1.31 at the oldest, so set versions.kubernetes to a 1.31 patch " +
                "release to stay nearest, and verify CN2 on it before relying on it.",
        ]);
    });
});

// Node checks a kubeadm cluster runs before preparing a node for CN2: a kernel the vRouter is built for, no vRouter left behind.
import type { NodePreflightCheck } from "../kubeadm";
import { sh } from "../shared/shell";
import { kernelSpan } from "./kernels";
import { ContrailRelease } from "./release";

/** Options of {@link contrailNodePreflight}. */
export interface ContrailPreflightOptions {
    /** Kernels accepted on purpose beyond the release's list (each exactly as `uname -r` prints it). */
    readonly acceptedKernels?: readonly string[];
    /** Where the user accepts a kernel, for the failure sentence; @default "mesh.allowUnsupportedKernels". */
    readonly acceptKey?: string;
}

/** Where a release's kernel list is published. */
export function kernelListSource(release: ContrailRelease): string {
    return `Juniper/contrail-networking@${release.commit.slice(0, 7)} releases/${release.version}/kernels/supported-kernels.json`;
}

/** The published kernels, per OS, as one phrase: `ubuntu-22.04: 5.15.0-25-generic … 5.15.0-91-generic (45 kernels)`. */
export function supportedKernelsPhrase(release: ContrailRelease): string {
    const entries = Object.entries(release.supportedKernels).map(([os, kernels]) => `${os}: ${kernelSpan(kernels ?? [])}`);
    return entries.length > 0 ? entries.join("; ") : "none for the OSes the provisioner prepares";
}

/**
 * Refuses a node whose running kernel is not one the release's kernel-mode vRouter module is built for (the
 * vRouter would never start and every gate would wait out its bound instead), unless it was accepted on purpose.
 */
export function kernelPreflightScript(release: ContrailRelease, options: ContrailPreflightOptions = {}): string {
    const byOs = Object.entries(release.supportedKernels).map(
        ([os, kernels]) => `  ${sh(os)}) supported=(${(kernels ?? []).map(sh).join(" ")}) ;;`,
    );
    const sentence =
        `is not one the CN2 ${release.version} vRouter is built for (${supportedKernelsPhrase(release)}; ${kernelListSource(release)}); ` +
        `fix: boot one of those kernels, or accept this one on purpose in ${options.acceptKey ?? "mesh.allowUnsupportedKernels"}`;
    return [
        `# The kernel-mode vRouter of CN2 ${release.version} loads only on the kernels Juniper lists (${kernelListSource(release)}).`,
        'kernel="$(uname -r)"',
        "# shellcheck source=/dev/null",
        ". /etc/os-release",
        'os="${ID:-unknown}-${VERSION_ID:-unknown}"',
        "supported=()",
        'case "$os" in',
        ...byOs,
        "  *) ;;",
        "esac",
        `accepted=(${(options.acceptedKernels ?? []).map(sh).join(" ")})`,
        'for candidate in "${supported[@]}" "${accepted[@]}"; do',
        '  if [[ $kernel == "$candidate" ]]; then',
        "    exit 0",
        "  fi",
        "done",
        `echo "node $(uname -n): kernel $kernel on $os "${sh(sentence)} >&2`,
        "exit 1",
        "",
    ].join("\n");
}

/**
 * Refuses a node that still carries a vRouter from an earlier install (interface vhost0 or module vrouter) while it
 * belongs to no cluster (kubeadm reset removed its kubelet.conf): destroy does not undo the vRouter's host changes,
 * whose exact extent Juniper's `cn2uninstall` (an image, not public) decides, so the node must be rebooted or reinstalled.
 */
export function leftoverPreflightScript(): string {
    return [
        "# A vRouter left behind by an earlier CN2 install, on a node that is in no cluster (kubeadm reset removes kubelet.conf).",
        "if [[ ! -e /etc/kubernetes/kubelet.conf ]] && { ip link show vhost0 >/dev/null 2>&1 || grep -q '^vrouter ' /proc/modules; }; then",
        '  echo "node $(uname -n) still carries a CN2 vRouter from an earlier install (interface vhost0 or kernel module vrouter) but belongs to no cluster; ' +
            "fix: reboot or reinstall the node before it joins again (destroy does not undo the vRouter's host changes)\" >&2",
        "  exit 1",
        "fi",
        "",
    ].join("\n");
}

/** The checks every node of every cluster of a CN2 mesh runs first in its prepare step. */
export function contrailNodePreflight(release: ContrailRelease, options: ContrailPreflightOptions = {}): NodePreflightCheck[] {
    return [
        { name: "cn2-kernel", script: kernelPreflightScript(release, options) },
        { name: "cn2-leftover-vrouter", script: leftoverPreflightScript() },
    ];
}

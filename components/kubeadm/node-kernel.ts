// What kubeadm's preflight (cmd/kubeadm/app/preflight/checks.go and checks_linux.go, kubernetes@v1.36.1) needs from a
// node's kernel and tools, as bash for the prepare step: swap off, forwarding on, the executables it looks up.
import { sh } from "../shared/shell";
import { ResolvedKubeadmCluster } from "./types";

/** Whether any pod or service range of the cluster is IPv6 (dual-stack or IPv6-only). */
export function hasIpv6(cluster: ResolvedKubeadmCluster): boolean {
    return [cluster.podCidr, cluster.serviceCidr, cluster.podCidrV6, cluster.serviceCidrV6].some((cidr) => cidr?.includes(":") ?? false);
}

/**
 * Sysctls that must read 1. InitNodeChecks adds FileContentCheck ipv4Forward for an IPv4 range and
 * ipv6DefaultForwarding (`net/ipv6/conf/default/forwarding`) for an IPv6 one; JoinNodeChecks does the same by the
 * API endpoint's family, and pods need both on every node anyway. `all.forwarding` turns forwarding on for the
 * interfaces that exist now, `default.forwarding` for those created later (pod veths), which is what the check reads.
 */
export function forwardingSysctls(cluster: ResolvedKubeadmCluster): string[] {
    const v6 = hasIpv6(cluster) ? ["net.ipv6.conf.all.forwarding", "net.ipv6.conf.default.forwarding"] : [];
    return ["net.ipv4.ip_forward", ...v6];
}

/**
 * Executables InPathCheck requires (addExecChecks, mandatory from Kubernetes 1.32: conntrack no longer), with the
 * Debian/Ubuntu package that provides each. The kubelet package only recommends iptables, and Debian 12 images
 * ship without it.
 */
export const REQUIRED_TOOLS: readonly (readonly [tool: string, pkg: string])[] = [
    ["ip", "iproute2"],
    ["iptables", "iptables"],
    ["mount", "mount"],
    ["nsenter", "util-linux"],
];

/** Swap off now and at boot; kernel modules and sysctls for bridged pod traffic and forwarding, checked after applying. */
export function kernelSettings(cluster: ResolvedKubeadmCluster): string {
    const swapLine = "^([^#[:space:]][^[:space:]]*[[:space:]]+[^[:space:]]+[[:space:]]+swap([[:space:]].*)?)$";
    const forwarding = forwardingSysctls(cluster);
    return [
        "# The kubelet refuses to start with swap on (failSwapOn).",
        "swapoff -a",
        `if grep -Eq ${sh(swapLine)} /etc/fstab; then`,
        `  sed -i -E ${sh(`s/${swapLine}/# \\1/`)} /etc/fstab`,
        "fi",
        "install_file /etc/modules-load.d/kubernetes.conf 0644 <<'EOF'",
        "overlay",
        "br_netfilter",
        "EOF",
        "modprobe overlay",
        "modprobe br_netfilter",
        "install_file /etc/sysctl.d/99-kubernetes.conf 0644 <<'EOF'",
        "fs.inotify.max_user_instances = 8192",
        "fs.inotify.max_user_watches = 1048576",
        "net.bridge.bridge-nf-call-ip6tables = 1",
        "net.bridge.bridge-nf-call-iptables = 1",
        ...forwarding.map((key) => `${key} = 1`),
        "EOF",
        "sysctl --system >/dev/null",
        "# A later file (e.g. /etc/sysctl.conf) can override ours; kubeadm's preflight would then stop init or join.",
        ...forwarding.flatMap((key) => [
            `read -r value </proc/sys/${key.replace(/\./g, "/")}`,
            `if [[ $value != 1 ]]; then echo "${key} is still $value after sysctl --system: another sysctl file overrides /etc/sysctl.d/99-kubernetes.conf; remove that setting" >&2; exit 1; fi`,
        ]),
    ].join("\n");
}

/** Bash: `tools` lists the packages that provide the executables kubeadm's preflight requires and this node lacks. */
export function missingTools(): string {
    return [
        "tools=()",
        `for pair in ${REQUIRED_TOOLS.map(([tool, pkg]) => `${tool}:${pkg}`).join(" ")}; do`,
        '  if ! command -v "${pair%%:*}" >/dev/null 2>&1; then tools+=("${pair#*:}"); fi',
        "done",
    ].join("\n");
}

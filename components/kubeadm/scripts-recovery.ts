// Snippets that make init, join and reset converge after an interrupted run: step markers and a kept copy of the CAs.
import { sh } from "../shared/shell";
import { ResolvedNode } from "./types";
import { PKI_FILES } from "./pki";

/** Where a reset keeps a control plane's pre-placed CAs (root-only, fixed, so a rerun after a kill finds them). */
export const PKI_KEEP_DIR = "/etc/kubernetes/pki-kept.pulumi";

/** Marker a step creates right before `kubeadm init`/`join` and removes once it succeeded. */
export function startedMarker(step: "init" | "join"): string {
    return `/etc/kubernetes/kubeadm-${step}.started`;
}

/**
 * Bash function `reset_node`: `kubeadm reset`, and on a control plane the pre-placed CAs kept across it. The copy
 * is made once and renamed into place, restored before anything else, and removed last, so a reset killed at any
 * point and run again ends with the CAs in place and nothing else of the cluster left.
 */
export function resetNodeFunction(node: ResolvedNode): string {
    const keep = PKI_KEEP_DIR;
    const files = PKI_FILES.join(" ");
    if (node.role !== "control-plane") {
        return ["reset_node() {", "  timeout --kill-after=30s 600 kubeadm reset --force", `  rm -rf /etc/cni/net.d ${keep}`, "}"].join(
            "\n",
        );
    }
    return [
        "restore_kept_pki() {",
        `  if [[ ! -d ${keep} ]]; then return 0; fi`,
        `  for file in ${files}; do`,
        "    mode=0600",
        "    if [[ $file == *.crt || $file == *.pub ]]; then mode=0644; fi",
        `    if [[ -f ${keep}/$file ]]; then install -D -m "$mode" "${keep}/$file" "/etc/kubernetes/pki/$file"; fi`,
        "  done",
        "}",
        "reset_node() {",
        "  # The CAs belong to the place-pki step, not to this one: keep them across the reset.",
        "  restore_kept_pki",
        `  if [[ ! -d ${keep} ]]; then`,
        `    rm -rf ${keep}.new`,
        `    install -d -m 0700 ${keep}.new`,
        `    for file in ${files}; do`,
        `      if [[ -f /etc/kubernetes/pki/$file ]]; then install -D -m 0600 "/etc/kubernetes/pki/$file" "${keep}.new/$file"; fi`,
        "    done",
        `    mv ${keep}.new ${keep}`,
        "  fi",
        "  timeout --kill-after=30s 600 kubeadm reset --force",
        "  restore_kept_pki",
        `  rm -rf /etc/cni/net.d ${keep}`,
        "}",
    ].join("\n");
}

/**
 * What shows a join got past its point of no return: the kubelet finished its TLS bootstrap (kubelet.conf), and a
 * control plane's etcd member and static pods exist (phases/join control-plane-join writes etcd.yaml after the member add).
 */
function joinCompleted(node: ResolvedNode): string {
    const files =
        node.role === "control-plane"
            ? ["/etc/kubernetes/kubelet.conf", "/etc/kubernetes/manifests/etcd.yaml"]
            : ["/etc/kubernetes/kubelet.conf"];
    return files.map((file) => `-f ${file}`).join(" && ");
}

/**
 * Lines that undo an interrupted `kubeadm <step>` on this node (its marker is still there) before the step runs again.
 * A join killed after it completed is kept instead: its Node is registered and Ready, and kubeadm refuses to join
 * again under that name until the Node goes NotReady (cmd/kubeadm/app/cmd/phases/join/kubelet.go@v1.36.1).
 */
export function recoverInterrupted(step: "init" | "join", node: ResolvedNode): string {
    const marker = startedMarker(step);
    const reset = [
        `  echo ${sh(`kubeadm ${step} on ${node.name} was interrupted: resetting the node${node.role === "control-plane" ? " (its CAs stay)" : ""} to run it again`)}`,
        "  reset_node",
    ];
    const body =
        step === "init"
            ? reset
            : [
                  `  if [[ ${joinCompleted(node)} ]]; then`,
                  `    echo ${sh(`kubeadm join on ${node.name} was interrupted after it completed: kept`)}`,
                  "  else",
                  ...reset.map((line) => `  ${line}`),
                  "  fi",
              ];
    return [`if [[ -f ${marker} ]]; then`, ...body, `  rm -f ${marker}`, "fi"].join("\n");
}

/** Network links CNI plugins create on a node and leave behind (Cilium, Antrea, flannel/bridge, kube-proxy IPVS, NodeLocal DNS). */
export const CNI_LINKS = [
    "cilium_host",
    "cilium_net",
    "cilium_vxlan",
    "cilium_geneve",
    "cilium_wg0",
    "antrea-gw0",
    "antrea-tun0",
    "cni0",
    "flannel.1",
    "kube-ipvs0",
    "nodelocaldns",
] as const;

/**
 * What `kubeadm reset` leaves of the pod network (cmd/kubeadm/app/cmd/phases/reset/cleanupnode.go@v1.36.1 cleans
 * manifests, pki, kubeconfigs and /var/lib/kubelet only): CNI config and IPAM state, Cilium's runtime state and BPF
 * pins, and the links above, so a later `up` on the same VM starts from a clean datapath. Contrail's vhost0 carries
 * the host's own address and stays. BPF programs attached to the NIC stay until a reboot.
 */
export function cleanupCniLeftovers(): string {
    return [
        "rm -rf /etc/cni/net.d /var/lib/cni /var/run/cilium /sys/fs/bpf/cilium",
        "rm -f /sys/fs/bpf/tc/globals/cilium_*",
        "if command -v ip >/dev/null 2>&1; then",
        "  # One listing (`<index>: <name>[@<peer>]: <flags> ...` per line), then a delete per link that exists.",
        "  links=$(ip -o link show)",
        `  for link in ${CNI_LINKS.join(" ")}; do`,
        '    if [[ $links == *": $link:"* || $links == *": $link@"* ]]; then ip link delete "$link" 2>/dev/null || true; fi',
        "  done",
        "fi",
    ].join("\n");
}

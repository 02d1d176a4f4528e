// Snippets that make init, join and reset converge after an interrupted run: step markers and a kept copy of the CAs.
import { sh } from "../shared/shell";
import { ResolvedNode } from "./args";
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
        return ["reset_node() {", "  timeout --kill-after=30s 600 kubeadm reset --force", `  rm -rf /etc/cni/net.d ${keep}`, "}"].join("\n");
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

/** Lines that undo an interrupted `kubeadm <step>` on this node (its marker is still there) before the step runs again. */
export function recoverInterrupted(step: "init" | "join", node: ResolvedNode): string {
    const marker = startedMarker(step);
    return [
        `if [[ -f ${marker} ]]; then`,
        `  echo ${sh(`kubeadm ${step} on ${node.name} was interrupted: resetting the node${node.role === "control-plane" ? " (its CAs stay)" : ""} to run it again`)}`,
        "  reset_node",
        `  rm -f ${marker}`,
        "fi",
    ].join("\n");
}

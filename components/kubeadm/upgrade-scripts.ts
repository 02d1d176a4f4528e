// Scripts that upgrade one node of a kubeadm cluster: kubeadm first, `kubeadm upgrade apply|node`, drain, kubelet, uncordon.
import { scriptPreamble, sh, waitFor } from "../shared/shell";
import { ResolvedKubeadmCluster, ResolvedNode } from "./types";
import { INSTALL_FILE_FUNCTION, KUBECTL_ADMIN, stdinToFile } from "./script-kit";

/** `apply` on the first control plane (it moves the cluster), `node` on every other node (it follows). */
export type UpgradeMode = "apply" | "node";

/** Marks a node whose upgrade started (it holds whether the node was cordoned before); cleared once it is uncordoned. */
export const UPGRADE_MARKER = "/etc/kubernetes/kubeadm-upgrade.started";
/** Where a worker keeps the admin kubeconfig it reads on stdin for the drain, for the run only. */
export const WORKER_KUBECONFIG = "/etc/kubernetes/upgrade-admin.conf.pulumi";
/** Bounds of the slow parts, in seconds. */
export const UPGRADE_LIMITS = { kubeadm: 900, drain: 300, kubelet: 180 } as const;

/** Package helpers: the installed version, whether it is the target, and a pinned, held install of the ones that are not. */
function packageFunctions(): string {
    return [
        "apt_options=(-q -o DPkg::Lock::Timeout=300 -o Acquire::Retries=3)",
        "export DEBIAN_FRONTEND=noninteractive",
        "# shellcheck disable=SC2016 # ${Version} is dpkg-query's field, not a shell variable",
        "installed() { dpkg-query -W -f='${Version}' \"$1\" 2>/dev/null || true; }",
        'at_target() { [[ $(installed "$1") == "$target"-* ]]; }',
        "upgrade_packages() {",
        "  local wanted=() name",
        '  for name in "$@"; do if ! at_target "$name"; then wanted+=("$name=$target-*"); fi; done',
        "  if ((${#wanted[@]})); then",
        '    apt-get "${apt_options[@]}" update',
        "    # An install killed half-way leaves dpkg interrupted; finish that first so the install can run again.",
        "    dpkg --configure -a",
        '    apt-get "${apt_options[@]}" install -y --allow-downgrades --allow-change-held-packages -o Dpkg::Options::=--force-confold "${wanted[@]}"',
        "  fi",
        '  apt-mark hold "$@" >/dev/null',
        "}",
    ].join("\n");
}

/** `kubectl` with admin rights: the control plane's admin.conf, or on a worker the kubeconfig read from stdin. */
function adminKubectl(node: ResolvedNode): string {
    if (node.role === "control-plane") {
        return KUBECTL_ADMIN;
    }
    return [
        INSTALL_FILE_FUNCTION,
        `trap 'rm -f ${WORKER_KUBECONFIG}' EXIT`,
        stdinToFile(WORKER_KUBECONFIG, "the admin kubeconfig the drain uses"),
        `kubectl=(kubectl --kubeconfig=${WORKER_KUBECONFIG} --request-timeout=20s)`,
    ].join("\n");
}

/** `cluster_version`: the cluster's version as kubeadm records it (kube-system/kubeadm-config), e.g. `v1.36.1`. */
function clusterVersionFunction(cluster: ResolvedKubeadmCluster): string {
    return [
        "cluster_version() {",
        "  local config",
        `  config=$("\${kubectl[@]}" -n kube-system get configmap kubeadm-config -o 'jsonpath={.data.ClusterConfiguration}') ||`,
        `    { echo ${sh(`cannot read the kubeadm-config ConfigMap of cluster ${cluster.name} from its API server`)} >&2; return 1; }`,
        `  sed -n -E 's/^kubernetesVersion: *"?(v[0-9.]+)"?[[:space:]]*$/\\1/p' <<<"$config"`,
        "}",
    ].join("\n");
}

/** Stops before anything changes when the step would skip a minor, downgrade, or run a kubelet newer than its API server. */
function skewCheck(cluster: ResolvedKubeadmCluster, mode: UpgradeMode): string {
    const key = "kubernetesVersion (versions.kubernetes in a stack)";
    if (mode === "node") {
        return [
            'if [[ $current != "v$target" ]]; then',
            `  echo "the control plane of cluster ${cluster.name} runs $current, not v$target: the first control plane's upgrade step (kubeadm upgrade apply) must finish first, since a kubelet is never newer than its API server; run pulumi up again" >&2`,
            "  exit 1",
            "fi",
        ].join("\n");
    }
    return [
        'IFS=. read -r _ from_minor from_patch <<<"${current#v}"',
        'IFS=. read -r _ to_minor to_patch <<<"$target"',
        "if ((to_minor < from_minor || (to_minor == from_minor && to_patch < from_patch))); then",
        `  echo "${key} = $target would downgrade cluster ${cluster.name} from \${current#v}, which KubeadmCluster never does; fix: set it back to \${current#v} or later" >&2`,
        "  exit 1",
        "fi",
        "if ((to_minor > from_minor + 1)); then",
        `  echo "${key} = $target skips from \${current#v}, more than the one minor kubeadm upgrades at a time; fix: set it to 1.$((from_minor + 1)).x first and run pulumi up, then $target" >&2`,
        "  exit 1",
        "fi",
    ].join("\n");
}

/** The kubeadm part: `upgrade apply` until the cluster is at the target (then, on a rerun, `upgrade node`), or `upgrade node`. */
function kubeadmUpgrade(mode: UpgradeMode): string {
    const bounded = `timeout --kill-after=30s ${UPGRADE_LIMITS.kubeadm}`;
    if (mode === "node") {
        return `${bounded} kubeadm upgrade node`;
    }
    return [
        "# A rerun after apply moved the cluster finishes this node's part (kubelet config) with the idempotent upgrade node.",
        'if [[ $(cluster_version) != "v$target" ]]; then',
        `  ${bounded} kubeadm upgrade apply -y "v$target"`,
        "else",
        `  ${bounded} kubeadm upgrade node`,
        "fi",
    ].join("\n");
}

/** Cordon and drain (bounded; evictions honour PodDisruptionBudgets), new kubelet and kubectl, restart, wait, uncordon. */
function drainUpgradeUncordon(cluster: ResolvedKubeadmCluster, node: ResolvedNode): string {
    return [
        `if ! "\${kubectl[@]}" drain "$node" --ignore-daemonsets --delete-emptydir-data --timeout=${UPGRADE_LIMITS.drain}s; then`,
        `  echo ${sh(`draining ${node.name} did not finish within ${UPGRADE_LIMITS.drain}s (a PodDisruptionBudget or a pod without a controller holds it); it stays cordoned: free it, then run pulumi up again`)} >&2`,
        "  exit 1",
        "fi",
        "upgrade_packages kubelet kubectl",
        "systemctl daemon-reload",
        "systemctl restart kubelet",
        waitFor(`[[ $("\${kubectl[@]}" get node "$node" -o 'jsonpath={.status.nodeInfo.kubeletVersion}' 2>/dev/null) == "v$target" ]]`, {
            what: `the kubelet of ${node.name} to report v${cluster.kubernetesVersion}`,
            timeoutSeconds: UPGRADE_LIMITS.kubelet,
            state: "'old version'",
        }),
        'if [[ $cordoned_before != true ]]; then "${kubectl[@]}" uncordon "$node"; fi',
    ].join("\n");
}

/**
 * Upgrades `node` to the cluster's version, the way the kubeadm upgrade runbook does: kubeadm package, `kubeadm
 * upgrade apply` (first control plane) or `kubeadm upgrade node`, drain, kubelet and kubectl packages, restart,
 * uncordon. A node already at the version is left alone (no API call on a node other than the first control plane),
 * so the step is a no-op on a new cluster. A marker written before the first change makes a rerun after a kill finish
 * the sequence (every part is idempotent) and remember whether the node was cordoned before.
 */
export function renderUpgrade(cluster: ResolvedKubeadmCluster, node: ResolvedNode, mode: UpgradeMode): string {
    const tool = mode === "apply" ? "kubeadm upgrade apply" : "kubeadm upgrade node";
    return [
        scriptPreamble(
            `upgrade ${node.name} of cluster ${cluster.name} to Kubernetes ${cluster.kubernetesVersion} (${tool}, drain, kubelet, uncordon; skipped once there)`,
            { waits: true },
        ),
        `target=${sh(cluster.kubernetesVersion)}`,
        `node=${sh(node.name)}`,
        `marker=${UPGRADE_MARKER}`,
        ...(node.role === "worker" ? [`rm -f ${WORKER_KUBECONFIG}`] : []),
        "if [[ ! -f /etc/kubernetes/kubelet.conf ]]; then",
        `  echo ${sh(`${node.name} has not joined cluster ${cluster.name}: nothing to upgrade`)}`,
        "  exit 0",
        "fi",
        packageFunctions(),
        mode === "apply" ? KUBECTL_ADMIN : "",
        mode === "apply" ? clusterVersionFunction(cluster) : "",
        `if [[ ! -f $marker ]] && at_target kubeadm && at_target kubelet && at_target kubectl${mode === "apply" ? ' && [[ $(cluster_version) == "v$target" ]]' : ""}; then`,
        `  echo "${node.name} already runs Kubernetes $target: nothing to upgrade"`,
        "  exit 0",
        "fi",
        ...(mode === "node" ? [adminKubectl(node), clusterVersionFunction(cluster)] : []),
        "current=$(cluster_version)",
        "if [[ -z $current ]]; then",
        `  echo ${sh(`the kubeadm-config ConfigMap of cluster ${cluster.name} names no kubernetesVersion`)} >&2`,
        "  exit 1",
        "fi",
        skewCheck(cluster, mode),
        "if [[ ! -f $marker ]]; then",
        `  unschedulable=$("\${kubectl[@]}" get node "$node" -o 'jsonpath={.spec.unschedulable}')`,
        '  printf \'%s\\n\' "${unschedulable:-false}" >"$marker.pulumi-new"',
        '  mv -f "$marker.pulumi-new" "$marker"',
        "fi",
        'read -r cordoned_before <"$marker"',
        "upgrade_packages kubeadm",
        kubeadmUpgrade(mode),
        drainUpgradeUncordon(cluster, node),
        'rm -f "$marker"',
        `echo "${node.name} runs Kubernetes $target"`,
    ]
        .filter((part) => part !== "")
        .join("\n")
        .concat("\n");
}

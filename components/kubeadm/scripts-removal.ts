// Scripts that take a node out of its cluster from the first control plane: drain before its reset, delete its Node after.
import { scriptPreamble, sh } from "../shared/shell";
import { ResolvedKubeadmCluster, ResolvedNode } from "./types";
import { KUBECTL_ADMIN } from "./script-kit";

/** Seconds a removal waits for the API server to answer before it goes on without it (bounded, never a hang). */
export const API_WAIT_SECONDS = 60;

/** Seconds `kubectl drain` may take (evictions respect PodDisruptionBudgets); the removal goes on when they pass. */
export const DRAIN_TIMEOUT_SECONDS = 120;

/** The environment variable that overrides {@link API_WAIT_SECONDS} in a rendered script (whole seconds, for tests). */
export const API_WAIT_ENV = "KUBEADM_API_WAIT_SECONDS";

/**
 * Bash function `api_answers`: true once `/readyz` answers through the admin kubeconfig, false when it did not
 * within {@link API_WAIT_SECONDS} (each attempt bounded by the kubeconfig's request timeout).
 */
export function apiAnswersFunction(): string {
    return [
        `api_wait=\${${API_WAIT_ENV}:-${API_WAIT_SECONDS}}; [[ $api_wait =~ ^[0-9]+$ ]] || api_wait=${API_WAIT_SECONDS}`,
        "api_answers() {",
        "  local deadline=$((SECONDS + api_wait))",
        '  until "${kubectl[@]}" get --raw=/readyz >/dev/null 2>&1; do',
        "    if (( SECONDS >= deadline )); then return 1; fi",
        "    sleep 2",
        "  done",
        "}",
    ].join("\n");
}

/** Lines that end the script successfully when the first control plane is already reset (the whole cluster is going). */
function unlessClusterGone(cluster: ResolvedKubeadmCluster, what: string): string {
    return [
        "if [[ ! -f /etc/kubernetes/admin.conf ]]; then",
        `  echo ${sh(`the control plane of ${cluster.name} is already reset: ${what}`)}`,
        "  exit 0",
        "fi",
    ].join("\n");
}

/**
 * Lines that end the script successfully, with a warning, when the API server does not answer in time or the Node
 * cannot be read; otherwise `found` holds `node/<name>` or nothing.
 */
function readNode(cluster: ResolvedKubeadmCluster, node: ResolvedNode, consequence: string): string {
    const warning = `warning: the API server of ${cluster.name} did not answer within \${api_wait}s: ${consequence}`;
    return [
        apiAnswersFunction(),
        `if ! api_answers || ! found=$("\${kubectl[@]}" get node ${sh(node.name)} --ignore-not-found -o name); then`,
        `  echo "${warning}" >&2`,
        "  exit 0",
        "fi",
    ].join("\n");
}

/** `kubectl drain` of the node, bounded; a drain that does not finish in time is reported and the removal goes on. */
function drain(node: ResolvedNode, after: string): string {
    return [
        `if ! "\${kubectl[@]}" drain ${sh(node.name)} --ignore-daemonsets --delete-emptydir-data --force --timeout=${DRAIN_TIMEOUT_SECONDS}s; then`,
        `  echo ${sh(`warning: draining ${node.name} did not finish within ${DRAIN_TIMEOUT_SECONDS}s (a PodDisruptionBudget may block an eviction); ${after}`)} >&2`,
        "fi",
    ].join("\n");
}

/**
 * Delete path of node-cleanup (first control plane, before the node's reset): cordons and drains the node, bounded.
 * The Node object stays: `kubeadm reset` on a control plane reads it to find its etcd member, and the deregister
 * step's delete removes it after the reset. The API server gone (the cluster is being torn down or is broken) ends it
 * successfully after {@link API_WAIT_SECONDS}, with a warning: the node's pods then stop with its reset.
 */
export function renderNodeDrain(cluster: ResolvedKubeadmCluster, node: ResolvedNode): string {
    return [
        scriptPreamble(`drain ${node.name} of cluster ${cluster.name} before it is reset (its Node object is deleted after the reset)`),
        unlessClusterGone(cluster, `nothing to drain for ${node.name}`),
        KUBECTL_ADMIN,
        readNode(cluster, node, `${node.name} is not drained, and its pods stop with its reset`),
        "if [[ -z $found ]]; then",
        `  echo ${sh(`node ${node.name} is not registered: nothing to drain`)}`,
        "  exit 0",
        "fi",
        drain(node, "it is reset anyway"),
        `echo ${sh(`node ${node.name} drained`)}`,
        "",
    ].join("\n");
}

/** Create path of the deregister step (first control plane, before the join): states what its delete does. */
export function renderNodeDeregistration(cluster: ResolvedKubeadmCluster, node: ResolvedNode): string {
    return [
        scriptPreamble(
            `record that ${node.name} leaves cluster ${cluster.name} through this step (its delete deletes the Node after the reset)`,
        ),
        `echo ${sh(`the Node ${node.name} is deleted from cluster ${cluster.name} after ${node.name} is reset`)}`,
        "",
    ].join("\n");
}

/**
 * Delete path of the deregister step (first control plane, after the node's reset): deletes the Node object. A Node
 * still schedulable was not drained (its cleanup ran nowhere, e.g. the node moved to another host and this step went
 * first): it is drained now, bounded. The API server gone ends it successfully with a warning naming the leftover.
 */
export function renderNodeDeletion(cluster: ResolvedKubeadmCluster, node: ResolvedNode): string {
    const name = sh(node.name);
    return [
        scriptPreamble(`delete the Node ${node.name} from cluster ${cluster.name} (after its reset)`),
        unlessClusterGone(cluster, `nothing to delete for ${node.name}`),
        KUBECTL_ADMIN,
        readNode(cluster, node, `the Node ${node.name} stays registered; delete it with kubectl delete node ${node.name} once it answers`),
        "if [[ -z $found ]]; then",
        `  echo ${sh(`node ${node.name} is not registered: nothing to delete`)}`,
        "  exit 0",
        "fi",
        `if [[ $("\${kubectl[@]}" get node ${name} -o 'jsonpath={.spec.unschedulable}' 2>/dev/null || true) != true ]]; then`,
        ...drain(node, "its Node is deleted anyway")
            .split("\n")
            .map((line) => `  ${line}`),
        "fi",
        `"\${kubectl[@]}" delete node ${name} --ignore-not-found >/dev/null`,
        `echo ${sh(`node ${node.name} deleted from cluster ${cluster.name}`)}`,
        "",
    ].join("\n");
}

/**
 * Lines for the reset of a control plane that joined: `kubeadm reset` removes its etcd member (phase
 * remove-etcd-member) only when it can read the cluster's kubeadm config and this node's Node object through the
 * API (cmd/kubeadm/app/cmd/reset.go and util/config/cluster.go@v1.36.1: otherwise it only warns and wipes the local
 * etcd data). Waits for the API, bounded, and warns when it does not answer; empty for workers and the first control plane.
 */
export function etcdMemberRemovalCheck(cluster: ResolvedKubeadmCluster, node: ResolvedNode): string {
    if (node.role !== "control-plane" || node.name === cluster.controlPlanes[0]?.name) {
        return "";
    }
    const warning =
        `warning: the API server of ${cluster.name} did not answer within \${api_wait}s, so kubeadm reset cannot remove ` +
        `the etcd member of ${node.name}: remove it on a remaining control plane (etcdctl member remove), or etcd keeps counting it toward quorum`;
    return [
        "if [[ -f /etc/kubernetes/manifests/etcd.yaml && -f /etc/kubernetes/admin.conf ]]; then",
        `  ${KUBECTL_ADMIN}`,
        ...apiAnswersFunction()
            .split("\n")
            .map((line) => `  ${line}`),
        `  if ! api_answers; then echo "${warning}" >&2; fi`,
        "fi",
    ].join("\n");
}

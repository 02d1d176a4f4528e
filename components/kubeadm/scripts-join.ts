// Scripts for joining nodes, resetting them, and removing their Node objects when they leave the cluster.
import { scriptPreamble, sh, waitFor } from "../shared/shell";
import { ResolvedKubeadmCluster, ResolvedNode } from "./types";
import { indent, requirePki } from "./scripts-control-plane";
import { claimHost, leaveUnlessOwner, ownerIdentity, readOwner, releaseClaim } from "./ownership";
import { PKI_KEEP_DIR, cleanupCniLeftovers, recoverInterrupted, resetNodeFunction, startedMarker } from "./scripts-recovery";
import { INSTALL_FILE_FUNCTION, KUBECTL_ADMIN, stdinToFile } from "./script-kit";
import { etcdMemberRemovalCheck, renderNodeDrain } from "./scripts-removal";

/** kubeadm config files the steps leave on a node. */
const CONFIG_FILES = ["kubeadm-init.yaml", "kubeadm-join.yaml", "kubeadm-token.yaml"].map((file) => `/etc/kubernetes/${file}`);

/**
 * `kubeadm join` with the config read from stdin; a node that already joined as this node is left alone. A host
 * that joined this cluster under another node's name (the node was renamed) is reset and joins again under the new
 * name (the old Node object goes with the old step's cleanup); a host of another cluster is refused. Like init, the
 * step marks the node around `kubeadm join`, and a rerun after a kill resets a half-joined node before joining again.
 */
export function renderJoin(cluster: ResolvedKubeadmCluster, node: ResolvedNode): string {
    const as = node.role === "control-plane" ? "control plane" : "worker";
    const identity = ownerIdentity(cluster, node);
    return [
        scriptPreamble(`join ${node.name} to cluster ${cluster.name} as a ${as} (kubeadm join; skipped once joined)`),
        INSTALL_FILE_FUNCTION,
        resetNodeFunction(node),
        recoverInterrupted("join", node),
        readOwner("member"),
        "if [[ -f /etc/kubernetes/kubelet.conf ]]; then",
        `  if [[ -z $owner || $owner == ${sh(identity)} ]]; then`,
        indent(claimHost("member", identity), 4),
        `    echo ${sh(`${node.name} already joined cluster ${cluster.name}: kubeadm join skipped`)}`,
        "    exit 0",
        "  fi",
        `  if [[ $owner != ${sh(`${cluster.name}/`)}* ]]; then`,
        `    echo "this host is $owner of another cluster: remove it from there before it joins ${cluster.name}" >&2`,
        "    exit 1",
        "  fi",
        `  echo "this host joined as $owner: resetting it to join as ${node.name}"`,
        "  reset_node",
        "fi",
        "if [[ -f /var/lib/kubelet/config.yaml ]]; then",
        `  echo ${sh(`${node.name} holds the state of a kubeadm join this project did not start: run kubeadm reset -f on it, then pulumi up again`)} >&2`,
        "  exit 1",
        "fi",
        ...(node.role === "control-plane" ? [requirePki()] : []),
        "config=/etc/kubernetes/kubeadm-join.yaml",
        stdinToFile("/etc/kubernetes/kubeadm-join.yaml", "the kubeadm join configuration"),
        'kubeadm config validate --config "$config"',
        claimHost("member", identity),
        `: >${startedMarker("join")}`,
        "status=0",
        'timeout --kill-after=30s 900 kubeadm join --config "$config" || status=$?',
        "if ((status != 0)); then",
        `  echo ${sh(`kubeadm join of ${node.name} failed; if it found no JWS signature for the token, the join token expired (it lives 24h after the ${cluster.name}-token step last ran): run pulumi up --replace on ${cluster.name}-token, then pulumi up`)} >&2`,
        '  exit "$status"',
        "fi",
        `rm -f ${startedMarker("join")}`,
        `echo ${sh(`${node.name} joined cluster ${cluster.name}`)}`,
        "",
    ].join("\n");
}

/**
 * Delete path of init/join: `kubeadm reset` plus what it leaves behind (CNI config, links and state, kubeadm configs,
 * step markers), unless another node now owns the host (a rename or a move onto it). Safe to run again after a kill
 * at any point: the kept CAs are restored first, the cleanup is unconditional, the claim goes last.
 */
export function renderReset(cluster: ResolvedKubeadmCluster, node: ResolvedNode): string {
    return [
        scriptPreamble(`reset ${node.name} of cluster ${cluster.name}: kubeadm reset, CNI leftovers and kubeadm configs removed`),
        leaveUnlessOwner("member", ownerIdentity(cluster, node), "its cluster membership is"),
        "if ! command -v kubeadm >/dev/null 2>&1; then",
        `  echo ${sh(`kubeadm is not installed on ${node.name}: nothing to reset`)}`,
        "  exit 0",
        "fi",
        resetNodeFunction(node),
        ...[etcdMemberRemovalCheck(cluster, node)].filter(Boolean),
        `if [[ -d ${PKI_KEEP_DIR} || -f /etc/kubernetes/kubelet.conf || -f /etc/kubernetes/admin.conf || -f /var/lib/kubelet/config.yaml ]] ||`,
        "  compgen -G '/etc/kubernetes/manifests/*.yaml' >/dev/null; then",
        "  reset_node",
        `  echo ${sh(`${node.name} reset`)}`,
        "else",
        `  echo ${sh(`${node.name} is not part of a cluster: nothing to reset`)}`,
        "fi",
        cleanupCniLeftovers(),
        `rm -f ${[...CONFIG_FILES, startedMarker("init"), startedMarker("join")].join(" ")}`,
        releaseClaim("member"),
        "",
    ].join("\n");
}

/** Create path of node-cleanup (on the first control plane): waits, bounded, until the node registered. */
export function renderNodeRegistered(cluster: ResolvedKubeadmCluster, node: ResolvedNode): string {
    return [
        scriptPreamble(`wait until ${node.name} is registered in cluster ${cluster.name} (it is drained and deleted when removed)`, {
            waits: true,
        }),
        KUBECTL_ADMIN,
        waitFor(`"\${kubectl[@]}" get node ${sh(node.name)} >/dev/null 2>&1`, {
            what: `node ${node.name} to register`,
            timeoutSeconds: 180,
            state: sh(`not registered in cluster ${cluster.name} yet`),
        }),
        `echo ${sh(`node ${node.name} is registered`)}`,
        "",
    ].join("\n");
}

/** Delete path of node-cleanup: drains the node before its reset (see {@link renderNodeDrain}; the Node goes after the reset). */
export const renderNodeRemoval: (cluster: ResolvedKubeadmCluster, node: ResolvedNode) => string = renderNodeDrain;

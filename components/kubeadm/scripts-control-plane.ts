// Scripts that run on the first control plane: place the PKI, kubeadm init, wait until ready, ensure the join token.
import { scriptPreamble, sh, waitFor } from "../shared/shell";
import { ResolvedKubeadmCluster, ResolvedNode } from "./types";
import { claimHost, leaveUnlessOwner, ownerIdentity, readOwner, refuseOtherClusterClaims, releaseClaim } from "./ownership";
import { PKI_FILES } from "./pki";
import { INSTALL_FILE_FUNCTION, KUBECTL_ADMIN, stdinToFile } from "./script-kit";
import { PKI_KEEP_DIR, recoverInterrupted, resetNodeFunction, startedMarker } from "./scripts-recovery";

/** Indents every line of a snippet (for blocks inside `if`). */
export function indent(text: string, spaces = 2): string {
    return text
        .split("\n")
        .map((line) => (line ? " ".repeat(spaces) + line : line))
        .join("\n");
}

/** Fails unless every pre-placed PKI file exists (init and control-plane joins need them). */
export function requirePki(): string {
    return [
        `for file in ${PKI_FILES.join(" ")}; do`,
        "  if [[ ! -f /etc/kubernetes/pki/$file ]]; then",
        '    echo "/etc/kubernetes/pki/$file is missing: the place-pki step must run first" >&2',
        "    exit 1",
        "  fi",
        "done",
    ].join("\n");
}

/** Root-only staging directory of place-pki: fixed, so a run killed mid-way leaves no key material behind the next run. */
const PKI_STAGING = "/etc/kubernetes/pki-staging.pulumi";

/**
 * Writes the CAs and the service-account key read from stdin (one base64 line per file) on control plane `node`;
 * never replaces them on a running node. It claims the host's CAs for the node, so a renamed node's old delete keeps them.
 */
export function renderPlacePki(cluster: ResolvedKubeadmCluster, node: ResolvedNode): string {
    return [
        scriptPreamble(
            `place the CAs and service-account key of cluster ${cluster.name} on ${node.name} in /etc/kubernetes/pki, where kubeadm reuses them`,
        ),
        // It runs beside prepare, so it checks every claim itself before it claims the host (never another cluster's).
        refuseOtherClusterClaims(cluster),
        claimHost("pki", ownerIdentity(cluster, node)),
        "umask 077",
        "install -d -m 0755 /etc/kubernetes",
        "pki=/etc/kubernetes/pki",
        `staging=${PKI_STAGING}`,
        `files=(${PKI_FILES.join(" ")})`,
        'rm -rf "$staging"',
        'install -d -m 0700 "$staging"',
        "trap 'rm -rf \"$staging\"' EXIT",
        'for file in "${files[@]}"; do',
        "  if ! IFS= read -r line; then",
        '    echo "stdin ended before $file: expected ${#files[@]} base64 lines" >&2',
        "    exit 1",
        "  fi",
        `  printf '%s' "$line" | base64 -d >"$staging/\${file////_}"`,
        "done",
        "placed=()",
        'for file in "${files[@]}"; do',
        '  staged="$staging/${file////_}"',
        '  target="$pki/$file"',
        '  if [[ -f $target ]] && cmp -s "$staged" "$target"; then continue; fi',
        "  if [[ -f /etc/kubernetes/kubelet.conf ]]; then",
        '    echo "refusing to replace $target on a node that already runs in the cluster: its CAs must not change (restore the previous keys, or rebuild the cluster)" >&2',
        "    exit 1",
        "  fi",
        "  mode=0600",
        "  if [[ $file == *.crt || $file == *.pub ]]; then mode=0644; fi",
        '  install -D -m "$mode" "$staged" "$target.pulumi-new"',
        '  mv -f "$target.pulumi-new" "$target"',
        '  placed+=("$file")',
        "done",
        'rm -rf "$staging"',
        'if ((${#placed[@]})); then echo "placed in $pki: ${placed[*]}"; else echo "PKI already in place"; fi',
        "",
    ].join("\n");
}

/** Delete path of place-pki: removes the files it placed (after the node was reset), unless another node now owns them. */
export function renderRemovePki(cluster: ResolvedKubeadmCluster, node: ResolvedNode): string {
    return [
        scriptPreamble(`remove the CAs and service-account key of cluster ${cluster.name} from ${node.name}`),
        leaveUnlessOwner("pki", ownerIdentity(cluster, node), "its cluster CAs are"),
        `for file in ${PKI_FILES.join(" ")}; do`,
        '  rm -f "/etc/kubernetes/pki/$file"',
        "done",
        `rm -rf ${PKI_STAGING} ${PKI_KEEP_DIR}`,
        "rmdir /etc/kubernetes/pki/etcd /etc/kubernetes/pki 2>/dev/null || true",
        releaseClaim("pki"),
        'echo "cluster CAs removed from /etc/kubernetes/pki"',
        "",
    ].join("\n");
}

/**
 * `kubeadm init` with the config read from stdin; an initialised node is left alone (its API must answer). The step
 * marks the node right before `kubeadm init` and clears the mark once it succeeded: a run killed in between finds
 * the mark and resets the node (keeping the CAs) before it initialises again, so interrupted runs converge.
 */
export function renderInit(cluster: ResolvedKubeadmCluster): string {
    const first = cluster.controlPlanes[0];
    const identity = ownerIdentity(cluster, first);
    const initialised = waitFor('"${kubectl[@]}" get --raw=/readyz >/dev/null 2>&1', {
        what: "the API server of this already initialised control plane (if it never answers, run kubeadm reset -f here and pulumi up again)",
        timeoutSeconds: 120,
        state: sh(`/readyz of cluster ${cluster.name} does not answer yet`),
    });
    return [
        scriptPreamble(`initialise cluster ${cluster.name} on its first control plane (kubeadm init; skipped once initialised)`, {
            waits: true,
        }),
        INSTALL_FILE_FUNCTION,
        KUBECTL_ADMIN,
        resetNodeFunction(first),
        recoverInterrupted("init", first),
        readOwner("member"),
        `if [[ -n $owner && $owner != ${sh(identity)} ]]; then`,
        `  echo "this host is $owner, so it cannot initialise cluster ${cluster.name} as ${first.name}: remove it from there (or run kubeadm reset -f on it), then pulumi up again" >&2`,
        "  exit 1",
        "fi",
        "if [[ -f /etc/kubernetes/admin.conf ]]; then",
        indent(initialised),
        indent(claimHost("member", identity)),
        `  echo ${sh(`cluster ${cluster.name} is already initialised: kubeadm init skipped`)}`,
        "  exit 0",
        "fi",
        "if [[ -f /var/lib/kubelet/config.yaml ]] || compgen -G '/etc/kubernetes/manifests/*.yaml' >/dev/null; then",
        `  echo ${sh(`this node holds the state of a kubeadm init this project did not start: run kubeadm reset -f on it, then pulumi up again`)} >&2`,
        "  exit 1",
        "fi",
        requirePki(),
        "config=/etc/kubernetes/kubeadm-init.yaml",
        stdinToFile("/etc/kubernetes/kubeadm-init.yaml", "the kubeadm init configuration"),
        'kubeadm config validate --config "$config"',
        claimHost("member", identity),
        `: >${startedMarker("init")}`,
        'timeout --kill-after=30s 900 kubeadm init --config "$config" --skip-token-print',
        `rm -f ${startedMarker("init")}`,
        `echo ${sh(`cluster ${cluster.name} initialised`)}`,
        "",
    ].join("\n");
}

/** Waits (bounded) until the API answers /readyz and the admin group binding exists, so Pulumi's kubeconfig works. */
export function renderWaitReady(cluster: ResolvedKubeadmCluster): string {
    return [
        scriptPreamble(`wait until the API server of cluster ${cluster.name} is ready`, { waits: true }),
        KUBECTL_ADMIN,
        waitFor('"${kubectl[@]}" get --raw=/readyz >/dev/null 2>&1', {
            what: `the API server of cluster ${cluster.name} to answer /readyz`,
            timeoutSeconds: 300,
            state: "'not ready yet'",
        }),
        waitFor('"${kubectl[@]}" get clusterrolebinding kubeadm:cluster-admins >/dev/null 2>&1', {
            what: "the kubeadm:cluster-admins ClusterRoleBinding",
            timeoutSeconds: 120,
            state: sh(`not created in cluster ${cluster.name} yet`),
        }),
        `echo ${sh(`API server of cluster ${cluster.name} is ready`)}`,
        "",
    ].join("\n");
}

/** Seconds a kept join token must still be valid: a join that starts later than this after the step would fail. */
export const TOKEN_MIN_REMAINING_SECONDS = 3600;

/**
 * Ensures the bootstrap token joins use exists with at least an hour left. `kubeadm init` creates it (its
 * InitConfiguration carries it), and `kubeadm token create` refuses an ID that exists (cmd/kubeadm/app/phases/
 * bootstraptoken/node/token.go@v1.36.1 CreateNewTokens), so the step creates it only when the Secret
 * `kube-system/bootstrap-token-<id>` is gone (the tokencleaner deletes expired tokens), and deletes then creates it
 * when it expires within the hour (kubeadm cannot extend a token). Joins wait for this step, so none races the
 * swap. The joining nodes are listed in the script: adding, renaming or moving one re-runs it however old the cluster is.
 */
export function renderEnsureToken(cluster: ResolvedKubeadmCluster, joining: readonly ResolvedNode[]): string {
    const found = "${found#* }";
    return [
        scriptPreamble(`make sure the bootstrap token of cluster ${cluster.name} is valid for the nodes that join it`),
        INSTALL_FILE_FUNCTION,
        KUBECTL_ADMIN,
        `joining=(${joining.map((node) => sh(`${node.name}@${node.host}/${node.address}`)).join(" ")})`,
        "config=/etc/kubernetes/kubeadm-token.yaml",
        stdinToFile("/etc/kubernetes/kubeadm-token.yaml", "the bootstrap token configuration"),
        "# The token ID is public (the Secret's name); the secret half never leaves the config file.",
        `id=$(sed -n -E 's/^[[:space:]-]*token:[[:space:]]*"?([a-z0-9]{6})\\.[a-z0-9]{16}"?[[:space:]]*$/\\1/p' "$config")`,
        'if [[ -z $id ]]; then echo "the bootstrap token configuration holds no token of the form [a-z0-9]{6}.[a-z0-9]{16}" >&2; exit 1; fi',
        `if ! found=$("\${kubectl[@]}" -n kube-system get secret "bootstrap-token-$id" --ignore-not-found -o 'jsonpath={.metadata.name} {.data.expiration}'); then`,
        `  echo ${sh(`cannot read the bootstrap tokens of cluster ${cluster.name} from its API server`)} >&2`,
        "  exit 1",
        "fi",
        "action=create",
        "if [[ -n $found ]]; then",
        `  expires=$(base64 -d <<<"${found}")`,
        `  if [[ -z $expires ]] || (( $(date -u -d "$expires" +%s) - $(date -u +%s) > ${TOKEN_MIN_REMAINING_SECONDS} )); then action=keep; else action=renew; fi`,
        "fi",
        'if [[ $action == renew ]]; then kubeadm token delete "$id" >/dev/null; fi',
        "# kubeadm prints the token it created, hence /dev/null.",
        'if [[ $action != keep ]]; then kubeadm token create --config "$config" >/dev/null; fi',
        "case $action in",
        '  keep) echo "bootstrap token $id still valid for over an hour: kept for ${#joining[@]} node(s): ${joining[*]}" ;;',
        '  *) echo "bootstrap token $id valid for 24h (${action}d) for ${#joining[@]} node(s): ${joining[*]}" ;;',
        "esac",
        "",
    ].join("\n");
}

// Local scripts around the kind binary: idempotent create, clean delete, kubeconfig with the in-network address checked.
import { requireTool, scriptPreamble, sh } from "../shared/shell";
import { ResolvedKindCluster, kindInternalApiServer, renderKindConfig } from "./config";
import { kindNetworkCheckLines } from "./network";

/** Heredoc delimiter of the embedded kind config. */
const CONFIG_DELIMITER = "KIND_CONFIG";

/**
 * The first lines of a local kind script. Unlike the remote preamble it keeps the caller's PATH, because kind
 * and docker live wherever the developer installed them, and it fails clearly when kind is missing.
 */
export function kindPreamble(purpose: string): string {
    const hint = "kind is not on PATH: install kind v0.32 or later (https://kind.sigs.k8s.io/docs/user/quick-start/)";
    return `${scriptPreamble(purpose, { inheritPath: true })}${requireTool("kind", hint)}\n`;
}

/** Where the scripts keep per-cluster work files and the "create in progress" mark, outside any temporary directory. */
const STATE_DIR = '"${XDG_STATE_HOME:-$HOME/.local/state}/multicluster/kind"';

/** Lines that set `$name`, `$state` (the state directory), `$work` and `$creating` for cluster `name`. */
function stateLines(name: string): string[] {
    return [`name=${sh(name)}`, `state=${STATE_DIR}`, 'work="$state/$name.work"', 'creating="$state/$name.creating"'];
}

/** `kind get clusters | grep -Fqx` without the pipe: under pipefail, grep -q exiting early can kill kind with SIGPIPE. */
const LISTED = 'clusters=$(kind get clusters 2>/dev/null || true)\nlisted() { grep -Fqx -- "$name" <<<"$clusters"; }';

/**
 * Creates the cluster unless kind already lists it; the config is embedded, so a change is visible in the plan. The
 * script marks the cluster as being created until `kind create` returned, so a run killed mid-create deletes the
 * half-made cluster and creates it again instead of taking it for a finished one. Its work files (the config and a
 * throwaway kubeconfig with admin credentials) live in a fixed directory that every run clears, never in /tmp.
 */
export function renderKindCreate(cluster: ResolvedKindCluster): string {
    const config = renderKindConfig(cluster);
    if (config.split("\n").includes(CONFIG_DELIMITER)) {
        throw new Error(`the kind config contains the line ${CONFIG_DELIMITER}`);
    }
    return [
        kindPreamble(`create kind cluster ${cluster.name} (kept when it exists)`),
        ...stateLines(cluster.name),
        LISTED,
        "if listed && [[ ! -e $creating ]]; then",
        '  rm -rf "$work"',
        '  echo "kind cluster $name already exists"',
        "  exit 0",
        "fi",
        "if listed; then",
        '  echo "kind cluster $name was left half-created by an interrupted run: deleting it to create it again"',
        '  kind delete cluster --name "$name"',
        "fi",
        'mkdir -p "$state"',
        'rm -rf "$work"',
        '(umask 077 && mkdir "$work")',
        `cat >"$work/kind.yaml" <<'${CONFIG_DELIMITER}'`,
        config.replace(/\n$/, ""),
        CONFIG_DELIMITER,
        ': >"$creating"',
        "# A throwaway kubeconfig: ~/.kube/config is left alone; Pulumi reads the kubeconfig in its own step.",
        "# --wait 0s: without a CNI the nodes stay NotReady, while the API server is up when create returns.",
        'kind create cluster --name "$name" --config "$work/kind.yaml" --kubeconfig "$work/kubeconfig" --wait 0s',
        'rm -f "$creating"',
        'rm -rf "$work"',
        'echo "kind cluster $name created"',
        "",
    ].join("\n");
}

/** Deletes the cluster (kind succeeds when it does not exist) and the script's state, so this is idempotent. */
export function renderKindDelete(cluster: ResolvedKindCluster): string {
    return [
        kindPreamble(`delete kind cluster ${cluster.name}`),
        ...stateLines(cluster.name),
        'kind delete cluster --name "$name"',
        'rm -rf "$work" "$creating"',
        "",
    ].join("\n");
}

/**
 * Prints the kubeconfig (secret) after checking the in-network API address matches the one the contract promises and
 * that the LoadBalancer addresses pinned for the cluster lie in the Docker `kind` network (before any pool exists).
 */
export function renderKindKubeconfig(cluster: ResolvedKindCluster): string {
    const internal = kindInternalApiServer(cluster.name);
    return [
        kindPreamble(`print the kubeconfig of kind cluster ${cluster.name}`),
        `name=${sh(cluster.name)}`,
        `internal=${sh(internal)}`,
        "# Read whole, then matched: grep -q on a pipe could end kind early with SIGPIPE under pipefail.",
        'internal_config=$(kind get kubeconfig --name "$name" --internal)',
        'if ! grep -Eq "^[[:space:]]*server: $internal\\$" <<<"$internal_config"; then',
        '  echo "kind cluster $name does not serve its API at $internal inside the Docker network" >&2',
        "  exit 1",
        "fi",
        ...kindNetworkCheckLines({ cluster: cluster.name, addresses: cluster.networkAddresses, key: cluster.networkAddressesKey }),
        'kind get kubeconfig --name "$name"',
        "",
    ].join("\n");
}

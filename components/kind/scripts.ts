// Local scripts around the kind binary: idempotent create, clean delete, kubeconfig with the in-network address checked.
import { requireTool, scriptPreamble, sh } from "../shared/shell";
import { ResolvedKindCluster, kindInternalApiServer, renderKindConfig } from "./config";

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

/** Creates the cluster unless kind already lists it; the config is embedded, so a change is visible in the plan. */
export function renderKindCreate(cluster: ResolvedKindCluster): string {
    const config = renderKindConfig(cluster);
    if (config.split("\n").includes(CONFIG_DELIMITER)) {
        throw new Error(`the kind config contains the line ${CONFIG_DELIMITER}`);
    }
    return [
        kindPreamble(`create kind cluster ${cluster.name} (kept when it exists)`),
        `name=${sh(cluster.name)}`,
        'if kind get clusters 2>/dev/null | grep -Fqx "$name"; then',
        '  echo "kind cluster $name already exists"',
        "  exit 0",
        "fi",
        "workdir=$(mktemp -d)",
        "trap 'rm -rf \"$workdir\"' EXIT",
        `cat >"$workdir/kind.yaml" <<'${CONFIG_DELIMITER}'`,
        config.replace(/\n$/, ""),
        CONFIG_DELIMITER,
        "# A throwaway kubeconfig: ~/.kube/config is left alone; Pulumi reads the kubeconfig in its own step.",
        "# --wait 0s: without a CNI the nodes stay NotReady, while the API server is up when create returns.",
        'kind create cluster --name "$name" --config "$workdir/kind.yaml" --kubeconfig "$workdir/kubeconfig" --wait 0s',
        'echo "kind cluster $name created"',
        "",
    ].join("\n");
}

/** Deletes the cluster; kind succeeds when it does not exist, so this is idempotent. */
export function renderKindDelete(cluster: ResolvedKindCluster): string {
    return [
        kindPreamble(`delete kind cluster ${cluster.name}`),
        `kind delete cluster --name ${sh(cluster.name)}`,
        "",
    ].join("\n");
}

/** Prints the kubeconfig (secret) after checking the in-network API address matches the one the contract promises. */
export function renderKindKubeconfig(cluster: ResolvedKindCluster): string {
    const internal = kindInternalApiServer(cluster.name);
    return [
        kindPreamble(`print the kubeconfig of kind cluster ${cluster.name}`),
        `name=${sh(cluster.name)}`,
        `internal=${sh(internal)}`,
        'if ! kind get kubeconfig --name "$name" --internal | grep -Eq "^[[:space:]]*server: $internal\\$"; then',
        '  echo "kind cluster $name does not serve its API at $internal inside the Docker network" >&2',
        "  exit 1",
        "fi",
        'kind get kubeconfig --name "$name"',
        "",
    ].join("\n");
}

// Local bash scripts that wait on a cluster: Cilium up (before LB-IPAM objects) and the mesh healthy (the gate).
import { kubectlScriptPreamble, waitForCrdLines } from "../shared/kubectl-wait";
import { sh } from "../shared/shell";
import { CILIUM_NAMESPACE } from "./certs";

/** CRDs the Cilium operator registers at start-up that this project creates objects of. */
export const LB_POOL_CRD = "ciliumloadbalancerippools.cilium.io";
/** CRD of CiliumL2AnnouncementPolicy. */
export const L2_POLICY_CRD = "ciliuml2announcementpolicies.cilium.io";

/** The shared opening plus `k`, kubectl in Cilium's namespace. */
function preamble(purpose: string, tools: readonly string[]): string[] {
    return [...kubectlScriptPreamble(purpose, tools).slice(0, -1), `k() { kubectl -n ${CILIUM_NAMESPACE} "$@"; }`, ""];
}

/** Options of {@link ciliumReadyScript}. */
export interface ReadyScriptOptions {
    /** Cluster name, for messages. */
    readonly cluster: string;
    /** Bound of each wait. */
    readonly timeoutSeconds: number;
}

/** Waits until the agents and the operator are rolled out. */
export function ciliumReadyScript(options: ReadyScriptOptions): string {
    const t = options.timeoutSeconds;
    const lines = [
        ...preamble(`Waits until Cilium runs in cluster ${options.cluster}.`, ["kubectl"]),
        `k rollout status ds/cilium --timeout=${t}s`,
        // Available, not fully rolled out: the operator's 2 replicas need 2 nodes (required anti-affinity).
        `k wait --for=condition=Available --timeout=${t}s deploy/cilium-operator`,
    ];
    lines.push(`echo ${sh(`Cilium is running in cluster ${options.cluster}`)}`);
    return `${lines.join("\n")}\n`;
}

/** Options of {@link meshHealthScript}. */
export interface HealthScriptOptions {
    /** The cluster checked. */
    readonly cluster: string;
    /** Every peer it must see as ready. */
    readonly peers: readonly string[];
    /** Overall bound. */
    readonly timeoutSeconds: number;
    /** Seconds between checks (default 5). */
    readonly intervalSeconds?: number;
}

/** Reads `cilium-dbg status -o json` on stdin; prints the peers (argv) not ready and exits 1 if any. */
const PEER_CHECK_JS = [
    'const s = JSON.parse(require("fs").readFileSync(0, "utf8"));',
    'const seen = new Map((((s["cluster-mesh"] || {}).clusters) || []).map((c) => [c.name, c]));',
    "const bad = process.argv.slice(1).filter((p) => !(seen.get(p) || {}).ready);",
    'const why = (p) => seen.has(p) ? "is not ready (" + (seen.get(p).status || "no status") + ")" : "is not configured";',
    'if (bad.length > 0) { console.log(bad.map((p) => "peer " + p + " " + why(p)).join("; ")); process.exit(1); }',
].join(" ");

/** Waits until the CRDs the operator registers at start-up exist (before objects of them are created). */
export function ciliumCrdsScript(cluster: string, crds: readonly string[], timeoutSeconds: number): string {
    const lines = [
        ...kubectlScriptPreamble(`Waits until cilium-operator registered ${crds.join(", ")} in cluster ${cluster}.`),
        ...waitForCrdLines(crds, cluster, timeoutSeconds),
        `echo ${sh(`Cilium CRDs are established in cluster ${cluster}`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

/**
 * The health gate: bounded, it waits for the clustermesh-apiserver, then until every Cilium agent reports
 * every peer `ready` (what `cilium clustermesh status` reads, cilium.md §9); on timeout it names the cluster,
 * the agent and the peer, and prints `cilium-dbg troubleshoot clustermesh` for that peer.
 */
export function meshHealthScript(options: HealthScriptOptions): string {
    const t = options.timeoutSeconds;
    const lines = [
        ...preamble(`Cluster Mesh health gate of cluster ${options.cluster}: every agent sees every peer as ready.`, ["kubectl", "node"]),
        `cluster=${sh(options.cluster)}`,
        `peers=(${options.peers.map(sh).join(" ")})`,
        `check=${sh(PEER_CHECK_JS)}`,
        `k wait --for=condition=Available --timeout=${t}s deploy/clustermesh-apiserver`,
        `deadline=$((SECONDS + ${t}))`,
        'pending="" failed_peer=""',
        "mesh_ready() {",
        '  local pods pod status missing',
        "  pods=\"$(k get pods -l k8s-app=cilium -o jsonpath='{.items[*].metadata.name}')\" || { pending=\"cannot list the Cilium agents\"; return 1; }",
        '  [[ -n "$pods" ]] || { pending="no Cilium agent pod exists"; return 1; }',
        "  for pod in $pods; do",
        '    status="$(k exec "$pod" -c cilium-agent -- cilium-dbg status -o json 2>/dev/null)" || { pending="agent $pod does not answer cilium-dbg status"; return 1; }',
        '    if ! missing="$(printf \'%s\' "$status" | node -e "$check" ${peers[@]+"${peers[@]}"})"; then',
        '      pending="agent $pod: $missing"; failed_peer="$(printf \'%s\' "$missing" | sed -n \'s/^peer \\([^ ]*\\) .*/\\1/p\')"; return 1',
        "    fi",
        "  done",
        "}",
        "until mesh_ready; do",
        "  if (( SECONDS >= deadline )); then",
        `    echo "cluster $cluster: Cluster Mesh not healthy after ${t}s: $pending" >&2`,
        '    k exec ds/cilium -c cilium-agent -- cilium-dbg troubleshoot clustermesh ${failed_peer:+"$failed_peer"} >&2 || true',
        "    exit 1",
        "  fi",
        `  sleep ${options.intervalSeconds ?? 5}`,
        "done",
        'echo "cluster $cluster: every Cilium agent sees every peer as ready: ${peers[*]:-none}"',
    ];
    return `${lines.join("\n")}\n`;
}

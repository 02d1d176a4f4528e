// Local bash scripts that wait on a cluster: Cilium up (before LB-IPAM objects) and the mesh healthy (the gate).
import {
    BOUNDED_OUTPUT_LINES,
    BOUNDED_TIMED_OUT_STATUS,
    EXEC_SLACK_SECONDS,
    boundLine,
    boundedKubectlFunction,
} from "../shared/bounded-kubectl";
import { GateOptions, kubectlScriptPreamble } from "../shared/kubectl-wait";
import { inSlices, progressLine, sh } from "../shared/shell";
import { CILIUM_NAMESPACE } from "./certs";

/** CRDs the Cilium operator registers at start-up that this project creates objects of. */
export const LB_POOL_CRD = "ciliumloadbalancerippools.cilium.io";
/** CRD of CiliumL2AnnouncementPolicy. */
export const L2_POLICY_CRD = "ciliuml2announcementpolicies.cilium.io";

/** The shared opening plus `k` (kubectl in `namespace`, default Cilium's), the one overall deadline, `left` and `fail`. */
export function gatePreamble(purpose: string, tools: readonly string[], timeoutSeconds: number, namespace = CILIUM_NAMESPACE): string[] {
    return [
        ...kubectlScriptPreamble(purpose, tools).slice(0, -1),
        `k() { kubectl -n ${sh(namespace)} "$@"; }`,
        `deadline=$((SECONDS + ${timeoutSeconds}))`,
        "# Seconds left before the deadline (at least 1), for the bounded kubectl waits.",
        'left() { local s=$((deadline - SECONDS)); (( s > 0 )) || s=1; echo "$s"; }',
        'fail() { echo "$1" >&2; exit 1; }',
        "",
    ];
}

/** Options of {@link ciliumReadyScript}. */
export type ReadyScriptOptions = GateOptions;

/**
 * Waits until the agents (DaemonSet `cilium`), the standalone Envoy (DaemonSet `cilium-envoy`, on by default since
 * 1.16: `envoyDaemonSetEnabled` in 1.20.0 `_helpers.tpl`) and the operator (Deployment `cilium-operator`) run; names
 * from the 1.20.0 templates (`cilium-agent/daemonset.yaml`, `cilium-envoy/daemonset.yaml`, `cilium-operator/deployment.yaml`).
 */
export function ciliumReadyScript(options: ReadyScriptOptions): string {
    const t = options.timeoutSeconds;
    const within = (what: string) => sh(`cluster ${options.cluster}: ${what} within ${t}s`);
    const lines = [
        ...gatePreamble(`Waits until Cilium runs in cluster ${options.cluster}.`, ["kubectl"], t),
        `${inSlices(`Cilium agents (DaemonSet kube-system/cilium) in cluster ${options.cluster}`, '"$(left)"', "k rollout status ds/cilium")} >/dev/null || fail ${within("the Cilium agents (DaemonSet kube-system/cilium) did not roll out on every node")}`,
        // Absent (`envoy.enabled: false`, or no L7 proxy) is not the same as unreadable: only NotFound skips the proxies.
        `envoy="$(k get ds cilium-envoy --ignore-not-found -o name 2>/dev/null)" ||`,
        `  fail ${sh(`cluster ${options.cluster}: cannot tell whether the Cilium Envoy DaemonSet kube-system/cilium-envoy exists (kubectl get failed)`)}`,
        'if [[ -n "$envoy" ]]; then',
        `  ${inSlices(`Cilium Envoy proxies (DaemonSet kube-system/cilium-envoy) in cluster ${options.cluster}`, '"$(left)"', "k rollout status ds/cilium-envoy")} >/dev/null || fail ${within("the Cilium Envoy proxies (DaemonSet kube-system/cilium-envoy) did not roll out on every node")}`,
        "fi",
        // Available, not fully rolled out: the operator's 2 replicas need 2 nodes (required anti-affinity).
        `${inSlices(`cilium-operator Available in cluster ${options.cluster}`, '"$(left)"', "k wait --for=condition=Available deploy/cilium-operator")} >/dev/null || fail ${within("cilium-operator did not become Available")}`,
        `echo ${sh(`Cilium is running in cluster ${options.cluster}`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

/** Options of {@link meshHealthScript}. */
export interface HealthScriptOptions extends GateOptions {
    /** Every peer it must see as ready. */
    readonly peers: readonly string[];
    /** Seconds between checks (default 5). */
    readonly intervalSeconds?: number;
}

/**
 * Reads `cilium-dbg status -o json` on stdin; prints the peers (argv) not ready and exits 1 if any. Field names of
 * `models.StatusResponse` / `RemoteCluster` (`cluster-mesh.clusters[].{name,ready,connected,status,config,synced}`,
 * all `omitempty`: a false flag is absent); the reasons follow `remoteClusterStatusToError` of cilium-cli v0.19.7
 * (`cilium-cli/clustermesh/clustermesh.go`, vendored cilium 1.20.0-pre.4).
 */
export const PEER_CHECK_JS = [
    'const s = JSON.parse(require("fs").readFileSync(0, "utf8"));',
    'const seen = new Map((((s["cluster-mesh"] || {}).clusters) || []).map((c) => [c.name, c]));',
    "const bad = process.argv.slice(1).filter((p) => (seen.get(p) || {}).ready !== true);",
    'const unsynced = (y) => [...["endpoints", "identities", "nodes", "services"].filter((k) => y[k] !== true), ...["service-exports", "endpoint-slices"].filter((k) => y[k] === false)];',
    'const why = (c) => !c ? "is not configured" : !c.connected ? "is not connected (" + (c.status || "no status") + ")"',
    '  : !c.config ? "has not sent its configuration" : c.config.required && !c.config.retrieved ? "has not sent its required configuration"',
    '  : !c.synced ? "has no synchronization status" : unsynced(c.synced).length > 0 ? "is still synchronizing " + unsynced(c.synced).join(", ")',
    '  : "is not ready (" + (c.status || "no status") + ")";',
    'if (bad.length > 0) { console.log(bad.map((p) => "peer " + p + " " + why(seen.get(p))).join("; ")); process.exit(1); }',
]
    .map((line) => line.trim())
    .join(" ");

/** Waits until the CRDs the operator registers at start-up exist and are established (one overall deadline). */
export function ciliumCrdsScript(cluster: string, crds: readonly string[], timeoutSeconds: number): string {
    const lines = [
        ...gatePreamble(`Waits until cilium-operator registered ${crds.join(", ")} in cluster ${cluster}.`, ["kubectl"], timeoutSeconds),
        `crds=(${crds.map(sh).join(" ")})`,
        'for crd in "${crds[@]}"; do',
        '  until kubectl get crd "$crd" >/dev/null 2>&1; do',
        `    (( SECONDS < deadline )) || fail "cluster ${cluster}: cilium-operator did not register CRD $crd within ${timeoutSeconds}s"`,
        `    ${progressLine(`Cilium CRDs in cluster ${cluster}`, '"CRD $crd not registered yet"')}`,
        "    sleep 5",
        "  done",
        `  ${inSlices(`Cilium CRDs in cluster ${cluster}`, '"$(left)"', 'kubectl wait --for condition=established "crd/$crd"')} >/dev/null || fail "cluster ${cluster}: CRD $crd is not established within ${timeoutSeconds}s"`,
        "done",
        `echo ${sh(`Cilium CRDs are established in cluster ${cluster}`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

/** Seconds `cilium-dbg status` may take in one agent, on top of the exec's slack. */
const STATUS_SECONDS = 5;
/** Seconds of the overall bound kept for `cilium-dbg troubleshoot clustermesh` after a failed gate (at most a quarter of it). */
const TROUBLESHOOT_SECONDS = 15;

/**
 * `mesh_ready`: every agent's `cilium-dbg status` (an exec ended after its own bound, or at `$ready_by`) reports
 * every peer ready; otherwise `pending` says which agent and why, and `failed_peer` names the first peer not ready.
 */
function meshReadyFunction(): string[] {
    return [
        "mesh_ready() {",
        "  local pods pod code missing limit",
        '  pods="$(k get pods -l k8s-app=cilium -o jsonpath=\'{.items[*].metadata.name}\')" || { pending="cannot list the Cilium agents"; return 1; }',
        '  [[ -n "$pods" ]] || { pending="no Cilium agent pod exists"; return 1; }',
        "  for pod in $pods; do",
        `    ${boundLine(STATUS_SECONDS + EXEC_SLACK_SECONDS, "limit", "ready_by")}`,
        `    code=0; bounded "$limit" "$bounded_out" -n ${CILIUM_NAMESPACE} exec "$pod" -c cilium-agent -- cilium-dbg status -o json || code=$?`,
        `    (( code != ${BOUNDED_TIMED_OUT_STATUS} )) || { pending="agent $pod did not answer cilium-dbg status within \${limit}s (its kubectl exec hangs)"; return 1; }`,
        '    (( code == 0 )) || { pending="agent $pod does not answer cilium-dbg status"; return 1; }',
        '    if ! missing="$(node -e "$check" ${peers[@]+"${peers[@]}"} <"$bounded_out")"; then',
        '      pending="agent $pod: $missing"; failed_peer="$(printf \'%s\' "$missing" | sed -n \'s/^peer \\([^ ]*\\) .*/\\1/p\')"; return 1',
        "    fi",
        "  done",
        "}",
    ];
}

/**
 * The health gate: bounded by one deadline, it waits for the clustermesh-apiserver, then until every Cilium agent
 * reports every peer `ready` (what `cilium clustermesh status` reads, cilium.md §9); on timeout it names the cluster,
 * the agent and the peer, and prints `cilium-dbg troubleshoot clustermesh` for that peer in the time kept for it.
 */
export function meshHealthScript(options: HealthScriptOptions): string {
    const t = options.timeoutSeconds;
    const kept = Math.min(TROUBLESHOOT_SECONDS, Math.floor(t / 4));
    const lines = [
        ...gatePreamble(
            `Cluster Mesh health gate of cluster ${options.cluster}: every agent sees every peer as ready.`,
            ["kubectl", "node"],
            t,
        ),
        `cluster=${sh(options.cluster)}`,
        `peers=(${options.peers.map(sh).join(" ")})`,
        `check=${sh(PEER_CHECK_JS)}`,
        ...BOUNDED_OUTPUT_LINES,
        ...boundedKubectlFunction(),
        `${inSlices(`clustermesh-apiserver Available in cluster ${options.cluster}`, '"$(left)"', "k wait --for=condition=Available deploy/clustermesh-apiserver")} >/dev/null ||`,
        `  fail "cluster $cluster: the clustermesh-apiserver (Deployment kube-system/clustermesh-apiserver) did not become Available within ${t}s"`,
        `# The checks end ${kept}s before the deadline, kept for cilium-dbg troubleshoot.`,
        `ready_by=$((deadline - ${kept}))`,
        'pending="" failed_peer=""',
        ...meshReadyFunction(),
        "until mesh_ready; do",
        "  if (( SECONDS >= ready_by )); then",
        `    echo "cluster $cluster: Cluster Mesh not healthy after ${t - kept}s: $pending" >&2`,
        `    ${boundLine(kept)}`,
        `    bounded "$limit" "$bounded_out" -n ${CILIUM_NAMESPACE} exec ds/cilium -c cilium-agent -- cilium-dbg troubleshoot clustermesh \${failed_peer:+"$failed_peer"} || true`,
        '    cat "$bounded_out" >&2',
        "    exit 1",
        "  fi",
        `  ${progressLine(`Cluster Mesh health in cluster ${options.cluster}`, '"$pending"')}`,
        `  sleep ${options.intervalSeconds ?? 5}`,
        "done",
        'echo "cluster $cluster: every Cilium agent sees every peer as ready: ${peers[*]:-none}"',
    ];
    return `${lines.join("\n")}\n`;
}

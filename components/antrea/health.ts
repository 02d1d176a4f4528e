// Local bash scripts that wait on Antrea: the CNI running, a Multi-cluster controller serving, ClusterSet health gates.
import { DEFAULT_WAIT_SECONDS, kubectlScriptPreamble, rolloutLine, rolloutWaitScript, waitForCrdLines } from "../shared/kubectl-wait";
import { sh, waitFor } from "../shared/shell";
import { MC_CONTROLLER, MEMBER_NAMESPACE } from "./release";

/** Waits until the Antrea agents and controller are rolled out. */
export function antreaReadyScript(cluster: string, timeoutSeconds = DEFAULT_WAIT_SECONDS): string {
    return rolloutWaitScript({
        cluster, what: "Antrea", timeoutSeconds,
        workloads: [
            { kind: "daemonset", name: "antrea-agent", namespace: "kube-system" },
            { kind: "deployment", name: "antrea-controller", namespace: "kube-system" },
        ],
    });
}

/**
 * Waits until a Node is registered (the Cluster contract's `ready` is the API server, not every join), so the
 * gateway annotation has a Node to land on.
 */
export function nodeRegisteredScript(cluster: string, node: string, timeoutSeconds = DEFAULT_WAIT_SECONDS): string {
    const lines = [
        ...kubectlScriptPreamble(`Waits until Node ${node} is registered in cluster ${cluster}.`),
        waitFor(`kubectl get node ${sh(node)} >/dev/null 2>&1`, { what: `Node ${node} to register in cluster ${cluster} (is it the gateway Node meant?)`, timeoutSeconds, intervalSeconds: 5 }),
        `echo ${sh(`Node ${node} is registered in cluster ${cluster}`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

/** A webhook configuration whose CA bundle the controller injects at start. */
export interface ServedWebhook {
    /** `validatingwebhookconfiguration` or `mutatingwebhookconfiguration`. */
    readonly kind: "validatingwebhookconfiguration" | "mutatingwebhookconfiguration";
    /** Object name. */
    readonly name: string;
}

/** Options of {@link controllerReadyScript}. */
export interface ControllerReadyOptions {
    /** Cluster name, for messages. */
    readonly cluster: string;
    /** `leader` or `member`. */
    readonly role: "leader" | "member";
    /** Namespace of the controller. */
    readonly namespace: string;
    /** CRDs that must be established. */
    readonly crds: readonly string[];
    /** Webhook configurations that must carry the controller's CA. */
    readonly webhooks: readonly ServedWebhook[];
    /** Bound of each wait. */
    readonly timeoutSeconds: number;
}

/**
 * Waits until a Multi-cluster controller serves: its CRDs established, its Deployment rolled out, and its CA in
 * every webhook configuration (the controller injects it once, at start; ClusterSet writes fail until then).
 */
export function controllerReadyScript(options: ControllerReadyOptions): string {
    const t = options.timeoutSeconds;
    const where = `cluster ${options.cluster}`;
    const lines = [
        ...kubectlScriptPreamble(`Waits until the ${options.role} antrea-mc-controller serves in ${where}.`),
        ...waitForCrdLines(options.crds, options.cluster, t),
        rolloutLine({ kind: "deployment", name: MC_CONTROLLER, namespace: options.namespace }, t),
        ...options.webhooks.flatMap((webhook) => caBundleWait(webhook, where, t)),
        `echo ${sh(`the ${options.role} antrea-mc-controller serves in ${where}`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

function caBundleWait(webhook: ServedWebhook, where: string, t: number): string[] {
    const read = `kubectl get ${webhook.kind} ${sh(webhook.name)} -o jsonpath='{.webhooks[0].clientConfig.caBundle}'`;
    return [
        `deadline=$((SECONDS + ${t}))`,
        `until [[ -n "$(${read} 2>/dev/null)" ]]; do`,
        "  if (( SECONDS >= deadline )); then",
        `    echo ${sh(`${where}: ${webhook.kind} ${webhook.name} has no CA after ${t}s; antrea-mc-controller injects it only at start, so delete its pod once the configuration exists`)} >&2`,
        "    exit 1",
        "  fi",
        "  sleep 2",
        "done",
    ];
}

/** Lines of a bounded poll: `check` sets `$pending` and fails until done; `failure` is echoed with it on timeout. */
function poll(check: string[], failure: string, t: number): string[] {
    return [
        'pending=""',
        "check() {",
        ...check.map((line) => `  ${line}`),
        "}",
        `deadline=$((SECONDS + ${t}))`,
        "until check; do",
        "  if (( SECONDS >= deadline )); then",
        `    echo ${sh(`${failure}:`)}" $pending" >&2`,
        "    exit 1",
        "  fi",
        "  sleep 5",
        "done",
    ];
}

/** Options of the ClusterSet gates. */
export interface ClusterSetGateOptions {
    /** Cluster the script runs against. */
    readonly cluster: string;
    /** ClusterSet ID. */
    readonly clusterSetId: string;
    /** Bound of the wait. */
    readonly timeoutSeconds: number;
}

/** Member gate: its ClusterSet reports Ready (connected to the leader) and a Gateway was elected. */
export function memberReadyScript(options: ClusterSetGateOptions): string {
    const t = options.timeoutSeconds;
    const cs = `clustersets.multicluster.crd.antrea.io/${options.clusterSetId}`;
    const lines = [
        ...kubectlScriptPreamble(`ClusterSet gate of member ${options.cluster}: its ClusterSet is Ready and a Multi-cluster Gateway exists.`),
        `k() { kubectl -n ${MEMBER_NAMESPACE} "$@"; }`,
        ...poll([
            'local ready message',
            `ready="$(k get ${sh(cs)} -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" || { pending="the ClusterSet cannot be read"; return 1; }`,
            `message="$(k get ${sh(cs)} -o jsonpath='{.status.conditions[?(@.type=="Ready")].message}' 2>/dev/null || true)"`,
            '[[ "$ready" == "True" ]] || { pending="Ready is ${ready:-not reported}${message:+ ($message)}"; return 1; }',
            '[[ -n "$(k get gateways.multicluster.crd.antrea.io -o name 2>/dev/null)" ]] || { pending="no Gateway: is the gateway Node annotated and Ready?"; return 1; }',
        ], `cluster ${options.cluster}: ClusterSet ${options.clusterSetId} is not ready after ${t}s`, t),
        `echo ${sh(`cluster ${options.cluster}: ClusterSet ${options.clusterSetId} is Ready and has a Gateway`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

/** Options of {@link leaderCountsMemberScript}. */
export interface LeaderCountOptions extends ClusterSetGateOptions {
    /** Leader namespace. */
    readonly namespace: string;
    /** The member's cluster ID. */
    readonly memberId: string;
}

/** Leader gate for one member: the leader's ClusterSet lists the member as Ready (Connected). */
export function leaderCountsMemberScript(options: LeaderCountOptions): string {
    const t = options.timeoutSeconds;
    const cs = `clustersets.multicluster.crd.antrea.io/${options.clusterSetId}`;
    const statuses = `{range .status.clusterStatuses[*]}{.clusterID}{"="}{range .conditions[?(@.type=="Ready")]}{.status}{end}{"\\n"}{end}`;
    const lines = [
        ...kubectlScriptPreamble(`Leader gate: the ClusterSet on leader ${options.cluster} counts member ${options.memberId} as Ready.`),
        `member=${sh(options.memberId)}`,
        ...poll([
            "local statuses",
            `statuses="$(kubectl -n ${sh(options.namespace)} get ${sh(cs)} -o jsonpath=${sh(statuses)} 2>/dev/null)" || { pending="the leader ClusterSet cannot be read"; return 1; }`,
            'grep -qx "${member}=True" <<<"$statuses" || { pending="member ${member} is not Ready among: ${statuses//$\'\\n\'/ }"; return 1; }',
        ], `leader ${options.cluster}: ClusterSet ${options.clusterSetId} does not count member ${options.memberId} as Ready after ${t}s`, t),
        `echo ${sh(`leader ${options.cluster} counts member ${options.memberId} as Ready`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

/** Options of {@link memberLeaveScript}. */
export interface LeaveOptions {
    /** The leader cluster (the script runs against it). */
    readonly cluster: string;
    /** Leader namespace. */
    readonly namespace: string;
    /** The leaving member's cluster ID. */
    readonly memberId: string;
    /** Bound of each wait. */
    readonly timeoutSeconds: number;
}

/**
 * Runs when a member leaves (its ClusterSet was just deleted), before the leader's access objects, ClusterSet and
 * CRDs go: waits for the member's MemberClusterAnnounce to disappear (its controller removes it), removes what is
 * left, then deletes the member's ResourceExports while the leader controller still runs to clear their finalizers
 * (the CRD-cleanup trap of the upstream install guide). A leader that no longer answers has nothing to drain.
 */
export function memberLeaveScript(options: LeaveOptions): string {
    const t = options.timeoutSeconds;
    const exports = `{range .items[?(@.spec.clusterID=="${options.memberId}")]}{.metadata.name}{"\\n"}{end}`;
    const lines = [
        ...kubectlScriptPreamble(`Drains member ${options.memberId} from the ClusterSet on leader ${options.cluster}.`),
        `k() { kubectl -n ${sh(options.namespace)} "$@"; }`,
        `mca=${sh(`member-announce-from-${options.memberId}`)}`,
        'kubectl version --request-timeout=15s >/dev/null 2>&1 || { echo "leader unreachable: nothing to drain"; exit 0; }',
        'kubectl get crd memberclusterannounces.multicluster.crd.antrea.io >/dev/null 2>&1 || { echo "no leader CRDs: nothing to drain"; exit 0; }',
        `deadline=$((SECONDS + ${t}))`,
        'while k get memberclusterannounces.multicluster.crd.antrea.io "$mca" >/dev/null 2>&1 && (( SECONDS < deadline )); do sleep 5; done',
        `k delete memberclusterannounces.multicluster.crd.antrea.io "$mca" --ignore-not-found --wait=true --timeout=${t}s`,
        `mapfile -t stale < <(k get resourceexports.multicluster.crd.antrea.io -o jsonpath=${sh(exports)})`,
        'for name in "${stale[@]}"; do',
        '  [[ -n "$name" ]] || continue',
        `  k delete resourceexports.multicluster.crd.antrea.io "$name" --ignore-not-found --wait=true --timeout=${t}s || {`,
        `    echo ${sh(`leader ${options.cluster}: ResourceExport`)}" $name "${sh(`of member ${options.memberId} was not removed within ${t}s (is the leader antrea-mc-controller running?)`)} >&2`,
        "    exit 1",
        "  }",
        "done",
        `echo ${sh(`member ${options.memberId} left the ClusterSet on leader ${options.cluster}`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

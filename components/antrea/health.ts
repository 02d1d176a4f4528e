// Local bash scripts that wait on Antrea: the CNI running, a gateway Node registered, a Multi-cluster controller serving.
import { GateOptions, DEFAULT_WAIT_SECONDS, kubectlScriptPreamble, rolloutWaitScript } from "../shared/kubectl-wait";
import { inSlices, progressLine, sh } from "../shared/shell";
import { MC_CONTROLLER } from "./release";

/** Waits until the Antrea agents and controller are rolled out. */
export function antreaReadyScript(cluster: string, timeoutSeconds = DEFAULT_WAIT_SECONDS): string {
    return rolloutWaitScript({
        cluster,
        what: "Antrea",
        timeoutSeconds,
        workloads: [
            { kind: "daemonset", name: "antrea-agent", namespace: "kube-system" },
            { kind: "deployment", name: "antrea-controller", namespace: "kube-system" },
        ],
    });
}

/**
 * Waits until the gateway candidate Nodes are registered (the Cluster contract's `ready` is the API server, not
 * every join), so the gateway annotations have Nodes to land on; one deadline for all of them.
 */
export function nodeRegisteredScript(cluster: string, nodes: readonly string[], timeoutSeconds = DEFAULT_WAIT_SECONDS): string {
    const lines = [
        ...kubectlScriptPreamble(
            `Waits until ${nodes.length > 1 ? "Nodes" : "Node"} ${nodes.join(", ")} ${nodes.length > 1 ? "register" : "registers"} in cluster ${cluster}.`,
        ),
        ...deadlineLines(timeoutSeconds),
        ...nodes.map(
            (node) =>
                `until kubectl get node ${sh(node)} >/dev/null 2>&1; do late && fail ${sh(`cluster ${cluster}: Node ${node} did not register within ${timeoutSeconds}s (is it the gateway Node meant?)`)}; ${progressLine(`Node ${node} in cluster ${cluster}`, "'not registered yet'")}; sleep 5; done`,
        ),
        `echo ${sh(`cluster ${cluster}: Node${nodes.length > 1 ? "s" : ""} ${nodes.join(", ")} registered`)}`,
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
export interface ControllerReadyOptions extends GateOptions {
    /** `leader` or `member`. */
    readonly role: "leader" | "member";
    /** Namespace of the controller. */
    readonly namespace: string;
    /** CRDs that must be established. */
    readonly crds: readonly string[];
    /** Webhook configurations that must carry the controller's CA. */
    readonly webhooks: readonly ServedWebhook[];
}

/** Lines that define `fail` (one sentence, exit 1), `late` (past the deadline) and `left` (time left, for kubectl). */
export function deadlineLines(t: number): string[] {
    return [
        `deadline=$((SECONDS + ${t}))`,
        'fail() { echo "$1" >&2; exit 1; }',
        "late() { (( SECONDS >= deadline )); }",
        'left() { local n=$((deadline - SECONDS)); (( n > 0 )) || n=1; echo "${n}s"; }',
    ];
}

function crdLines(crd: string, where: string, t: number): string[] {
    return [
        `until kubectl get crd ${sh(crd)} >/dev/null 2>&1; do late && fail ${sh(`${where}: CRD ${crd} does not exist after ${t}s`)}; ${progressLine(`CRD ${crd} in ${where}`, "'not registered yet'")}; sleep 5; done`,
        `${inSlices(`CRD ${crd} in ${where}`, '"$(left)"', `kubectl wait --for condition=established crd/${sh(crd)}`)} >/dev/null || fail ${sh(`${where}: CRD ${crd} is not established after ${t}s`)}`,
    ];
}

function caBundleLines(webhook: ServedWebhook, where: string, t: number): string[] {
    const read = `kubectl get ${webhook.kind} ${sh(webhook.name)} -o jsonpath='{.webhooks[0].clientConfig.caBundle}'`;
    const message = `${where}: ${webhook.kind} ${webhook.name} has no CA after ${t}s; antrea-mc-controller injects it only at start, so delete its Pod once the configuration exists`;
    const progress = progressLine(`the CA of ${webhook.kind} ${webhook.name} in ${where}`, "'not injected yet'");
    return [`until [[ -n "$(${read} 2>/dev/null)" ]]; do late && fail ${sh(message)}; ${progress}; sleep 2; done`];
}

/**
 * Waits until a Multi-cluster controller serves: its CRDs established, its Deployment rolled out, and its CA in
 * every webhook configuration (the controller injects it once, at start; ClusterSet writes fail until then). All
 * steps share one deadline.
 */
export function controllerReadyScript(options: ControllerReadyOptions): string {
    const t = options.timeoutSeconds;
    const where = `cluster ${options.cluster}`;
    const rollout = inSlices(
        `the ${options.role} ${MC_CONTROLLER} in ${where}`,
        '"$(left)"',
        `kubectl -n ${sh(options.namespace)} rollout status deployment/${MC_CONTROLLER}`,
    );
    const lines = [
        ...kubectlScriptPreamble(`Waits until the ${options.role} antrea-mc-controller serves in ${where}.`),
        ...deadlineLines(t),
        ...options.crds.flatMap((crd) => crdLines(crd, where, t)),
        `${rollout} || fail ${sh(`${where}: the ${options.role} antrea-mc-controller in ${options.namespace} is not rolled out after ${t}s`)}`,
        ...options.webhooks.flatMap((webhook) => caBundleLines(webhook, where, t)),
        `echo ${sh(`the ${options.role} antrea-mc-controller serves in ${where}`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

/** Options of {@link leaderFirstScript}. */
export interface LeaderFirstOptions extends GateOptions {
    /** Leader namespace. */
    readonly namespace: string;
    /** The member this wait is for (messages). */
    readonly member: string;
    /** The release tag the member controller is about to run (`v2.7.0`). */
    readonly tag: string;
}

/**
 * Leader first (antrea@v2.7.0 docs/multicluster/upgrade.md: the leader controller "must be upgraded first", members
 * must run its version): before a member controller is applied at `tag`, the leader's controller, if it exists, must
 * run `tag` and be rolled out. No leader controller yet means a first install, which needs no order.
 */
export function leaderFirstScript(options: LeaderFirstOptions): string {
    const t = options.timeoutSeconds;
    const image = `{.spec.template.spec.containers[?(@.name=="${MC_CONTROLLER}")].image}{"\\n"}`;
    const where = `leader ${options.cluster}`;
    const lines = [
        ...kubectlScriptPreamble(
            `Before member ${options.member} runs antrea-mc-controller ${options.tag}: the controller of ${where} runs it first.`,
        ),
        ...deadlineLines(t),
        `want=${sh(options.tag)}`,
        "while :; do",
        `  image="$(kubectl -n ${sh(options.namespace)} get deployment ${MC_CONTROLLER} --ignore-not-found -o jsonpath=${sh(image)} 2>/dev/null)" || image="?"`,
        `  if [[ -z "$image" ]]; then echo ${sh(`${where} has no antrea-mc-controller yet (first install): nothing to wait for`)}; exit 0; fi`,
        '  if [[ "$image" == *":$want" ]]; then break; fi',
        `  late && fail ${sh(`${where}: its antrea-mc-controller still runs`)}" \${image} "${sh(`after ${t}s, and members must not run a newer controller than the leader (upgrade the leader first)`)}`,
        `  ${progressLine(`${MC_CONTROLLER} ${options.tag} on ${where}`, '"runs ${image}"')}`,
        "  sleep 5",
        "done",
        `${inSlices(`${MC_CONTROLLER} ${options.tag} on ${where}`, '"$(left)"', `kubectl -n ${sh(options.namespace)} rollout status deployment/${MC_CONTROLLER}`)} >/dev/null || fail ${sh(`${where}: its antrea-mc-controller ${options.tag} is not rolled out after ${t}s`)}`,
        `echo ${sh(`${where} runs antrea-mc-controller ${options.tag}`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

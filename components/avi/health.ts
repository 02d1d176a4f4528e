// Local gates of AKO and AMKO: restart so the operator runs what was just applied, then bounded checks of what it reports.
import { GateOptions, kubectlScriptPreamble } from "../shared/kubectl-wait";
import { inSlices, progressCall, sh } from "../shared/shell";

/** The objects the AMKO chart creates (`helm/amko/templates/{statefulset,amkocluster,gslbconfig}.yaml@release-2.1.1`). */
export const AMKO_OBJECTS = { statefulSet: "amko", amkoCluster: "amkocluster-federation", gslbConfig: "gc-1" } as const;

/**
 * The leader's AMKOCluster conditions once it federated to every member (`federator/controllers/status.go` and
 * `docs/federation.md@release-2.1.1`): written by the federator from Kubernetes API calls alone, no AVI needed.
 */
export const FEDERATED: Readonly<Record<string, string>> = {
    "current AMKOCluster Validation": "valid AMKOCluster object",
    "member cluster initialisation": "all cluster clients fetched",
    "member cluster validation": "validated all member clusters",
    "GSLBConfig Federation": "federated to all valid clusters successfully",
    "GDP Federation": "federated to all valid clusters successfully",
};

/** GSLBConfig `status.state` once AMKO logged in to the GSLB leader controller and synced (`gslb/ingestion/gslb.go` `AcceptedMsg`). */
export const GSLB_ACCEPTED = "success: gslb config accepted";

/** Options of {@link restartGateScript}. */
export interface RestartGateOptions extends GateOptions {
    /** What runs ("AKO", "AMKO"). */
    readonly what: string;
    /** Its StatefulSet and namespace. */
    readonly statefulSet: { readonly name: string; readonly namespace: string };
    /** Lines run before the restart (clearing status an earlier run wrote). */
    readonly beforeRestart?: readonly string[];
    /** Checks after the rollout (sharing the deadline; `remaining`, `fail` and `k` are defined). */
    readonly checks?: readonly string[];
}

/**
 * A gate that restarts an operator's StatefulSet and waits for the rollout, under one deadline. AKO and AMKO read
 * their Secrets and ConfigMap (credentials, `GSLB_CONFIG`, the GSLBConfig) only when they start (AKO
 * `docs/faq.md`, AMKO `gslb/ingestion/gslb.go` `GenerateKubeConfig`, `EditRestartMsg`), so the gate, which runs
 * whenever any of it changed, restarts them; the restart is idempotent and a no-op for what they serve meanwhile.
 */
export function restartGateScript(options: RestartGateOptions): string {
    const { name, namespace } = options.statefulSet;
    const t = options.timeoutSeconds;
    const lines = [
        ...kubectlScriptPreamble(`Restarts ${options.what} in cluster ${options.cluster} so it runs the applied config, then checks it.`),
        `cluster=${sh(options.cluster)}`,
        `gate_deadline=$((SECONDS + ${t}))`,
        "remaining() { local left=$((gate_deadline - SECONDS)); echo $((left > 1 ? left : 1)); }",
        'fail() { echo "cluster $cluster: $1" >&2; exit 1; }',
        `k() { kubectl -n ${sh(namespace)} "$@"; }`,
        ...(options.beforeRestart ?? []),
        `k rollout restart statefulset/${sh(name)} >/dev/null || fail ${sh(`StatefulSet ${namespace}/${name} could not be restarted (is the chart installed?)`)}`,
        `${inSlices(`StatefulSet ${namespace}/${name} in cluster ${options.cluster}`, '"$(remaining)"', `k rollout status statefulset/${sh(name)}`)} >/dev/null || fail ${sh(`${options.what} did not roll out within ${t}s`)}`,
        ...(options.checks ?? []),
        `echo ${sh(`${options.what} runs in cluster ${options.cluster}`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

/**
 * A poll every 5 s until `condition` holds, failing with `message` (a quoted shell word) once the deadline passes;
 * progress lines name `what` (a shell word) and `state` (one too).
 */
function pollLines(condition: string, message: string, what: string, state: string): string[] {
    return [
        `until ${condition}; do`,
        `  ((SECONDS < gate_deadline)) || fail ${message}`,
        `  ${progressCall(what, state)}`,
        "  sleep 5",
        "done",
    ];
}

/**
 * Lines for the AMKO leader: before the restart, the status its last run wrote is cleared (so nothing stale
 * passes); after it, the federator's conditions must all read success (no AVI needed), then the GSLBConfig must
 * be accepted (needs the GSLB leader controller reachable, logged in to and a GSLB leader site).
 */
export function amkoLeaderLines(timeoutSeconds: number): { beforeRestart: string[]; checks: string[] } {
    const { amkoCluster, gslbConfig } = AMKO_OBJECTS;
    const expected = Object.entries(FEDERATED)
        .map(([type, status]) => `${type}=${status}`)
        .join("\n");
    return {
        beforeRestart: [
            `k patch amkoclusters.amko.vmware.com ${amkoCluster} --subresource=status --type=merge -p '{"status":{"conditions":[]}}' >/dev/null \\
    || fail ${sh(`AMKOCluster ${amkoCluster} is missing (the AMKO chart creates it)`)}`,
            `k patch gslbconfigs.amko.vmware.com ${gslbConfig} --type=merge -p '{"status":{"state":""}}' >/dev/null \\
    || fail ${sh(`GSLBConfig ${gslbConfig} is missing (the AMKO chart creates it)`)}`,
        ],
        checks: [
            `expected=${sh(expected)}`,
            `conditions() { k get amkoclusters.amko.vmware.com ${amkoCluster} -o jsonpath='{range .status.conditions[*]}{.type}={.status}{"\\n"}{end}'; }`,
            'federated() { local seen; seen="$(conditions)"; while IFS= read -r line; do grep -qxF -- "$line" <<<"$seen" || return 1; done <<<"$expected"; }',
            ...pollLines(
                "federated",
                `"AMKO did not federate to every member within ${timeoutSeconds}s; AMKOCluster ${amkoCluster} says: $(k get amkoclusters.amko.vmware.com ${amkoCluster} -o jsonpath='{range .status.conditions[*]}{.type}: {.status} {.reason}; {end}')"`,
                '"AMKO federation in cluster $cluster"',
                `"$(conditions | tr '\\n' ' ')"`,
            ),
            `state() { k get gslbconfigs.amko.vmware.com ${gslbConfig} -o jsonpath='{.status.state}'; }`,
            ...pollLines(
                `[ "$(state)" = ${sh(GSLB_ACCEPTED)} ]`,
                `"AMKO did not get its GSLBConfig accepted by the GSLB leader controller within ${timeoutSeconds}s; GSLBConfig ${gslbConfig} says: $(state)"`,
                '"GSLBConfig acceptance in cluster $cluster"',
                '"state: $(state)"',
            ),
        ],
    };
}

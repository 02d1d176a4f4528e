// After a trust-anchor phase: restart the Linkerd control plane, then every meshed workload, so each proxy carries the new bundle.
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { DEFAULT_WAIT_SECONDS, clusterScript, kubectlScriptPreamble } from "../shared/kubectl-wait";
import { inSlicesCall, sh } from "../shared/shell";
import { LINKERD_NAMESPACE } from "./constants";
import { REQUEST_TIMEOUT_SECONDS } from "./gate-shell";
import { CONTROL_PLANE_DEPLOYMENTS } from "./health";
import { clusterAccess } from "../shared/cluster-access";
import { optionDependencies } from "../shared/schema-types";

/** Options of {@link proxyRestartScript}. */
export interface ProxyRestartOptions {
    /** The cluster (messages). */
    readonly cluster: string;
    /** What the restart follows, e.g. `trust anchor generation 1, phase bundle` (messages). */
    readonly reason: string;
    /** Bound of the whole restart in seconds. */
    readonly timeoutSeconds: number;
}

/** Lines that list every meshed workload outside the control plane as `<namespace> <kind>/<name>`, once each, in `$workloads`. */
function meshedWorkloadLines(): string[] {
    const labels = ["deployment", "daemonset", "statefulset"].map((kind) => `{"|"}{.metadata.labels.linkerd\\.io/proxy-${kind}}`);
    return [
        `listing="$(kc get pods -A -l linkerd.io/control-plane-ns -o jsonpath='{range .items[*]}{.metadata.namespace}${labels.join("")}{"\\n"}{end}')" ||`,
        '  fail "cluster $cluster: the meshed pods could not be listed"',
        "workloads=\"$(while IFS='|' read -r ns deployment daemonset statefulset; do",
        `  [[ -n "$ns" && "$ns" != ${LINKERD_NAMESPACE} ]] || continue`,
        '  [[ -z "$deployment" ]] || echo "$ns deployment/$deployment"',
        '  [[ -z "$daemonset" ]] || echo "$ns daemonset/$daemonset"',
        '  [[ -z "$statefulset" ]] || echo "$ns statefulset/$statefulset"',
        'done <<<"$listing" | sort -u)"',
    ];
}

/**
 * Restarts the control plane (identity, destination, the proxy injector: the injector hands new pods the bundle it
 * was started with) and waits for it, then restarts every Deployment, DaemonSet and StatefulSet whose pods carry a
 * Linkerd proxy (the injector's `linkerd.io/control-plane-ns` and `linkerd.io/proxy-<kind>` labels) and waits for each,
 * all within one bound. Injected proxies get the trust anchors as a literal env value at injection
 * (charts/partials/templates/_proxy.tpl), so only a new pod carries a new bundle. Bare pods and Jobs are not restarted.
 */
export function proxyRestartScript(options: ProxyRestartOptions): string {
    const t = options.timeoutSeconds;
    const wait = (what: string, ns: string, workload: string) =>
        `${inSlicesCall(what, '"$(left)"', `kubectl -n ${ns} rollout status ${workload}`)} >/dev/null || fail "cluster $cluster: the restarted ${what.replace(/"/g, "")} is not rolled out after ${t}s"`;
    const lines = [
        ...kubectlScriptPreamble(
            `Restarts the Linkerd control plane and every meshed workload in cluster ${options.cluster} after ${options.reason}.`,
        ),
        `kc() { kubectl --request-timeout=${REQUEST_TIMEOUT_SECONDS}s "$@"; }`,
        `cluster=${sh(options.cluster)}`,
        `deadline=$((SECONDS + ${t}))`,
        'fail() { echo "$1" >&2; exit 1; }',
        'left() { local n=$((deadline - SECONDS)); (( n > 0 )) || n=1; echo "${n}s"; }',
        // One line per control-plane Deployment, so the offline diff's restart list names them (tools/bench/rollouts.ts).
        ...CONTROL_PLANE_DEPLOYMENTS.map(
            (name) =>
                `kc -n ${LINKERD_NAMESPACE} rollout restart deployment/${name} >/dev/null || fail "cluster $cluster: deployment/${name} in ${LINKERD_NAMESPACE} could not be restarted"`,
        ),
        `for name in ${CONTROL_PLANE_DEPLOYMENTS.join(" ")}; do`,
        `  ${wait(`"${LINKERD_NAMESPACE}/deployment/$name"`, LINKERD_NAMESPACE, '"deployment/$name"')}`,
        "done",
        ...meshedWorkloadLines(),
        'while read -r ns workload; do [[ -n "$ns" ]] || continue',
        '  kc -n "$ns" rollout restart "$workload" >/dev/null || fail "cluster $cluster: $ns/$workload could not be restarted"',
        'done <<<"$workloads"',
        'while read -r ns workload; do [[ -n "$ns" ]] || continue',
        `  ${wait('"$ns/$workload"', '"$ns"', '"$workload"')}`,
        'done <<<"$workloads"',
        `echo "cluster $cluster: the control plane and $(grep -c . <<<"$workloads") meshed workloads restarted after ${options.reason}"`,
    ];
    return `${lines.join("\n")}\n`;
}

/** Inputs of {@link LinkerdProxyRestart}. */
export interface LinkerdProxyRestartArgs {
    /** The cluster. */
    readonly cluster: Cluster;
    /** What the restart follows; a new text re-runs it (e.g. `trust anchor generation 1, phase bundle`). */
    readonly reason: string;
    /** Bound of the whole restart in seconds; @default 600. */
    readonly timeoutSeconds?: number;
}

/**
 * The restart of a cluster's meshed workloads after a trust-anchor phase (`<name>-rollout`), re-run when `reason`
 * changes; `opts.dependsOn` names what it waits for (the install's gates: the control plane carries the new values).
 */
export class LinkerdProxyRestart extends pulumi.ComponentResource {
    /** The restart script's command. */
    readonly rollout: command.local.Command;

    constructor(name: string, args: LinkerdProxyRestartArgs, opts?: pulumi.ComponentResourceOptions) {
        super("multicluster:linkerd:LinkerdProxyRestart", name, {}, opts);
        const script = proxyRestartScript({
            cluster: args.cluster.name,
            reason: args.reason,
            timeoutSeconds: args.timeoutSeconds ?? DEFAULT_WAIT_SECONDS,
        });
        const cluster = clusterAccess(args.cluster, this, name, { opts });
        this.rollout = clusterScript(
            `${name}-rollout`,
            { cluster, script, dependsOn: optionDependencies(opts), triggers: [args.reason] },
            this,
        );
        this.registerOutputs({});
    }
}

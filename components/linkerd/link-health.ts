// The link health gate: what `linkerd multicluster check` verifies for one Link, as a bounded local bash script.
import { kubectlScriptPreamble } from "../shared/kubectl-wait";
import { sh } from "../shared/shell";
import { CLUSTER_NAME_LABEL, MIRRORED_SERVICE_LABEL, MULTICLUSTER_NAMESPACE } from "./constants";

/** Admin port of the service-mirror controller (`ctrl-admin`), where its Prometheus metrics are. */
export const CONTROLLER_ADMIN_PORT = 9999;

/** Options of {@link linkHealthScript}. */
export interface LinkHealthOptions {
    /** The cluster that mirrors (the script runs against it). */
    readonly source: string;
    /** The cluster whose services are mirrored. */
    readonly target: string;
    /** The target's pinned gateway address. */
    readonly gatewayIp: string;
    /** The target's API server URL as the source's pods reach it (for messages). */
    readonly targetApi: string;
    /** Overall bound in seconds. */
    readonly timeoutSeconds: number;
    /** Seconds between checks; @default 5. */
    readonly intervalSeconds?: number;
}

/** Mirrors of plain exported services (not the probe service, not remote-discovery or federated mirrors). */
const mirrorSelector = (target: string) =>
    `${MIRRORED_SERVICE_LABEL},!mirror.linkerd.io/mirrored-gateway,!multicluster.linkerd.io/remote-discovery,${CLUSTER_NAME_LABEL}=${target}`;

/** Reads the lease holder's metrics through a port-forward (the admin port only admits viz's Prometheus over the mesh). */
function metricsFunction(): string[] {
    return [
        "read_metrics() {",
        "  local holder port=\"\" pf_pid",
        "  holder=\"$(k get lease \"service-mirror-write-$target\" -o jsonpath='{.spec.holderIdentity}' 2>/dev/null)\" || holder=\"\"",
        "  [[ -n \"$holder\" ]] || { pending=\"no service-mirror controller holds the lease service-mirror-write-$target yet\"; return 1; }",
        `  k port-forward "pod/$holder" :${CONTROLLER_ADMIN_PORT} >"$forward_log" 2>&1 &`,
        "  pf_pid=$!",
        "  for _ in 1 2 3 4 5 6 7 8 9 10; do",
        "    port=\"$(sed -n 's/^Forwarding from 127\\.0\\.0\\.1:\\([0-9]*\\) .*/\\1/p' \"$forward_log\" | head -n 1)\"",
        "    [[ -z \"$port\" ]] || break",
        "    sleep 1",
        "  done",
        "  metrics=\"\"",
        "  [[ -z \"$port\" ]] || metrics=\"$(curl -fsS --max-time 5 \"http://127.0.0.1:$port/metrics\" 2>/dev/null)\" || metrics=\"\"",
        "  kill \"$pf_pid\" 2>/dev/null || true",
        "  wait \"$pf_pid\" 2>/dev/null || true",
        "  [[ -n \"$metrics\" ]] || { pending=\"cannot read the metrics of controller pod $holder\"; return 1; }",
        "}",
    ];
}

/** Checks every mirror of this link has ready endpoints (what `all mirror services have endpoints` checks). */
function mirrorsFunction(target: string): string[] {
    return [
        "mirrors_ready() {",
        "  local services namespace name addresses",
        `  services="$(kubectl get services -A -l ${sh(mirrorSelector(target))} -o jsonpath='{range .items[*]}{.metadata.namespace}{" "}{.metadata.name}{"\\n"}{end}')" || { pending="cannot list the mirrored services"; return 1; }`,
        "  while read -r namespace name; do",
        "    [[ -n \"$name\" ]] || continue",
        "    addresses=\"$(kubectl -n \"$namespace\" get endpoints \"$name\" -o jsonpath='{.subsets[*].addresses[*].ip}' 2>/dev/null)\" || addresses=\"\"",
        "    [[ -n \"$addresses\" ]] || { pending=\"mirrored service $namespace/$name has no ready endpoints\"; return 1; }",
        "  done <<<\"$services\"",
        "}",
    ];
}

/** One round of checks; sets `pending` to the first thing not yet true. */
function healthyFunction(options: LinkHealthOptions): string[] {
    const alive = `^gateway_alive\\{[^}]*target_cluster_name="${options.target}"[^}]*\\} 1$`;
    const listed = `^service_cache_size\\{[^}]*cluster="${options.target}"[^}]*\\} [1-9]`;
    return [
        "link_healthy() {",
        "  local available endpoints",
        "  k get link.multicluster.linkerd.io \"$target\" >/dev/null 2>&1 || { pending=\"the Link $target does not exist\"; return 1; }",
        "  available=\"$(k get deployment \"controller-$target\" -o jsonpath='{.status.availableReplicas}' 2>/dev/null)\" || available=\"\"",
        "  [[ \"${available:-0}\" -ge 1 ]] || { pending=\"the service-mirror controller controller-$target is not available\"; return 1; }",
        "  endpoints=\"$(k get endpoints \"probe-$target\" -o jsonpath='{.subsets[*].addresses[*].ip}' 2>/dev/null)\" || endpoints=\"\"",
        "  [[ \" $endpoints \" == *\" $gateway_ip \"* ]] || { pending=\"the probe service probe-$target does not point at the gateway $gateway_ip yet\"; return 1; }",
        "  read_metrics || return 1",
        `  grep -Eq ${sh(listed)} <<<"$metrics" || { pending=${sh(`the controller cannot list services through the target API ${options.targetApi} with the link's credentials`)}; return 1; }`,
        `  grep -Eq ${sh(alive)} <<<"$metrics" || { pending="the gateway $gateway_ip does not answer the controller's probes over mTLS (gateway_alive is not 1)"; return 1; }`,
        "  mirrors_ready",
        "}",
    ];
}

/**
 * The gate of one link, run against the source: bounded, it waits until the Link exists, its service-mirror
 * controller is available, the probe service points at the pinned gateway, the controller lists the target's
 * services with the link's token (remote credentials valid), the gateway answers probes through the mesh
 * (`gateway_alive`: shared trust anchor and reachable gateway), and every mirrored service has ready endpoints.
 * On timeout it prints one sentence naming the link and what is missing.
 */
export function linkHealthScript(options: LinkHealthOptions): string {
    const t = options.timeoutSeconds;
    const lines = [
        ...kubectlScriptPreamble(`Link health gate: cluster ${options.source} mirrors cluster ${options.target}.`, ["kubectl", "curl"]).slice(0, -1),
        `k() { kubectl -n ${MULTICLUSTER_NAMESPACE} "$@"; }`,
        `target=${sh(options.target)}`,
        `gateway_ip=${sh(options.gatewayIp)}`,
        "forward_log=\"$(mktemp)\"",
        "trap 'rm -f \"$kubeconfig\" \"$forward_log\"' EXIT",
        "pending=\"\" metrics=\"\"",
        "",
        ...metricsFunction(),
        ...mirrorsFunction(options.target),
        ...healthyFunction(options),
        `deadline=$((SECONDS + ${t}))`,
        "until link_healthy; do",
        "  if (( SECONDS >= deadline )); then",
        `    echo "link ${options.source} -> ${options.target} (${options.source} mirrors ${options.target}) is not healthy after ${t}s: $pending" >&2`,
        "    exit 1",
        "  fi",
        `  sleep ${options.intervalSeconds ?? 5}`,
        "done",
        `echo ${sh(`link ${options.source} -> ${options.target} is healthy: gateway ${options.gatewayIp} alive, every mirrored service has endpoints`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

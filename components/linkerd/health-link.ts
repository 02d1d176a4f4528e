// The link health gate: what `linkerd multicluster check` verifies for one Link, as one bounded local bash gate, plus the
// restart of the link's service mirror when its credentials changed (the mirror never reloads them on its own).
import { sh } from "../shared/shell";
import { CLUSTER_NAME_LABEL, MIRRORED_SERVICE_LABEL, MULTICLUSTER_NAMESPACE } from "./constants";
import { MESHED_FUNCTION, REQUEST_TIMEOUT_SECONDS, ROLLED_OUT_FUNCTION, gateScript } from "./gate-shell";
import { credentialsSecretName } from "./link-manifests";

/** Admin port of the service-mirror controller (`ctrl-admin`), where its Prometheus metrics are. */
export const CONTROLLER_ADMIN_PORT = 9999;
/**
 * Pod-template annotation of `controller-<target>` holding the SHA-256 of the credentials it was started with. Setting
 * it to a new value rolls the controller: upstream loads credentials only when a Link event arrives
 * (multicluster/cmd/service-mirror/main.go) and ignores updates whose spec is equal (service-mirror/link_handlers.go).
 */
export const CREDENTIALS_HASH_ANNOTATION = "linkerd-link.multicluster/credentials-sha256";

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
    /** Bound of the whole gate in seconds. */
    readonly timeoutSeconds: number;
    /** Seconds between rounds; @default 5. */
    readonly intervalSeconds?: number;
}

/** Pods of the link's service-mirror controller (multicluster/charts/linkerd-multicluster/templates/controller/deployment.yaml). */
export const controllerSelector = (target: string): string => `component=controller,${CLUSTER_NAME_LABEL}=${target}`;

/** Mirrors of plain exported services (not the probe service, not remote-discovery or federated mirrors). */
const mirrorSelector = (target: string) =>
    `${MIRRORED_SERVICE_LABEL},!mirror.linkerd.io/mirrored-gateway,!multicluster.linkerd.io/remote-discovery,${CLUSTER_NAME_LABEL}=${target}`;

/**
 * `credentials_current`: hashes the link's credentials Secret as the cluster stores it (never printed) and, when the
 * controller's pod template carries another hash, sets it there, which rolls the controller onto the new credentials.
 */
function credentialsFunction(target: string): string[] {
    const key = CREDENTIALS_HASH_ANNOTATION.replace(/\./g, "\\.");
    const patch = JSON.stringify({ spec: { template: { metadata: { annotations: { [CREDENTIALS_HASH_ANNOTATION]: "HASH" } } } } })
        .replace(/"/g, '\\"')
        .replace("HASH", "$hash");
    return [
        "sha256_of() { if command -v sha256sum >/dev/null 2>&1; then sha256sum; else shasum -a 256; fi | cut -d' ' -f1; }",
        "credentials_current() {",
        "  local encoded hash applied",
        `  encoded="$(k get secret ${sh(credentialsSecretName(target))} -o jsonpath='{.data.kubeconfig}' 2>/dev/null)" || encoded=""`,
        '  [[ -n "$encoded" ]] || { pending="the credentials Secret of the link does not exist yet"; return 1; }',
        '  hash="$(printf \'%s\' "$encoded" | sha256_of)"',
        `  applied="$(k get deployment "controller-$target" -o jsonpath='{.spec.template.metadata.annotations.${key}}' 2>/dev/null)" || applied=""`,
        '  [[ "$applied" != "$hash" ]] || return 0',
        `  k patch deployment "controller-$target" --type merge -p "${patch}" >/dev/null ||`,
        '    { pending="the service-mirror controller controller-$target cannot be restarted onto the link\'s credentials yet"; return 1; }',
        '  echo "the service-mirror controller controller-$target restarts onto the link\'s current credentials"',
        "}",
    ];
}

/** Reads the lease holder's metrics through a port-forward (the admin port only admits viz's Prometheus over the mesh). */
function metricsFunction(): string[] {
    return [
        "read_metrics() {",
        '  local holder port="" pf_pid',
        '  holder="$(k get lease "service-mirror-write-$target" -o jsonpath=\'{.spec.holderIdentity}\' 2>/dev/null)" || holder=""',
        '  [[ -n "$holder" ]] || { pending="no service-mirror controller holds the lease service-mirror-write-$target yet"; return 1; }',
        // kubectl itself in the background (not a function: killing a subshell would leave kubectl running).
        `  kubectl --request-timeout=${REQUEST_TIMEOUT_SECONDS}s -n ${MULTICLUSTER_NAMESPACE} port-forward "pod/$holder" :${CONTROLLER_ADMIN_PORT} >"$forward_log" 2>&1 &`,
        "  pf_pid=$!",
        "  for _ in 1 2 3 4 5 6 7 8 9 10; do",
        '    port="$(sed -n \'s/^Forwarding from 127\\.0\\.0\\.1:\\([0-9]*\\) .*/\\1/p\' "$forward_log" | head -n 1)"',
        '    [[ -z "$port" ]] || break',
        "    sleep 1",
        "  done",
        '  metrics=""',
        '  [[ -z "$port" ]] || metrics="$(curl -fsS --max-time 5 "http://127.0.0.1:$port/metrics" 2>/dev/null)" || metrics=""',
        '  kill "$pf_pid" 2>/dev/null || true',
        '  wait "$pf_pid" 2>/dev/null || true',
        '  [[ -n "$metrics" ]] || { pending="cannot read the metrics of controller pod $holder"; return 1; }',
        "}",
    ];
}

/** Probe service, metrics, and every mirror with ready endpoints (what `all mirror services have endpoints` checks). */
function probeFunctions(options: LinkHealthOptions): string[] {
    const alive = `^gateway_alive\\{[^}]*target_cluster_name="${options.target}"[^}]*\\} 1$`;
    const listed = `^service_cache_size\\{[^}]*cluster="${options.target}"[^}]*\\} [1-9]`;
    return [
        "probe_points_at_gateway() {",
        '  [[ " $(k get endpoints "probe-$target" -o jsonpath=\'{.subsets[*].addresses[*].ip}\' 2>/dev/null) " == *" $gateway_ip "* ]] ||',
        '    { pending="the probe service probe-$target does not point at the gateway $gateway_ip yet"; return 1; }',
        "}",
        "controller_sees_target() {",
        `  grep -Eq ${sh(listed)} <<<"$metrics" || { pending=${sh(`the controller cannot list services through the target API ${options.targetApi} with the link's credentials`)}; return 1; }`,
        `  grep -Eq ${sh(alive)} <<<"$metrics" || { pending="the gateway $gateway_ip does not answer the controller's probes over mTLS (gateway_alive is not 1)"; return 1; }`,
        "}",
        "mirrors_ready() {",
        "  local services namespace name addresses",
        `  services="$(kc get services -A -l ${sh(mirrorSelector(options.target))} -o jsonpath='{range .items[*]}{.metadata.namespace}{" "}{.metadata.name}{"\\n"}{end}')" || { pending="cannot list the mirrored services"; return 1; }`,
        "  while read -r namespace name; do",
        '    [[ -n "$name" ]] || continue',
        '    addresses="$(kc -n "$namespace" get endpoints "$name" -o jsonpath=\'{.subsets[*].addresses[*].ip}\' 2>/dev/null)" || addresses=""',
        '    [[ -n "$addresses" ]] || { pending="mirrored service $namespace/$name has no ready endpoints"; return 1; }',
        '  done <<<"$services"',
        "}",
    ];
}

/**
 * The gate of one link, run against the source: bounded by one deadline, it waits until the Link exists; restarts
 * `controller-<target>` when the link's credentials changed since it started; waits until that controller is rolled
 * out and meshed (linkerd2#10751: without a proxy it crash-loops), the probe service points at the pinned gateway,
 * the controller lists the target's services with the link's token (remote credentials valid), the gateway answers
 * probes through the mesh (`gateway_alive`: shared trust anchor, reachable gateway), and every mirrored service has
 * ready endpoints. On timeout it prints one sentence naming the link and what is missing.
 */
export function linkHealthScript(options: LinkHealthOptions): string {
    return gateScript({
        cluster: options.source,
        timeoutSeconds: options.timeoutSeconds,
        intervalSeconds: options.intervalSeconds ?? 5,
        tools: ["kubectl", "curl"],
        purpose: `Link health gate: cluster ${options.source} mirrors cluster ${options.target}.`,
        failure: `link ${options.source} -> ${options.target} (${options.source} mirrors ${options.target}) is not healthy`,
        setup: [
            `k() { kc -n ${MULTICLUSTER_NAMESPACE} "$@"; }`,
            `target=${sh(options.target)}`,
            `gateway_ip=${sh(options.gatewayIp)}`,
            'forward_log="$(mktemp)"',
            'trap \'rm -f "$kubeconfig" "$forward_log"\' EXIT',
            'metrics=""',
            ...ROLLED_OUT_FUNCTION,
            ...MESHED_FUNCTION,
            ...credentialsFunction(options.target),
            ...metricsFunction(),
            ...probeFunctions(options),
            'link_exists() { k get link.multicluster.linkerd.io "$target" >/dev/null 2>&1 || { pending="the Link $target does not exist"; return 1; }; }',
        ],
        checks: [
            "link_exists",
            "credentials_current",
            `rolled_out ${MULTICLUSTER_NAMESPACE} "controller-$target"`,
            `meshed ${MULTICLUSTER_NAMESPACE} ${sh(controllerSelector(options.target))} "service-mirror controller"`,
            "probe_points_at_gateway",
            "read_metrics",
            "controller_sees_target",
            "mirrors_ready",
        ],
        after: [
            `echo ${sh(`link ${options.source} -> ${options.target} is healthy: gateway ${options.gatewayIp} alive, every mirrored service has endpoints`)}`,
        ],
    });
}

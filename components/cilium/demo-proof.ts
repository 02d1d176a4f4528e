// The Cluster Mesh demo's proof: from x-wing, `curl rebel-base` is answered by every cluster of the mesh (and, with the
// Cilium ingress, the Ingress rebel-base answers through cilium-ingress).
import { GateOptions } from "../shared/kubectl-wait";
import {
    BOUNDED_OUTPUT_LINES,
    BOUNDED_TIMED_OUT_STATUS,
    EXEC_SLACK_SECONDS,
    boundLine,
    boundedKubectlFunction,
} from "../shared/bounded-kubectl";
import { inSlices, progressLine, sh } from "../shared/shell";
import { DEMO_NAMESPACE } from "./demo";
import { gatePreamble } from "./health";
import { INGRESS_SERVICE } from "./ingress-check";

/** Options of {@link demoProofScript}. */
export interface DemoProofOptions extends GateOptions {
    /** Every cluster whose rebel-base must answer (this one included). */
    readonly expected: readonly string[];
    /** Also prove the demo's Ingress through `cilium-ingress`: at `ip`, or at the Service's address when no IP is pinned. */
    readonly ingress?: { readonly ip?: string };
    /** Requests per round; @default 20. */
    readonly requestsPerRound?: number;
    /** Seconds between rounds; @default 5. */
    readonly intervalSeconds?: number;
}

/** Seconds curl waits for one answer (`--max-time`). */
const CURL_SECONDS = 5;

/**
 * `from_xwing <cap> <command...>`: the command in x-wing through an exec ended after `cap` seconds or at the deadline;
 * `$reply` is its output, `$stuck` says (for the failure sentence) when the exec had to be ended. Returns its status.
 */
const FROM_XWING_FUNCTION = [
    "from_xwing() {",
    "  local limit cap=$1 status=0",
    "  shift",
    `  ${boundLine("cap")}`,
    `  bounded "$limit" "$bounded_out" -n ${DEMO_NAMESPACE} exec deploy/x-wing -- "$@" || status=$?`,
    '  reply="$(cat "$bounded_out")" stuck=""',
    `  (( status != ${BOUNDED_TIMED_OUT_STATUS} )) || stuck=" (the last kubectl exec into deploy/x-wing did not end within \${limit}s: its stream hangs)"`,
    '  return "$status"',
    "}",
];

/** Lines that send rounds of requests from x-wing to the global Service until every expected cluster answered. */
function globalServiceLines(options: DemoProofOptions): string[] {
    const t = options.timeoutSeconds;
    const requests = options.requestsPerRound ?? 20;
    const rounds = Array.from({ length: requests }, (_, i) => i + 1).join(" ");
    const request = `for i in ${rounds}; do curl -s --max-time ${CURL_SECONDS} rebel-base.${DEMO_NAMESPACE} || true; echo; done`;
    return [
        `expected=(${[...options.expected].sort().map(sh).join(" ")})`,
        `request=${sh(request)}`,
        'seen=""',
        "answered_by_all() {",
        "  local name want",
        `  from_xwing ${requests * CURL_SECONDS + EXEC_SLACK_SECONDS} sh -c "$request" || true`,
        "  while read -r name; do",
        '    [[ -z "$name" || " $seen " == *" $name "* ]] || seen="$seen $name"',
        `  done < <(grep -oE '"Cluster": *"[a-z0-9-]+"' <<<"$reply" | sed -E 's/.*"([a-z0-9-]+)"$/\\1/')`,
        '  for want in "${expected[@]}"; do',
        '    [[ " $seen " == *" $want "* ]] || return 1',
        "  done",
        "}",
        "until answered_by_all; do",
        `  (( SECONDS < deadline )) || fail "cluster ${options.cluster}: rebel-base answered from:\${seen:- nobody}, but not from every one of \${expected[*]} after ${t}s\${stuck}"`,
        `  ${progressLine(`answers of rebel-base in cluster ${options.cluster}`, '"answered from:${seen:- nobody}"')}`,
        `  sleep ${options.intervalSeconds ?? 5}`,
        "done",
        `echo "cluster ${options.cluster}: rebel-base answered from every cluster:\${seen}"`,
    ];
}

/** Lines that request the demo's Ingress from x-wing through cilium-ingress until rebel-base answers. */
function ingressLines(options: DemoProofOptions, ingress: { readonly ip?: string }): string[] {
    return [
        `ingress=${sh(ingress.ip ?? "")}`,
        "through_ingress() {",
        '  stuck=""',
        `  [[ -n "$ingress" ]] || ingress="$(kubectl -n kube-system get service ${INGRESS_SERVICE} -o jsonpath='{.status.loadBalancer.ingress[0].ip}' 2>/dev/null)" || ingress=""`,
        '  [[ -n "$ingress" ]] || return 1',
        `  from_xwing ${CURL_SECONDS + EXEC_SLACK_SECONDS} curl -s --max-time ${CURL_SECONDS} "http://$ingress/" || true`,
        `  grep -qE '"Cluster": *"[a-z0-9-]+"' <<<"$reply"`,
        "}",
        "until through_ingress; do",
        `  (( SECONDS < deadline )) || fail "cluster ${options.cluster}: the Ingress rebel-base did not answer through ${INGRESS_SERVICE} (\${ingress:-no address}) after ${options.timeoutSeconds}s\${stuck}"`,
        `  ${progressLine(`the Ingress rebel-base in cluster ${options.cluster}`, '"no answer through ${ingress:-no address} yet"')}`,
        `  sleep ${options.intervalSeconds ?? 5}`,
        "done",
        `echo "cluster ${options.cluster}: the Ingress rebel-base answers through ${INGRESS_SERVICE} at $ingress"`,
    ];
}

/**
 * Waits for rebel-base and x-wing, then sends rounds of requests from x-wing to the global Service until every
 * cluster's rebel-base has answered (`"Cluster":"<name>"`), and with `ingress` until the Ingress answers too; one
 * overall deadline, one sentence naming who never answered.
 */
export function demoProofScript(options: DemoProofOptions): string {
    const t = options.timeoutSeconds;
    const lines = [
        ...gatePreamble(
            `Demo proof in cluster ${options.cluster}: the global Service rebel-base answers from every cluster.`,
            ["kubectl"],
            t,
            DEMO_NAMESPACE,
        ),
        `${inSlices(`Deployment rebel-base in cluster ${options.cluster}`, '"$(left)"', "k rollout status deployment/rebel-base")} >/dev/null || fail ${sh(`cluster ${options.cluster}: rebel-base did not roll out within ${t}s`)}`,
        `${inSlices(`Deployment x-wing in cluster ${options.cluster}`, '"$(left)"', "k rollout status deployment/x-wing")} >/dev/null || fail ${sh(`cluster ${options.cluster}: x-wing did not roll out within ${t}s`)}`,
        ...BOUNDED_OUTPUT_LINES,
        ...boundedKubectlFunction(),
        ...FROM_XWING_FUNCTION,
        'reply="" stuck=""',
        ...globalServiceLines(options),
        ...(options.ingress ? ingressLines(options, options.ingress) : []),
    ];
    return `${lines.join("\n")}\n`;
}

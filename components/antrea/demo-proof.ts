// The demo's cross-cluster proof as local bash: the import's endpoints, the answer through it, Pod-to-Pod, the stretched policy.
import {
    BOUNDED_OUTPUT_LINES,
    BOUNDED_TIMED_OUT_STATUS,
    EXEC_SLACK_SECONDS,
    boundLine,
    boundedKubectlFunction,
} from "../shared/bounded-kubectl";
import { GateOptions, kubectlScriptPreamble } from "../shared/kubectl-wait";
import { inSlices, progressLine, sh } from "../shared/shell";
import { deadlineLines } from "./health";
import { importedServiceName } from "./service-export";
import { EndpointIpType } from "./types";

/** Namespace of the demo, the same in every member (imports land in the exporter's namespace). */
export const MC_DEMO_NAMESPACE = "antrea-mc-demo";
/** The exported Service (and its Deployment). */
export const MC_DEMO_SERVICE = "web";
/** The importer's client Deployment (the stretched policy admits its label from every cluster). */
export const MC_DEMO_CLIENT = "client";
/** The importer's second client, which the stretched policy refuses. */
export const MC_DEMO_OUTSIDER = "outsider";

/** Options of {@link mcDemoProofScript}. */
export interface McDemoProofOptions extends GateOptions {
    /** The exporting member, whose name the answer must carry. */
    readonly exporter: string;
    /** The members' endpoint type and the exporter's IPv4 ranges its import's endpoints must lie in (Pod or Service CIDRs). */
    readonly endpoints?: { readonly type: EndpointIpType; readonly cidrs: readonly string[] };
    /** The exporter admits only `client` Pods of the ClusterSet (stretched policy): `outsider` must be refused. */
    readonly stretchedPolicy?: boolean;
}

/** Seconds curl waits for one answer (`--max-time`): the stretched policy's Drop shows as curl's timeout (exit 28). */
const CURL_SECONDS = 5;

/**
 * `curl_from <deployment> <url>`: curl in the Deployment's Pod through an exec ended after curl's own bound plus the
 * slack (or at the deadline); `$reply` is its output (errors too), `$stuck` says when the exec had to be ended (its
 * status is then bounded's 124, never curl's 28). Returns the exec's status.
 */
const CURL_FUNCTION = [
    "curl_from() {",
    "  local limit status=0",
    `  ${boundLine(CURL_SECONDS + EXEC_SLACK_SECONDS)}`,
    `  bounded "$limit" "$bounded_out" -n ${MC_DEMO_NAMESPACE} exec "deploy/$1" -- curl -sS --max-time ${CURL_SECONDS} "$2" || status=$?`,
    '  reply="$(cat "$bounded_out")" stuck=""',
    `  (( status != ${BOUNDED_TIMED_OUT_STATUS} )) || stuck="kubectl exec into deploy/$1 did not end within \${limit}s (its stream hangs)"`,
    '  return "$status"',
    "}",
];

/** `in_cidrs IP CIDR...`: true when a dotted IPv4 address lies in one of the ranges (the address is checked before any arithmetic). */
const CIDR_FUNCTIONS = [
    'ip_int() { local a b c d; IFS=. read -r a b c d <<<"$1"; echo $(( (a << 24) | (b << 16) | (c << 8) | d )); }',
    "in_cidrs() {",
    "  local ip=$1 cidr net bits mask; shift",
    '  [[ "$ip" =~ ^([0-9]{1,3}\\.){3}[0-9]{1,3}$ ]] || return 1',
    '  for cidr in "$@"; do',
    "    net=${cidr%/*} bits=${cidr#*/}",
    "    mask=$(( bits == 0 ? 0 : (0xFFFFFFFF << (32 - bits)) & 0xFFFFFFFF ))",
    '    if (( ($(ip_int "$ip") & mask) == ($(ip_int "$net") & mask) )); then return 0; fi',
    "  done",
    "  return 1",
    "}",
];

function endpointChecks(options: McDemoProofOptions, imported: string): string[] {
    if (!options.endpoints) {
        return [];
    }
    const { type, cidrs } = options.endpoints;
    const where = type === "PodIP" ? "Pod" : "Service";
    return [
        `  ips="$(k get endpoints ${sh(imported)} -o jsonpath='{.subsets[*].addresses[*].ip}' 2>/dev/null)" || ips=""`,
        '  [[ -n "$ips" ]] || { pending="the import has no endpoints yet"; continue; }',
        '  bad=""',
        `  for ip in $ips; do in_cidrs "$ip" ${cidrs.map(sh).join(" ")} || bad="$bad $ip"; done`,
        `  [[ -z "$bad" ]] || { pending="endpoints$bad are not in the ${where} CIDRs of ${options.exporter} (${cidrs.join(", ")}): endpointIPType ${type} is not in effect"; continue; }`,
        ...(type === "PodIP"
            ? [
                  // Pod-to-Pod: the exporter's Pod IP, straight from the importer's client through the gateways.
                  `  curl_from ${MC_DEMO_CLIENT} "http://\${ips%% *}/" || true`,
                  '  [[ -z "$stuck" ]] || { pending="$stuck"; continue; }',
                  '  direct="$reply"',
                  `  [[ "$direct" == *"$expected"* ]] || { pending="Pod \${ips%% *} of ${options.exporter} did not answer Pod-to-Pod: \${direct:-none}"; continue; }`,
              ]
            : []),
    ];
}

function policyChecks(options: McDemoProofOptions, url: string): string[] {
    if (!options.stretchedPolicy) {
        return [];
    }
    // The policy's Drop leaves the connection unanswered: only curl's timeout (28) is a refusal, not a failed exec or DNS.
    return [
        `  refused=0; curl_from ${MC_DEMO_OUTSIDER} ${sh(url)} || refused=$?`,
        // An exec ended at its bound (status 124) proves nothing: it is neither a refusal nor an answer.
        '  [[ -z "$stuck" ]] || { pending="$stuck"; continue; }',
        `  (( refused != 0 )) || { pending="Pods of ${options.cluster} not labelled app=${MC_DEMO_CLIENT} still reach web: the stretched policy is not enforced"; continue; }`,
        `  (( refused == 28 )) || { pending="the outsider's request failed with exit status $refused, not curl's timeout (28) that the policy's Drop gives"; continue; }`,
    ];
}

/**
 * The proof, from the importer's client: the imported `antrea-mc-web` exists; its endpoints are the exporter's Pod IPs
 * (PodIP) or its ClusterIP (ClusterIP), so the endpoint type is in effect; it answers with the exporter's cluster name;
 * in PodIP mode the exporter's Pod also answers Pod-to-Pod; with the stretched policy an `outsider` Pod is refused.
 */
export function mcDemoProofScript(options: McDemoProofOptions): string {
    const imported = importedServiceName(MC_DEMO_SERVICE);
    const url = `http://${imported}.${MC_DEMO_NAMESPACE}.svc`;
    const t = options.timeoutSeconds;
    const deployments = [MC_DEMO_CLIENT, ...(options.stretchedPolicy ? [MC_DEMO_OUTSIDER] : [])];
    const lines = [
        ...kubectlScriptPreamble(
            `Proof: Service ${MC_DEMO_SERVICE} exported by ${options.exporter} answers in ${options.cluster} as ${imported}.`,
        ),
        ...deadlineLines(t),
        `k() { kubectl -n ${MC_DEMO_NAMESPACE} "$@"; }`,
        ...BOUNDED_OUTPUT_LINES,
        ...boundedKubectlFunction({ stderr: "file" }),
        ...CURL_FUNCTION,
        ...(options.endpoints ? CIDR_FUNCTIONS : []),
        ...deployments.map(
            (name) =>
                `${inSlices(`Deployment ${MC_DEMO_NAMESPACE}/${name} in cluster ${options.cluster}`, '"$(left)"', `k rollout status deployment/${name}`)} >/dev/null || fail ${sh(`cluster ${options.cluster}: Deployment ${name} is not rolled out after ${t}s`)}`,
        ),
        `expected=${sh(`"cluster":"${options.exporter}"`)}`,
        'answer="" pending="" first=1 reply="" stuck=""',
        "while :; do",
        `  (( first )) || { late && fail ${sh(`cluster ${options.cluster}: ${imported}.${MC_DEMO_NAMESPACE} (exported by ${options.exporter}) did not prove cross-cluster traffic within ${t}s:`)}" $pending"; ${progressLine(`the import ${imported} in cluster ${options.cluster}`, '"$pending"')}; sleep 5; }`,
        "  first=0",
        `  k get service ${sh(imported)} >/dev/null 2>&1 || { pending="the import ${imported} does not exist yet"; continue; }`,
        `  curl_from ${MC_DEMO_CLIENT} ${sh(url)} || true`,
        '  [[ -z "$stuck" ]] || { pending="$stuck"; continue; }',
        '  answer="$reply"',
        '  [[ "$answer" == *"$expected"* ]] || { pending="last answer: ${answer:-none}"; continue; }',
        ...endpointChecks(options, imported),
        ...policyChecks(options, url),
        "  break",
        "done",
        `echo ${sh(`cluster ${options.cluster}: ${imported} answered from ${options.exporter}:`)}" $answer"`,
    ];
    return `${lines.join("\n")}\n`;
}

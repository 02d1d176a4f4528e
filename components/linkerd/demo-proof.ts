// The demo's proof: requests sent from the frontend pod, through the meshed ingress when there is one (Traefik ->
// frontend -> split), are answered by this cluster and every peer the split gives a share.
import { GateOptions } from "../shared/kubectl-wait";
import { EXEC_SLACK_SECONDS, boundLine, boundedKubectlFunction } from "../shared/bounded-kubectl";
import { sh } from "../shared/shell";
import { mirroredServiceName } from "./export";
import { DEMO_NAMESPACE, FRONTEND_PORT, PODINFO, PODINFO_APEX } from "./demo";
import { REQUEST_TIMEOUT_SECONDS, ROLLED_OUT_FUNCTION, gateScript } from "./gate-shell";

/** Options of {@link demoProofScript}. */
export interface DemoProofOptions extends GateOptions {
    /** The clusters it mirrors (their podinfo mirrors must have endpoints). */
    readonly peers: readonly string[];
    /** The clusters that must answer (those the split gives a weight above 0); @default the cluster and every peer. */
    readonly expected?: readonly string[];
    /**
     * The ingress controller's in-cluster URL: the requests go to it, and it routes them to the frontend (so the proof
     * crosses ingress -> frontend -> split, the path the guide is about); none: straight to the frontend's nginx.
     */
    readonly ingressUrl?: string;
    /** Requests per round; @default 10. */
    readonly requestsPerRound?: number;
    /** Seconds between rounds; @default 5. */
    readonly intervalSeconds?: number;
}

/** Seconds busybox `wget` waits for one answer (`-T`), so one round stays short. */
const REQUEST_SECONDS = 3;

/**
 * Collects the clusters that answered a round ("greetings from <cluster>") and checks every expected one did. The
 * round's exec is ended after its requests' bound, or at the gate's deadline if that comes first.
 */
function answeredFunction(via: string, requests: number): string[] {
    const round = requests * REQUEST_SECONDS + EXEC_SLACK_SECONDS;
    return [
        "answered_by_all() {",
        "  local replies name want limit",
        `  ${boundLine(round)}`,
        `  bounded "$limit" "$replies_file" -n ${DEMO_NAMESPACE} exec deploy/frontend -c nginx -- sh -c "$request" || true`,
        '  replies="$(cat "$replies_file")"',
        "  while read -r name; do",
        '    [[ -z "$name" || " $seen " == *" $name "* ]] || seen="$seen $name"',
        "  done < <(grep -oE 'greetings from [a-z0-9-]+' <<<\"$replies\" | sed 's/^greetings from //')",
        '  for want in "${expected[@]}"; do',
        `    [[ " $seen " == *" $want "* ]] || { pending="requests ${via} were answered by:\${seen:- nobody}, not yet by $want"; return 1; }`,
        "  done",
        "}",
    ];
}

/**
 * Waits for podinfo and the frontend to be rolled out and every peer's podinfo mirror to have endpoints, then sends
 * rounds of requests from the frontend pod (through the ingress when given) until every expected cluster has answered
 * at least once; one deadline, one sentence naming who never answered.
 */
export function demoProofScript(options: DemoProofOptions): string {
    const peers = [...options.peers].sort();
    const expected = options.expected ?? [options.cluster, ...peers];
    const url = options.ingressUrl ?? `http://127.0.0.1:${FRONTEND_PORT}/`;
    const via = options.ingressUrl
        ? `through the ingress ${options.ingressUrl}, the frontend and ${PODINFO_APEX}`
        : `through the frontend and ${PODINFO_APEX}`;
    const requests = options.requestsPerRound ?? 10;
    const rounds = Array.from({ length: requests }, (_, i) => i + 1).join(" ");
    const request = `for i in ${rounds}; do wget -qO- -T ${REQUEST_SECONDS} ${url} || true; echo; done`;
    return gateScript({
        cluster: options.cluster,
        timeoutSeconds: options.timeoutSeconds,
        intervalSeconds: options.intervalSeconds ?? 5,
        purpose: `Demo proof in cluster ${options.cluster}: requests ${via} reach every cluster.`,
        failure: "the demo is not answered by every cluster",
        setup: [
            `k() { kc -n ${DEMO_NAMESPACE} "$@"; }`,
            `expected=(${expected.map(sh).join(" ")})`,
            `request=${sh(request)}`,
            'seen=""',
            'replies_file="$(mktemp)"',
            'trap \'rm -f "$kubeconfig" "$replies_file"\' EXIT',
            ...ROLLED_OUT_FUNCTION,
            ...boundedKubectlFunction({ requestTimeoutSeconds: REQUEST_TIMEOUT_SECONDS }),
            "mirror_ready() {",
            '  [[ -n "$(k get endpoints "$1" -o jsonpath=\'{.subsets[*].addresses[*].ip}\' 2>/dev/null)" ]] ||',
            `    { pending="the mirror ${DEMO_NAMESPACE}/$1 of cluster $2's podinfo has no endpoints yet"; return 1; }`,
            "}",
            ...answeredFunction(via, requests),
        ],
        checks: [
            `rolled_out ${DEMO_NAMESPACE} ${PODINFO}`,
            `rolled_out ${DEMO_NAMESPACE} frontend`,
            ...peers.map((peer) => `mirror_ready ${sh(mirroredServiceName(PODINFO, peer))} ${sh(peer)}`),
            "answered_by_all",
        ],
        after: [`echo "cluster $cluster: requests ${via} were answered by \${expected[*]}"`],
    });
}

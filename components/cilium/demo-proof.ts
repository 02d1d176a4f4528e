// The Cluster Mesh demo's proof: from x-wing, `curl rebel-base` is answered by every cluster of the mesh.
import { kubectlScriptPreamble, rolloutLine } from "../shared/kubectl-wait";
import { sh } from "../shared/shell";
import { DEMO_NAMESPACE } from "./demo";

/** Options of {@link demoProofScript}. */
export interface DemoProofOptions {
    /** The cluster the requests start in. */
    readonly cluster: string;
    /** Every cluster whose rebel-base must answer (this one included). */
    readonly expected: readonly string[];
    /** Overall bound in seconds. */
    readonly timeoutSeconds: number;
    /** Requests per round; @default 20. */
    readonly requestsPerRound?: number;
    /** Seconds between rounds; @default 5. */
    readonly intervalSeconds?: number;
}

/**
 * Waits for rebel-base and x-wing, then sends rounds of requests from x-wing to the global Service until every
 * cluster's rebel-base has answered (`"Cluster":"<name>"`); bounded, one sentence naming who never answered.
 */
export function demoProofScript(options: DemoProofOptions): string {
    const t = options.timeoutSeconds;
    const rounds = Array.from({ length: options.requestsPerRound ?? 20 }, (_, i) => i + 1).join(" ");
    const request = `for i in ${rounds}; do curl -s --max-time 5 rebel-base.${DEMO_NAMESPACE} || true; echo; done`;
    const lines = [
        ...kubectlScriptPreamble(`Demo proof in cluster ${options.cluster}: the global Service rebel-base answers from every cluster.`).slice(0, -1),
        `k() { kubectl -n ${DEMO_NAMESPACE} "$@"; }`,
        `expected=(${[...options.expected].sort().map(sh).join(" ")})`,
        `request=${sh(request)}`,
        'seen=""',
        rolloutLine({ kind: "deployment", name: "rebel-base", namespace: DEMO_NAMESPACE }, t),
        rolloutLine({ kind: "deployment", name: "x-wing", namespace: DEMO_NAMESPACE }, t),
        "answered_by_all() {",
        "  local replies name want",
        '  replies="$(k exec deploy/x-wing -- sh -c "$request" 2>/dev/null)" || replies=""',
        "  while read -r name; do",
        '    [[ -z "$name" || " $seen " == *" $name "* ]] || seen="$seen $name"',
        `  done < <(grep -oE '"Cluster": *"[a-z0-9-]+"' <<<"$replies" | sed -E 's/.*"([a-z0-9-]+)"$/\\1/')`,
        '  for want in "${expected[@]}"; do',
        '    [[ " $seen " == *" $want "* ]] || return 1',
        "  done",
        "}",
        `deadline=$((SECONDS + ${t}))`,
        "until answered_by_all; do",
        "  if (( SECONDS >= deadline )); then",
        `    echo "cluster ${options.cluster}: rebel-base answered from:\${seen:- nobody}, but not from every one of \${expected[*]} after ${t}s" >&2`,
        "    exit 1",
        "  fi",
        `  sleep ${options.intervalSeconds ?? 5}`,
        "done",
        `echo "cluster ${options.cluster}: rebel-base answered from every cluster:\${seen}"`,
    ];
    return `${lines.join("\n")}\n`;
}

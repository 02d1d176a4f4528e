// The demo's proof: requests through the split, sent from the frontend pod, are answered by this cluster and every peer.
import { kubectlScriptPreamble, rolloutLine } from "../shared/kubectl-wait";
import { sh, waitFor } from "../shared/shell";
import { mirroredServiceName } from "./export";
import { DEMO_NAMESPACE, FRONTEND_PORT, PODINFO, PODINFO_APEX } from "./demo-manifests";

/** Options of {@link demoProofScript}. */
export interface DemoProofOptions {
    /** The cluster the requests start in. */
    readonly cluster: string;
    /** The clusters it mirrors (each must answer). */
    readonly peers: readonly string[];
    /** Overall bound in seconds. */
    readonly timeoutSeconds: number;
    /** Requests per round; @default 20. */
    readonly requestsPerRound?: number;
}

/**
 * Waits for podinfo and the frontend, for every peer's podinfo mirror to have endpoints, then sends rounds of
 * requests from the frontend pod through nginx to the apex until every cluster (this one and each peer) has
 * answered at least once ("greetings from <cluster>"); bounded, one sentence naming who never answered.
 */
export function demoProofScript(options: DemoProofOptions): string {
    const t = options.timeoutSeconds;
    const expected = [options.cluster, ...[...options.peers].sort()];
    const rounds = Array.from({ length: options.requestsPerRound ?? 20 }, (_, i) => i + 1).join(" ");
    const request = `for i in ${rounds}; do wget -qO- -T 5 http://127.0.0.1:${FRONTEND_PORT}/ || true; echo; done`;
    const mirrorWaits = [...options.peers].sort().map((peer) => {
        const mirror = mirroredServiceName(PODINFO, peer);
        return waitFor(`[[ -n "$(k get endpoints ${mirror} -o jsonpath='{.subsets[*].addresses[*].ip}' 2>/dev/null)" ]]`, {
            what: `the mirror ${DEMO_NAMESPACE}/${mirror} of cluster ${peer}'s podinfo to have endpoints in cluster ${options.cluster}`,
            timeoutSeconds: t, intervalSeconds: 5,
        });
    });
    const lines = [
        ...kubectlScriptPreamble(`Demo proof in cluster ${options.cluster}: requests through ${PODINFO_APEX} reach every cluster.`).slice(0, -1),
        `k() { kubectl -n ${DEMO_NAMESPACE} "$@"; }`,
        `expected=(${expected.map(sh).join(" ")})`,
        `request=${sh(request)}`,
        "seen=\"\"",
        "",
        rolloutLine({ kind: "deployment", name: PODINFO, namespace: DEMO_NAMESPACE }, t),
        rolloutLine({ kind: "deployment", name: "frontend", namespace: DEMO_NAMESPACE }, t),
        ...mirrorWaits,
        "answered_by_all() {",
        "  local replies name want",
        "  replies=\"$(k exec deploy/frontend -c nginx -- sh -c \"$request\" 2>/dev/null)\" || replies=\"\"",
        "  while read -r name; do",
        "    [[ -z \"$name\" || \" $seen \" == *\" $name \"* ]] || seen=\"$seen $name\"",
        "  done < <(grep -oE 'greetings from [a-z0-9-]+' <<<\"$replies\" | sed 's/^greetings from //')",
        "  for want in \"${expected[@]}\"; do",
        "    [[ \" $seen \" == *\" $want \"* ]] || return 1",
        "  done",
        "}",
        `deadline=$((SECONDS + ${t}))`,
        "until answered_by_all; do",
        "  if (( SECONDS >= deadline )); then",
        `    echo "cluster ${options.cluster}: requests through ${PODINFO_APEX} were answered by:\${seen:- nobody}, but not by every one of \${expected[*]} after ${t}s" >&2`,
        "    exit 1",
        "  fi",
        "  sleep 5",
        "done",
        `echo "cluster ${options.cluster}: requests through ${PODINFO_APEX} were answered by \${expected[*]}"`,
    ];
    return `${lines.join("\n")}\n`;
}

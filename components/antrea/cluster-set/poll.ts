// A bounded poll as bash lines, for the ClusterSet gates: a check that sets $pending, a deadline, progress while it waits.
import { progressLine, sh } from "../../shared/shell";

/**
 * Lines of a bounded poll: `check` sets `$pending` and fails until done; on timeout `failure` is echoed with it; while
 * it waits, progress lines name `what` ("the ClusterSet in cluster west") and `$pending`.
 */
export function poll(check: readonly string[], failure: string, t: number, what: string): string[] {
    return [
        'pending=""',
        "check() {",
        ...check.map((line) => `  ${line}`),
        "}",
        `deadline=$((SECONDS + ${t}))`,
        "until check; do",
        "  if (( SECONDS >= deadline )); then",
        `    echo ${sh(`${failure}:`)}" $pending" >&2`,
        "    exit 1",
        "  fi",
        `  ${progressLine(what, '"$pending"')}`,
        "  sleep 5",
        "done",
    ];
}

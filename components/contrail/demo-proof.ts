// Seed 002's closing proof as a script: from the central probe, `ping` reaches the target pod on a distributed cluster.
import { parseAddress } from "../network/cidr";
import {
    BOUNDED_OUTPUT_LINES,
    BOUNDED_TIMED_OUT_STATUS,
    EXEC_SLACK_SECONDS,
    boundLine,
    boundedKubectlFunction,
} from "../shared/bounded-kubectl";
import { kubectlScriptPreamble } from "../shared/kubectl-wait";
import { inSlices, progressLine, sh } from "../shared/shell";
import { CN2_DEMO_NAMESPACE, CN2_DEMO_PROBE, CN2_DEMO_TARGET } from "./demo";

/** Options of {@link demoProofScript}. */
export interface DemoProofOptions {
    /** The central cluster (the script runs against it). */
    readonly central: string;
    /** The distributed cluster the target runs on. */
    readonly distributed: string;
    /** The target pod's IPv4 address (from its status once it is Ready). */
    readonly targetIp: string;
    /** Bound of the proof. */
    readonly timeoutSeconds: number;
}

/** Seconds one `ping -c 3 -W 2` may take in the probe (three probes a second apart, each answer awaited 2 s). */
const PING_SECONDS = 5;

/**
 * `ping_target <ip>`: ping from the probe through an exec ended after ping's own bound plus the slack (or at the
 * deadline); `$answer` is its output (errors too), or says that the exec had to be ended. Returns its status.
 */
const PING_FUNCTION = [
    "ping_target() {",
    "  local limit status=0",
    `  ${boundLine(PING_SECONDS + EXEC_SLACK_SECONDS)}`,
    `  bounded "$limit" "$bounded_out" -n ${CN2_DEMO_NAMESPACE} exec ${CN2_DEMO_PROBE} -- ping -c 3 -W 2 "$1" || status=$?`,
    '  answer="$(cat "$bounded_out")"',
    `  (( status != ${BOUNDED_TIMED_OUT_STATUS} )) || answer="kubectl exec into ${CN2_DEMO_PROBE} did not end within \${limit}s (its stream hangs)"`,
    '  return "$status"',
    "}",
];

/** The proof: the probe is Ready, then within the bound `ping` from it reaches the target's address. */
export function demoProofScript(options: DemoProofOptions): string {
    const t = options.timeoutSeconds;
    const about = `${CN2_DEMO_PROBE} on central cluster ${options.central} to ${CN2_DEMO_TARGET} on cluster ${options.distributed}`;
    const known = parseAddress(options.targetIp) !== undefined;
    const lines = [
        ...kubectlScriptPreamble(`Proof: ${about} answers ping across the clusters (seed 002's last step).`),
        ...(known
            ? []
            : [
                  `echo ${sh(`cluster ${options.central}: ${CN2_DEMO_TARGET} on cluster ${options.distributed} has no pod IP to ping`)} >&2`,
                  "exit 1",
              ]),
        `deadline=$((SECONDS + ${t}))`,
        inSlices(
            `pod ${CN2_DEMO_NAMESPACE}/${CN2_DEMO_PROBE} Ready in cluster ${options.central}`,
            t,
            `kubectl -n ${CN2_DEMO_NAMESPACE} wait --for=condition=Ready pod/${CN2_DEMO_PROBE}`,
        ),
        ...BOUNDED_OUTPUT_LINES,
        ...boundedKubectlFunction({ stderr: "file" }),
        ...PING_FUNCTION,
        'answer=""',
        `until ping_target ${sh(options.targetIp)}; do`,
        "  if ((SECONDS >= deadline)); then",
        `    echo ${sh(`cluster ${options.central}: ping from ${about} (${options.targetIp}) got no answer within ${t}s; last output:`)} "$(tail -n 2 <<<"$answer" | tr '\\n' ' ')" >&2`,
        "    exit 1",
        "  fi",
        `  ${progressLine(`ping from ${CN2_DEMO_PROBE} to ${options.targetIp} in cluster ${options.central}`, '"$(tail -n 1 <<<"$answer")"')}`,
        "  sleep 5",
        "done",
        `echo ${sh(`cluster ${options.central}: ${about} (${options.targetIp}) answered:`)} "$(tail -n 1 <<<"$answer")"`,
    ];
    return `${lines.join("\n")}\n`;
}

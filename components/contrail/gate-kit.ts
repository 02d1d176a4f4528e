// Building blocks of the CN2 gates: one overall deadline per script, bounded waits against it, one sentence on failure.
import { GateOptions, kubectlScriptPreamble } from "../shared/kubectl-wait";
import { inSlicesCall, progressCall, sh } from "../shared/shell";

/** Options of a gate (the shared shape; kept importable from here). */
export type { GateOptions } from "../shared/kubectl-wait";

/**
 * Preamble, the gate's one deadline, `remaining` (seconds left, at least 1), `fail <sentence>` (one line on stderr,
 * exit 1), `late <what>` (the same, for a wait that ran out of time: "<what> within <bound>s") and `$gate` (what the
 * progress lines of its waits name).
 */
export function gateOpening(purpose: string, options: GateOptions): string[] {
    return [
        ...kubectlScriptPreamble(purpose),
        `cluster=${sh(options.cluster)}`,
        'gate="the CN2 gate in cluster $cluster"',
        `gate_deadline=$((SECONDS + ${options.timeoutSeconds}))`,
        "remaining() { local left=$((gate_deadline - SECONDS)); echo $((left > 1 ? left : 1)); }",
        'fail() { echo "cluster $cluster: $1" >&2; exit 1; }',
        `late() { fail "$1 within ${options.timeoutSeconds}s"; }`,
    ];
}

/** A kubectl wait (without `--timeout`) bounded by the time left, with progress lines, that fails with `what` when it does not succeed in time. */
export function gated(command: string, what: string): string {
    return `${inSlicesCall('"$gate"', '"$(remaining)"', command)} || late ${sh(what)}`;
}

/** A loop until `condition` holds, polling every `intervalSeconds`, failing with `what` once the gate's deadline passes. */
export function waitUntil(condition: string, what: string, intervalSeconds = 5): string {
    return [
        `until ${condition}; do`,
        `  ((SECONDS < gate_deadline)) || late ${sh(what)}`,
        `  ${progressCall('"$gate"', sh(`pending: ${what}`))}`,
        `  sleep ${intervalSeconds}`,
        "done",
    ].join("\n");
}

/** Lines: each CRD exists (a controller registers it after it starts) and is established, within the gate's deadline. */
export function crdLines(crds: readonly string[]): string[] {
    return crds.flatMap((crd) => [
        waitUntil(`kubectl get crd ${sh(crd)} >/dev/null 2>&1`, `CRD ${crd} was not registered`),
        gated(`kubectl wait --for condition=established crd/${sh(crd)}`, `CRD ${crd} was not established`),
    ]);
}

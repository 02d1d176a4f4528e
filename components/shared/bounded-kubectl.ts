// Bounded kubectl streams for local gate scripts. `kubectl exec` and `kubectl port-forward` are not bounded by
// `--request-timeout`: client-go dials their websocket stream without the REST client's timeout
// (client-go/transport/websocket/roundtripper.go; kubernetes#56620), so a hung stream outlives any gate deadline unless
// the script ends it itself. Pure bash: no coreutils `timeout`, which macOS lacks.

/** Default `--request-timeout` of a bounded call, in seconds (it bounds the call's REST requests, not its stream). */
export const BOUNDED_REQUEST_TIMEOUT_SECONDS = 15;

/** The status `bounded` returns when it ended kubectl at its bound (the status coreutils `timeout` uses). */
export const BOUNDED_TIMED_OUT_STATUS = 124;

/** Seconds on top of a command's own bound that one exec may take to connect and start (its stream has no timeout). */
export const EXEC_SLACK_SECONDS = 15;

/** Options of {@link boundedKubectlFunction}. */
export interface BoundedKubectlOptions {
    /** `--request-timeout` of each call in seconds; @default {@link BOUNDED_REQUEST_TIMEOUT_SECONDS}. */
    readonly requestTimeoutSeconds?: number;
    /** Where kubectl's standard error goes: `discard` (the file holds only standard output) or `file` (both); @default discard. */
    readonly stderr?: "discard" | "file";
}

/**
 * `bounded <seconds> <file> <kubectl arguments...>`: kubectl in the background, its output in the file, ended (SIGKILL,
 * so `wait` cannot hang on a kubectl that ignores SIGTERM) once the seconds have passed by `$SECONDS`. kubectl itself
 * runs in the background, not a function (ending a subshell would leave kubectl running). Returns kubectl's status, or
 * {@link BOUNDED_TIMED_OUT_STATUS} when it was ended at the bound; call it as a condition (`|| status=$?`) under `set -e`.
 */
export function boundedKubectlFunction(options: BoundedKubectlOptions = {}): string[] {
    const timeout = options.requestTimeoutSeconds ?? BOUNDED_REQUEST_TIMEOUT_SECONDS;
    const errors = options.stderr === "file" ? "2>&1" : "2>/dev/null";
    return [
        "bounded() {",
        "  local end=$((SECONDS + $1)) out=$2 pid",
        "  shift 2",
        `  kubectl --request-timeout=${timeout}s "$@" >"$out" ${errors} &`,
        "  pid=$!",
        '  while (( SECONDS < end )) && kill -0 "$pid" 2>/dev/null; do sleep 1; done',
        `  if kill -KILL "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null; return ${BOUNDED_TIMED_OUT_STATUS}; fi`,
        '  wait "$pid" 2>/dev/null',
        "}",
    ];
}

/** Lines that make `$bounded_out`, a private temp file for {@link boundedKubectlFunction}'s output, removed on exit with the kubeconfig. */
export const BOUNDED_OUTPUT_LINES = ['bounded_out="$(mktemp)"', 'trap \'rm -f "$kubeconfig" "$bounded_out"\' EXIT'];

/**
 * A line that sets `variable` (a shell local) to the bound of one call: `cap` (seconds, or the name of a shell variable
 * holding them), or the seconds left before the shell variable `until` (a `$SECONDS` value, the gate's deadline) when
 * that comes first; at least 1.
 */
export function boundLine(cap: number | string, variable = "limit", until = "deadline"): string {
    const [v, c, value] = [variable, String(cap), typeof cap === "number" ? String(cap) : `$${cap}`];
    return `${v}=$((${until} - SECONDS)); (( ${v} <= ${c} )) || ${v}=${value}; (( ${v} >= 1 )) || ${v}=1`;
}

// Shell helpers for rendered remote scripts: quoting, the strict preamble, bounded waits, hashes.
import * as crypto from "crypto";

/** Quotes one value for POSIX shells so it is always passed as a single literal word. */
export function sh(value: string | number): string {
    const text = String(value);
    if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(text)) {
        return text;
    }
    return `'${text.replace(/'/g, `'"'"'`)}'`;
}

/** Quotes each value and joins them with spaces (an argv rendered for bash). */
export function shArgs(values: readonly (string | number)[]): string {
    return values.map(sh).join(" ");
}

/** Options of {@link scriptPreamble}. */
export interface PreambleOptions {
    /** Keep the caller's PATH (local scripts whose tools live wherever the user installed them). Default: a fixed PATH. */
    readonly inheritPath?: boolean;
    /** Define the progress helpers of bounded waits ({@link progressFunctionLines}); default: not defined. */
    readonly waits?: boolean;
}

/** The first lines of every rendered script: strict mode and, for remote scripts, a fixed PATH. */
export function scriptPreamble(purpose: string, options: PreambleOptions = {}): string {
    const path = options.inheritPath ? [] : ["export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"];
    const waits = options.waits ? progressFunctionLines() : [];
    return ["#!/usr/bin/env bash", `# ${purpose}`, "set -euo pipefail", ...path, ...waits, ""].join("\n");
}

/** A line that stops the script with `message` unless `tool` is on PATH (for local scripts). */
export function requireTool(tool: string, message: string): string {
    return `command -v ${sh(tool)} >/dev/null 2>&1 || { echo ${sh(message)} >&2; exit 1; }`;
}

/** Options of a bounded wait. */
export interface WaitOptions {
    /** What is being waited for, used in the failure message. */
    readonly what: string;
    /** Deadline in seconds. */
    readonly timeoutSeconds: number;
    /** Seconds between attempts. */
    readonly intervalSeconds?: number;
    /** The state the condition observed, as one shell word for its progress line; default `not yet`. */
    readonly state?: string;
}

/**
 * Renders a deadline-bounded `until` loop around a shell condition (never a fixed sleep) with a progress line at
 * most every {@link PROGRESS_SECONDS}; the script's preamble defines the progress helpers (`waits: true`).
 */
export function waitFor(condition: string, options: WaitOptions): string {
    const interval = options.intervalSeconds ?? 2;
    return [
        `deadline=$((SECONDS + ${options.timeoutSeconds}))`,
        `until ${condition}; do`,
        `  if (( SECONDS >= deadline )); then`,
        `    echo ${sh(`timed out after ${options.timeoutSeconds}s waiting for ${options.what}`)} >&2`,
        "    exit 1",
        "  fi",
        `  ${progressLine(options.what, options.state)}`,
        `  sleep ${interval}`,
        "done",
    ].join("\n");
}

/** Seconds between two progress lines of one wait (scripts read {@link PROGRESS_ENV} first, for tests). */
export const PROGRESS_SECONDS = 20;

/** The environment variable that overrides {@link PROGRESS_SECONDS} in a rendered script (whole seconds; 0: every round). */
export const PROGRESS_ENV = "WAIT_PROGRESS_SECONDS";

/** The longest observed state a progress line shows, in characters. */
export const PROGRESS_STATE_CHARS = 160;

/**
 * Lines that define the progress helpers of bounded waits. `progress <what> <state>` prints, on stderr (standard output
 * can be a resource's output value) and at most once per interval, `<what>: <state>, <elapsed> s` with the state on one
 * line and cut to {@link PROGRESS_STATE_CHARS}; elapsed counts from the first call for that `what`. `in_slices <what>
 * <seconds> <command...>` runs a command that takes `--timeout` (`kubectl wait`, `rollout status`) in slices of one
 * interval until it succeeds, fails other than by timing out, or the seconds pass, with a progress line per slice
 * showing the command's last line; its output goes to standard output on success, standard error on failure. A slice
 * timed out when kubectl says `timed out waiting` (`wait`, `delete --wait`, `rollout status`: apimachinery's
 * `ErrorInterrupted`) or `context deadline exceeded` (`rollout status` whose watch cache did not sync within the slice:
 * client-go v0.36 `tools/watch` `UntilWithSync`; `wait` maps that case to `timed out waiting` itself).
 */
export function progressFunctionLines(): string[] {
    return [
        `progress_every=\${${PROGRESS_ENV}:-${PROGRESS_SECONDS}}; [[ $progress_every =~ ^[0-9]+$ ]] || progress_every=${PROGRESS_SECONDS}`,
        "progress_what='' progress_since=0 progress_at=0",
        "progress() {",
        "  local state=${2-}",
        "  state=${state//[[:cntrl:]]/ }",
        '  if [[ $1 != "$progress_what" ]]; then progress_what=$1 progress_since=$SECONDS progress_at=$SECONDS; fi',
        "  (( SECONDS - progress_at >= progress_every )) || return 0",
        "  progress_at=$SECONDS",
        `  printf '%s: %s, %d s\\n' "$1" "\${state:0:${PROGRESS_STATE_CHARS}}" "$((SECONDS - progress_since))" >&2`,
        "}",
        `timed_out_slice() { [[ $1 == *"timed out waiting"* || $1 == *"context deadline exceeded"* ]]; }`,
        "in_slices() {",
        "  local what=$1 end=$((SECONDS + ${2%s})) slice out status line state",
        "  shift 2",
        "  progress_what=''; progress \"$what\" waiting",
        "  while :; do",
        "    slice=$((end - SECONDS)); (( slice <= progress_every )) || slice=$progress_every; (( slice >= 1 )) || slice=1",
        '    status=0; out="$("$@" --timeout="${slice}s" 2>&1)" || status=$?',
        "    if (( status == 0 )); then [[ -z $out ]] || printf '%s\\n' \"$out\"; return 0; fi",
        '    if ! timed_out_slice "$out" || (( SECONDS >= end )); then printf \'%s\\n\' "$out" >&2; return "$status"; fi',
        "    state=waiting",
        '    while IFS= read -r line; do [[ -z $line ]] || timed_out_slice "$line" || state=$line; done <<<"$out"',
        '    progress "$what" "$state"',
        "  done",
        "}",
    ];
}

/** A line that reports a wait's progress: `what` (plain text, "cilium pods in cluster west") and its observed state (a shell word). */
export function progressLine(what: string, state = "'not yet'"): string {
    return progressCall(sh(what), state);
}

/** {@link progressLine} with `what` already a shell word (e.g. `"$gate"`). */
export function progressCall(whatWord: string, state = "'not yet'"): string {
    return `progress ${whatWord} ${state}`;
}

/**
 * A line that runs `command` (a `kubectl wait` or `rollout status` without `--timeout`) for at most `seconds` (a number
 * or a shell word) in slices, with progress lines about `what` (plain text); see {@link progressFunctionLines}.
 */
export function inSlices(what: string, seconds: number | string, command: string): string {
    return inSlicesCall(sh(what), seconds, command);
}

/** {@link inSlices} with `what` already a shell word (e.g. `"$gate"`). */
export function inSlicesCall(whatWord: string, seconds: number | string, command: string): string {
    return `in_slices ${whatWord} ${seconds} ${command}`;
}

/** Hex SHA-256 of a text, for `triggers` and change detection. */
export function sha256(text: string): string {
    return crypto.createHash("sha256").update(text).digest("hex");
}

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
}

/** The first lines of every rendered script: strict mode and, for remote scripts, a fixed PATH. */
export function scriptPreamble(purpose: string, options: PreambleOptions = {}): string {
    const path = options.inheritPath ? [] : ["export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"];
    return ["#!/usr/bin/env bash", `# ${purpose}`, "set -euo pipefail", ...path, ""].join("\n");
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
}

/** Renders a deadline-bounded `until` loop around a shell condition (never a fixed sleep). */
export function waitFor(condition: string, options: WaitOptions): string {
    const interval = options.intervalSeconds ?? 2;
    return [
        `deadline=$((SECONDS + ${options.timeoutSeconds}))`,
        `until ${condition}; do`,
        `  if (( SECONDS >= deadline )); then`,
        `    echo ${sh(`timed out after ${options.timeoutSeconds}s waiting for ${options.what}`)} >&2`,
        "    exit 1",
        "  fi",
        `  sleep ${interval}`,
        "done",
    ].join("\n");
}

/** Hex SHA-256 of a text, for `triggers` and change detection. */
export function sha256(text: string): string {
    return crypto.createHash("sha256").update(text).digest("hex");
}

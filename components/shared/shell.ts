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

/** The first lines of every rendered script: strict mode and a fixed PATH. */
export function scriptPreamble(purpose: string): string {
    return [
        "#!/usr/bin/env bash",
        `# ${purpose}`,
        "set -euo pipefail",
        "export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "",
    ].join("\n");
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

// Writes up an offline update diff: diff.json, diff.md (a pull-request comment) and the short table the CLI prints.
import { RestartReport } from "./diff-restarts";
import { DiffEntry, UpdateDiff } from "./update-diff";

/** Secret paths that changed, per resource (names only; values are never in the report). */
export type SecretChanges = ReadonlyMap<string, readonly string[]>;

/** Everything a diff report shows. */
export interface DiffReport {
    /** The stack rendered. */
    readonly stack: string;
    /** The directory diffed against, as given. */
    readonly against: string;
    /** diff.json's content. */
    readonly diff: UpdateDiff;
    /** Changed secret paths by URN. */
    readonly secrets: SecretChanges;
    /** Restarts and what cannot be told. */
    readonly restarts: RestartReport;
}

const MD_ROWS = 200;
const CLI_ROWS = 20;
const PATHS_SHOWN = 4;

const nameOf = (urn: string): string => urn.split("::").pop() ?? urn;
const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function pathsText(paths: readonly string[]): string {
    const shown = paths.slice(0, PATHS_SHOWN).map((path) => `\`${path}\``);
    return paths.length > PATHS_SHOWN ? `${shown.join(", ")} (+${paths.length - PATHS_SHOWN} more)` : shown.join(", ");
}

/** The one-line summary: counts of every op. */
export function summaryLine(diff: UpdateDiff): string {
    const s = diff.summary;
    return `${s.create} to create, ${s.update} to update, ${s.replace} to replace, ${s.delete} to delete, ${s.same} unchanged`;
}

const changedEntries = (diff: UpdateDiff): DiffEntry[] => diff.resources.filter((entry) => entry.op !== "same");

/** diff.json: exactly the documented shape. */
export function diffJson(diff: UpdateDiff): string {
    const resources = diff.resources.map(({ urn, type, op, changed, reason }) => ({ urn, type, op, changed, reason }));
    const { create, update, replace, delete: deleted, same } = diff.summary;
    return `${JSON.stringify({ resources, summary: { create, update, replace, delete: deleted, same } }, null, 2)}\n`;
}

function section(title: string, lines: readonly string[]): string[] {
    return lines.length === 0 ? [] : ["", `### ${title}`, "", ...lines.map((line) => `- ${line}`)];
}

/** diff.md: a summary line, the table of resources that change, changed secret paths, restarts and what cannot be told. */
export function diffMarkdown(report: DiffReport): string {
    const changed = changedEntries(report.diff);
    const table =
        changed.length === 0
            ? ["", "No resource changes."]
            : [
                  "",
                  "| op | resource | type | changed | reason |",
                  "| --- | --- | --- | --- | --- |",
                  ...changed
                      .slice(0, MD_ROWS)
                      .map(
                          (entry) =>
                              `| ${entry.op} | ${cell(nameOf(entry.urn))} | \`${entry.type}\` | ${cell(pathsText(entry.changed))} | ${cell(entry.reason)} |`,
                      ),
                  ...(changed.length > MD_ROWS ? ["", `… and ${changed.length - MD_ROWS} more in diff.json.`] : []),
              ];
    const secrets = [...report.secrets].map(([urn, paths]) => `${nameOf(urn)}: ${pathsText(paths)} (secret: value not shown)`);
    return [
        `## Offline diff of stack \`${report.stack}\` against \`${report.against}\``,
        "",
        `**${summaryLine(report.diff)}**`,
        ...table,
        ...section("Secret inputs that changed (values never shown)", secrets),
        ...section("Pods restarted", report.restarts.restarts),
        ...section("Not known offline", report.restarts.unknown),
        "",
        "_Simulated offline by `npm run render -- --against`: provider-side diffs (server defaults, drift, Helm's own diff) are not seen._",
        "",
    ].join("\n");
}

/** What the CLI prints: the summary and a short table of the resources that change. */
export function diffText(report: DiffReport): string {
    const changed = changedEntries(report.diff);
    const rows = changed.slice(0, CLI_ROWS).map((entry) => `  ${entry.op.padEnd(8)}${nameOf(entry.urn).padEnd(40)} ${entry.reason}`);
    const more = changed.length > CLI_ROWS ? [`  … and ${changed.length - CLI_ROWS} more (diff.md, diff.json)`] : [];
    const restarts = report.restarts.restarts.length > 0 ? [`pods restarted: ${report.restarts.restarts.length} (see diff.md)`] : [];
    return [`diff against ${report.against}: ${summaryLine(report.diff)}`, ...rows, ...more, ...restarts].join("\n");
}

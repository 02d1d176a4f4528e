// The tables of the benchmark report: the ideal comparison, anchors, scale, growth, render, blast radius.
import { BlastRadius } from "./blast-radius";
import { EdgePattern } from "./compare";
import { duration, growthExponent, mib, ms, ratio, table } from "./format";
import { RenderFigures } from "./render-timing";
import { Figures } from "./tasks";

/** One measured configuration with its label. */
export interface Row {
    /** `stack cilium-lab` or the mesh kind. */
    readonly label: string;
    /** Cluster count (synthetic). */
    readonly clusters?: number;
    /** Its figures. */
    readonly figures: Figures;
}

const clustersOf = (row: Row) => (row.clusters === undefined ? "-" : String(row.clusters));

/** Program critical path against the ideal one (and the measured makespan where the virtual clock ran). */
export function idealTable(rows: readonly Row[]): string {
    return table(
        ["case", "clusters", "resources", "program critical path", "ideal critical path", "program ÷ ideal", "makespan (virtual clock)", "not wired yet"],
        rows.map((row) => [row.label, clustersOf(row), String(row.figures.resources), duration(row.figures.programSeconds),
            duration(row.figures.idealSeconds), ratio(row.figures.programSeconds, row.figures.idealSeconds),
            duration(row.figures.makespanSeconds), row.figures.pending.join(", ") || "-"]),
    );
}

/** Edge patterns per case (`extra`: the program adds them; `missing`: the ideal has them, the program does not). */
export function edgeTable(rows: readonly Row[], pick: (figures: Figures) => readonly EdgePattern[]): string {
    const lines = rows.flatMap((row) => pick(row.figures).map((edge) => [
        `${row.label}${row.clusters === undefined ? "" : ` × ${row.clusters}`}`, edge.pattern, String(edge.count),
        edge.onCriticalPath ? "**yes**" : "no", `\`${edge.example}\``,
    ]));
    return lines.length === 0 ? "None." : table(["case", "edge (`peer` = another cluster)", "count", "on the critical path", "example"], lines);
}

/** Program, ideal and the two anchors on the same latency table. */
export function anchorTable(rows: readonly Row[]): string {
    return table(
        ["case", "clusters", "program critical path", "ideal", "Cilium CLI flow (pairwise connect rounds)", "by hand, in the seeds' order", "CLI ÷ program", "by hand ÷ program"],
        rows.map((row) => {
            const f = row.figures;
            return [row.label, clustersOf(row), duration(f.programSeconds), duration(f.idealSeconds),
                f.cli ? `${duration(f.cli.seconds)} (${f.cli.rounds})` : "-", duration(f.byHandSeconds),
                f.cli ? ratio(f.cli.seconds, f.programSeconds) : "-", ratio(f.byHandSeconds, f.programSeconds)];
        }),
    );
}

/** Program cost per size. */
export function scaleTable(rows: readonly Row[]): string {
    return table(
        ["mesh", "clusters", "resources", "program critical path", "÷ ideal", "program wall", "program CPU", "live heap", "worker peak RSS"],
        rows.map((row) => [row.label, clustersOf(row), String(row.figures.resources), duration(row.figures.programSeconds),
            ratio(row.figures.programSeconds, row.figures.idealSeconds), ms(row.figures.wallMs), ms(row.figures.cpuMs),
            mib(row.figures.peakHeapMiB), mib(row.figures.peakRssMiB)]),
    );
}

/** Growth exponents (log-log slope) over sizes ≥ `from`, one line per mesh kind. */
export function growthTable(byKind: ReadonlyMap<string, readonly Row[]>, from: number): string {
    const lines = [...byKind].map(([kind, rows]) => {
        const big = rows.filter((row) => (row.clusters ?? 0) >= from);
        const fit = (pick: (f: Figures) => number | undefined) => {
            // Points without a value (no full GC ran) are left out (growthExponent drops non-positive y).
            const slope = growthExponent(big.map((row) => ({ x: row.clusters ?? 0, y: pick(row.figures) ?? 0 })));
            return Number.isNaN(slope) ? "-" : slope.toFixed(2);
        };
        const sizes = big.map((row) => row.clusters).join(", ");
        return [kind, sizes || "-", fit((f) => f.resources), fit((f) => f.wallMs), fit((f) => f.cpuMs), fit((f) => f.peakHeapMiB)];
    });
    return table(["mesh", "sizes fitted", "resources", "program wall", "program CPU", "live heap"], lines);
}

/** The render of the largest case. */
export function renderTable(kind: string, clusters: number, render: RenderFigures): string {
    const total = render.programMs + render.planMs + render.artifactsMs + render.writeMs;
    return table(["case", "program run", "plan.json", "artifacts", "write", "total", "files", "size", "RSA keys a plain `npm run render` generates afresh"],
        [[`${kind} × ${clusters}`, ms(render.programMs), ms(render.planMs), ms(render.artifactsMs), ms(render.writeMs), ms(total),
            String(render.files), `${(render.bytes / 2 ** 20).toFixed(1)} MiB`,
            render.freshKeysMs > 0 ? `not in this run (keys reused): +${ms(render.freshKeysMs)} for ${render.rsaKeys} keys ≈ ${ms(total + render.freshKeysMs)}`
                : `included: ${render.rsaKeys} keys generated in the run`]]);
}

function restartsText(radius: BlastRadius): string {
    const byWorkload = new Map<string, { clusters: number; pods: number; assumed: boolean }>();
    radius.restarts.forEach((restart) => {
        const entry = byWorkload.get(restart.workload) ?? { clusters: 0, pods: 0, assumed: false };
        byWorkload.set(restart.workload, { clusters: entry.clusters + 1, pods: entry.pods + restart.pods, assumed: entry.assumed || restart.assumed });
    });
    const text = [...byWorkload].map(([name, entry]) => `${name} ×${entry.clusters} clusters (${entry.pods} pods${entry.assumed ? ", assumed" : ""})`);
    const pending = radius.pending.length > 0 ? [`pending next restart: ${radius.pending.length} release(s)`] : [];
    const unknown = radius.unknownCharts.length > 0 ? [`not counted: charts ${radius.unknownCharts.join(", ")}`] : [];
    return [...text, ...pending, ...unknown].join("; ") || "-";
}

/** One mesh kind's blast radius, one row per change. */
export function blastTable(changes: readonly { title: string; radius: BlastRadius }[]): string {
    return table(
        ["change", "existing resources", "added", "updated", "replaced", "deleted", "node scripts re-run", "Helm releases changed", "pods restarted", "what restarts"],
        changes.map(({ title, radius }) => [title, String(radius.existing), String(radius.added), String(radius.updated), String(radius.replaced),
            String(radius.deleted), `${radius.nodeScriptReruns}${radius.nodeDeleteScripts > 0 ? ` (+${radius.nodeDeleteScripts} delete scripts)` : ""}`, String(radius.releasesChanged),
            `${radius.podsRestarted}${radius.recreated.length > 0 ? ` (+ re-created: ${radius.recreated.join(", ")})` : ""}`, restartsText(radius)]),
    );
}

/** What changed, by resource shape (`<c>` stands for each cluster). */
export function changeDetails(changes: readonly { title: string; radius: BlastRadius }[]): string {
    return changes.map(({ title, radius }) => {
        const groups = radius.groups.slice(0, 8).map((group) => {
            const paths = group.paths.length > 3 ? [...group.paths.slice(0, 3), `… ${group.paths.length - 3} more`] : group.paths;
            return `\`${group.name}\` ×${group.count} ${group.action}${paths.length > 0 ? ` (${paths.join(", ")})` : ""}`;
        });
        const more = radius.groups.length > 8 ? [`… ${radius.groups.length - 8} more shapes`] : [];
        return `- **${title}**: ${[...groups, ...more].join("; ") || "nothing changes"}`;
    }).join("\n");
}

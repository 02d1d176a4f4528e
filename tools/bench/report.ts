// Formats benchmark results: the Markdown table, the scaling exponents and an SVG plot.
import { BlastRadius } from "./blast-radius";
import { TimingResult } from "./case";

/** One timing row of the report. */
export interface TimingRow {
    /** Case label (stack name or mesh kind). */
    readonly label: string;
    /** Cluster count (synthetic cases). */
    readonly clusters?: number;
    /** The measurement. */
    readonly result: TimingResult;
}

const fixed = (value: number, digits = 0) => value.toFixed(digits);

/** Least-squares slope of log(y) against log(x): the growth exponent. */
export function growthExponent(points: readonly { x: number; y: number }[]): number {
    const logs = points.filter((p) => p.x > 0 && p.y > 0).map((p) => ({ x: Math.log(p.x), y: Math.log(p.y) }));
    const n = logs.length;
    if (n < 2) {
        return NaN;
    }
    const mx = logs.reduce((s, p) => s + p.x, 0) / n;
    const my = logs.reduce((s, p) => s + p.y, 0) / n;
    const num = logs.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
    const den = logs.reduce((s, p) => s + (p.x - mx) ** 2, 0);
    return num / den;
}

/** The timing table. */
export function timingTable(rows: readonly TimingRow[]): string {
    const header = [
        "| case | clusters | resources | makespan (s) | critical path (s) | ratio | sequential (s) | program wall (ms) | program CPU (ms) | peak RSS (MiB) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ];
    const lines = rows.map(({ label, clusters, result }) => {
        const ratio = result.criticalPathSeconds > 0 ? result.makespanSeconds / result.criticalPathSeconds : NaN;
        return `| ${label} | ${clusters ?? "-"} | ${result.resources} | ${fixed(result.makespanSeconds)} | ` +
            `${fixed(result.criticalPathSeconds)} | ${Number.isNaN(ratio) ? "-" : fixed(ratio, 3)} | ${fixed(result.sequentialSeconds)} | ` +
            `${fixed(result.programWallMs)} | ${fixed(result.programCpuMs)} | ${fixed(result.peakRssMiB)} |`;
    });
    return [...header, ...lines].join("\n");
}

/** The blast-radius table. */
export function blastTable(rows: readonly { mesh: string; clusters: number; radius: BlastRadius }[]): string {
    return [
        "| mesh | N → N+1 | existing resources | added | changed inputs | replaced | node scripts re-run | what changed |",
        "|---|---|---|---|---|---|---|---|",
        ...rows.map(({ mesh, clusters, radius }) =>
            `| ${mesh} | ${clusters} → ${clusters + 1} | ${radius.existing} | ${radius.added} | ${radius.changed} | ${radius.replaced} | ` +
            `${radius.nodeScriptReruns} | ${radius.changedUrns.map((urn) => urn.split("::").pop()).join(", ") || "-"} |`),
    ].join("\n");
}

/** A line chart of makespan and critical path against cluster count, one pair of lines per mesh. */
export function plotSvg(series: readonly { mesh: string; points: { clusters: number; makespan: number; critical: number }[] }[]): string {
    const width = 640;
    const height = 400;
    const pad = 50;
    const all = series.flatMap((s) => s.points);
    const maxX = Math.max(...all.map((p) => p.clusters), 1);
    const maxY = Math.max(...all.flatMap((p) => [p.makespan, p.critical]), 1);
    const x = (v: number) => pad + (v / maxX) * (width - 2 * pad);
    const y = (v: number) => height - pad - (v / maxY) * (height - 2 * pad);
    const colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];
    const lines = series.flatMap((s, i) => {
        const color = colors[i % colors.length];
        const path = (pick: (p: { makespan: number; critical: number }) => number) =>
            s.points.map((p, j) => `${j ? "L" : "M"}${x(p.clusters).toFixed(1)},${y(pick(p)).toFixed(1)}`).join(" ");
        return [
            `<path d="${path((p) => p.makespan)}" stroke="${color}" fill="none" stroke-width="2"/>`,
            `<path d="${path((p) => p.critical)}" stroke="${color}" fill="none" stroke-width="2" stroke-dasharray="6 4"/>`,
            `<text x="${width - pad - 200}" y="${pad + 16 * i}" fill="${color}" font-size="12">${s.mesh}: makespan (solid), critical path (dashed)</text>`,
        ];
    });
    const ticks = series[0]?.points.map((p) =>
        `<text x="${x(p.clusters).toFixed(1)}" y="${height - pad + 16}" font-size="11" text-anchor="middle">${p.clusters}</text>`) ?? [];
    return [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">`,
        `<rect width="${width}" height="${height}" fill="white"/>`,
        `<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="black"/>`,
        `<line x1="${pad}" y1="${pad}" x2="${pad}" y2="${height - pad}" stroke="black"/>`,
        `<text x="${width / 2}" y="${height - 10}" font-size="12" text-anchor="middle">clusters</text>`,
        `<text x="14" y="${height / 2}" font-size="12" transform="rotate(-90 14 ${height / 2})" text-anchor="middle">simulated seconds (max ${maxY.toFixed(0)})</text>`,
        ...ticks, ...lines, "</svg>", "",
    ].join("\n");
}

// The report's chart: simulated time against cluster count on log-log axes — program, ideal, CLI flow, by hand.
import { BenchReport, scaleRows } from "./report";
import { findMeshKindSpec } from "./synthetic";

interface Series {
    readonly label: string;
    readonly color: string;
    readonly dash: string;
    readonly points: readonly { x: number; y: number }[];
}

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#ff7f0e"];

/** Grid lines of the time axis. */
const TICKS: readonly [number, string][] = [
    [60, "1 min"], [600, "10 min"], [3600, "1 h"], [36000, "10 h"], [86400, "1 d"], [864000, "10 d"], [8640000, "100 d"], [86400000, "1000 d"],
];

/** The series: each kind's program critical path; for Cilium also the ideal, the CLI flow and the by-hand order. */
function series(report: BenchReport): Series[] {
    const out: Series[] = [];
    [...scaleRows(report)].forEach(([kind, rows], i) => {
        const color = COLORS[i % COLORS.length];
        const pick = (y: (row: (typeof rows)[number]) => number | undefined) =>
            rows.flatMap((row) => { const value = y(row); return value !== undefined && value > 0 ? [{ x: row.clusters ?? 1, y: value }] : []; });
        out.push({ label: `${kind}: program`, color, dash: "", points: pick((row) => row.figures.programSeconds) });
        if (findMeshKindSpec(kind)?.cliFlow === true) {
            out.push({ label: `${kind}: ideal`, color, dash: "2 3", points: pick((row) => row.figures.idealSeconds) });
            out.push({ label: `${kind}: CLI flow (pairwise connect)`, color: "#7f7f7f", dash: "8 4", points: pick((row) => row.figures.cli?.seconds) });
            out.push({ label: `${kind}: by hand (seed order)`, color: "#000000", dash: "1 4", points: pick((row) => row.figures.byHandSeconds) });
        }
    });
    return out.filter((s) => s.points.length > 0);
}

/** An SVG line chart (log-log). */
export function plotSvg(report: BenchReport): string {
    const [width, height, pad] = [780, 460, 80];
    const all = series(report);
    const xs = all.flatMap((s) => s.points.map((p) => p.x));
    const ys = all.flatMap((s) => s.points.map((p) => p.y));
    if (xs.length === 0) {
        return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="60"><text x="10" y="30">no scale results</text></svg>\n`;
    }
    const [minX, maxX] = [Math.min(...xs), Math.max(...xs, Math.min(...xs) * 2)];
    const [minY, maxY] = [Math.min(...ys) / 1.5, Math.max(...ys) * 1.5];
    const x = (v: number) => pad + (Math.log(v / minX) / Math.log(maxX / minX)) * (width - 2 * pad);
    const y = (v: number) => height - pad - (Math.log(v / minY) / Math.log(maxY / minY)) * (height - 2 * pad);
    const dash = (s: Series) => (s.dash ? ` stroke-dasharray="${s.dash}"` : "");
    const lines = all.map((s) =>
        `<path d="${s.points.map((p, j) => `${j ? "L" : "M"}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join(" ")}" stroke="${s.color}" fill="none" stroke-width="2"${dash(s)}/>`);
    const legend = all.flatMap((s, i) => [
        `<line x1="${pad}" y1="${16 + 16 * i}" x2="${pad + 40}" y2="${16 + 16 * i}" stroke="${s.color}" stroke-width="2"${dash(s)}/>`,
        `<text x="${pad + 48}" y="${20 + 16 * i}" font-size="12">${s.label}</text>`,
    ]);
    const ticksX = [...new Set(xs)].map((v) => `<text x="${x(v).toFixed(1)}" y="${height - pad + 16}" font-size="11" text-anchor="middle">${v}</text>`);
    const ticksY = TICKS.filter(([v]) => v >= minY && v <= maxY)
        .flatMap(([v, label]) => [
            `<line x1="${pad}" y1="${y(v).toFixed(1)}" x2="${width - pad}" y2="${y(v).toFixed(1)}" stroke="#dddddd"/>`,
            `<text x="${pad - 6}" y="${(y(v) + 4).toFixed(1)}" font-size="11" text-anchor="end">${label}</text>`,
        ]);
    const shift = 16 * all.length + 8 - pad / 2;
    return [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + shift}" font-family="sans-serif">`,
        `<rect width="100%" height="100%" fill="white"/>`,
        ...legend,
        `<g transform="translate(0 ${shift})">`,
        ...ticksY,
        `<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="black"/>`,
        `<line x1="${pad}" y1="${pad}" x2="${pad}" y2="${height - pad}" stroke="black"/>`,
        `<text x="${width / 2}" y="${height - 20}" font-size="12" text-anchor="middle">clusters (log scale)</text>`,
        `<text x="14" y="${height / 2}" font-size="12" transform="rotate(-90 14 ${height / 2})" text-anchor="middle">simulated time to a working mesh (log scale)</text>`,
        ...ticksX, ...lines, "</g>", "</svg>", "",
    ].join("\n");
}

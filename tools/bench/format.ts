// Number formatting and small math for the benchmark report.

/** A duration in the unit a reader wants: seconds, minutes, hours or days. */
export function duration(seconds: number | undefined): string {
    if (seconds === undefined || Number.isNaN(seconds)) {
        return "-";
    }
    if (seconds < 120) {
        return `${seconds.toFixed(0)} s`;
    }
    if (seconds < 7200) {
        return `${(seconds / 60).toFixed(1)} min`;
    }
    return seconds < 172800 ? `${(seconds / 3600).toFixed(1)} h` : `${(seconds / 86400).toFixed(1)} d`;
}

/** `a ÷ b` to three decimals. */
export function ratio(a: number, b: number): string {
    return b > 0 ? (a / b).toFixed(3) : "-";
}

/** Milliseconds as seconds with one decimal. */
export function ms(value: number | undefined): string {
    return value === undefined ? "-" : `${(value / 1000).toFixed(1)} s`;
}

/** A whole number of MiB. */
export function mib(value: number | undefined): string {
    return value === undefined ? "-" : `${value.toFixed(0)} MiB`;
}

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
    return den === 0 ? NaN : num / den;
}

/** A Markdown table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
    const line = (cells: readonly string[]) => `| ${cells.map((cell) => cell.replace(/\|/g, "\\|")).join(" | ")} |`;
    return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

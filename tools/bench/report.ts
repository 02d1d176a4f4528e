// Builds bench/RESULTS.md from the task results: headline, ideal comparison, anchors, scale, render, blast radius, method.
import { BlastRadius } from "./blast-radius";
import { chartRollouts } from "./chart-rollouts";
import { duration, mib, ms, ratio, table } from "./format";
import { manualSteps } from "./anchors";
import { LatencyModel } from "./model";
import { Row, anchorTable, blastTable, changeDetails, edgeTable, growthTable, idealTable, renderTable, scaleTable } from "./report-tables";
import { RenderFigures } from "./render-timing";
import { TaskResult } from "./tasks";

/** Everything one `npm run bench` produced. */
export interface BenchReport {
    /** The long sweep ran. */
    readonly long: boolean;
    /** Latency model used. */
    readonly model: LatencyModel;
    /** Worker processes. */
    readonly workers: number;
    /** CPUs of the machine. */
    readonly cpus: number;
    /** Wall time of the whole run, s. */
    readonly wallSeconds: number;
    /** One-minute load average at the start and at the end (other processes sharing the CPUs slow wall times). */
    readonly load: readonly [number, number];
    /** Node's default heap limit on this machine (what `pulumi up` gets without NODE_OPTIONS), MiB. */
    readonly defaultHeapLimitMiB: number;
    /** Mesh kinds not measured, with why. */
    readonly skipped: Readonly<Record<string, string>>;
    /** Results. */
    readonly results: readonly TaskResult[];
    /** Tasks that failed. */
    readonly failures: readonly { task: string; error: string }[];
}

/** Scale rows per mesh kind, by size. */
export function scaleRows(report: BenchReport): Map<string, Row[]> {
    const byKind = new Map<string, Row[]>();
    for (const result of report.results) {
        if (result.type === "scale") {
            byKind.set(result.kind, [...(byKind.get(result.kind) ?? []), { label: result.kind, clusters: result.clusters, figures: result.figures }]);
        }
    }
    byKind.forEach((rows) => rows.sort((a, b) => (a.clusters ?? 0) - (b.clusters ?? 0)));
    return byKind;
}

function stackRows(report: BenchReport): Row[] {
    return report.results.flatMap((result) => result.type === "stack" ? [{ label: `stack ${result.stack}`, figures: result.figures }] : [])
        .sort((a, b) => a.label.localeCompare(b.label));
}

function blasts(report: BenchReport): { kind: string; clusters: number; changes: readonly { title: string; radius: BlastRadius }[] }[] {
    return report.results.flatMap((result) => result.type === "blast" ? [result] : []);
}

function largestRender(report: BenchReport): { kind: string; clusters: number; render: RenderFigures } | undefined {
    const found = report.results.find((result) => result.type === "scale" && result.render !== undefined);
    return found?.type === "scale" && found.render ? { kind: found.kind, clusters: found.clusters, render: found.render } : undefined;
}

function headline(report: BenchReport): string[] {
    const lines: string[] = [];
    const stacks = stackRows(report);
    if (stacks.length > 0) {
        lines.push(`- **Program ÷ ideal critical path, lab stacks:** ${stacks.map((row) => `${row.label.replace("stack ", "")} ${ratio(row.figures.programSeconds, row.figures.idealSeconds)}`).join(", ")}.`);
        const costly = [...new Set(stacks.flatMap((row) => row.figures.extraEdges.filter((edge) => edge.onCriticalPath).map((edge) => edge.pattern)))];
        if (costly.length > 0) {
            lines.push(`- **Edges the program adds on a critical path** (each costs time; section 1 names them): ${costly.map((pattern) => `\`${pattern}\``).join(", ")}.`);
        }
    }
    const cilium = scaleRows(report).get("cilium-clustermesh") ?? [];
    const top = cilium[cilium.length - 1];
    if (top) {
        const f = top.figures;
        lines.push(`- **Cilium Cluster Mesh × ${top.clusters}:** program critical path ${duration(f.programSeconds)} (ideal ${duration(f.idealSeconds)}, ratio ${ratio(f.programSeconds, f.idealSeconds)}) — the CLI flow with pairwise \`connect\` would take ${duration(f.cli?.seconds)}, by hand in the seed's order ${duration(f.byHandSeconds)}.`);
        lines.push(`- **Program cost at ${top.clusters} clusters:** ${f.resources} resources, ${ms(f.wallMs)} wall, ${ms(f.cpuMs)} CPU, live heap ${mib(f.peakHeapMiB)} `
            + `(Node's default heap limit here: ${mib(report.defaultHeapLimitMiB)}; worker peak RSS ${mib(f.peakRssMiB)}).`);
    }
    const render = largestRender(report);
    if (render) {
        const r = render.render;
        lines.push(`- **Render of the largest case (${render.kind} × ${render.clusters}):** ${ms(r.programMs + r.planMs + r.artifactsMs + r.writeMs)} with keys reused; a plain \`npm run render\` also generates ${r.rsaKeys} RSA keys afresh (≈ +${ms(r.freshKeysMs)}).`);
    }
    for (const blast of blasts(report)) {
        const add = blast.changes[0]?.radius;
        if (add) {
            lines.push(`- **Adding a cluster to ${blast.kind} × ${blast.clusters}:** ${add.updated} updated, ${add.replaced} replaced, ${add.nodeScriptReruns} node scripts re-run, ${add.podsRestarted} pods restarted.`);
        }
    }
    Object.entries(report.skipped).forEach(([kind, why]) => lines.push(`- **${kind}:** not measured (${why}).`));
    return lines;
}

function modelTable(model: LatencyModel): string {
    return table(["step kind", "simulated seconds"], Object.entries(model).map(([kind, seconds]) => [kind, String(seconds)]));
}

function restartMethod(): string {
    const charts = Object.entries(chartRollouts).map(([chart, facts]) =>
        `- \`${chart}\`: ${facts.workloads.map((w) => `${w.name} (${w.kind})`).join(", ") || "no workloads"}; ${facts.rules.map((rule) => `\`${rule.path.source}\` — ${rule.why}`).join("; ") || "every change rolls every workload (assumed)"}. Source: ${facts.source}.`);
    return [
        "Pods restarted are inferred from the recorded inputs of the two runs, never from a cluster:",
        "- a **Helm release** update: each changed `values.*` path is matched against the chart's rules below (first match wins);",
        "  a path no rule covers rolls every workload of the chart and is marked *assumed*; a changed chart version rolls everything;",
        "- a **Deployment/DaemonSet/StatefulSet** object whose `spec.template` changed (or that is replaced) rolls;",
        "- a **command** that re-runs a script containing `kubectl rollout restart` rolls what it names;",
        "- pods count as nodes of the cluster for a DaemonSet, else the replicas in the values (chart default otherwise);",
        "- a re-created cluster (new incarnation, so a replaced provider) is listed apart: its pods are new, not restarted.",
        "",
        ...charts,
    ].join("\n");
}

function manualText(): string {
    return Object.entries(manualSteps).map(([kind, steps]) => `- ${kind}: ${steps.map((step) => `${step.what} (${step.costs.join(" + ")})`).join("; ")}`).join("\n");
}

function idealSection(stacks: readonly Row[], byKind: ReadonlyMap<string, Row[]>): string[] {
    const synthetic = [...byKind.values()].flat();
    const analysed = [...byKind.values()].flatMap((rows) => rows.filter((row) => row.figures.extraEdges.length + row.figures.missingEdges.length > 0).slice(-1));
    const rules = [...new Set([...stacks, ...synthetic].flatMap((row) => row.figures.rules))];
    return [
        "## 1. The program against the ideal graph",
        "",
        "The ideal graph (`tools/bench/ideal-*.ts`) is written from how the technologies work, not read from the components: per node, prepare → init → API ready; joins need only init, the token and their own node; every layer above the CNI needs the API and the CNI running (no pod schedules before); each layer kind adds only what it truly needs (rules below; mesh wiring needs the CA and pinned peer addresses, never the peers' health). Inside one layer of one cluster the components' own order is trusted (a chart before the objects of its CRDs); provisioning and everything across layers and clusters is judged. The ideal critical path is the program's own graph with every edge the rules do not justify removed (what the program met through it kept) and every rule it lacks added; the same latency table times both, so the ratio measures ordering only.",
        "",
        idealTable([...stacks, ...synthetic.filter((row) => (row.clusters ?? 0) <= 16)]),
        "",
        "### Edges the program adds beyond the ideal",
        "",
        edgeTable([...stacks, ...analysed], (f) => f.extraEdges),
        "",
        "### Edges the ideal has and the program lacks (possible races)",
        "",
        edgeTable([...stacks, ...analysed], (f) => f.missingEdges),
        "",
        "### The ideal rules applied",
        "",
        ...rules.map((rule) => `- ${rule}`),
        ...unmappedLines([...stacks, ...synthetic]),
        "",
    ];
}

function unmappedLines(rows: readonly Row[]): string[] {
    const names = [...new Set(rows.flatMap((row) => row.figures.unmapped))];
    return names.length === 0 ? [] : ["", `Resources that take time but fit no ideal step (left out of the ideal, kept in the program): ${names.map((n) => `\`${n}\``).join(", ")}.`];
}

function anchorSection(rows: readonly Row[]): string[] {
    return [
        "## 2. Anchors on the same latency table",
        "",
        "*By hand*: every step one after another plus the manual steps each seed adds. *CLI flow* (Cilium): from the moment every cluster runs Cilium, `cilium clustermesh enable` everywhere at once, then pairwise `connect`s — each upgrades both releases in turn, a release takes one upgrade at a time, so they run in round-robin rounds (n−1 for even n, n for odd) — then `cilium clustermesh status`. (The CLI's `--connection-mode mesh` is left out: the seed connects pairwise.)",
        "",
        anchorTable(rows),
        "",
        "Manual steps added to the by-hand order:",
        "",
        manualText(),
        "",
    ];
}

function scaleSection(report: BenchReport, byKind: ReadonlyMap<string, Row[]>): string[] {
    const render = largestRender(report);
    return [
        "## 3. Scale",
        "",
        `Synthetic stacks of n kubeadm clusters (1 control plane + 3 workers each), one mesh kind each, up to each kind's maximum (${report.long ? "the long sweep: 2 … 128, 255 and 511" : "the default run samples 2, 8, 32, 64 and the maximum; `--long` sweeps 2 … 128, 255 and 511"}). Program wall and CPU are one run without delays in a warm worker; CPU includes config validation and the offline engine's simulated providers (one key per shape reused); live heap is read from the worker's V8 GC trace: the largest heap in use right after a full (mark-compact) GC during the run — one is forced when the program has declared every resource and their registrations are in flight (its time is left out of wall and CPU) — above the heap after a forced GC just before the run (it includes the engine's recording of every input, about 5 MiB of JSON per 1000 resources); worker peak RSS is shown only for a worker's first task (the high-water mark never falls), which the largest case is.`,
        "",
        scaleTable([...byKind.values()].flat()),
        "",
        "Growth exponents (log-log slope, sizes ≥ 8):",
        "",
        growthTable(byKind, 8),
        "",
        ...(render ? ["### Render of the largest case", "", renderTable(render.kind, render.clusters, render.render), ""] : []),
        ...report.results.flatMap((result) => result.type === "render" ? [
            "Measured with every key generated afresh, as `npm run render` does:", "", renderTable(result.kind, result.clusters, result.render), "",
        ] : []),
    ];
}

function blastSection(report: BenchReport): string[] {
    return [
        "## 4. Blast radius",
        "",
        "Each kind starts from 3 clusters; the changes run in sequence on one remembered state, each `up` after the last (the engine's replace-aware state: a new cluster incarnation replaces its provider and everything in it). Local waits and gates re-run when their triggers change; they count as replaced.",
        "",
        ...blasts(report).flatMap((blast) => [`### ${blast.kind}`, "", blastTable(blast.changes), "", changeDetails(blast.changes), ""]),
        ...Object.entries(report.skipped).map(([kind, why]) => `- **${kind}**: ${why}; its rows fill in here once the area is wired (no bench change needed).`),
        "",
        "### How restarts are inferred",
        "",
        restartMethod(),
        "",
    ];
}

/** The whole Markdown report. */
export function buildReport(report: BenchReport): string {
    const stacks = stackRows(report);
    const byKind = scaleRows(report);
    return [
        "# Benchmark results",
        "",
        `Generated by \`npm run bench${report.long ? " -- --long" : ""}\` in ${duration(report.wallSeconds)} on ${report.cpus} CPUs with ${report.workers} worker processes `
            + `(load average ${report.load[0].toFixed(1)} at the start, ${report.load[1].toFixed(1)} at the end: wall times grow when other processes share the CPUs; CPU times do not). `
            + "Every figure comes from running the real stack program on the offline engine; simulated times use the latency table at the end.",
        "",
        "## Headline",
        "",
        ...headline(report),
        "",
        ...idealSection(stacks, byKind),
        ...anchorSection([...stacks, ...[...byKind.values()].flat()]),
        ...scaleSection(report, byKind),
        ...blastSection(report),
        ...(report.failures.length > 0 ? ["## Failures", "", ...report.failures.map((f) => `- ${f.task}: ${f.error}`), ""] : []),
        "## Latency model (`tools/bench/model.ts`, override with `--model file.json`)",
        "",
        modelTable(report.model),
        "",
        "![critical path, ideal, CLI flow and by-hand order against cluster count](makespan.svg)",
        "",
    ].join("\n");
}

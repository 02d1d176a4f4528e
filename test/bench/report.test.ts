import { expect } from "chai";
import { BlastRadius } from "../../tools/bench/blast-radius";
import { defaultModel } from "../../tools/bench/model";
import { planTasks } from "../../tools/bench/plan";
import { markCompactAfter } from "../../tools/bench/pool";
import { plotSvg } from "../../tools/bench/plot";
import { BenchReport, buildReport } from "../../tools/bench/report";
import { Figures } from "../../tools/bench/tasks";

const figures = (clusters: number, extra: Partial<Figures> = {}): Figures => ({
    resources: 50 * clusters, programSeconds: 600, idealSeconds: 580, byHandSeconds: 3000 * clusters, makespanSeconds: 600,
    cli: { readySeconds: 500, rounds: clusters - 1, seconds: 700 + 120 * clusters }, wallMs: 100 * clusters, cpuMs: 80 * clusters,
    peakHeapMiB: 10 * clusters, programChain: [], idealChain: [], missingEdges: [], unmapped: [], pending: [], rules: ["cni cilium: why"],
    extraEdges: [{ pattern: "cni.running → loadBalancer.prereq", count: clusters, onCriticalPath: true, example: "a → b" }],
    ...extra,
});

const radius: BlastRadius = {
    existing: 10, added: 5, updated: 3, replaced: 6, deleted: 0, nodeScriptReruns: 0, nodeDeleteScripts: 0, releasesChanged: 3,
    podsRestarted: 3, clustersRestarting: 3, recreated: [], pending: [], unknownCharts: [],
    restarts: ["c001", "c002", "c003"].map((cluster) => ({ cluster, workload: "clustermesh-apiserver", pods: 1, why: "peers", assumed: false })),
    groups: [{ name: "cilium-<c>-release", action: "update", count: 3, paths: ["values.clustermesh.config.clusters.<c>"] }],
};

const report: BenchReport = {
    long: false, model: defaultModel, workers: 2, cpus: 2, wallSeconds: 170, load: [0.5, 1.5], defaultHeapLimitMiB: 4144,
    skipped: { contrail: "pending: multicluster contrail not wired yet" },
    failures: [{ task: "scale linkerd × 8", error: "boom" }],
    results: [
        { type: "stack", stack: "cilium-lab", figures: figures(2) },
        ...[2, 8, 32, 255].map((clusters) => ({ type: "scale" as const, kind: "cilium-clustermesh" as const, clusters, figures: figures(clusters) })),
        { type: "blast", kind: "cilium-clustermesh", clusters: 3, changes: [{ title: "add a cluster (3 → 4)", radius }] },
    ],
};

describe("benchmark report", () => {
    it("states the headline figures, the tables, the pending kinds and the failures", () => {
        const text = buildReport(report);
        expect(text).to.include("- **Program ÷ ideal critical path, lab stacks:** cilium-lab 1.034.");
        expect(text).to.include("- **Cilium Cluster Mesh × 255:** program critical path 10.0 min (ideal 9.7 min, ratio 1.034)");
        expect(text).to.include("`cni.running → loadBalancer.prereq`");
        expect(text).to.include("| add a cluster (3 → 4) | 10 | 5 | 3 | 6 | 0 | 0 | 3 | 3 | clustermesh-apiserver ×3 clusters (3 pods) |");
        expect(text).to.include("- **contrail**: pending: multicluster contrail not wired yet");
        expect(text).to.include("- scale linkerd × 8: boom");
        expect(text).to.include("| cilium-clustermesh | 8, 32, 255 | 1.00 | 1.00 | 1.00 | 1.00 |");
    });

    it("reads the heap after a full GC from V8's GC trace, and nothing from other lines", () => {
        expect(markCompactAfter("[1:0x1]  51 ms: Mark-Compact 13.8 (18.5) -> 2.5 (11.7) MB, 4.01 / 0.00 ms  (average mu = 0.9) testing")).to.equal(2.5);
        expect(markCompactAfter("[1:0x1]  17 ms: Scavenge 3.9 (4.0) -> 3.5 (5.0) MB, 1.02 / 0.00 ms")).to.equal(undefined);
        expect(markCompactAfter("[1:0x1] 9 ms: Mark-Compact (reduce) 812.3 (850.1) -> 640.2 (851.0) MB, 1 / 0 ms")).to.equal(640.2);
    });

    it("plots one line per series on log-log axes", () => {
        const svg = plotSvg(report);
        expect(svg.match(/<path /g)).to.have.length(4);
        expect(svg).to.include("cilium-clustermesh: CLI flow (pairwise connect)");
    });

    it("plans the largest tasks first, one blast radius per ready kind, and times the render on the largest Cilium mesh", () => {
        const { tasks } = planTasks({ long: false, workers: 2, model: defaultModel, kinds: ["cilium-clustermesh", "none"] });
        expect(tasks[0]).to.deep.include({ type: "scale", kind: "cilium-clustermesh", clusters: 255, render: true });
        expect(tasks.filter((task) => task.type === "blast").map((task) => task.type === "blast" && task.kind)).to.have.members(["cilium-clustermesh", "none"]);
        expect(tasks.filter((task) => task.type === "scale" && task.render)).to.have.length(1);
    });
});

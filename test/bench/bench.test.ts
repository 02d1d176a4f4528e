import { expect } from "chai";
import { criticalPath, earliestFinish, sequentialSum } from "../../tools/bench/critical-path";
import { defaultModel, durationOf, stepKind } from "../../tools/bench/model";
import { VirtualClock } from "../../tools/bench/virtual-clock";
import { growthExponent, table } from "../../tools/bench/format";
import { byHandSeconds, ciliumCliFlow, connectRounds } from "../../tools/bench/anchors";
import { sweepSizes } from "../../tools/bench/plan";
import { parsedConfig, syntheticInput } from "../../tools/bench/bench-input";

describe("benchmark model and graph math (no timing)", () => {
    const node = (urn: string, seconds: number, dependencies: string[] = []) => ({ urn, seconds, dependencies });

    it("finds the longest dependent chain, not the longest single step", () => {
        const nodes = [
            node("prep-a", 240), node("prep-b", 240), node("init", 120, ["prep-a"]),
            node("join-b", 60, ["prep-b", "init"]), node("cni", 90, ["init"]), node("other", 300),
        ];
        expect(criticalPath(nodes)).to.deep.equal({ seconds: 450, chain: ["prep-a", "init", "cni"] });
        expect(sequentialSum(nodes)).to.equal(1050);
        expect(earliestFinish(nodes).get("join-b")?.seconds).to.equal(420);
    });

    it("ignores dependencies outside the graph and rejects cycles", () => {
        expect(criticalPath([node("a", 1, ["missing"])]).seconds).to.equal(1);
        expect(() => criticalPath([node("a", 1, ["b"]), node("b", 1, ["a"])])).to.throw("dependency cycle");
    });

    const kinds: [string, string, string][] = [
        ["command:remote:Command", "east-cp-1-prepare", "prepareNode"],
        ["command:remote:Command", "east-init", "kubeadmInit"],
        ["command:remote:Command", "east-ready", "waitReady"],
        ["command:remote:Command", "east-worker-1-join", "kubeadmJoin"],
        ["command:remote:Command", "east-worker-1-cleanup", "remoteOther"],
        ["command:local:Command", "dev-east-cluster", "kindCreate"],
        ["command:local:Command", "kind-east-kubeconfig", "localOther"],
        ["command:local:Command", "cilium-mesh-east-health", "healthGate"],
        ["command:local:Command", "antrea-clusterset-member-east-gateway-node", "localOther"],
        ["command:local:Command", "cilium-east-running", "podsReady"],
        ["command:local:Command", "linkerd-east-control-plane-ready", "podsReady"],
        ["command:local:Command", "cilium-lb-east-crds", "crdWait"],
        ["kubernetes:helm.sh/v3:Release", "cilium-east-release", "helmCni"],
        ["kubernetes:core/v1:ConfigMap", "east-settings", "kubernetesObject"],
        ["tls:index/privateKey:PrivateKey", "east-ca-key", "localCrypto"],
        ["multicluster:kubeadm:KubeadmCluster", "east", "instant"],
    ];
    for (const [type, name, kind] of kinds) {
        it(`classifies ${type} ${name} as ${kind}`, () => {
            expect(stepKind(type, name)).to.equal(kind);
        });
    }

    it("gives components and providers no duration", () => {
        expect(durationOf("pulumi:providers:kubernetes", "east-k8s", defaultModel)).to.equal(0);
    });

    it("measures growth exponents on log-log data", () => {
        expect(growthExponent([1, 2, 4, 8].map((x) => ({ x, y: 3 * x })))).to.be.closeTo(1, 1e-9);
        expect(growthExponent([1, 2, 4, 8].map((x) => ({ x, y: x * x })))).to.be.closeTo(2, 1e-9);
        expect(growthExponent([{ x: 2, y: 1 }])).to.be.NaN;
    });

    it("escapes pipes in Markdown table cells", () => {
        expect(table(["a"], [["x | y"]])).to.equal("| a |\n| --- |\n| x \\| y |");
    });
});

describe("benchmark anchors", () => {
    it("schedules pairwise connects in round-robin rounds: n−1 for even n, n for odd n", () => {
        expect([1, 2, 3, 4, 5, 254, 255].map(connectRounds)).to.deep.equal([0, 1, 3, 3, 5, 253, 255]);
    });

    it("times the CLI flow from the moment every cluster runs Cilium", () => {
        const config = parsedConfig(syntheticInput("cilium-clustermesh", 4));
        const finish = new Map([["c001|cni.running", 400], ["c002|cni.running", 450], ["c003|cni.running", 420], ["c004|cni.running", 410]]);
        const flow = ciliumCliFlow(config, finish, defaultModel);
        const m = defaultModel;
        expect(flow).to.deep.equal({ readySeconds: 450, rounds: 3, seconds: 450 + m.helmOther + m.podsReady + 3 * 2 * m.helmOther + m.healthGate });
        expect(ciliumCliFlow(parsedConfig(syntheticInput("none", 4)), finish, defaultModel)).to.equal(undefined);
    });

    it("adds the seed's manual steps to the by-hand order, growing with pairs", () => {
        const m = defaultModel;
        const config = parsedConfig(syntheticInput("cilium-clustermesh", 4));
        const manual = 4 * (m.helmOther + m.podsReady) + 6 * 2 * m.helmOther + 4 * 2 * m.podsReady;
        expect(byHandSeconds(config, 1000, m)).to.equal(1000 + manual);
        expect(byHandSeconds(parsedConfig(syntheticInput("none", 4)), 1000, m)).to.equal(1000);
    });

    it("samples the largest sizes by default and sweeps them all with --long", () => {
        expect(sweepSizes(255, false)).to.deep.equal([2, 8, 32, 64, 255]);
        expect(sweepSizes(511, true)).to.deep.equal([2, 4, 8, 16, 32, 64, 128, 255, 511]);
        expect(sweepSizes(16, false)).to.deep.equal([2, 8, 16]);
    });
});

describe("benchmark virtual clock", () => {
    it("wakes sleepers in virtual-time order and advances only to due times", async () => {
        const clock = new VirtualClock();
        const woke: [string, number][] = [];
        const nap = async (label: string, seconds: number) => {
            await clock.sleep(seconds);
            woke.push([label, clock.now]);
        };
        await Promise.all([nap("long", 240), nap("short", 5), (async () => {
            await nap("first", 120);
            await nap("chained", 60);
        })()]);
        expect(woke).to.deep.equal([["short", 5], ["first", 120], ["chained", 180], ["long", 240]]);
    });

    it("counts CPU-busy stretches as zero virtual time", async () => {
        const clock = new VirtualClock();
        const busy = (ms: number) => {
            const end = Date.now() + ms;
            while (Date.now() < end) { /* spin */ }
        };
        await clock.sleep(10);
        busy(30);
        await clock.sleep(10);
        expect(clock.now).to.equal(20);
    });

    it("holds time still while real asynchronous work is in flight", async () => {
        const clock = new VirtualClock();
        const woke: [string, number][] = [];
        const work = new Promise((resolve) => setTimeout(resolve, 30));
        clock.hold(work);
        const late = work.then(async () => {
            await clock.sleep(1);
            woke.push(["after work", clock.now]);
        });
        await Promise.all([clock.sleep(10).then(() => woke.push(["ten", clock.now])), late]);
        expect(woke).to.deep.equal([["after work", 1], ["ten", 10]]);
    });
});

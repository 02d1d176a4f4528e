import { expect } from "chai";
import { blastRadius } from "../../tools/bench/blast-radius";
import { criticalPath, sequentialSum } from "../../tools/bench/critical-path";
import { defaultModel, durationOf, stepKind } from "../../tools/bench/model";
import { VirtualClock } from "../../tools/bench/virtual-clock";
import { growthExponent } from "../../tools/bench/report";
import { RecordedResource } from "../../tools/engine/recorder";

describe("benchmark model and graph math (no timing)", () => {
    const node = (urn: string, seconds: number, dependencies: string[] = []) => ({ urn, seconds, dependencies });

    it("finds the longest dependent chain, not the longest single step", () => {
        const nodes = [
            node("prep-a", 240), node("prep-b", 240), node("init", 120, ["prep-a"]),
            node("join-b", 60, ["prep-b", "init"]), node("cni", 90, ["init"]), node("other", 300),
        ];
        expect(criticalPath(nodes)).to.deep.equal({ seconds: 450, chain: ["prep-a", "init", "cni"] });
        expect(sequentialSum(nodes)).to.equal(1050);
    });

    it("ignores dependencies outside the graph and rejects cycles", () => {
        expect(criticalPath([node("a", 1, ["missing"])]).seconds).to.equal(1);
        expect(() => criticalPath([node("a", 1, ["b"]), node("b", 1, ["a"])])).to.throw("dependency cycle");
    });

    const kinds: [string, string, string][] = [
        ["command:remote:Command", "east-cp-1-prepare", "prepareNode"],
        ["command:remote:Command", "east-init", "kubeadmInit"],
        ["command:remote:Command", "east-worker-1-join", "kubeadmJoin"],
        ["command:local:Command", "dev-east-create", "kindCreate"],
        ["command:local:Command", "mesh-health-east", "healthGate"],
        ["kubernetes:helm.sh/v3:Release", "east-cilium", "helmCni"],
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
    });

    describe("blast radius", () => {
        const options = {
            deleteBeforeReplace: false, additionalSecretOutputs: [], replaceOnChanges: [], ignoreChanges: [],
            deletedWith: null, protect: false, retainOnDelete: false, customTimeouts: null,
        };
        const resource = (urn: string, type: string, inputs: Record<string, unknown>): RecordedResource => ({
            urn, type, name: urn, custom: true, parent: null, provider: null, dependencies: [], inputs, options,
        });

        it("counts updates, replacements and node script re-runs of existing resources only", () => {
            const before = [
                resource("values", "kubernetes:helm.sh/v3:Release", { values: { peers: ["a"] } }),
                resource("join", "command:remote:Command", { create: "join v1" }),
                resource("key", "tls:index/privateKey:PrivateKey", { algorithm: "RSA" }),
                resource("pod", "kubernetes:core/v1:ConfigMap", { metadata: { name: "x" }, data: { a: "1" } }),
            ];
            const after = [
                resource("values", "kubernetes:helm.sh/v3:Release", { values: { peers: ["a", "b"] } }),
                resource("join", "command:remote:Command", { create: "join v2" }),
                resource("key", "tls:index/privateKey:PrivateKey", { algorithm: "ECDSA" }),
                resource("pod", "kubernetes:core/v1:ConfigMap", { metadata: { name: "x" }, data: { a: "1" } }),
                resource("new", "command:remote:Command", { create: "prepare" }),
            ];
            const radius = blastRadius(before, after);
            expect(radius).to.deep.include({ existing: 4, added: 1, changed: 3, replaced: 1, nodeScriptReruns: 1 });
            expect(radius.changedUrns).to.deep.equal(["values", "join", "key"]);
        });
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

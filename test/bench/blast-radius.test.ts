import { expect } from "chai";
import { blastRadius } from "../../tools/bench/blast-radius";
import { changedPaths, diffRecordings } from "../../tools/engine/diff";
import { RecordedResource } from "../../tools/engine/recorder";

const options = {
    deleteBeforeReplace: false, additionalSecretOutputs: [], replaceOnChanges: [] as string[], ignoreChanges: [],
    deletedWith: null, protect: false, retainOnDelete: false, customTimeouts: null, transforms: 0,
};

function resource(name: string, type: string, inputs: Record<string, unknown>, provider: string | null = null): RecordedResource {
    return { urn: `urn:pulumi:s::p::${type}::${name}`, type, name, custom: true, parent: null, provider, dependencies: [], inputs, options };
}

const PROVIDER = "pulumi:providers:kubernetes";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const providerOf = (cluster: string, incarnation = "1") => resource(`${cluster}-k8s`, PROVIDER, { clusterIdentifier: `${cluster}@${incarnation}` });
const providerUrn = (cluster: string) => providerOf(cluster).urn;

function ciliumRelease(cluster: string, values: Record<string, unknown>): RecordedResource {
    return resource(`cilium-${cluster}-release`, RELEASE, { chart: "cilium", version: "1.20.0", values }, providerUrn(cluster));
}

const peers = (names: string[], hostAliasesOff: boolean) => ({
    clustermesh: {
        useAPIServer: true, ...(hostAliasesOff ? { disableKubernetesHostAliases: true } : {}),
        config: { clusters: Object.fromEntries(names.map((name) => [name, { ips: ["10.0.0.1"], port: 32379 }])) },
    },
});

describe("engine diff of two recordings", () => {
    it("lists the leaf paths that changed, arrays compared whole", () => {
        expect(changedPaths({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { b: 2, c: [1, 2, 3] }, e: 1 })).to.deep.equal(["a.b", "a.c", "d", "e"]);
        expect(changedPaths({ same: { x: 1 } }, { same: { x: 1 } })).to.deep.equal([]);
    });

    it("tells creates, updates, replacements (provider rules and replaceOnChanges) and deletes apart", () => {
        const before = [
            resource("cm", "kubernetes:core/v1:ConfigMap", { metadata: { name: "x" }, data: { a: "1" } }),
            resource("key", "tls:index/privateKey:PrivateKey", { algorithm: "RSA" }),
            resource("wait", "command:local:Command", { create: "wait", triggers: ["a"] }),
            resource("gone", "command:local:Command", { create: "x" }),
            { ...resource("forced", "command:local:Command", { create: "x", environment: { A: "1" } }), options: { ...options, replaceOnChanges: ["environment"] } },
        ];
        const after = [
            resource("cm", "kubernetes:core/v1:ConfigMap", { metadata: { name: "x" }, data: { a: "2" } }),
            resource("key", "tls:index/privateKey:PrivateKey", { algorithm: "ECDSA" }),
            resource("wait", "command:local:Command", { create: "wait", triggers: ["b"] }),
            { ...resource("forced", "command:local:Command", { create: "x", environment: { A: "2" } }), options: { ...options, replaceOnChanges: ["environment"] } },
            resource("new", "command:local:Command", { create: "y" }),
        ];
        const actions = Object.fromEntries(diffRecordings(before, after).map((diff) => [diff.name, [diff.action, ...diff.paths]]));
        expect(actions).to.deep.equal({
            cm: ["update", "data.a"], key: ["replace", "algorithm"], wait: ["replace", "triggers"],
            forced: ["replace", "environment.A"], new: ["create"], gone: ["delete"],
        });
    });

    it("replaces everything a re-created cluster's provider manages", () => {
        const before = [providerOf("east", "1"), resource("obj", "kubernetes:core/v1:Namespace", { metadata: { name: "n" } }, providerUrn("east"))];
        const after = [providerOf("east", "2"), resource("obj", "kubernetes:core/v1:Namespace", { metadata: { name: "n" } }, providerUrn("east"))];
        expect(diffRecordings(before, after).map((diff) => [diff.name, diff.action])).to.deep.equal([["east-k8s", "replace"], ["obj", "replace"]]);
    });
});

describe("benchmark blast radius and restart inference", () => {
    const nodes = { east: 4, west: 4, north: 4 };

    it("counts no restart when Cilium peers change and pod host aliases are off (agents hot-reload)", () => {
        const before = [providerOf("east"), ciliumRelease("east", peers(["west"], true))];
        const after = [providerOf("east"), ciliumRelease("east", peers(["west", "north"], true))];
        const radius = blastRadius(before, after, nodes);
        expect(radius).to.deep.include({ existing: 2, added: 0, updated: 1, replaced: 0, releasesChanged: 1, podsRestarted: 0, nodeScriptReruns: 0 });
        expect(radius.groups).to.deep.equal([{ name: "cilium-<c>-release", action: "update", count: 1, paths: ["values.clustermesh.config.clusters.<c>"] }]);
    });

    it("rolls the clustermesh-apiserver (1 pod) when peer host aliases are in its pod spec", () => {
        const radius = blastRadius([providerOf("east"), ciliumRelease("east", peers(["west"], false))],
            [providerOf("east"), ciliumRelease("east", peers(["west", "north"], false))], nodes);
        expect(radius.restarts).to.deep.equal([{ cluster: "east", workload: "clustermesh-apiserver", pods: 1,
            why: "peer Secrets are hot-reloaded (fsnotify); host aliases in pod specs roll the apiserver unless disabled", assumed: false }]);
    });

    it("rolls every agent when a value feeds the agent pod template, and counts a DaemonSet's pods per node", () => {
        const radius = blastRadius([providerOf("east"), ciliumRelease("east", { hubble: { enabled: true } })],
            [providerOf("east"), ciliumRelease("east", { hubble: { enabled: false } })], nodes);
        expect(radius.podsRestarted).to.equal(4);
        expect(radius.restarts.map((restart) => [restart.workload, restart.pods, restart.assumed])).to.deep.equal([["cilium", 4, true]]);
    });

    it("marks cilium-config-only changes as pending the next restart instead of counting restarts", () => {
        const radius = blastRadius([providerOf("east"), ciliumRelease("east", { cluster: { name: "a", id: 1 } })],
            [providerOf("east"), ciliumRelease("east", { cluster: { name: "a", id: 2 } })], nodes);
        expect(radius).to.deep.include({ podsRestarted: 0, pending: ["cilium-east-release"] });
    });

    it("rolls a workload object whose pod template changed, and scripts that run kubectl rollout restart", () => {
        const deployment = (image: string) => resource("web", "kubernetes:apps/v1:Deployment",
            { metadata: { name: "web" }, spec: { replicas: 3, template: { spec: { containers: [{ image }] } } } }, providerUrn("west"));
        const script = (text: string) => resource("west-restart", "command:local:Command", { create: text });
        const before = [providerOf("west"), deployment("a"), script("kubectl -n kube-system rollout restart deployment/antrea-mc-controller # v1")];
        const after = [providerOf("west"), deployment("b"), script("kubectl -n kube-system rollout restart deployment/antrea-mc-controller # v2")];
        const radius = blastRadius(before, after, nodes);
        expect(radius.restarts.map((restart) => [restart.cluster, restart.workload, restart.pods])).to.deep.equal([
            ["west", "web", 3], ["west", "antrea-mc-controller", 1],
        ]);
    });

    it("lists re-created clusters apart and counts no restarts in them", () => {
        const before = [providerOf("east", "1"), ciliumRelease("east", { hubble: { enabled: true } })];
        const after = [providerOf("east", "2"), ciliumRelease("east", { hubble: { enabled: false } })];
        const radius = blastRadius(before, after, nodes);
        expect(radius).to.deep.include({ recreated: ["east"], podsRestarted: 0, replaced: 2 });
    });

    it("names charts it has no rollout table for instead of guessing", () => {
        const release = (v: number) => resource("x-release", RELEASE, { chart: "oci://example.com/charts/mystery", values: { v } }, providerUrn("east"));
        const radius = blastRadius([providerOf("east"), release(1)], [providerOf("east"), release(2)], nodes);
        expect(radius).to.deep.include({ podsRestarted: 0, unknownCharts: ["mystery"] });
    });
});

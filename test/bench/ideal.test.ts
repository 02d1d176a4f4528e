import { expect } from "chai";
import { compareWithIdeal } from "../../tools/bench/compare";
import { idealSteps, related } from "../../tools/bench/ideal-graph";
import { defaultModel } from "../../tools/bench/model";
import { labInput, parsedConfig, syntheticInput } from "../../tools/bench/bench-input";
import { meshKinds, syntheticStack } from "../../tools/bench/synthetic";
import { RecordedResource } from "../../tools/engine/recorder";
import { secretValue } from "../../tools/engine/secret-values";

const options = {
    deleteBeforeReplace: false, additionalSecretOutputs: [], replaceOnChanges: [], ignoreChanges: [],
    deletedWith: null, protect: false, retainOnDelete: false, customTimeouts: null, transforms: 0,
};

/** A remote step of cluster c001's KubeadmCluster, on `host`, waiting on `after` (names). */
function remote(name: string, host: string, after: string[] = []): RecordedResource {
    const urn = (n: string) => `urn:pulumi:s::multicluster::multicluster:kubeadm:KubeadmCluster$command:remote:Command::${n}`;
    return {
        urn: urn(name), type: "command:remote:Command", name, custom: true, parent: null, provider: null,
        dependencies: after.map(urn), inputs: { connection: secretValue({ host, user: "ubuntu" }), create: name }, options,
    };
}

const CP = "172.16.0.1";
const WORKER = "172.16.0.2";
const oneCluster = () => parsedConfig(syntheticInput("none", 1, { workers: 1 }));

function kubeadmRecords(join: string[]): RecordedResource[] {
    return [
        remote("c001-cp-1-prepare", CP), remote("c001-cp-1-pki", CP), remote("c001-init", CP, ["c001-cp-1-prepare", "c001-cp-1-pki"]),
        remote("c001-ready", CP, ["c001-init"]), remote("c001-token", CP, ["c001-ready"]), remote("c001-worker-1-prepare", WORKER),
        remote("c001-worker-1-join", WORKER, join), remote("c001-worker-1-cleanup", CP, ["c001-worker-1-join"]),
    ];
}

describe("benchmark ideal graph", () => {
    it("lets joins wait only for init, the token and their own node (not for the API wait)", () => {
        const steps = new Map(idealSteps(oneCluster()).map((step) => [step.id, step.after]));
        expect(steps.get("c001|init")).to.deep.equal([`c001|prepare@${CP}`, `c001|pki@${CP}`]);
        expect(steps.get(`c001|join@${WORKER}`)).to.deep.equal([`c001|prepare@${WORKER}`, "c001|init", "c001|token"]);
        expect(steps.get("c001|token")).to.deep.equal(["c001|init"]);
    });

    it("gates a Cilium mesh on the peers' running agents, and on their pools only with LoadBalancer exposure", () => {
        const nodePort = new Map(idealSteps(parsedConfig(syntheticInput("cilium-clustermesh", 3))).map((step) => [step.id, step.after]));
        expect(nodePort.get("c001|multicluster.gate")).to.include.members(["c002|cni.running", "c003|cni.running"])
            .and.not.include("c002|loadBalancer.objects");
        expect(nodePort.get("c001|cni.release")).to.deep.equal(["c001|api"]);
        const lab = new Map(idealSteps(parsedConfig(labInput("cilium-lab"))).map((step) => [step.id, step.after]));
        expect(lab.get("k8s-cilium-01|multicluster.gate")).to.include("k8s-cilium-02|loadBalancer.objects");
        expect(lab.get("k8s-cilium-01|loadBalancer.prereq")).to.deep.equal(["k8s-cilium-01|cni.release"]);
    });

    it("relates clusters from the mesh config: peers, hub and spokes, link targets", () => {
        const antrea = parsedConfig(syntheticInput("antrea-multicluster", 3));
        expect(related(antrea, "c002", "hub")).to.deep.equal(["c001"]);
        expect(related(antrea, "c001", "hub")).to.deep.equal([]);
        expect(related(antrea, "c001", "spokes")).to.deep.equal(["c002", "c003"]);
        expect(related(parsedConfig(syntheticInput("linkerd", 3)), "c002", "targets")).to.deep.equal(["c001", "c003"]);
        expect(related(antrea, "c002", "peers")).to.deep.equal(["c001", "c003"]);
    });

    it("drops a needless wait from the ideal path but keeps what the program met through it", () => {
        const comparison = compareWithIdeal(oneCluster(), kubeadmRecords(["c001-worker-1-prepare", "c001-ready", "c001-token"]), defaultModel, true);
        expect([comparison.programSeconds, comparison.idealSeconds]).to.deep.equal([460, 430]);
        expect(comparison.idealChain).to.deep.equal(["c001-cp-1-prepare", "c001-init", "c001-token", "c001-worker-1-join", "c001-worker-1-cleanup"]);
        expect(comparison.extraEdges.map((edge) => [edge.pattern, edge.count, edge.onCriticalPath])).to.deep.equal([
            ["api → token", 1, true], ["api → join", 1, false],
        ]);
        expect(comparison.missingEdges).to.deep.equal([]);
    });

    it("reports an ideal edge the program lacks and puts it into the ideal path", () => {
        const comparison = compareWithIdeal(oneCluster(), kubeadmRecords(["c001-worker-1-prepare"]), defaultModel, true);
        expect(comparison.missingEdges.map((edge) => edge.pattern)).to.have.members(["init → join", "token → join"]);
        expect(comparison.idealSeconds).to.be.greaterThan(comparison.programSeconds);
    });

    it("reports resources that fit no ideal step instead of dropping them silently", () => {
        const stray = { ...remote("c001-mystery", CP), urn: "urn:pulumi:s::multicluster::multicluster:other:Thing$command:local:Command::c001-mystery", type: "command:local:Command" };
        expect(compareWithIdeal(oneCluster(), [...kubeadmRecords([]), stray], defaultModel, false).unmapped).to.deep.equal(["c001-mystery"]);
    });
});

describe("benchmark synthetic meshes", () => {
    for (const spec of meshKinds) {
        it(`builds a valid ${spec.kind} stack (config validation passes at 2 and 20 clusters)`, () => {
            for (const n of [2, 20]) {
                expect(parsedConfig(syntheticInput(spec.kind, n)).clusters).to.have.length(n);
            }
        });
    }

    it("gives every node and pool its own addresses up to the 511-cluster mode", () => {
        const clusters = JSON.parse(syntheticStack("linkerd", 511).config["multicluster:clusters"]) as
            { name: string; controlPlanes: { host: string }[]; workers: { host: string }[]; loadBalancerPools: string[] }[];
        const hosts = clusters.flatMap((cluster) => [...cluster.controlPlanes, ...cluster.workers].map((node) => node.host));
        expect(new Set(hosts).size).to.equal(4 * 511);
        expect(new Set(clusters.map((cluster) => cluster.loadBalancerPools[0])).size).to.equal(511);
        expect(clusters[510]).to.deep.include({ name: "c511", loadBalancerPools: ["172.20.31.225-172.20.31.238"] });
        expect(hosts.every((host) => /^172\.16\.\d+\.\d+$/.test(host) && !/\.(0|255)$/.test(host))).to.equal(true);
    });

    it("moves only the named cluster's control plane and applies the kind's setting change", () => {
        const before = JSON.parse(syntheticStack("cilium-clustermesh", 3).config["multicluster:clusters"]) as { controlPlanes: { host: string }[] }[];
        const after = JSON.parse(syntheticStack("cilium-clustermesh", 3, { movedControlPlanes: [2] }).config["multicluster:clusters"]) as typeof before;
        expect(after.map((cluster, i) => cluster.controlPlanes[0].host === before[i].controlPlanes[0].host)).to.deep.equal([true, true, false]);
        expect(JSON.parse(syntheticStack("cilium-clustermesh", 3, { changed: true }).config["multicluster:cni"])).to.include({ hubble: false });
    });
});

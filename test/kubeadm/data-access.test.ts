// Readiness as data: a component given only the Cluster data copied from a KubeadmCluster waits for what the
// provisioner's own object makes it wait for (the API answering and any certificate renewal; every node joined).
import { expect } from "chai";
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../../components/cluster";
import { KubeadmCluster } from "../../components/kubeadm/cluster";
import { clusterAccess, inClusterOptions, plainCluster } from "../../components/shared/cluster-access";
import { HIGHLY_AVAILABLE } from "../fixtures/kubeadm-clusters";
import { RecordedGraph, recordProgram } from "../mocks";

const REMOTE = "command:remote:Command";

/** A component that takes a cluster as the library's components do: one in-cluster object, one check on every node. */
class Probe extends pulumi.ComponentResource {
    constructor(name: string, args: { readonly cluster: Cluster }, opts?: pulumi.ComponentResourceOptions) {
        super("multicluster:test:Probe", name, {}, opts);
        const access = clusterAccess(args.cluster, this, name);
        new k8s.core.v1.ConfigMap(`${name}-object`, { metadata: { name: "probe" } }, inClusterOptions(access, this));
        new command.local.Command(`${name}-gate`, { create: "true" }, { parent: this, dependsOn: [...access.joined] });
        this.registerOutputs({});
    }
}

describe("KubeadmCluster readiness as data (contract v3)", function () {
    this.timeout(120_000);
    let graph: RecordedGraph;
    let counts = { ready: 0, joined: 0 };

    before(async () => {
        graph = await recordProgram(() => {
            const cluster = new KubeadmCluster("beta", { ...HIGHLY_AVAILABLE, certificateRenewal: 1 });
            new Probe("own", { cluster });
            new Probe("data", { cluster: plainCluster(cluster) });
            counts = { ready: cluster.ready.length, joined: cluster.joined.length };
        });
        expect(graph.error, String(graph.error)).to.equal(undefined);
    });

    const remoteNames = (name: string, type: string) => {
        const steps = new Set(graph.ofType(REMOTE).map((step) => step.urn));
        return graph
            .find(type, name)
            .dependencies.filter((urn) => steps.has(urn))
            .map((urn) => urn.split("::").pop())
            .sort();
    };

    it("the kubeconfig carries the ready step and every certificate renewal: in-cluster objects wait for exactly those", () => {
        const own = remoteNames("own-object", "kubernetes:core/v1:ConfigMap");
        expect(own).to.deep.equal(["beta-cp-1-cert-renewal", "beta-cp-2-cert-renewal", "beta-cp-3-cert-renewal", "beta-ready"]);
        expect(remoteNames("data-object", "kubernetes:core/v1:ConfigMap")).to.deep.equal(own);
        expect(counts.ready).to.equal(4);
    });

    it("nodeNames carries every join: a check on every node waits for the ready step, the renewals and every join", () => {
        const own = remoteNames("own-gate", "command:local:Command");
        expect(own).to.deep.equal(["beta-cp-2-join", "beta-cp-3-join", "beta-ready", "beta-worker-1-join"]);
        expect(counts.joined).to.equal(4);
        // The data path waits for the kubeconfig too (ready + renewals), then the node names (every join).
        expect(remoteNames("data-gate", "command:local:Command")).to.deep.equal(
            [...new Set([...own, ...remoteNames("own-object", "kubernetes:core/v1:ConfigMap")])].sort(),
        );
    });

    it("builds its own provider from the data, beside the provisioner's", () => {
        const providers = graph.ofType("pulumi:providers:kubernetes").map((record) => record.name);
        expect(providers.sort()).to.deep.equal(["beta-k8s", "data-beta-k8s"]);
    });
});

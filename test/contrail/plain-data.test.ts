// ContrailMulticluster from plain Cluster data: its own provider per cluster, children under it, waits on what the data depends on.
import { expect } from "chai";
import * as command from "@pulumi/command";
import { ContrailCrossClusterNetwork } from "../../components/contrail/cross-cluster-network";
import { ContrailDemo } from "../../components/contrail/demo-app";
import { ContrailMulticluster } from "../../components/contrail/multicluster";
import { RecordedGraph, recordProgram } from "../mocks";
import { DataCluster, dataCluster, inClusterRecords, providerName } from "./data-clusters";

const COMPONENT = "multicluster:contrail:ContrailMulticluster";
const COMMAND = "command:local:Command";
const PROVIDER = "pulumi:providers:kubernetes";

/** The contrail-lab clusters as plain data, and what the program keeps of the component. */
interface Run {
    /** The recorded graph. */
    readonly graph: RecordedGraph;
    /** TypeScript conveniences read after construction. */
    readonly seen: { readonly ready: Record<string, number>; readonly kubemanagers: string[] };
}

/** The contrail-lab clusters as plain data (run inside a harness program). */
function labClusters(): DataCluster[] {
    return [
        dataCluster("cluster1", {
            podCidrs: ["10.233.128.0/17", "fd85:ee78:d8a6:8607::1:0/112"],
            serviceCidrs: ["10.233.0.0/17", "fd85:ee78:d8a6:8607::1000/116"],
            nodeAddresses: ["172.27.115.180", "172.27.115.181"],
        }),
        dataCluster("cluster2", {
            podCidrs: ["10.234.128.0/17", "fd85:ee78:d8a6:8607::3:0/112"],
            serviceCidrs: ["10.234.0.0/17", "fd85:ee78:d8a6:8607::2:1000/116"],
            nodeAddresses: ["172.27.115.183", "172.27.115.184"],
        }),
    ];
}

async function run(): Promise<Run> {
    const seen = { ready: {} as Record<string, number>, kubemanagers: [] as string[] };
    const graph = await recordProgram(() => {
        const clusters = labClusters();
        const earlier = new command.local.Command("earlier-layer", { create: "true" });
        const mesh = new ContrailMulticluster(
            "cn2",
            { central: clusters[0].cluster, distributed: [{ cluster: clusters[1].cluster }], registryAuth: "alice:s3cret" },
            { dependsOn: [earlier] },
        );
        seen.ready = Object.fromEntries(Object.entries(mesh.ready).map(([name, list]) => [name, list.length]));
        seen.kubemanagers = Object.keys(mesh.kubemanagers);
        return {};
    });
    expect(graph.error, String(graph.error)).to.equal(undefined);
    return { graph, seen };
}

describe("ContrailMulticluster from plain Cluster data", function () {
    this.timeout(120_000);
    let graph: RecordedGraph;
    let seen: Run["seen"];
    before(async () => ({ graph, seen } = await run()));

    it("keeps the TypeScript conveniences readable: ready per cluster, the Kubemanagers by cluster", () => {
        expect(seen.ready).to.deep.equal({ cluster1: 2, cluster2: 2 });
        expect(seen.kubemanagers).to.deep.equal(["cluster2"]);
    });

    it("makes one provider per cluster under the component (clusterIdentifier = incarnation, kubeconfig secret)", () => {
        const component = graph.find(COMPONENT, "cn2");
        const providers = graph.ofType(PROVIDER);
        expect(providers.map((record) => record.name).sort()).to.deep.equal(["cn2-cluster1-k8s", "cn2-cluster2-k8s"]);
        for (const provider of providers) {
            expect(provider.parent, provider.name).to.equal(component.urn);
            expect(graph.isSecretInput(provider, "kubeconfig"), provider.name).to.equal(true);
            expect(String(graph.inputsOf(provider).clusterIdentifier)).to.match(/^cluster[12]@/);
        }
    });

    it("creates every in-cluster object through its own cluster's provider, parented to the component", () => {
        const component = graph.find(COMPONENT, "cn2");
        const objects = inClusterRecords(graph);
        expect(objects.length).to.be.greaterThan(10);
        for (const record of objects) {
            expect(record.parent, record.name).to.equal(component.urn);
            expect(providerName(record), record.name).to.be.oneOf(["cn2-cluster1-k8s", "cn2-cluster2-k8s"]);
        }
        const by = (type: string, name: string) => providerName(graph.find(type, name));
        expect(by("kubernetes:configplane.juniper.net/v1:Kubemanager", "cn2-cluster2-kubemanager")).to.equal("cn2-cluster1-k8s");
        expect(by("kubernetes:core/v1:Secret", "cn2-cluster2-central-kubeconfig")).to.equal("cn2-cluster2-k8s");
        expect(by("kubernetes:core/v1:Secret", "cn2-cluster2-workload-kubeconfig")).to.equal("cn2-cluster1-k8s");
        for (const record of graph.ofType(COMMAND).filter((entry) => entry.name.startsWith("cn2-"))) {
            expect(record.parent, record.name).to.equal(component.urn);
        }
    });
});

describe("ContrailMulticluster from plain Cluster data: waits", function () {
    this.timeout(120_000);
    let graph: RecordedGraph;
    before(async () => ({ graph } = await run()));
    const step = (name: string) => graph.find(COMMAND, name);

    it("waits for the kubeconfig's resources in every cluster and for opts.dependsOn in each cluster's namespaces", () => {
        for (const cluster of ["cluster1", "cluster2"]) {
            const namespace = graph.find("kubernetes:core/v1:Namespace", `cn2-${cluster}-ns-contrail`);
            expect(graph.dependsOn(namespace, step(`${cluster}-api-answers`)), cluster).to.equal(true);
            expect(graph.dependsOn(namespace, step("earlier-layer")), cluster).to.equal(true);
            expect(graph.dependsOn(namespace, step(`${cluster}-every-node-joined`)), `${cluster}: not a gate`).to.equal(false);
            expect(graph.dependsOn(step(`cn2-${cluster}-deployer`), step(`${cluster}-api-answers`)), cluster).to.equal(true);
        }
    });

    it("makes the gates that vouch for every node wait for the node names' resources (every join)", () => {
        for (const [gate, cluster] of [
            ["cn2-cluster1-running", "cluster1"],
            ["cn2-cluster2-nodes-ready", "cluster2"],
        ] as const) {
            expect(graph.dependsOn(step(gate), step(`${cluster}-every-node-joined`)), gate).to.equal(true);
            expect(graph.dependsOn(step(gate), step(`${cluster}-api-answers`)), gate).to.equal(true);
        }
    });
});

/** A cross-cluster network and the demo over the lab clusters as plain data, after a stand-in for CN2's readiness. */
function networkAndDemo(): void {
    const [central, distributed] = labClusters().map((entry) => entry.cluster);
    const cn2 = new command.local.Command("cn2-ready", { create: "true" });
    new ContrailCrossClusterNetwork(
        "vn",
        {
            central,
            sides: [
                {
                    cluster: central,
                    side: { namespace: "ns1", namespaceLabel: { ns: "ns1" }, network: { name: "vn1", cidr: "10.0.0.0/24" } },
                },
                {
                    cluster: distributed,
                    side: {
                        distributedCluster: "cluster2",
                        namespace: "ns1",
                        namespaceLabel: { ns: "c2-ns1" },
                        network: { name: "vn2", cidr: "20.0.0.0/24" },
                    },
                },
            ],
        },
        { dependsOn: [cn2] },
    );
    new ContrailDemo("demo", { central: { cluster: central }, distributed: [{ cluster: distributed }] }, { dependsOn: [cn2] });
}

describe("ContrailCrossClusterNetwork and ContrailDemo from plain Cluster data", function () {
    this.timeout(120_000);

    it("each makes one provider per cluster under itself and creates each object through its own cluster's", async () => {
        const graph = await recordProgram(networkAndDemo);
        expect(graph.error, String(graph.error)).to.equal(undefined);
        const providers = graph.ofType(PROVIDER).map((record) => [record.name, record.parent?.split("::").pop()]);
        expect(providers.sort()).to.deep.equal([
            ["demo-cluster1-k8s", "demo"],
            ["demo-cluster2-k8s", "demo"],
            ["vn-cluster1-k8s", "vn"],
            ["vn-cluster2-k8s", "vn"],
        ]);
        const namespace = graph.find("kubernetes:core/v1:Namespace", "vn-ns-cluster2");
        expect(providerName(namespace)).to.equal("vn-cluster2-k8s");
        expect(graph.dependsOn(namespace, graph.find(COMMAND, "cn2-ready"))).to.equal(true);
        expect(graph.dependsOn(namespace, graph.find(COMMAND, "cluster2-api-answers"))).to.equal(true);
        const router = graph.find("kubernetes:core.contrail.juniper.net/v1alpha1:VirtualNetworkRouter", "vn-virtualnetworkrouter-vn2-vnr");
        expect(providerName(router)).to.equal("vn-cluster1-k8s");
        const target = graph.find("kubernetes:core/v1:Pod", "demo-cluster2-target");
        expect([providerName(target), graph.dependsOn(target, graph.find(COMMAND, "cn2-ready"))]).to.deep.equal([
            "demo-cluster2-k8s",
            true,
        ]);
        expect(graph.dependsOn(graph.find(COMMAND, "demo-cluster2-proof"), target)).to.equal(true);
    });
});

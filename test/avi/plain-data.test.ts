// AviIngress and AviGslb from plain Cluster data: their own provider per cluster (or the one passed), children under them, waits.
import { expect } from "chai";
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import { AviGslb } from "../../components/avi/gslb";
import { AviIngress } from "../../components/avi/ingress";
import { AkoSettings, GslbSettings } from "../../components/avi/types";
import { RecordedGraph, recordProgram } from "../mocks";
import { dataCluster, inClusterRecords, providerName } from "../contrail/data-clusters";

const COMMAND = "command:local:Command";
const PROVIDER = "pulumi:providers:kubernetes";
const controller = {
    host: "10.10.10.5",
    version: "31.1.1",
    username: "admin",
    tenant: "admin",
    cloudName: "Default-Cloud",
    serviceEngineGroup: "Default-Group",
};
const settings: AkoSettings = {
    controller,
    clusterName: "east-01",
    cniPlugin: "antrea",
    serviceType: "NodePortLocal",
    vipNetworks: [{ name: "vip-net", cidr: "192.168.120.0/24" }],
    nodeNetworks: [{ name: "node-net", cidrs: ["192.168.110.0/24"] }],
};
const gslb: GslbSettings = {
    controller,
    policy: { appSelector: { app: "gslb" }, namespaceSelector: {}, trafficSplit: { east: 5, west: 5 } },
};
const network = (third: number) => ({
    podCidrs: [`10.${third}.0.0/16`],
    serviceCidrs: [`10.${100 + third}.0.0/16`],
    nodeAddresses: [`192.168.110.${third}`],
});

async function record(program: () => void): Promise<RecordedGraph> {
    const graph = await recordProgram(program);
    expect(graph.error, String(graph.error)).to.equal(undefined);
    return graph;
}

describe("AviIngress from plain Cluster data", function () {
    this.timeout(120_000);

    it("AviIngress makes its own provider, creates AKO through it under the component, after the API and opts.dependsOn", async () => {
        const graph = await record(() => {
            const { cluster } = dataCluster("east", network(1));
            const cni = new command.local.Command("east-cni", { create: "true" });
            new AviIngress("ako", { cluster, settings, password: "s3cret" }, { dependsOn: [cni] });
        });
        const component = graph.find("multicluster:avi:AviIngress", "ako");
        const [provider, ...others] = graph.ofType(PROVIDER);
        expect([provider.name, provider.parent, others.length]).to.deep.equal(["ako-east-k8s", component.urn, 0]);
        for (const record of [...inClusterRecords(graph), graph.find(COMMAND, "ako-running")]) {
            expect(record.parent, record.name).to.equal(component.urn);
        }
        const namespace = graph.find("kubernetes:core/v1:Namespace", "ako-namespace");
        const release = graph.find("kubernetes:helm.sh/v3:Release", "ako-release");
        expect([providerName(namespace), providerName(release)]).to.deep.equal(["ako-east-k8s", "ako-east-k8s"]);
        expect(graph.dependsOn(namespace, graph.find(COMMAND, "east-api-answers"))).to.equal(true);
        expect(graph.dependsOn(namespace, graph.find(COMMAND, "east-cni"))).to.equal(true);
        expect(graph.dependsOn(release, namespace)).to.equal(true);
        expect(graph.dependsOn(graph.find(COMMAND, "ako-running"), graph.find(COMMAND, "east-api-answers"))).to.equal(true);
    });

    it("AviIngress uses a kubernetes provider passed through opts.providers instead of making one", async () => {
        const graph = await record(() => {
            const { cluster } = dataCluster("east", network(1));
            const mine = new k8s.Provider("mine", { kubeconfig: "x" });
            new AviIngress("ako", { cluster, settings }, { providers: [mine] });
        });
        expect(graph.ofType(PROVIDER).map((record) => record.name)).to.deep.equal(["mine"]);
        expect(providerName(graph.find("kubernetes:helm.sh/v3:Release", "ako-release"))).to.equal("mine");
    });
});

describe("AviGslb from plain Cluster data", function () {
    this.timeout(120_000);

    it("AviGslb makes one provider per member and puts each member's AMKO objects in its own cluster", async () => {
        const graph = await record(() => {
            const members = [dataCluster("east", network(1)), dataCluster("west", network(2))];
            const ako = new command.local.Command("ako-ready", { create: "true" });
            new AviGslb(
                "amko",
                { members: members.map(({ cluster }) => ({ cluster })), leader: "east", settings: gslb, password: "s3cret" },
                { dependsOn: [ako] },
            );
        });
        const component = graph.find("multicluster:avi:AviGslb", "amko");
        const providers = graph.ofType(PROVIDER);
        expect(providers.map((record) => [record.name, record.parent === component.urn])).to.deep.equal([
            ["amko-east-k8s", true],
            ["amko-west-k8s", true],
        ]);
        for (const member of ["east", "west"]) {
            const secret = graph.find("kubernetes:core/v1:Secret", `amko-${member}-members`);
            expect(providerName(secret), member).to.equal(`amko-${member}-k8s`);
            expect(graph.dependsOn(secret, graph.find(COMMAND, "ako-ready")), member).to.equal(true);
            expect(graph.dependsOn(secret, graph.find(COMMAND, `${member}-api-answers`)), member).to.equal(true);
            expect(providerName(graph.find("kubernetes:helm.sh/v3:Release", `amko-${member}-release`))).to.equal(`amko-${member}-k8s`);
        }
    });
});

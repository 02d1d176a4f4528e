// MeshServiceExport from plain Cluster data: its own provider under the component, the export through it, after the API and opts.dependsOn.
import { expect } from "chai";
import * as command from "@pulumi/command";
import { MeshServiceExport } from "../../components/export";
import { recordProgram } from "../mocks";
import { dataCluster, providerName } from "../contrail/data-clusters";

describe("export: MeshServiceExport from plain Cluster data", function () {
    this.timeout(60_000);

    it("makes its own provider and creates the ServiceExport through it, after the kubeconfig's resources and opts.dependsOn", async () => {
        const graph = await recordProgram(() => {
            const { cluster } = dataCluster("east", { podCidrs: ["10.1.0.0/16"], serviceCidrs: ["10.96.0.0/16"], nodeAddresses: [] });
            const service = new command.local.Command("web-service", { create: "true" });
            new MeshServiceExport(
                "web",
                { cluster, service: { name: "web", namespace: "shop" }, mesh: "antrea" },
                { dependsOn: [service] },
            );
        });
        expect(graph.error, String(graph.error)).to.equal(undefined);
        const component = graph.find("multicluster:export:MeshServiceExport", "web");
        const providers = graph.ofType("pulumi:providers:kubernetes");
        expect(providers.map((record) => [record.name, record.parent])).to.deep.equal([["web-east-k8s", component.urn]]);
        const exported = graph.find("kubernetes:multicluster.x-k8s.io/v1alpha1:ServiceExport", "web-export");
        expect([exported.parent, providerName(exported)]).to.deep.equal([component.urn, "web-east-k8s"]);
        expect(graph.dependsOn(exported, graph.find("command:local:Command", "east-api-answers"))).to.equal(true);
        expect(graph.dependsOn(exported, graph.find("command:local:Command", "web-service"))).to.equal(true);
    });

    it("refuses Contrail before registering the component or a provider", async () => {
        const graph = await recordProgram(() => {
            const { cluster } = dataCluster("east", { podCidrs: ["10.1.0.0/16"], serviceCidrs: ["10.96.0.0/16"], nodeAddresses: [] });
            new MeshServiceExport("web", { cluster, service: { name: "web", namespace: "shop" }, mesh: "contrail" });
        });
        expect(String(graph.error)).to.match(/mesh = "contrail" has no service export/);
        expect(
            graph.records.filter((record) => record.type.startsWith("multicluster:") || record.type.startsWith("pulumi:providers")),
        ).to.deep.equal([]);
    });
});

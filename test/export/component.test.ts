// MeshServiceExport under the harness: a ServiceExport for Antrea, a ServicePatch for Cilium and Linkerd, refusals before registering.
import { expect } from "chai";
import * as command from "@pulumi/command";
import { MeshServiceExport, PATCH_FORCE_ANNOTATION } from "../../components/export";
import { ExportMesh, ExportMeshKind } from "../../components/export/types";
import { ConfigValidationError } from "../../components/shared/validation";
import { fakeCluster } from "../fixtures/cilium-clusters";
import { RecordedGraph, recordProgram } from "../mocks";

const COMPONENT = "multicluster:export:MeshServiceExport";

/** Records one MeshServiceExport of `shop/web` in cluster `east`, after a stand-in for the Service. */
function exportProgram(mesh: ExportMeshKind | ExportMesh, force?: boolean): Promise<RecordedGraph> {
    return recordProgram(() => {
        const cluster = fakeCluster({ name: "east", podCidr: "10.1.0.0/16" });
        const service = new command.local.Command("web-service", { create: "true" });
        new MeshServiceExport("web", { cluster, service: { name: "web", namespace: "shop" }, mesh, force }, { dependsOn: [service] });
    });
}

describe("export: MeshServiceExport", function () {
    this.timeout(60_000);

    it("Antrea: a ServiceExport web-export under the component, in the cluster, after the Service and the cluster", async () => {
        const graph = await exportProgram("antrea");
        expect(graph.error).to.equal(undefined);
        const component = graph.find(COMPONENT, "web");
        const exported = graph.find("kubernetes:multicluster.x-k8s.io/v1alpha1:ServiceExport", "web-export");
        expect(exported.parent).to.equal(component.urn);
        expect(exported.provider).to.match(/::east-k8s(::|$)/);
        expect(graph.dependsOn(exported, graph.find("command:local:Command", "web-service"))).to.equal(true);
        expect(graph.dependsOn(exported, graph.find("command:local:Command", "east-api-ready"))).to.equal(true);
        expect(graph.inputsOf(exported)).to.deep.include({
            apiVersion: "multicluster.x-k8s.io/v1alpha1",
            kind: "ServiceExport",
            metadata: { name: "web", namespace: "shop" },
        });
        expect(graph.ofType("kubernetes:core/v1:ServicePatch")).to.have.length(0);
    });

    for (const [mesh, metadata] of [
        ["cilium", { annotations: { "service.cilium.io/global": "true" } }],
        ["linkerd", { labels: { "mirror.linkerd.io/exported": "true" } }],
    ] as const) {
        it(`${mesh}: a ServicePatch web-patch that adds only the export metadata to the existing Service`, async () => {
            const graph = await exportProgram(mesh);
            expect(graph.error).to.equal(undefined);
            const patch = graph.find("kubernetes:core/v1:ServicePatch", "web-patch");
            expect(patch.parent).to.equal(graph.find(COMPONENT, "web").urn);
            expect(graph.dependsOn(patch, graph.find("command:local:Command", "web-service"))).to.equal(true);
            expect((graph.inputsOf(patch) as { metadata: unknown }).metadata).to.deep.equal({
                name: "web",
                namespace: "shop",
                ...metadata,
            });
            expect(graph.records.filter((record) => record.type.endsWith(":ServiceExport"))).to.have.length(0);
        });
    }

    it("force: the patch takes the field from another manager (pulumi.com/patchForce)", async () => {
        const graph = await exportProgram("linkerd", true);
        const patch = graph.find("kubernetes:core/v1:ServicePatch", "web-patch");
        expect((graph.inputsOf(patch) as { metadata: { annotations: unknown } }).metadata.annotations).to.deep.equal({
            [PATCH_FORCE_ANNOTATION]: "true",
        });
    });

    it("refuses Contrail before registering anything in the cluster", async () => {
        const graph = await exportProgram("contrail");
        expect(graph.error).to.be.instanceOf(ConfigValidationError);
        expect(String((graph.error as Error).message)).to.match(/mesh = "contrail" has no service export/);
        expect(
            graph.records.filter((record) => record.type.startsWith("kubernetes:") && record.type !== "pulumi:providers:kubernetes"),
        ).to.have.length(0);
    });
});

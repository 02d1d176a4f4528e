// One way to export a Service: what each mesh renders (metadata or MCS-API objects), the refusals, and the metadata merge.
import { expect } from "chai";
import { SERVICE_EXPORT_API_VERSION } from "../../components/antrea/release";
import { serviceExportObject } from "../../components/antrea/service-export";
import { demoManifests as ciliumDemo } from "../../components/cilium/demo";
import { globalServiceAnnotations } from "../../components/cilium/global-service";
import { DEMO_NAMESPACE, PODINFO, demoManifests as linkerdDemo } from "../../components/linkerd/demo";
import { exportedService } from "../../components/linkerd/export";
import { ConfigValidationError } from "../../components/shared/validation";
import {
    ExportMesh,
    ExportMeshKind,
    ServiceExportPlan,
    planServiceExport,
    serviceExportIssues,
    serviceExportPatch,
    withServiceExport,
} from "../../components/export";

const web = { name: "web", namespace: "shop" };

/** The one refusal sentence of an export that must fail. */
function refusal(mesh: ExportMeshKind | ExportMesh, service = web): string {
    const messages = serviceExportIssues(service, { mesh }).map((entry) => entry.message);
    expect(messages, `refusals of ${JSON.stringify(mesh)}`).to.have.length(1);
    expect(() => planServiceExport("east", service, { mesh })).to.throw(ConfigValidationError, messages[0]);
    return messages[0];
}

describe("export: one way to export a Service per mesh", () => {
    const cases: {
        readonly mesh: ExportMeshKind | ExportMesh;
        readonly expected: Omit<ServiceExportPlan, "service">;
    }[] = [
        {
            mesh: "antrea",
            expected: {
                mesh: "antrea",
                mechanism: "mcs-api",
                labels: {},
                annotations: {},
                objects: [
                    { apiVersion: "multicluster.x-k8s.io/v1alpha1", kind: "ServiceExport", metadata: { name: "web", namespace: "shop" } },
                ],
                importedAs: "antrea-mc-web",
            },
        },
        {
            mesh: "cilium",
            expected: {
                mesh: "cilium",
                mechanism: "cilium-global-service",
                labels: {},
                annotations: { "service.cilium.io/global": "true" },
                objects: [],
                importedAs: "web",
            },
        },
        {
            mesh: { kind: "cilium", mechanism: "global-service", shared: false, affinity: "remote", syncEndpointSlices: true },
            expected: {
                mesh: "cilium",
                mechanism: "cilium-global-service",
                labels: {},
                annotations: {
                    "service.cilium.io/global": "true",
                    "service.cilium.io/shared": "false",
                    "service.cilium.io/affinity": "remote",
                    "service.cilium.io/global-sync-endpoint-slices": "true",
                },
                objects: [],
                importedAs: "web",
            },
        },
        {
            mesh: "linkerd",
            expected: {
                mesh: "linkerd",
                mechanism: "linkerd-gateway",
                labels: { "mirror.linkerd.io/exported": "true" },
                annotations: {},
                objects: [],
                importedAs: "web-east",
            },
        },
        {
            mesh: { kind: "linkerd", mode: "remote-discovery" },
            expected: {
                mesh: "linkerd",
                mechanism: "linkerd-remote-discovery",
                labels: { "mirror.linkerd.io/exported": "remote-discovery" },
                annotations: {},
                objects: [],
                importedAs: "web-east",
            },
        },
    ];
    for (const { mesh, expected } of cases) {
        it(`${JSON.stringify(mesh)} → ${expected.mechanism}`, () => {
            expect(planServiceExport("east", web, { mesh })).to.deep.equal({ ...expected, service: web });
        });
    }

    it("renders what each area's own helper renders (one path, the same objects)", () => {
        expect(planServiceExport("east", web, { mesh: "antrea" }).objects).to.deep.equal([serviceExportObject("web", "shop")]);
        expect(SERVICE_EXPORT_API_VERSION).to.equal("multicluster.x-k8s.io/v1alpha1");
        expect(planServiceExport("east", web, { mesh: "cilium" }).annotations).to.deep.equal(globalServiceAnnotations());
        const service = { metadata: { name: "web", namespace: "shop", labels: { app: "web" } }, spec: {} };
        expect(withServiceExport(service, planServiceExport("east", web, { mesh: "linkerd" }))).to.deep.equal(exportedService(service));
    });

    it("the demos carry the same export metadata as before", () => {
        expect(ciliumDemo("east").service.metadata.annotations).to.deep.equal({ "service.cilium.io/global": "true" });
        const podinfo = linkerdDemo("east", ["west"]).podinfoService as { metadata: Record<string, unknown> };
        expect(podinfo.metadata).to.deep.equal({
            name: PODINFO,
            namespace: DEMO_NAMESPACE,
            labels: { app: PODINFO, "mirror.linkerd.io/exported": "true" },
        });
    });

    describe("refusals: one sentence naming the key, the value and the fix", () => {
        it("Contrail has no service export", () => {
            expect(refusal("contrail")).to.equal(
                'mesh = "contrail" has no service export (CN2 joins the clusters\' pod networks with VirtualNetworkRouters rather than ' +
                    "importing Services by name); fix: reach the Service by its address over a ContrailCrossClusterNetwork, or join the " +
                    "clusters with antrea, cilium or linkerd to export it by name.",
            );
            expect(refusal({ kind: "contrail" })).to.match(/^mesh\.kind = "contrail" has no service export/);
        });

        it("Cilium MCS-API is refused: CiliumInstall does not enable it", () => {
            expect(refusal({ kind: "cilium", mechanism: "mcs-api" })).to.equal(
                'mesh.mechanism = "mcs-api" is not wired for Cilium (CiliumInstall does not set clustermesh.mcsapi.enabled, and its ' +
                    "escape hatch may not set clustermesh.*); fix: leave mechanism out to export with the global-service annotation " +
                    'service.cilium.io/global (or "global-service").',
            );
        });

        it("an unknown mesh, mechanism, affinity or mode", () => {
            expect(refusal("istio" as ExportMeshKind)).to.equal(
                'mesh = "istio" is not one of "antrea", "cilium", "linkerd", "contrail"; fix: use one of those values.',
            );
            expect(refusal(undefined as unknown as ExportMeshKind)).to.equal(
                'mesh is missing; fix: set it to one of "antrea", "cilium", "linkerd", "contrail".',
            );
            expect(refusal({ kind: "cilium", mechanism: "annotations" } as unknown as ExportMesh)).to.equal(
                'mesh.mechanism = "annotations" is not one of "global-service", "mcs-api"; fix: use one of those values, or leave it out for the default.',
            );
            expect(refusal({ kind: "cilium", affinity: "nearest" } as unknown as ExportMesh)).to.match(
                /^mesh\.affinity = "nearest" is not one of "local", "remote", "none"; fix: /,
            );
            expect(refusal({ kind: "linkerd", mode: "federated" } as unknown as ExportMesh)).to.match(
                /^mesh\.mode = "federated" is not one of "gateway", "remote-discovery"; fix: /,
            );
        });

        it("a setting the chosen mesh does not read", () => {
            expect(refusal({ kind: "antrea", mode: "gateway" } as unknown as ExportMesh)).to.equal(
                'mesh.mode = "gateway" is not a setting of mesh kind "antrea"; fix: remove it (only mesh kind "linkerd" reads it).',
            );
            expect(refusal({ kind: "linkerd", shared: false } as unknown as ExportMesh)).to.match(/only mesh kind "cilium" reads it/);
        });

        it("a Service name or namespace that is not a DNS-1123 label", () => {
            expect(refusal("cilium", { name: "Web", namespace: "shop" })).to.match(/^service\.name = "Web" is not a DNS-1123 label/);
            expect(refusal("antrea", { name: "web", namespace: "" })).to.match(/^service\.namespace = "" is not a DNS-1123 label/);
        });

        it("every problem at once, under the export's name", () => {
            const issues = serviceExportIssues({ name: "Web", namespace: "shop" }, { mesh: { kind: "cilium", mechanism: "mcs-api" } });
            expect(issues.map((entry) => entry.path)).to.deep.equal(["mesh.mechanism", "service.name"]);
            expect(() => planServiceExport("east", { name: "Web", namespace: "shop" }, { mesh: { kind: "cilium", mechanism: "mcs-api" } }))
                .to.throw(ConfigValidationError)
                .with.property("message")
                .that.matches(/^service export "shop\/Web" from cluster "east" is invalid \(2 problems\):/);
        });
    });

    describe("metadata for a Service built in the program, or a patch for one created elsewhere", () => {
        it("merges the plan's labels and annotations last, keeps the rest, adds no empty map", () => {
            const service = { metadata: { name: "web", namespace: "shop", annotations: { a: "1" } }, spec: { ports: [] } };
            const cilium = withServiceExport(service, planServiceExport("east", web, { mesh: "cilium" }));
            expect(cilium).to.deep.equal({
                metadata: { name: "web", namespace: "shop", annotations: { a: "1", "service.cilium.io/global": "true" } },
                spec: { ports: [] },
            });
            const linkerd = withServiceExport(service, planServiceExport("east", web, { mesh: "linkerd" }));
            expect(linkerd.metadata).to.deep.equal({
                name: "web",
                namespace: "shop",
                annotations: { a: "1" },
                labels: { "mirror.linkerd.io/exported": "true" },
            });
            expect(withServiceExport(service, planServiceExport("east", web, { mesh: "antrea" }))).to.deep.equal(service);
            expect(service.metadata).to.deep.equal({ name: "web", namespace: "shop", annotations: { a: "1" } });
        });

        it("refuses a manifest that is not the plan's Service", () => {
            const other = { metadata: { name: "api", namespace: "shop" } };
            expect(() => withServiceExport(other, planServiceExport("east", web, { mesh: "cilium" }))).to.throw(/shop\/api .* shop\/web/);
        });

        it("patches only the name, namespace and the plan's metadata", () => {
            expect(serviceExportPatch(planServiceExport("east", web, { mesh: "linkerd" }))).to.deep.equal({
                metadata: { name: "web", namespace: "shop", labels: { "mirror.linkerd.io/exported": "true" } },
            });
            expect(serviceExportPatch(planServiceExport("east", web, { mesh: { kind: "cilium", affinity: "local" } }))).to.deep.equal({
                metadata: {
                    name: "web",
                    namespace: "shop",
                    annotations: { "service.cilium.io/global": "true", "service.cilium.io/affinity": "local" },
                },
            });
        });
    });
});

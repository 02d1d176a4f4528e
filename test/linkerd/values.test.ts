import { expect } from "chai";
import {
    clusterNetworks,
    controlPlaneValues,
    crdsValues,
    linkerdValueIssues,
    multiclusterValues,
    vizValues,
} from "../../components/linkerd/values";
import { controlPlaneNamespace, extensionNamespace } from "../../components/linkerd/namespaces";
import { edgeTag, gatewayIdentity } from "../../components/linkerd/constants";
import { linkerdVersionIssues } from "../../components/linkerd/validate";
import { toYaml } from "../../components/shared/yaml";
import { expectGolden } from "../golden";
import { keyPaths, leafPaths } from "./helpers";

const PEMS = { anchorPem: "<anchor PEM>", issuerCertPem: "<issuer certificate PEM>", issuerKeyPem: "<issuer key PEM>" };

/** Rendered values of every chart for one cluster. */
function rendered(): Record<string, Record<string, unknown>> {
    return {
        crds: crdsValues(),
        controlPlane: controlPlaneValues({ ...PEMS, clusterNetworks: clusterNetworks(["10.244.0.0/16"], ["10.96.0.0/16"]) }),
        viz: vizValues(),
        multicluster: multiclusterValues({
            gatewayIp: "172.18.0.70",
            gatewayIpAnnotations: { "metallb.io/loadBalancerIPs": "172.18.0.70" },
            mirrors: ["west", "north"],
        }),
    };
}

describe("linkerd values", () => {
    it("renders every chart's values (golden)", () => {
        expectGolden("linkerd/values-kind-east.yaml", toYaml(rendered()));
    });

    it("sets only keys the edge-26.8.3 charts define (Helm ignores unknown keys silently)", () => {
        const charts: Record<string, string> = {
            crds: "linkerd-crds",
            controlPlane: "linkerd-control-plane",
            viz: "linkerd-viz",
            multicluster: "linkerd-multicluster",
        };
        const freeForm = ["gateway.serviceAnnotations."];
        for (const [key, values] of Object.entries({
            ...rendered(),
            gatewayless: multiclusterValues({ mirrors: ["a"] }),
            lbIp: multiclusterValues({ gatewayIp: "10.0.0.1", mirrors: [] }),
        })) {
            const chart = charts[key] ?? "linkerd-multicluster";
            const known = keyPaths(`linkerd/fixtures/${chart}-values-paths-2026.8.3.txt`);
            const unknown = leafPaths(values).filter((path) => !known.has(path) && !freeForm.some((prefix) => path.startsWith(prefix)));
            expect(unknown, chart).to.deep.equal([]);
        }
    });

    it("runs one service-mirror controller per mirrored cluster, sorted, and no gateway where nobody mirrors the cluster", () => {
        expect(multiclusterValues({ gatewayIp: "10.0.0.1", mirrors: ["c3", "c2", "c3"] }).controllers).to.deep.equal([
            { link: { ref: { name: "c2" } } },
            { link: { ref: { name: "c3" } } },
        ]);
        expect(multiclusterValues({ mirrors: ["c2"] }).gateway).to.deep.equal({ enabled: false });
        expect(multiclusterValues({ gatewayIp: "10.0.0.1", mirrors: [] }).gateway).to.deep.include({
            loadBalancerIP: "10.0.0.1",
            enabled: true,
        });
    });

    it("switches the extensions' namespace-metadata hook Jobs off and labels the namespaces the charts expect", () => {
        expect(vizValues().createNamespaceMetadataJob).to.equal(false);
        expect(multiclusterValues({ mirrors: [] }).createNamespaceMetadataJob).to.equal(false);
        expect(crdsValues()).to.deep.equal({ installGatewayAPI: false });
        expect(controlPlaneNamespace().metadata.labels).to.deep.include({
            "linkerd.io/is-control-plane": "true",
            "config.linkerd.io/admission-webhooks": "disabled",
        });
        expect(extensionNamespace("multicluster").metadata.labels["linkerd.io/extension"]).to.equal("multicluster");
        expect(extensionNamespace("viz").metadata).to.deep.include({ name: "linkerd-viz" });
    });

    it("adds pod and service ranges outside the chart's default clusterNetworks", () => {
        expect(clusterNetworks(["10.244.0.0/16"], ["10.96.0.0/16"])).to.equal(
            "10.0.0.0/8,100.64.0.0/10,172.16.0.0/12,192.168.0.0/16,fd00::/8",
        );
        expect(clusterNetworks(["198.18.0.0/16", "fd00:10:244::/56"], ["203.0.113.0/24"])).to.equal(
            "10.0.0.0/8,100.64.0.0/10,172.16.0.0/12,192.168.0.0/16,fd00::/8,198.18.0.0/16,203.0.113.0/24",
        );
    });

    it("refuses escape-hatch keys that override the trust, the gateway or the links", () => {
        expect(
            linkerdValueIssues("mesh.values", {
                controlPlane: { identity: { issuer: { scheme: "kubernetes.io/tls" } }, proxy: { logLevel: "debug" } },
                multicluster: { controllers: [], gateway: { replicas: 2 } },
            }).map((found) => found.message),
        ).to.deep.equal([
            'mesh.values.controlPlane.identity.issuer.scheme = "kubernetes.io/tls" overrides a value the project derives (trust, gateway address or links); fix: remove it and use the matching mesh setting instead.',
            "mesh.values.multicluster.controllers = [] overrides a value the project derives (trust, gateway address or links); fix: remove it and use the matching mesh setting instead.",
        ]);
    });

    it("derives the gateway identity and the edge tag as the chart and the release tooling do", () => {
        expect(gatewayIdentity()).to.equal("linkerd-gateway.linkerd-multicluster.serviceaccount.identity.linkerd.cluster.local");
        expect(edgeTag("2026.8.3")).to.equal("edge-26.8.3");
        expect(edgeTag("2025.10.12")).to.equal("edge-25.10.12");
        expect(linkerdVersionIssues("v", "2026.8.3")).to.deep.equal([]);
        expect(linkerdVersionIssues("v", "2025.3.2").map((found) => found.message)[0]).to.contain("older than edge chart 2025.4.4");
        expect(linkerdVersionIssues("v", "1.16.11").map((found) => found.message)[0]).to.contain("is not a Linkerd edge chart version");
    });
});

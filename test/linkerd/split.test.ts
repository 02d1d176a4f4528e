import { expect } from "chai";
import { demoManifests, demoSplit } from "../../components/linkerd/demo";
import { exportLabels, exportedService, isExported, mirroredServiceName } from "../../components/linkerd/export";
import { splitIssues, splitRoute, splitWeights } from "../../components/linkerd/split";
import { toYamlDocuments } from "../../components/shared/yaml";
import { expectGolden } from "../golden";
import { keyPaths, specPaths } from "./helpers";

describe("export and traffic split", () => {
    it("exports by label and names mirrors <service>-<cluster>", () => {
        expect(exportLabels()).to.deep.equal({ "mirror.linkerd.io/exported": "true" });
        const service = exportedService({ metadata: { name: "podinfo", labels: { app: "podinfo" } } });
        expect(service.metadata.labels).to.deep.equal({ app: "podinfo", "mirror.linkerd.io/exported": "true" });
        expect(isExported(service.metadata.labels)).to.equal(true);
        expect(mirroredServiceName("podinfo", "kind-west")).to.equal("podinfo-kind-west");
    });

    it("splits 50/50 over the local podinfo and the peer's mirror, and equally over more clusters", () => {
        expect(splitWeights({ local: "a", peers: ["b"] })).to.deep.equal({ a: 50, b: 50 });
        expect(splitWeights({ local: "a", peers: ["c", "b"] })).to.deep.equal({ a: 34, b: 33, c: 33 });
        const route = splitRoute(demoSplit("a", ["c", "b"])) as { spec: { rules: { backendRefs: unknown[] }[] } };
        expect(route.spec.rules[0].backendRefs).to.deep.equal([
            { name: "podinfo", port: 9898, weight: 34 },
            { name: "podinfo-b", port: 9898, weight: 33 },
            { name: "podinfo-c", port: 9898, weight: 33 },
        ]);
    });

    it("renders the demo of kind-east (golden) with only fields the Gateway API v1.2.1 HTTPRoute defines", () => {
        const manifests = demoManifests("kind-east", ["kind-west"], { "traefik.ingress.kubernetes.io/service.nativelb": "true" });
        expectGolden(
            "linkerd/demo-kind-east.yaml",
            toYamlDocuments([
                manifests.namespace,
                ...manifests.deployments,
                manifests.podinfoService,
                manifests.apexService,
                manifests.route,
                manifests.frontendConfig,
                manifests.frontendService,
            ]),
        );
        const known = keyPaths("linkerd/fixtures/httproute-v1-spec-paths.txt");
        expect(specPaths((manifests.route as { spec: unknown }).spec, "spec").filter((path) => !known.has(path))).to.deep.equal([]);
    });

    it("cannot build the daisy-chain loop: the apex is never exported and never a backend", () => {
        const manifests = demoManifests("kind-east", ["kind-west"]);
        const apex = manifests.apexService as { metadata: { labels: Record<string, string> } };
        expect(isExported(apex.metadata.labels)).to.equal(false);
        expect(isExported((manifests.podinfoService as { metadata: { labels: Record<string, string> } }).metadata.labels)).to.equal(true);
        const route = manifests.route as { spec: { parentRefs: { name: string }[]; rules: { backendRefs: { name: string }[] }[] } };
        expect(route.spec.parentRefs.map((parent) => parent.name)).to.deep.equal(["podinfo-split"]);
        expect(route.spec.rules[0].backendRefs.map((backend) => backend.name)).to.not.include("podinfo-split");
        expect(demoManifests("solo", []).route).to.equal(undefined);
        const base = demoSplit("a", ["b"]);
        expect(splitIssues(base)).to.deep.equal([]);
        expect(splitIssues({ ...base, apex: "podinfo" }).map((found) => found.message)).to.deep.equal([
            'apex = "podinfo" is also a backend of the split (podinfo, podinfo-b), so it would route to itself; fix: give the apex its own name.',
        ]);
        expect(splitIssues({ ...base, apexLabels: exportLabels() }).map((found) => found.message)[0]).to.contain("daisy-chain loop");
        expect(splitIssues({ ...base, peers: ["a"] }).map((found) => found.message)[0]).to.contain("list this cluster or a peer twice");
        expect(splitIssues({ ...base, weights: { a: 0, b: 0 } }).map((found) => found.message)).to.deep.equal([
            'weights = {"a":0,"b":0} are all 0, so no backend takes traffic; fix: give at least one cluster a weight.',
        ]);
    });
});

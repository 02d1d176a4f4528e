import { expect } from "chai";
import { ManifestObject, splitReleaseManifest } from "../../components/antrea/release-edits";
import { CLUSTERSET_CRD } from "../../components/antrea/release";
import { assetText, leaderAssetObjects, memberAssetObjects } from "./fixtures/release-skeletons";

type Json = Record<string, any>;

/**
 * Whether pulumi-kubernetes watches a `v1/Service`'s Endpoints before calling it ready (provider/pkg/await/service.go):
 * a Service with a selector that is not ExternalName, unless annotated `pulumi.com/skipAwait: "true"`
 * (metadata/overrides.go `SkipAwaitLogic`). At the pinned provider (>= 4.17, pulumi/pulumi-kubernetes#3142) a selector
 * that matches no Pod yet is ready once its empty Endpoints settle, so this is no deadlock there; providers before
 * 4.17 waited for a Pod and failed after `DefaultServiceTimeoutMins = 10`. The annotation keeps both fast.
 */
function awaitsEndpoints(object: ManifestObject): boolean {
    const spec = (object.spec ?? {}) as Json;
    const annotations = ((object.metadata as Json).annotations ?? {}) as Record<string, string>;
    return (
        object.kind === "Service" &&
        spec.type !== "ExternalName" &&
        Object.keys(spec.selector ?? {}).length > 0 &&
        annotations["pulumi.com/skipAwait"] !== "true"
    );
}

/** Whether a Deployment's Pods carry every label of a selector (the Endpoints controller's match). */
function selects(selector: Record<string, string>, deployment: ManifestObject): boolean {
    const labels = ((deployment.spec as Json).template.metadata.labels ?? {}) as Record<string, string>;
    return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/**
 * Services of the `-objects` group whose Endpoints Pulumi watches although their Pods come only from the later
 * `-controller` group (which depends on `-objects`; a ConfigGroup waits for all its children, `yaml/v2/configGroup.d.ts`):
 * on a provider before 4.17 each would hold the install for 10 minutes and fail.
 */
function awaitsLaterPods(split: { objects: readonly ManifestObject[]; controller: readonly ManifestObject[] }): string[] {
    return split.objects
        .filter(awaitsEndpoints)
        .filter((svc) => {
            const selector = (svc.spec as Json).selector as Record<string, string>;
            return !split.objects.some((object) => object.kind === "Deployment" && selects(selector, object));
        })
        .map((svc) => `${svc.metadata.namespace}/${svc.metadata.name}`);
}

const cases = [
    {
        asset: "antrea-multicluster-member.yml",
        text: () => assetText(memberAssetObjects()),
        edits: { configChecksum: "c", skipCrds: [CLUSTERSET_CRD] },
    },
    {
        asset: "antrea-multicluster-leader-namespaced.yml",
        text: () => assetText(leaderAssetObjects()),
        edits: { configChecksum: "c", leaderNamespace: "antrea-mcs-ns" },
    },
];

describe("antrea multi-cluster manifests under pulumi-kubernetes' awaits (v2.7.0 asset skeletons)", () => {
    for (const { asset, text, edits } of cases) {
        it(`${asset}: no Service of the -objects group watches for Pods only the later -controller group creates (skipAwait)`, () => {
            const split = splitReleaseManifest(text(), edits);
            const service = split.objects.find((object) => object.kind === "Service");
            expect(service, "the webhook Service is applied with the webhook configurations").not.to.equal(undefined);
            expect(selects((service!.spec as Json).selector, split.controller[0]), "the Service selects the controller's Pods").to.equal(
                true,
            );
            expect(awaitsLaterPods(split)).to.deep.equal([]);
        });

        it(`${asset}: still applies every webhook configuration before the Deployment (its CA is injected once, at start)`, () => {
            const split = splitReleaseManifest(text(), edits);
            const webhooks = split.objects.filter((object) => /WebhookConfiguration$/.test(object.kind));
            expect(webhooks).to.have.length(2);
            expect(split.controller.map((object) => object.kind)).to.deep.equal(["Deployment"]);
        });

        it(`${asset}: rolls the host-network controller on a single schedulable Node (no surge Pod on port 9443)`, () => {
            const [deployment] = splitReleaseManifest(text(), edits).controller;
            const spec = deployment.spec as Json;
            expect(spec.template.spec.hostNetwork).to.equal(true);
            // A surge Pod binds the same host port as the old one, so with one schedulable Node it stays Pending and
            // Pulumi's Deployment await fails; maxSurge 0 / maxUnavailable 1 replaces the Pod in place.
            expect(spec.strategy).to.deep.equal({ type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
        });
    }
});

import { expect } from "chai";
import { ManifestObject, splitReleaseManifest } from "../../components/antrea/manifests";
import { CLUSTERSET_CRD } from "../../components/antrea/release";
import { assetText, leaderAssetObjects, memberAssetObjects } from "./fixtures/release-skeletons";

type Json = Record<string, any>;

/**
 * pulumi-kubernetes' await of a `v1/Service` (provider/pkg/await/awaiters.go `coreV1Service: awaitServiceInit`,
 * service.go): unless annotated `pulumi.com/skipAwait: "true"` (metadata/overrides.go `SkipAwaitLogic`), a Service
 * with a selector that is not ExternalName is ready only once its Endpoints target Pods, else it fails after
 * `DefaultServiceTimeoutMins = 10`.
 */
function awaitsEndpoints(object: ManifestObject): boolean {
    const spec = (object.spec ?? {}) as Json;
    const annotations = ((object.metadata as Json).annotations ?? {}) as Record<string, string>;
    return object.kind === "Service" && spec.type !== "ExternalName" && Object.keys(spec.selector ?? {}).length > 0
        && annotations["pulumi.com/skipAwait"] !== "true";
}

/** Whether a Deployment's Pods carry every label of a selector (the Endpoints controller's match). */
function selects(selector: Record<string, string>, deployment: ManifestObject): boolean {
    const labels = ((deployment.spec as Json).template.metadata.labels ?? {}) as Record<string, string>;
    return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/**
 * Awaits that can never end: the `-controller` ConfigGroup depends on the `-objects` one, and a ConfigGroup waits
 * for all its children (`yaml/v2/configGroup.d.ts`), so a Service in `objects` whose Pods come only from a
 * Deployment in `controller` waits for Pods that are created after it is ready.
 */
function deadlocks(split: { objects: readonly ManifestObject[]; controller: readonly ManifestObject[] }): string[] {
    return split.objects.filter(awaitsEndpoints).filter((svc) => {
        const selector = (svc.spec as Json).selector as Record<string, string>;
        return !split.objects.some((object) => object.kind === "Deployment" && selects(selector, object));
    }).map((svc) => `${svc.metadata.namespace}/${svc.metadata.name}`);
}

const cases = [
    { asset: "antrea-multicluster-member.yml", text: () => assetText(memberAssetObjects()), edits: { configChecksum: "c", skipCrds: [CLUSTERSET_CRD] } },
    { asset: "antrea-multicluster-leader-namespaced.yml", text: () => assetText(leaderAssetObjects()), edits: { configChecksum: "c", leaderNamespace: "antrea-mcs-ns" } },
];

describe("antrea multi-cluster manifests under pulumi-kubernetes' awaits (v2.7.0 asset skeletons)", () => {
    for (const { asset, text, edits } of cases) {
        it(`${asset}: no object of the -objects group awaits Pods that only the later -controller group creates`, () => {
            const split = splitReleaseManifest(text(), edits);
            const service = split.objects.find((object) => object.kind === "Service");
            expect(service, "the webhook Service is applied with the webhook configurations").not.to.equal(undefined);
            expect(selects((service!.spec as Json).selector, split.controller[0]), "the Service selects the controller's Pods").to.equal(true);
            expect(deadlocks(split)).to.deep.equal([]);
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

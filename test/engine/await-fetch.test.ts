import { expect } from "chai";
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as yaml from "js-yaml";
import { splitReleaseManifest } from "../../components/antrea/release-edits";
import { AntreaReleaseAsset, MC_CONFIG_MAP, MC_CONTROLLER, releaseAssetUrl } from "../../components/antrea/release";
import { gatewayApiUrl } from "../../components/linkerd/install";
import { DeclaredObject } from "../../components/shared/fetched-manifest";
import { defaultVersions } from "../../components/versions";
import { renderArtifacts } from "../../tools/engine/artifacts";
import { checkAwaits } from "../../tools/engine/await-check";
import { buildPlan } from "../../tools/engine/plan";
import { selects } from "../../tools/engine/await-kube";
import { declaredManifests, fetchedBy, manifestText } from "../../tools/engine/fetch-sim";
import { promiseOf, recordProgram } from "../mocks";
import { fixtureCluster, group, widgetCrd } from "./await-fixtures";

const ASSETS: AntreaReleaseAsset[] = [
    "antrea-crds.yml",
    "antrea-multicluster-leader-global.yml",
    "antrea-multicluster-leader-namespaced.yml",
    "antrea-multicluster-member.yml",
];
const memberUrl = releaseAssetUrl(defaultVersions.antrea, "antrea-multicluster-member.yml");

describe("declared contents of fetched manifests", () => {
    it("declares every manifest the program fetches at the pinned versions", () => {
        const urls = [...declaredManifests().keys()];
        expect(urls).to.include.members([
            ...ASSETS.map((asset) => releaseAssetUrl(defaultVersions.antrea, asset)),
            gatewayApiUrl(defaultVersions.gatewayApi),
        ]);
        for (const manifest of declaredManifests().values()) {
            expect(manifest.source, manifest.url).to.match(/@v\d+\.\d+\.\d+/);
        }
    });

    it("declares CRDs named <plural>.<group>, each with one storage version", () => {
        const crds = [...declaredManifests().values()]
            .flatMap((manifest) => manifest.objects)
            .filter((object) => object.kind === "CustomResourceDefinition");
        expect(crds.length).to.equal(20 + 4 + 6 + 5);
        for (const crd of crds) {
            if (crd.kind === "CustomResourceDefinition") {
                expect(crd.metadata.name).to.equal(`${crd.spec.names.plural}.${crd.spec.group}`);
                expect(crd.spec.versions.filter((version) => version.storage)).to.have.length(1);
            }
        }
    });

    it("declares webhooks whose Service is in the same manifest and selects its controller's pods", () => {
        for (const manifest of declaredManifests().values()) {
            const objects: readonly DeclaredObject[] = manifest.objects;
            for (const object of objects) {
                if (object.kind !== "ValidatingWebhookConfiguration" && object.kind !== "MutatingWebhookConfiguration") {
                    continue;
                }
                for (const webhook of object.webhooks) {
                    const ref = webhook.clientConfig.service;
                    const service = objects.find(
                        (candidate) =>
                            candidate.kind === "Service" &&
                            candidate.metadata.name === ref.name &&
                            candidate.metadata.namespace === ref.namespace,
                    );
                    expect(service, `${manifest.url} ${webhook.name}`).not.to.equal(undefined);
                    const pods = objects.filter(
                        (candidate) =>
                            candidate.kind === "Deployment" &&
                            service?.kind === "Service" &&
                            selects(service.spec.selector, candidate.spec.template.metadata.labels),
                    );
                    expect(pods.map((pod) => pod.metadata.name)).to.deep.equal([MC_CONTROLLER]);
                }
            }
        }
    });

    it("carries what the Antrea split expects: one antrea-mc-controller Deployment and the ConfigMap it drops", () => {
        for (const asset of ["antrea-multicluster-leader-namespaced.yml", "antrea-multicluster-member.yml"] as const) {
            const text = manifestText(declaredManifests().get(releaseAssetUrl(defaultVersions.antrea, asset))!);
            const split = splitReleaseManifest(text, { configChecksum: "0".repeat(64) });
            expect(split.controller.map((object) => object.metadata.name)).to.deep.equal([MC_CONTROLLER]);
            expect(split.objects.map((object) => `${object.kind}/${object.metadata.name}`))
                .to.include("Service/antrea-mc-webhook-service")
                .and.not.to.include(`ConfigMap/${MC_CONFIG_MAP}`);
        }
    });
});

describe("simulated downloads", () => {
    it("answers a curl of a declared URL to stdout with its objects, and nothing else", () => {
        expect(fetchedBy(`set -e\ncurl -fsSL --retry 3 --retry-delay 2 '${memberUrl}'\n`)?.url).to.equal(memberUrl);
        expect(fetchedBy(`curl -fsSL ${memberUrl}\n`)?.url).to.equal(memberUrl);
        expect(fetchedBy(`curl -fsSL -o "$work/manifest.yaml" '${memberUrl}'\n`)).to.equal(undefined);
        expect(fetchedBy(`echo '${memberUrl}'\n`)).to.equal(undefined);
        expect(fetchedBy("curl -fsSL https://example.com/other.yaml\n")).to.equal(undefined);
    });

    it("gives a local Command that downloads a declared manifest the declared objects as stdout", async () => {
        let stdout: Promise<string> = Promise.resolve("");
        const graph = await recordProgram(() => {
            const fetch = new command.local.Command("fetch-member", {
                create: `curl -fsSL --retry 3 '${memberUrl}'`,
                interpreter: ["bash", "-c"],
            });
            stdout = promiseOf(fetch.stdout);
        });
        expect(graph.error).to.equal(undefined);
        const kinds = yaml
            .loadAll(await stdout)
            .map((object) => `${(object as DeclaredObject).kind}/${(object as DeclaredObject).metadata.name}`);
        expect(kinds).to.include.members([
            "Deployment/antrea-mc-controller",
            "Service/antrea-mc-webhook-service",
            "CustomResourceDefinition/clustersets.multicluster.crd.antrea.io",
        ]);
    });

    it("lets a ConfigFile of a declared URL provide its objects to the await rules", async () => {
        const route = {
            apiVersion: "gateway.networking.k8s.io/v1",
            kind: "HTTPRoute",
            metadata: { name: "split", namespace: "default" },
            spec: {},
        };
        const program = (dependOnCrds: boolean) => () => {
            const { options } = fixtureCluster();
            const crds = new k8s.yaml.v2.ConfigFile("gateway-api", { file: gatewayApiUrl("1.2.1") }, options());
            new k8s.apiextensions.CustomResource("split", route, options(dependOnCrds ? [crds] : []));
        };
        const passing = await recordProgram(program(true));
        expect(checkAwaits(passing.records)).to.deep.equal([]);
        const racing = await recordProgram(program(false));
        expect(checkAwaits(racing.records).map((problem) => problem.message)[0]).to.contain(
            "needs CRD httproutes.gateway.networking.k8s.io when it is created, but it does not wait for " +
                "CustomResourceDefinition httproutes.gateway.networking.k8s.io (gateway-api:httproutes.gateway.networking.k8s.io)",
        );
        expect(checkAwaits(racing.records, new Map())[0].message).to.contain("no resource of the program is known to create there");
    });

    it("writes what each yaml/v2 group applies into the render's manifests", async () => {
        const graph = await recordProgram(() => {
            const { options } = fixtureCluster();
            group("crds", [widgetCrd()], options());
            new k8s.yaml.v2.ConfigFile("gateway-api", { file: gatewayApiUrl("1.2.1") }, options());
            new k8s.yaml.v2.ConfigFile("elsewhere", { file: "https://example.com/other.yaml" }, options());
        });
        const files = renderArtifacts(buildPlan("multicluster", "test", graph.records, false), {}, undefined);
        expect(files.get("manifests/east/crds.yaml"))
            .to.contain("# ConfigGroup crds: the objects it applies\n")
            .and.to.contain("name: widgets.demo.example.com");
        expect(files.get("manifests/east/gateway-api.yaml"))
            .to.contain(`applies ${gatewayApiUrl("1.2.1")} at run time`)
            .and.to.contain("#   CustomResourceDefinition httproutes.gateway.networking.k8s.io\n");
        expect(files.get("manifests/east/elsewhere.yaml")).to.contain("not declared offline");
    });
});

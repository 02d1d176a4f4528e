import { expect } from "chai";
import { AntreaMcController } from "../../components/antrea/cluster-set/controller";
import {
    CONFIG_CHECKSUM_ANNOTATION,
    leaderMcConfig,
    mcConfigChecksum,
    mcConfigMap,
    renderMcConfig,
} from "../../components/antrea/cluster-set/mc-config";
import { parseManifest, renameLeaderNamespace, splitReleaseManifest } from "../../components/antrea/release-edits";
import { CLUSTERSET_CRD, releaseAssetUrl } from "../../components/antrea/release";
import { fakeCluster } from "../fixtures/cilium-clusters";
import { expectGolden } from "../golden";
import { recordProgram } from "../mocks";

/** A small stand-in with the shape of a release manifest (kinds and names as in antrea-multicluster-*.yml v2.7.0). */
const MANIFEST = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: clustersets.multicluster.crd.antrea.io }
spec: { group: multicluster.crd.antrea.io }
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: gateways.multicluster.crd.antrea.io }
spec: { group: multicluster.crd.antrea.io }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: antrea-mc-controller, namespace: antrea-multicluster }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: antrea-multicluster-antrea-mc-controller-webhook-role }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: antrea-mc-controller-config, namespace: antrea-multicluster }
data: { controller_manager_config.yaml: "kind: MultiClusterConfig" }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: antrea-mc-controller, namespace: antrea-multicluster }
spec:
  template:
    metadata: { annotations: { checksum/config: 81ec1a33 } }
    spec: { hostNetwork: true }
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: { name: antrea-multicluster-antrea-mc-validating-webhook-configuration, labels: { served-in: antrea-multicluster } }
webhooks: [{ name: vclusterset.kb.io, namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: antrea-multicluster } } }]
`;

describe("antrea multi-cluster manifests", () => {
    it("pins every manifest to a release tag (never main)", () => {
        expect(releaseAssetUrl("2.7.0", "antrea-multicluster-member.yml")).to.equal(
            "https://github.com/antrea-io/antrea/releases/download/v2.7.0/antrea-multicluster-member.yml",
        );
        expect(releaseAssetUrl("2.7.0", "antrea-crds.yml")).not.to.contain("/main/");
    });

    it("drops the manifest's ConfigMap, sets the controller apart and stamps its config checksum", () => {
        const split = splitReleaseManifest(MANIFEST, { configChecksum: "abc123" });
        expect(split.objects.map((object) => `${object.kind}/${object.metadata.name}`)).to.deep.equal([
            "CustomResourceDefinition/clustersets.multicluster.crd.antrea.io",
            "CustomResourceDefinition/gateways.multicluster.crd.antrea.io",
            "ServiceAccount/antrea-mc-controller",
            "ClusterRole/antrea-multicluster-antrea-mc-controller-webhook-role",
            "ValidatingWebhookConfiguration/antrea-multicluster-antrea-mc-validating-webhook-configuration",
        ]);
        const [deployment] = split.controller;
        expect(deployment.metadata.name).to.equal("antrea-mc-controller");
        expect((deployment.spec as any).template.metadata.annotations).to.deep.equal({ [CONFIG_CHECKSUM_ANNOTATION]: "abc123" });
        expect((deployment.spec as any).template.spec).to.deep.equal({ hostNetwork: true });
    });

    it("leaves the ClusterSet CRD to the leader in a dual-role cluster", () => {
        const split = splitReleaseManifest(MANIFEST, { configChecksum: "x", skipCrds: [CLUSTERSET_CRD] });
        expect(split.objects.map((object) => object.metadata.name)).not.to.include(CLUSTERSET_CRD);
        expect(split.objects.map((object) => object.metadata.name)).to.include("gateways.multicluster.crd.antrea.io");
    });

    it("moves the leader objects to another namespace the documented way (names, labels, selectors)", () => {
        const split = splitReleaseManifest(MANIFEST, { configChecksum: "x", leaderNamespace: "antrea-mcs-ns" });
        const text = JSON.stringify(split);
        expect(text).not.to.contain("antrea-multicluster");
        expect(split.objects.map((object) => object.metadata.name)).to.include("antrea-mcs-ns-antrea-mc-validating-webhook-configuration");
        expect(split.controller[0].metadata.namespace).to.equal("antrea-mcs-ns");
        expect(renameLeaderNamespace("a antrea-multicluster b", "antrea-multicluster")).to.equal("a antrea-multicluster b");
    });

    it("gives nothing for a manifest not fetched yet, and refuses one without the controller or with a non-object", () => {
        expect(splitReleaseManifest("", { configChecksum: "x" })).to.deep.equal({ objects: [], controller: [] });
        expect(() =>
            splitReleaseManifest("apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: a }\n", { configChecksum: "x" }),
        ).to.throw("0 Deployments named antrea-mc-controller");
        expect(() => parseManifest("just text")).to.throw("document 1 is not a Kubernetes object");
    });

    it("renders the member controller configuration of seed 000's Pod-to-Pod mode (golden), IPv4 only", () => {
        const text = renderMcConfig({
            serviceCidr: "10.228.96.0/22",
            podCidrs: ["10.118.96.0/22", "fd00:10:118::/56"],
            endpointIpType: "PodIP",
            stretchedNetworkPolicy: true,
            gatewayIpPrecedence: "private",
        });
        expectGolden("antrea/mc-config-member-pod-to-pod.yaml", text);
        expect(text).not.to.contain("leaderElection").and.not.to.contain("fd00");
        expect(renderMcConfig(leaderMcConfig(false))).to.contain("podCIDRs:\n  - ''");
    });

    it("changes the checksum whenever the configuration changes", () => {
        const base = {
            serviceCidr: "10.96.0.0/16",
            podCidrs: ["10.1.0.0/16"],
            endpointIpType: "PodIP" as const,
            stretchedNetworkPolicy: false,
            gatewayIpPrecedence: "private" as const,
        };
        const a = mcConfigChecksum(mcConfigMap("kube-system", base));
        expect(mcConfigChecksum(mcConfigMap("kube-system", { ...base, podCidrs: ["10.2.0.0/16"] }))).not.to.equal(a);
        expect(mcConfigChecksum(mcConfigMap("kube-system", { ...base, endpointIpType: "ClusterIP" }))).not.to.equal(a);
        expect(mcConfigChecksum(mcConfigMap("kube-system", base))).to.equal(a);
    });

    it("applies the controller after its webhook configurations and ConfigMap, and waits until it serves", async () => {
        const graph = await recordProgram(() => {
            const cluster = fakeCluster({ name: "east", podCidr: "10.1.0.0/16" });
            new AntreaMcController("mc", {
                cluster,
                role: "member",
                namespace: "kube-system",
                manifest: MANIFEST,
                skipCrds: [CLUSTERSET_CRD],
                config: { ...leaderMcConfig(false), podCidrs: ["10.1.0.0/16"], endpointIpType: "PodIP" },
                crds: ["gateways.multicluster.crd.antrea.io"],
                webhooks: [{ kind: "validatingwebhookconfiguration", name: "antrea-mc-validating-webhook-configuration" }],
            });
        });
        expect(graph.error).to.equal(undefined);
        const objects = graph.find("kubernetes:yaml/v2:ConfigGroup", "mc-objects");
        const controller = graph.find("kubernetes:yaml/v2:ConfigGroup", "mc-controller");
        const configMap = graph.find("kubernetes:core/v1:ConfigMap", "mc-config");
        const running = graph.find("command:local:Command", "mc-running");
        expect(
            graph.dependsOn(controller, objects) && graph.dependsOn(controller, configMap) && graph.dependsOn(running, controller),
        ).to.equal(true);
        const kinds = (graph.inputsOf(objects).objs as any[]).map((object) => `${object.kind}/${object.metadata.name}`);
        expect(kinds).to.include("ValidatingWebhookConfiguration/antrea-multicluster-antrea-mc-validating-webhook-configuration");
        expect(kinds).not.to.include(`CustomResourceDefinition/${CLUSTERSET_CRD}`);
        const [deployment] = graph.inputsOf(controller).objs as any[];
        const checksum = mcConfigChecksum(graph.inputsOf(configMap) as any);
        expect(deployment.spec.template.metadata.annotations[CONFIG_CHECKSUM_ANNOTATION]).to.equal(checksum);
        expect(graph.inputsOf(running).triggers).to.include(checksum);
    });
});

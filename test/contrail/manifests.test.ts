import { expect } from "chai";
import { allocateKubemanagers } from "../../components/contrail/allocation";
import { renderKubemanager } from "../../components/contrail/kubemanager";
import { CONTRAIL_NAMESPACES } from "../../components/contrail/names";
import { CONTRAIL_RELEASES, contrailRelease, manifestUrl } from "../../components/contrail/release";
import { registryPrefixProblem } from "../../components/contrail/release";
import {
    centralKubeconfigSecretManifest,
    dockerConfigJson,
    pullSecretManifest,
    registryAuthProblem,
    workloadKubeconfigSecretManifest,
} from "../../components/contrail/secrets";
import { renderTokenKubeconfig } from "../../components/shared/kubeconfig";
import { toYaml, toYamlDocuments } from "../../components/shared/yaml";
import { expectGolden } from "../golden";

const release = CONTRAIL_RELEASES["23.4"];
const [first, second] = allocateKubemanagers([
    { cluster: "cluster2", path: "d[0]" },
    { cluster: "cluster3", path: "d[1]" },
]);
/** Stands in for `serviceAccountKubeconfig`'s fingerprint of the workload kubeconfig. */
const FINGERPRINT = "<sha256 of the workload kubeconfig's server, CA and token Secret UID>";

/**
 * `spec` fields of the v1 Kubemanager at 23.4, as read in
 * Juniper/contrail-networking@99c9a6b releases/23.4/ocp/100-configplane.juniper.net_kubemanagers.yaml.
 */
const CRD_SPEC_FIELDS = [
    "autonomousSystem",
    "clusterName",
    "common",
    "constantRouteTargetNumber",
    "enableFourByteAs",
    "enableNad",
    "externalNetworkSelectors",
    "externalNetworkV4Subnet",
    "externalNetworkV6Subnet",
    "ipFabricFowardingExtSvc",
    "isolateNamespaces",
    "kubeconfigSecretName",
    "listenerPort",
    "managerMetricsBindAddress",
    "namespace",
    "podV4Subnet",
    "podV6Subnet",
    "serviceV4Subnet",
    "serviceV6Subnet",
];

/** `spec.common` fields of the v1 Kubemanager at 23.4 (same CRD file). */
const CRD_COMMON_FIELDS = [
    "affinity",
    "containers",
    "defaultContainerRegistry",
    "imagePullPolicy",
    "imagePullSecrets",
    "initContainers",
    "nodeSelector",
    "podAnnotations",
    "priorityClassName",
    "replicas",
    "serviceAccountName",
    "tolerations",
    "volumes",
];

/** Placeholder kubeconfig: the structure and server of the real one, no key material. */
function placeholderKubeconfig(cluster: string, server: string, account: string): string {
    return renderTokenKubeconfig({
        clusterName: cluster,
        server,
        userName: account,
        caCertPem: `<CA certificate of ${cluster}>`,
        token: `<token of ServiceAccount kube-system/${account} in ${cluster}>`,
    });
}

describe("Contrail manifests", () => {
    it("renders seed 002's Kubemanager for cluster2 on the 23.4 API (golden)", () => {
        const manifest = renderKubemanager({
            release,
            cluster: "cluster2",
            allocation: first,
            kubeconfigFingerprint: FINGERPRINT,
            podCidrs: ["10.234.128.0/17", "fd85:ee78:d8a6:8607::3:0000/112"],
            serviceCidrs: ["10.234.0.0/17", "fd85:ee78:d8a6:8607::2:1000/116"],
        });
        expectGolden("contrail/kubemanager-cluster2.yaml", toYaml(manifest));
        expect(manifest.apiVersion).to.equal("configplane.juniper.net/v1");
        expect(Object.keys(manifest.spec).filter((field) => !CRD_SPEC_FIELDS.includes(field))).to.deep.equal([]);
        expect(Object.keys(manifest.spec.common).filter((field) => !CRD_COMMON_FIELDS.includes(field))).to.deep.equal([]);
        // R4: a new kubeconfig changes the pods' template, so the Kubemanager restarts on the new credentials.
        expect(manifest.spec.common.podAnnotations).to.deep.equal({ "multicluster.pulumi.com/workload-kubeconfig": FINGERPRINT });
        expect(manifest.spec.common).not.to.have.property("defaultContainerRegistry");
    });

    it("leaves the IPv6 subnets out for an IPv4-only cluster and uses a mirror registry when given (golden)", () => {
        const manifest = renderKubemanager({
            release,
            registry: "registry.lab:5000/cn2",
            cluster: "cluster3",
            allocation: second,
            enableNad: false,
            kubeconfigFingerprint: FINGERPRINT,
            podCidrs: ["10.235.128.0/17"],
            serviceCidrs: ["10.235.0.0/17"],
        });
        expectGolden("contrail/kubemanager-cluster3-ipv4-mirror.yaml", toYaml(manifest));
        expect(manifest.spec).not.to.have.any.keys("podV6Subnet", "serviceV6Subnet");
        // G6: the images the operator adds on its own come from the mirror too.
        expect(manifest.spec.common.defaultContainerRegistry).to.equal("registry.lab:5000/cn2");
    });

    it("renders the crosswise kubeconfig Secrets and the pull Secrets with the names the deployers read (golden, placeholders)", () => {
        const docs = [
            centralKubeconfigSecretManifest(
                placeholderKubeconfig("cluster1", "https://172.27.115.180:6443", "contrail-distributed-cluster2"),
            ),
            workloadKubeconfigSecretManifest(
                "cluster2",
                placeholderKubeconfig("cluster2", "https://172.27.115.183:6443", "contrail-central-kubemanager"),
            ),
            ...CONTRAIL_NAMESPACES.map((namespace) =>
                pullSecretManifest(namespace, dockerConfigJson("enterprise-hub.juniper.net", "<username>:<password>")),
            ),
        ];
        expectGolden("contrail/secrets-cluster2.yaml", toYamlDocuments(docs));
        expect(docs.map((doc) => `${doc.metadata.namespace}/${doc.metadata.name}`)).to.deep.equal([
            "contrail-deploy/central-kubeconfig",
            "contrail/workload-kubeconfig-cluster2",
            "contrail/registrypullsecret",
            "contrail-system/registrypullsecret",
            "contrail-deploy/registrypullsecret",
        ]);
        expect(Object.keys(docs[0].stringData)).to.deep.equal(["kubeconfig"]);
    });

    it("builds the docker config from user:password, or takes a whole docker config JSON as given", () => {
        const built = JSON.parse(dockerConfigJson("enterprise-hub.juniper.net", " alice:s3cret \n"));
        expect(built).to.deep.equal({ auths: { "enterprise-hub.juniper.net": { auth: Buffer.from("alice:s3cret").toString("base64") } } });
        const given = '{"auths":{"mirror.lab":{"auth":"eA=="}}}';
        expect(dockerConfigJson("enterprise-hub.juniper.net", given)).to.equal(given);
    });

    it("refuses registry credentials that would not pull (R5), the guide's base64 text with what to paste instead, never echoing them", () => {
        const host = "enterprise-hub.juniper.net";
        const config = JSON.stringify({ auths: { [host]: { auth: Buffer.from("alice:s3cret").toString("base64") } } });
        for (const good of [
            "alice:s3cret",
            config,
            JSON.stringify({ auths: { [`https://${host}`]: { username: "alice", password: "s3cret" } } }),
        ]) {
            expect(registryAuthProblem(good, host), good).to.equal(undefined);
        }
        const problems = {
            guideBlob: registryAuthProblem(Buffer.from(config).toString("base64"), host),
            encodedPair: registryAuthProblem(Buffer.from("alice:s3cret").toString("base64"), host),
            otherHost: registryAuthProblem(JSON.stringify({ auths: { "hub.juniper.net": { auth: "eA==" } } }), host),
            noAuths: registryAuthProblem('{"credsStore":"desktop"}', host),
            broken: registryAuthProblem('{"auths": ', host),
            bare: registryAuthProblem("s3cret-token-only", host),
            emptyPassword: registryAuthProblem("alice:", host),
        };
        expect(problems.guideBlob?.problem).to.equal(
            "is base64 text of a docker config (what the guide puts in .dockerconfigjson), not the config itself",
        );
        expect(problems.guideBlob?.fix).to.equal("paste the decoded JSON (base64 -d), or <username>:<password>");
        expect(problems.encodedPair?.problem).to.equal("is base64 text of <username>:<password>, not the credential itself");
        expect(problems.otherHost?.problem).to.equal(
            "is a docker config without usable credentials for enterprise-hub.juniper.net, the registry the CN2 images are pulled from",
        );
        expect(problems.noAuths?.problem).to.equal('is a JSON document without an "auths" map, so it is not a docker config');
        expect(problems.broken?.problem).to.equal("starts like a docker config JSON but is not valid JSON");
        expect(problems.bare?.problem).to.equal("is neither <username>:<password> nor a docker config JSON");
        expect(problems.emptyPassword?.problem).to.equal("is neither <username>:<password> nor a docker config JSON");
        expect(JSON.stringify(problems)).not.to.contain("s3cret").and.not.to.contain("alice");
    });

    it("takes a registry mirror only as host[:port]/path with a real host (a Docker Hub account or a bad port is refused)", () => {
        for (const good of ["registry.lab:5000/cn2", "mirror.example.com/contrail-container-prod", "localhost:5000", "10.0.0.5:5000/cn2"]) {
            expect(registryPrefixProblem(good), good).to.equal(undefined);
        }
        expect(registryPrefixProblem("https://registry.lab/cn2")?.problem).to.equal(
            "is not an image registry prefix like registry.example.com/cn2",
        );
        expect(registryPrefixProblem("myaccount/cn2")?.problem).to.equal(
            "starts with myaccount, which an image reference reads as a Docker Hub account, not a registry host",
        );
        expect(registryPrefixProblem("registry.lab:99999/cn2")?.problem).to.equal("has port 99999, outside 1-65535");
        expect(registryPrefixProblem("registry..lab/cn2")?.problem).to.match(/^has a host that /);
        expect(registryPrefixProblem("registry.lab/cn2/-x")?.problem).to.equal(
            'has the path component "-x", which no image reference allows',
        );
    });

    it("pins every manifest URL to a commit, never a branch, with a SHA-256", () => {
        for (const manifest of Object.values(release.manifests)) {
            expect(manifest).not.to.equal(undefined);
            expect(manifestUrl(release, manifest!)).to.match(
                /^https:\/\/raw\.githubusercontent\.com\/Juniper\/contrail-networking\/[0-9a-f]{40}\/releases\/23\.4\/k8s\/multi-cluster\/[a-z_]+\.yaml$/,
            );
            expect(manifest!.sha256).to.match(/^[0-9a-f]{64}$/);
        }
        expect(contrailRelease("main")).to.equal(undefined);
        expect(contrailRelease("toString")).to.equal(undefined);
    });
});

import { expect } from "chai";
import { allocateKubemanagers } from "../../components/contrail/allocation";
import { renderKubemanager } from "../../components/contrail/kubemanager";
import { CONTRAIL_NAMESPACES } from "../../components/contrail/names";
import { CONTRAIL_RELEASES, contrailRelease, manifestUrl } from "../../components/contrail/release";
import {
    centralKubeconfigSecretManifest, dockerConfigJson, pullSecretManifest, workloadKubeconfigSecretManifest,
} from "../../components/contrail/secrets";
import { renderTokenKubeconfig } from "../../components/shared/kubeconfig";
import { toYaml, toYamlDocuments } from "../../components/shared/yaml";
import { expectGolden } from "../golden";

const release = CONTRAIL_RELEASES["23.4"];
const [first, second] = allocateKubemanagers([{ cluster: "cluster2", path: "d[0]" }, { cluster: "cluster3", path: "d[1]" }]);

/**
 * `spec` fields of the v1 Kubemanager at 23.4, as read in
 * Juniper/contrail-networking@99c9a6b releases/23.4/ocp/100-configplane.juniper.net_kubemanagers.yaml.
 */
const CRD_SPEC_FIELDS = [
    "autonomousSystem", "clusterName", "common", "constantRouteTargetNumber", "enableFourByteAs", "enableNad",
    "externalNetworkSelectors", "externalNetworkV4Subnet", "externalNetworkV6Subnet", "ipFabricFowardingExtSvc",
    "isolateNamespaces", "kubeconfigSecretName", "listenerPort", "managerMetricsBindAddress", "namespace",
    "podV4Subnet", "podV6Subnet", "serviceV4Subnet", "serviceV6Subnet",
];

/** Placeholder kubeconfig: the structure and server of the real one, no key material. */
function placeholderKubeconfig(cluster: string, server: string, account: string): string {
    return renderTokenKubeconfig({
        clusterName: cluster, server, userName: account,
        caCertPem: `<CA certificate of ${cluster}>`, token: `<token of ServiceAccount kube-system/${account} in ${cluster}>`,
    });
}

describe("Contrail manifests", () => {
    it("renders seed 002's Kubemanager for cluster2 on the 23.4 API (golden)", () => {
        const manifest = renderKubemanager({
            release, cluster: "cluster2", allocation: first,
            podCidrs: ["10.234.128.0/17", "fd85:ee78:d8a6:8607::3:0000/112"],
            serviceCidrs: ["10.234.0.0/17", "fd85:ee78:d8a6:8607::2:1000/116"],
        });
        expectGolden("contrail/kubemanager-cluster2.yaml", toYaml(manifest));
        expect(manifest.apiVersion).to.equal("configplane.juniper.net/v1");
        expect(Object.keys(manifest.spec).filter((field) => !CRD_SPEC_FIELDS.includes(field))).to.deep.equal([]);
    });

    it("leaves the IPv6 subnets out for an IPv4-only cluster and uses a mirror registry when given (golden)", () => {
        const manifest = renderKubemanager({
            release, registry: "registry.lab:5000/cn2", cluster: "cluster3", allocation: second, enableNad: false,
            podCidrs: ["10.235.128.0/17"], serviceCidrs: ["10.235.0.0/17"],
        });
        expectGolden("contrail/kubemanager-cluster3-ipv4-mirror.yaml", toYaml(manifest));
        expect(manifest.spec).not.to.have.any.keys("podV6Subnet", "serviceV6Subnet");
    });

    it("renders the crosswise kubeconfig Secrets and the pull Secrets with the names the deployers read (golden, placeholders)", () => {
        const docs = [
            centralKubeconfigSecretManifest(placeholderKubeconfig("cluster1", "https://172.27.115.180:6443", "contrail-distributed-cluster2")),
            workloadKubeconfigSecretManifest("cluster2", placeholderKubeconfig("cluster2", "https://172.27.115.183:6443", "contrail-central-kubemanager")),
            ...CONTRAIL_NAMESPACES.map((namespace) => pullSecretManifest(namespace, dockerConfigJson("enterprise-hub.juniper.net", "<username>:<password>"))),
        ];
        expectGolden("contrail/secrets-cluster2.yaml", toYamlDocuments(docs));
        expect(docs.map((doc) => `${doc.metadata.namespace}/${doc.metadata.name}`)).to.deep.equal([
            "contrail-deploy/central-kubeconfig", "contrail/workload-kubeconfig-cluster2",
            "contrail/registrypullsecret", "contrail-system/registrypullsecret", "contrail-deploy/registrypullsecret",
        ]);
        expect(Object.keys(docs[0].stringData)).to.deep.equal(["kubeconfig"]);
    });

    it("builds the docker config from user:password, or takes a whole docker config JSON as given", () => {
        const built = JSON.parse(dockerConfigJson("enterprise-hub.juniper.net", " alice:s3cret \n"));
        expect(built).to.deep.equal({ auths: { "enterprise-hub.juniper.net": { auth: Buffer.from("alice:s3cret").toString("base64") } } });
        const given = '{"auths":{"mirror.lab":{"auth":"eA=="}}}';
        expect(dockerConfigJson("enterprise-hub.juniper.net", given)).to.equal(given);
    });

    it("pins every manifest URL to a commit, never a branch, with a SHA-256", () => {
        for (const manifest of Object.values(release.manifests)) {
            expect(manifest).not.to.equal(undefined);
            expect(manifestUrl(release, manifest!)).to.match(/^https:\/\/raw\.githubusercontent\.com\/Juniper\/contrail-networking\/[0-9a-f]{40}\/releases\/23\.4\/k8s\/multi-cluster\/[a-z_]+\.yaml$/);
            expect(manifest!.sha256).to.match(/^[0-9a-f]{64}$/);
        }
        expect(contrailRelease("main")).to.equal(undefined);
        expect(contrailRelease("toString")).to.equal(undefined);
    });
});

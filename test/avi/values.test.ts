import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { AKO_VALUE_PATHS } from "../../components/avi/chart-keys";
import { gslbMembersKubeconfig } from "../../components/avi/kubeconfig";
import { AkoSettings, GslbSettings } from "../../components/avi/types";
import { AKO_CHART, AMKO_CHART, akoValues, amkoValues, trafficSplitOf } from "../../components/avi/values";
import { fromYaml, toYaml } from "../../components/shared/yaml";
import { expectGolden } from "../golden";

const paths = (file: string) =>
    new Set(
        fs
            .readFileSync(path.join(__dirname, "fixtures", file), "utf8")
            .split("\n")
            .filter((line) => line && !line.startsWith("#")),
    );
/** Keys the AMKO GDP template reads that values.yaml only shows commented out (helm/amko/templates/gdp.yaml, release-2.1.1). */
const gdpTemplateKeys = [
    "appSelector",
    "namespaceSelector",
    "matchClusters",
    "trafficSplit",
    "ttl",
    "sitePersistenceRef",
    "healthMonitorRefs",
    "healthMonitorTemplate",
    "poolAlgorithmSettings",
    "downResponse",
].map((key) => `globalDeploymentPolicy.${key}`);

/** Top-level-to-leaf paths, stopping at free-form maps and lists (selector labels, lists of objects). */
function keyPaths(value: unknown, prefix = "", stopAt: readonly string[] = []): string[] {
    if (value === null || typeof value !== "object" || Array.isArray(value) || stopAt.includes(prefix)) {
        return [prefix];
    }
    return Object.entries(value).flatMap(([key, child]) => keyPaths(child, prefix ? `${prefix}.${key}` : key, stopAt));
}

const controller = {
    host: "10.10.10.5",
    version: "31.1.1",
    username: "admin",
    tenant: "admin",
    cloudName: "Default-Cloud",
    serviceEngineGroup: "Default-Group",
};
const ako: AkoSettings = {
    controller,
    clusterName: "tanzuhispano-01",
    cniPlugin: "antrea",
    serviceType: "NodePortLocal",
    vipNetworks: [{ name: "vip-net", cidr: "192.168.120.0/24" }],
    nodeNetworks: [{ name: "node-net", cidrs: ["192.168.110.0/24"] }],
};
const gslb: GslbSettings = {
    controller,
    policy: { appSelector: { app: "gslb" }, namespaceSelector: {}, trafficSplit: { "tanzuhispano-01": 5, "tanzuhispano-02": 5 }, ttl: 10 },
};
const membership = {
    currentContext: "tanzuhispano-02",
    contexts: ["tanzuhispano-01", "tanzuhispano-db", "tanzuhispano-02"],
    isLeader: false,
};

describe("avi values", () => {
    it("installs the published OCI charts in avi-system", () => {
        expect([AKO_CHART.chart, AMKO_CHART.chart]).to.deep.equal([
            "oci://projects.packages.broadcom.com/ako/helm-charts/ako",
            "oci://projects.packages.broadcom.com/ako/helm-charts/amko",
        ]);
        expect([AKO_CHART.namespace, AMKO_CHART.namespace]).to.deep.equal(["avi-system", "avi-system"]);
    });

    it("renders AKO in NodePortLocal mode on Antrea (golden), with the password only when given", () => {
        expectGolden("avi/ako-values-nodeportlocal.yaml", toYaml(akoValues(ako, "<password>")));
        expect(akoValues(ako).avicredentials).to.deep.equal({ username: "admin" });
    });

    it("renders a follower's and the leader's AMKO values (golden)", () => {
        expectGolden("avi/amko-values-follower.yaml", toYaml(amkoValues(gslb, membership, "<password>")));
        const leader = amkoValues(gslb, { ...membership, currentContext: "tanzuhispano-db", isLeader: true }) as any;
        expect(leader.federation).to.deep.include({ currentCluster: "tanzuhispano-db", currentClusterIsLeader: true });
    });

    it("keeps the typed AKO key list the escape hatch is checked against equal to the release-2.1.1 values.yaml fixture", () => {
        expect([...AKO_VALUE_PATHS].sort()).to.deep.equal([...paths("ako-values-paths-2.1.1.txt")].sort());
    });

    it("sets only keys the release-2.1.1 charts read", () => {
        const akoPaths = paths("ako-values-paths-2.1.1.txt");
        const akoKeys = keyPaths(akoValues({ ...ako, defaultDomain: "avi.internal" }, "x"), "", [
            "NetworkSettings.vipNetworkList",
            "NetworkSettings.nodeNetworkList",
        ]);
        expect(akoKeys.filter((key) => !akoPaths.has(key))).to.deep.equal([]);
        const amkoPaths = new Set([...paths("amko-values-paths-2.1.1.txt"), ...gdpTemplateKeys]);
        const amkoKeys = keyPaths(amkoValues({ ...gslb, amkoUuid: "0b3c5e1a-8f7d-4a2b-9c6e-1d2f3a4b5c6d" }, membership, "x"), "", [
            "globalDeploymentPolicy.appSelector",
            "globalDeploymentPolicy.matchClusters",
            "globalDeploymentPolicy.trafficSplit",
            "federation.memberClusters",
            "configs.memberClusters",
        ]);
        expect(amkoKeys.filter((key) => !amkoPaths.has(key))).to.deep.equal([]);
    });

    it("builds the gslb-members kubeconfig from each member's token, pointing at the contract's endpoint", () => {
        const text = gslbMembersKubeconfig(
            ["east", "west"].map((name) => ({
                context: name,
                server: `https://${name}-control-plane:6443`,
                caCertPem: `ca-${name}`,
                token: `token-${name}`,
            })),
        );
        const parsed = fromYaml(text) as any;
        expect(parsed.contexts.map((entry: any) => entry.name)).to.deep.equal(["east", "west"]);
        expect(parsed.clusters[1].cluster.server).to.equal("https://west-control-plane:6443");
        expect(parsed.users[1]).to.deep.equal({ name: "amko@west", user: { token: "token-west" } });
        expect(() => gslbMembersKubeconfig([{ context: "east", server: "https://e:6443", caCertPem: "ca", token: "" }])).to.throw(
            "the AMKO token of GSLB member east is empty (its token Secret was not filled in)",
        );
    });

    it("lists every member in trafficSplit once a weight is given, at AMKO's default for the unlisted (gslb/nodes/dq_ingestion.go)", () => {
        expect(trafficSplitOf(gslb.policy, membership.contexts)).to.deep.equal([
            { cluster: "tanzuhispano-01", weight: 5 },
            { cluster: "tanzuhispano-db", weight: 1 },
            { cluster: "tanzuhispano-02", weight: 5 },
        ]);
        expect(trafficSplitOf({ ...gslb.policy, trafficSplit: {} }, membership.contexts)).to.deep.equal([]);
    });
});

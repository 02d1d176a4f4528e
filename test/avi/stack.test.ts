import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { renderKubeconfig } from "../../components/shared/kubeconfig";
import { ConfigValidationError } from "../../components/shared/validation";
import { fromYaml } from "../../components/shared/yaml";
import { parseStackConfig } from "../../stacks/config/load";
import { StackConfig } from "../../stacks/config/types";
import { wireLayers } from "../../stacks/program";
import { loadStackFile } from "../fixtures/cilium-clusters";
import { RecordedGraph, recordProgram } from "../mocks";
import { antreaClustersOf } from "../antrea/graph";
import { isSecretValue, redactSecrets } from "../../tools/engine/secret-values";

const KEY_CANARY = "avi-client-key-canary";
const PASSWORD = "avi-password-canary";

/** The lab with AVI switched on (a controller address), optionally edited. */
function labWithAvi(edit: (ingress: Record<string, any>) => Record<string, any> = (ingress) => ingress): StackConfig {
    return loadStackFile("antrea-lab", (values) => {
        const ingress = values.ingress as Record<string, any>;
        return { ...values, ingress: edit({ ...ingress, controller: { ...ingress.controller, host: "10.10.10.5" } }) };
    }, ["aviPassword"]);
}

/** Runs the layers over fake clusters whose kubeconfigs are real (AMKO's member kubeconfig is built from them). */
async function run(config: StackConfig, password: string | null): Promise<RecordedGraph> {
    return recordProgram(() => {
        const clusters = antreaClustersOf(config).map(({ config: entry, cluster }) => ({
            config: entry,
            cluster: {
                ...cluster,
                kubeconfig: pulumi.secret(renderKubeconfig({
                    clusterName: entry.name, server: `https://pulumi-${entry.name}:6443`, caCertPem: "CA", clientCertPem: "cert",
                    clientKeyPem: `${KEY_CANARY}-${entry.name}`, userName: "admin",
                })),
            },
        }));
        return wireLayers(config, { byKey: password === null ? {} : { aviPassword: pulumi.secret(password) } }, clusters);
    });
}

function problems(values: Record<string, unknown>, secretKeys: string[] = ["aviPassword"]): string[] {
    try {
        parseStackConfig({ project: "multicluster", stack: "test", values, secretKeys });
        return [];
    } catch (error) {
        return (error as ConfigValidationError).issues.map((found) => found.message);
    }
}

describe("avi row", () => {
    it("installs nothing while the controller address is empty (Pulumi.antrea-lab.yaml)", async () => {
        const graph = await run(loadStackFile("antrea-lab"), null);
        expect(graph.error).to.equal(undefined);
        expect(graph.records.filter((record) => record.type.startsWith("multicluster:avi:"))).to.deep.equal([]);
    });

    describe("with a controller", () => {
        let graph: RecordedGraph;
        before(async () => {
            graph = await run(labWithAvi(), PASSWORD);
            expect(graph.error, String(graph.error)).to.equal(undefined);
        });

        it("installs AKO per cluster after that cluster's ClusterSet gates, the password as a secret", () => {
            for (const cluster of ["tanzuhispano-01", "tanzuhispano-db", "tanzuhispano-02"]) {
                const release = graph.find("kubernetes:helm.sh/v3:Release", `avi-ako-${cluster}-release`);
                const wire = release.inputs.values as any;
                expect(isSecretValue(wire.avicredentials.password), cluster).to.equal(true);
                const values = graph.inputsOf(release).values as any;
                expect([values.AKOSettings.clusterName, values.AKOSettings.cniPlugin, values.L7Settings.serviceType]).to.deep.equal([cluster, "antrea", "NodePortLocal"]);
                expect(values.avicredentials.password).to.equal(PASSWORD);
                expect(graph.dependsOn(graph.find("kubernetes:core/v1:Namespace", `avi-ako-${cluster}-namespace`),
                    graph.find("command:local:Command", `antrea-clusterset-member-${cluster}-health`))).to.equal(true);
            }
        });

        it("runs AMKO on every member with one leader and the members' kubeconfig as a secret", () => {
            const leaders = ["tanzuhispano-01", "tanzuhispano-db", "tanzuhispano-02"].map((cluster) =>
                (graph.inputsOf(graph.find("kubernetes:helm.sh/v3:Release", `avi-amko-${cluster}-release`)).values as any).federation.currentClusterIsLeader);
            expect(leaders).to.deep.equal([false, true, false]);
            const secret = graph.find("kubernetes:core/v1:Secret", "avi-amko-tanzuhispano-02-members");
            expect(graph.isSecretInput(secret, "data")).to.equal(true);
            const text = Buffer.from((graph.inputsOf(secret).data as Record<string, string>)["gslb-members"], "base64").toString();
            const kubeconfig = fromYaml(text) as any;
            expect(kubeconfig.clusters.map((entry: any) => entry.cluster.server)).to.deep.equal([
                "https://192.168.110.11:6443", "https://192.168.110.21:6443", "https://192.168.110.31:6443"]);
            expect(graph.inputsOf(secret).metadata).to.deep.equal({ name: "gslb-config-secret", namespace: "avi-system" });
        });

        it("never puts a key or the password in plain inputs or outputs", () => {
            const plain = JSON.stringify(redactSecrets(graph.records.map((record) => ({ inputs: record.inputs, outputs: record.outputs })), false).value);
            expect(plain).not.to.contain(KEY_CANARY).and.not.to.contain(PASSWORD);
        });
    });

    it("refuses to log in without the aviPassword secret", async () => {
        const graph = await run(labWithAvi(), null);
        expect(graph.error).to.be.instanceOf(ConfigValidationError);
        expect((graph.error as ConfigValidationError).issues.map((found) => found.message)).to.deep.equal([
            "aviPassword is missing but ingress.controller.host is set, and AKO and AMKO log in to the AVI controller with it; fix: set it with `pulumi config set --secret aviPassword`, or clear ingress.controller.host.",
        ]);
    });

    const kind = [
        { name: "east", provisioner: "kind", podCidr: "10.244.0.0/16", serviceCidr: "10.96.0.0/16" },
        { name: "west", provisioner: "kind", podCidr: "10.245.0.0/16", serviceCidr: "10.97.0.0/16" },
    ];
    const avi = (extra: Record<string, unknown>, cni: Record<string, unknown> = { kind: "antrea", nodePortLocal: { enable: true } }) => ({
        clusters: kind, cni,
        ingress: { kind: "avi", controller: { host: "10.10.10.5", version: "31.1.1" }, vipNetworks: [{ name: "vip", cidr: "10.20.0.0/24" }], ...extra },
    });
    const table: [string, Record<string, unknown>, string[]][] = [
        ["no VIP network", avi({ vipNetworks: [] }), ["ingress.vipNetworks = [] is empty, and AKO needs a VIP network for its virtual services; fix: add e.g. { name: \"vip-net\", cidr: \"10.20.0.0/24\" }."]],
        ["a controller URL instead of an address", avi({ controller: { host: "https://10.10.10.5" } }), ["ingress.controller.host = \"https://10.10.10.5\" is not a host name or IP address; fix: write the controller's address without scheme or path, e.g. \"10.10.10.5\" or \"avi.example.com\"."]],
        ["NodePortLocal without Antrea's NodePortLocal", avi({}, { kind: "antrea" }), ["ingress.serviceType = \"NodePortLocal\" needs Antrea's NodePortLocal, which cni.nodePortLocal.enable turns on; fix: set cni.nodePortLocal.enable: true, or ingress.serviceType: ClusterIP."]],
        ["NodePortLocal on another CNI", avi({ serviceType: "NodePortLocal" }, { kind: "cilium" }), ["ingress.serviceType = \"NodePortLocal\" needs Antrea as the CNI (AKO refuses NodePortLocal with cniPlugin \"cilium\"); fix: set cni.kind: antrea, or ingress.serviceType: ClusterIP."]],
        ["an AKO key the project owns", avi({ values: { L7Settings: { serviceType: "NodePort" } } }), ["ingress.values.L7Settings.serviceType = \"[set]\" overrides a value the project renders from a first-class setting; fix: set ingress.serviceType instead."]],
        ["an AKO section replaced by a scalar", avi({ values: { AKOSettings: null } }), ["ingress.values.AKOSettings = \"[set]\" replaces a map that holds values the project renders; fix: set single keys under it instead."]],
        ["a GSLB weight out of range", avi({ gslb: { policy: { trafficSplit: { east: 25 } } } }), ["ingress.gslb.policy.trafficSplit.east = 25 is not a GSLB weight (a whole number from 1 to 20); fix: use a weight from 1 to 20."]],
        ["a GSLB leader outside the members", avi({ gslb: { leader: "north" } }), ["ingress.gslb.leader = \"north\" is not a GSLB member; fix: use one of \"east\", \"west\"."]],
        ["an AMKO UUID of the wrong shape", avi({ gslb: { amkoUuid: "1234" } }), ["ingress.gslb.amkoUuid = \"1234\" is not a UUID (the chart requires 36 characters); fix: write it as xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, or leave it unset."]],
        ["GSLB without the controller version", avi({ controller: { host: "10.10.10.5" }, gslb: {} }), ["ingress.controller.version is missing but AMKO needs the AVI controller's API version; fix: set it, e.g. \"31.1.1\"."]],
        ["an AKO cluster that does not exist", avi({ clusters: ["east", "north"] }), ["ingress.clusters[1] = \"north\" is not the name of a cluster in this stack; fix: use one of \"east\", \"west\"."]],
    ];
    for (const [name, values, expected] of table) {
        it(`rejects ${name} once a controller is set`, () => {
            expect(problems(values)).to.deep.equal(expected);
        });
    }

    it("rejects a controller without the aviPassword secret before anything is created", () => {
        expect(problems(avi({}), [])).to.deep.equal([
            "aviPassword is missing but ingress.kind \"avi\" with a controller host (AKO and AMKO log in with it) needs it; fix: set it with `pulumi config set --secret aviPassword`, or clear ingress.controller.host.",
        ]);
    });

    it("checks the values written while AVI is off, not what only a running AVI needs", () => {
        expect(problems(avi({ controller: { host: "" }, vipNetworks: [], gslb: { leader: "north" } }, { kind: "cilium" }))).to.deep.equal([
            "ingress.gslb.leader = \"north\" is not a GSLB member; fix: use one of \"east\", \"west\".",
        ]);
    });
});

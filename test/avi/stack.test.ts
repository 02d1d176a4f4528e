import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { memberClusterRules, memberNamespaceRules } from "../../components/avi/access";
import { renderKubeconfig } from "../../components/shared/kubeconfig";
import { sha256 } from "../../components/shared/shell";
import { ConfigValidationError } from "../../components/shared/validation";
import { fromYaml } from "../../components/shared/yaml";
import { stackConfigSubject } from "../../stacks/config/load";
import { StackConfig } from "../../stacks/config/types";
import { aviWarnings } from "../../stacks/areas/avi/validate";
import { defaultVersions } from "../../components/versions";
import { wireLayers } from "../../stacks/program";
import { loadStackFile } from "../fixtures/cilium-clusters";
import { RecordedGraph, recordProgram } from "../mocks";
import { antreaClustersOf } from "../antrea/graph";
import { isSecretValue, redactSecrets } from "../../tools/engine/secret-values";

const KEY_CANARY = "avi-client-key-canary";
const PASSWORD = "avi-password-canary";
const CLUSTERS = ["tanzuhispano-01", "tanzuhispano-db", "tanzuhispano-02"];

/** The Kubernetes the AVI lab pins: the newest line AKO 2.1.1 starts on (it exits on the default 1.36). */
const AKO_KUBERNETES = "1.34.0";

/** The lab with AVI switched on (a controller address, Kubernetes AKO runs on), optionally edited. */
function labWithAvi(
    edit: (ingress: Record<string, any>) => Record<string, any> = (ingress) => ingress,
    kubernetes: string = AKO_KUBERNETES,
): StackConfig {
    return loadStackFile(
        "antrea-lab",
        (values) => {
            const ingress = values.ingress as Record<string, any>;
            const versions = { ...(values.versions as Record<string, unknown> | undefined), kubernetes };
            return { ...values, versions, ingress: edit({ ...ingress, controller: { ...ingress.controller, host: "10.10.10.5" } }) };
        },
        ["aviPassword"],
    );
}

/** Runs the layers over fake clusters whose kubeconfigs hold a cluster-admin key (which must never reach AMKO). */
async function run(config: StackConfig, password: string | null): Promise<RecordedGraph> {
    return recordProgram(() => {
        const clusters = antreaClustersOf(config).map(({ config: entry, cluster }) => ({
            config: entry,
            cluster: {
                ...cluster,
                kubeconfig: pulumi.secret(
                    renderKubeconfig({
                        clusterName: entry.name,
                        server: `https://pulumi-${entry.name}:6443`,
                        caCertPem: "CA",
                        clientCertPem: "cert",
                        clientKeyPem: `${KEY_CANARY}-${entry.name}`,
                        userName: "admin",
                    }),
                ),
            },
        }));
        return wireLayers(config, { byKey: password === null ? {} : { aviPassword: pulumi.secret(password) } }, clusters);
    });
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
        const command = (name: string) => graph.find("command:local:Command", name);
        const membersText = (cluster: string) => {
            const secret = graph.find("kubernetes:core/v1:Secret", `avi-amko-${cluster}-members`);
            return Buffer.from((graph.inputsOf(secret).data as Record<string, string>)["gslb-members"], "base64").toString();
        };

        it("installs AKO per cluster after its CNI only, never after the ClusterSet gates (R12), the password as a secret", () => {
            for (const cluster of CLUSTERS) {
                const release = graph.find("kubernetes:helm.sh/v3:Release", `avi-ako-${cluster}-release`);
                expect(isSecretValue((release.inputs.values as any).avicredentials.password), cluster).to.equal(true);
                const values = graph.inputsOf(release).values as any;
                expect([values.AKOSettings.clusterName, values.AKOSettings.cniPlugin, values.L7Settings.serviceType]).to.deep.equal([
                    cluster,
                    "antrea",
                    "NodePortLocal",
                ]);
                expect(values.avicredentials.password).to.equal(PASSWORD);
                // R10: `dependencyUpdate` cannot fetch a subchart into a pulled (packaged) chart, so it is deliberately unset (docs/avi.md).
                expect(graph.inputsOf(release).dependencyUpdate, cluster).to.equal(undefined);
                const namespace = graph.find("kubernetes:core/v1:Namespace", `avi-ako-${cluster}-namespace`);
                expect(graph.dependsOn(namespace, command(`antrea-${cluster}-running`)), cluster).to.equal(true);
                const clusterSet = graph.records.filter(
                    (record) => record.name.startsWith("antrea-clusterset-") && graph.dependsOn(namespace, record),
                );
                expect(
                    clusterSet.map((record) => record.name),
                    cluster,
                ).to.deep.equal([]);
            }
        });

        it("gives AMKO a least-privilege identity in every member, never a cluster-admin credential (R11)", () => {
            for (const cluster of CLUSTERS) {
                const role = graph.find("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", `avi-amko-${cluster}-access-read`);
                expect(graph.inputsOf(role).rules).to.deep.equal(memberClusterRules());
                const federation = graph.find("kubernetes:rbac.authorization.k8s.io/v1:Role", `avi-amko-${cluster}-access-federation`);
                expect(graph.inputsOf(federation).rules).to.deep.equal(memberNamespaceRules());
                expect(graph.inputsOf(federation).metadata).to.deep.include({ namespace: "avi-system" });
                const binding = graph.find(
                    "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
                    `avi-amko-${cluster}-access-read-binding`,
                );
                expect((graph.inputsOf(binding).roleRef as any).name).to.equal("amko-member-read");
            }
            const bindings = graph
                .ofType("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding")
                .filter((record) => record.name.startsWith("avi-"));
            expect(bindings.map((record) => (graph.inputsOf(record).roleRef as any).name)).not.to.include("cluster-admin");
        });

        it("builds gslb-members from each member's ServiceAccount token, at the contract's endpoint, as a secret", () => {
            const secret = graph.find("kubernetes:core/v1:Secret", "avi-amko-tanzuhispano-02-members");
            expect(graph.isSecretInput(secret, "data")).to.equal(true);
            expect(graph.inputsOf(secret).metadata).to.deep.equal({ name: "gslb-config-secret", namespace: "avi-system" });
            const text = membersText("tanzuhispano-02");
            expect(text).not.to.contain(KEY_CANARY).and.not.to.contain("client-key-data").and.not.to.contain("client-certificate-data");
            const kubeconfig = fromYaml(text) as any;
            expect(kubeconfig.clusters.map((entry: any) => entry.cluster.server)).to.deep.equal([
                "https://192.168.110.11:6443",
                "https://192.168.110.21:6443",
                "https://192.168.110.31:6443",
            ]);
            expect(kubeconfig.contexts.map((entry: any) => entry.name)).to.deep.equal(CLUSTERS);
            kubeconfig.users.forEach((user: any, i: number) => {
                const claims = JSON.parse(Buffer.from(String(user.user.token).split(".")[1], "base64url").toString());
                expect(claims.sub, CLUSTERS[i]).to.equal("system:serviceaccount:avi-system:amko-member");
                expect(Object.keys(user.user)).to.deep.equal(["token"]);
            });
            expect(membersText("tanzuhispano-01")).to.equal(text);
        });

        it("restarts AMKO whenever its values, its chart version or the members' kubeconfig change (AMKO reads GSLB_CONFIG only at start)", () => {
            for (const cluster of CLUSTERS) {
                const gate = command(`avi-amko-${cluster}-running`);
                const inputs = graph.inputsOf(gate);
                expect(String(inputs.create)).to.contain("k rollout restart statefulset/amko");
                const triggers = inputs.triggers as unknown[];
                expect(triggers).to.have.length(4);
                expect(triggers[2], cluster).to.equal(sha256(membersText(cluster)));
                expect(triggers[3], "the chart version: a new AMKO re-runs the gate").to.equal(defaultVersions.amko);
                expect(graph.dependsOn(gate, graph.find("kubernetes:helm.sh/v3:Release", `avi-amko-${cluster}-release`))).to.equal(true);
            }
        });

        it("checks the leader's federation after every follower's AMKO runs (G7), and no follower's", () => {
            const leader = command("avi-amko-tanzuhispano-db-running");
            expect(String(graph.inputsOf(leader).create)).to.contain("GDP Federation=federated to all valid clusters successfully");
            for (const follower of ["tanzuhispano-01", "tanzuhispano-02"]) {
                expect(graph.dependsOn(leader, command(`avi-amko-${follower}-running`)), follower).to.equal(true);
                expect(String(graph.inputsOf(command(`avi-amko-${follower}-running`)).create)).not.to.contain("amkoclusters");
            }
        });

        it("gives the member trafficSplit leaves out AMKO's default weight, explicitly (NIT 8)", () => {
            const values = graph.inputsOf(graph.find("kubernetes:helm.sh/v3:Release", "avi-amko-tanzuhispano-db-release")).values as any;
            expect(values.globalDeploymentPolicy.trafficSplit).to.deep.equal([
                { cluster: "tanzuhispano-01", weight: 5 },
                { cluster: "tanzuhispano-db", weight: 1 },
                { cluster: "tanzuhispano-02", weight: 5 },
            ]);
        });

        it("restarts AKO after each values change too (it reads its ConfigMap and avi-secret at start)", () => {
            expect(String(graph.inputsOf(command("avi-ako-tanzuhispano-01-running")).create)).to.contain(
                "k rollout restart statefulset/ako",
            );
        });

        it("never puts a key or the password in plain inputs or outputs", () => {
            const plain = JSON.stringify(
                redactSecrets(
                    graph.records.map((record) => ({ inputs: record.inputs, outputs: record.outputs })),
                    false,
                ).value,
            );
            expect(plain).not.to.contain(KEY_CANARY).and.not.to.contain(PASSWORD);
        });
    });

    it("refuses the lab's Kubernetes 1.36 once AVI is on (AKO 2.1.1 exits outside 1.29-1.34, R9), and names the unweighted member", () => {
        expect(() => labWithAvi(undefined, "1.36.1")).to.throw(
            ConfigValidationError,
            'versions.kubernetes = "1.36.1" makes tanzuhispano-01, ' +
                "tanzuhispano-db, tanzuhispano-02 run Kubernetes 1.36, but AKO 2.1.1 exits at start",
        );
        expect(aviWarnings(labWithAvi())).to.deep.equal([
            "ingress.gslb.policy.trafficSplit gives no weight to tanzuhispano-db, so AMKO weighs it 1 (its default; the rendered policy says so); " +
                "give a weight to choose, or leave the cluster out of ingress.gslb.members.",
        ]);
        expect(aviWarnings(loadStackFile("antrea-lab"))).to.deep.equal([]);
    });

    it("refuses to log in without the aviPassword secret", async () => {
        const graph = await run(labWithAvi(), null);
        expect(graph.error).to.be.instanceOf(ConfigValidationError);
        expect((graph.error as ConfigValidationError).issues.map((found) => found.message)).to.deep.equal([
            "aviPassword is missing but ingress.controller.host is set, and AKO and AMKO log in to the AVI controller with it; fix: set it with `pulumi config set --secret aviPassword`, or clear ingress.controller.host.",
        ]);
        // The same heading as every refusal of a stack's config: the file and the namespace read.
        expect((graph.error as Error).message.split("\n")[0]).to.contain(`${stackConfigSubject("antrea-lab")}`);
    });
});

import { expect } from "chai";
import * as crypto from "crypto";
import { RecordedResource } from "../../tools/engine/recorder";
import { redactSecrets } from "../../tools/engine/secret-values";
import { RecordedGraph, recordProgram } from "../mocks";
import * as pulumi from "@pulumi/pulumi";
import { ContrailMulticluster, checkedDockerConfig } from "../../components/contrail/multicluster";
import { wireLayers } from "../../stacks/program";
import { REGISTRY_CANARY, contrailClustersOf, contrailLabValues, contrailProgram, contrailValues, parseContrail } from "./fixtures";

const COMMAND = "command:local:Command";
const SECRET = "kubernetes:core/v1:Secret";
const KUBEMANAGER = "kubernetes:configplane.juniper.net/v1:Kubemanager";

/** Runs the contrail-lab stack (or another contrail config) over fake clusters. */
async function runContrail(values: Record<string, unknown> = contrailLabValues()): Promise<RecordedGraph> {
    const graph = await recordProgram(contrailProgram(parseContrail(values)));
    expect(graph.error, String(graph.error)).to.equal(undefined);
    return graph;
}

/** True when `dependent` waits on `dependency` directly or through any chain. */
function waitsOn(graph: RecordedGraph, dependent: RecordedResource, dependency: RecordedResource): boolean {
    const byUrn = new Map(graph.records.map((record) => [record.urn, record]));
    const seen = new Set<string>();
    const visit = (record: RecordedResource): boolean =>
        record.dependencies.some((urn) => {
            if (urn === dependency.urn) {
                return true;
            }
            const next = byUrn.get(urn);
            return !!next && !seen.has(urn) && !!seen.add(urn) && visit(next);
        });
    return visit(dependent);
}

describe("contrail stack graph (Pulumi.contrail-lab.yaml over fake clusters)", () => {
    let graph: RecordedGraph;
    before(async () => {
        graph = await runContrail();
    });
    const command = (name: string) => graph.find(COMMAND, name);

    it("creates the Kubemanager only after CN2 runs centrally and the distributed deployer runs", () => {
        const kubemanager = graph.find(KUBEMANAGER, "contrail-cluster2-kubemanager");
        expect(graph.dependsOn(kubemanager, command("contrail-cluster1-running"))).to.equal(true);
        expect(graph.dependsOn(kubemanager, command("contrail-cluster2-deployer-running"))).to.equal(true);
        expect(graph.dependsOn(kubemanager, graph.find(SECRET, "contrail-cluster2-workload-kubeconfig"))).to.equal(true);
        expect(graph.dependsOn(command("contrail-cluster1-running"), command("contrail-cluster1-deployer"))).to.equal(true);
        expect(graph.dependsOn(command("contrail-cluster2-deployer-running"), command("contrail-cluster2-deployer"))).to.equal(true);
        expect(graph.inputsOf(kubemanager).spec).to.deep.include({
            clusterName: "cluster2",
            kubeconfigSecretName: "workload-kubeconfig-cluster2",
            enableNad: true,
            listenerPort: 19446,
            constantRouteTargetNumber: 7699,
            podV4Subnet: "10.234.128.0/17",
            podV6Subnet: "fd85:ee78:d8a6:8607::3:0000/112",
            serviceV4Subnet: "10.234.0.0/17",
            serviceV6Subnet: "fd85:ee78:d8a6:8607::2:1000/116",
        });
    });

    it("applies the distributed deployer after the central install and its central-kubeconfig, the vRouter after the Kubemanager, then gates", () => {
        const deployer = command("contrail-cluster2-deployer");
        expect(graph.dependsOn(deployer, command("contrail-cluster1-running"))).to.equal(true);
        expect(graph.dependsOn(deployer, graph.find(SECRET, "contrail-cluster2-central-kubeconfig"))).to.equal(true);
        const vrouter = command("contrail-cluster2-vrouter");
        expect(graph.dependsOn(vrouter, graph.find(KUBEMANAGER, "contrail-cluster2-kubemanager"))).to.equal(true);
        expect(graph.dependsOn(vrouter, command("contrail-cluster2-certmanager"))).to.equal(true);
        expect(graph.dependsOn(command("contrail-cluster2-nodes-ready"), vrouter)).to.equal(true);
        expect(graph.dependsOn(command("contrail-cluster2-synced"), command("contrail-cluster2-nodes-ready"))).to.equal(true);
    });

    it("puts the pull Secret in every CN2 namespace of both clusters, before the manifests, as a secret", () => {
        const pulls = graph.ofType(SECRET).filter((record) => graph.inputsOf(record).type === "kubernetes.io/dockerconfigjson");
        expect(pulls.map((record) => record.name).sort()).to.deep.equal(
            ["cluster1", "cluster2"]
                .flatMap((cluster) =>
                    ["contrail", "contrail-deploy", "contrail-system"].map((namespace) => `contrail-${cluster}-pull-${namespace}`),
                )
                .sort(),
        );
        for (const pull of pulls) {
            expect(graph.isSecretInput(pull, "stringData"), pull.name).to.equal(true);
            expect((graph.inputsOf(pull).metadata as { name: string }).name).to.equal("registrypullsecret");
        }
        expect(
            waitsOn(graph, command("contrail-cluster1-deployer"), graph.find(SECRET, "contrail-cluster1-pull-contrail-system")),
        ).to.equal(true);
    });

    it("keeps every credential secret: kubeconfig Secrets, tokens, stdin; the registry credential never in plain text", () => {
        for (const name of ["contrail-cluster2-central-kubeconfig", "contrail-cluster2-workload-kubeconfig"]) {
            const secret = graph.find(SECRET, name);
            expect(graph.isSecretInput(secret, "stringData"), name).to.equal(true);
            expect(Object.keys(graph.inputsOf(secret).stringData as object)).to.deep.equal(["kubeconfig"]);
        }
        for (const record of graph.ofType(COMMAND).filter((entry) => entry.name.startsWith("contrail-"))) {
            expect(graph.isSecretInput(record, "stdin"), record.name).to.equal(true);
            // stdout is never logged (it may carry values); gates log stderr, their progress lines.
            expect(graph.inputsOf(record).logging, record.name).to.be.oneOf(["none", "stderr"]);
        }
        const plain = JSON.stringify(graph.records.map((record) => redactSecrets(record.inputs, false).value));
        expect(plain).not.to.contain("registry-canary").and.not.to.contain(Buffer.from(REGISTRY_CANARY).toString("base64"));
        expect(JSON.stringify(graph.records.map((record) => record.inputs))).to.contain(Buffer.from(REGISTRY_CANARY).toString("base64"));
    });

    it("hands each side a token kubeconfig for the other's peer-facing endpoint, built after the token and the role binding", () => {
        const central = graph.find(SECRET, "contrail-cluster2-central-kubeconfig");
        const kubeconfig = String((graph.inputsOf(central).stringData as Record<string, string>).kubeconfig);
        expect(kubeconfig).to.contain("server: https://172.27.115.180:6443").and.to.contain("user: contrail-distributed-cluster2");
        expect(graph.dependsOn(central, graph.find(SECRET, "contrail-cluster2-central-access-token"))).to.equal(true);
        expect(
            graph.dependsOn(
                central,
                graph.find("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", "contrail-cluster2-central-access-admin"),
            ),
        ).to.equal(true);
        const workload = String(
            (graph.inputsOf(graph.find(SECRET, "contrail-cluster2-workload-kubeconfig")).stringData as Record<string, string>).kubeconfig,
        );
        expect(workload).to.contain("server: https://172.27.115.183:6443");
    });

    it("re-applies manifests in place (same script for create and update, a delete path, no replacement) and re-runs gates on a new incarnation", () => {
        for (const role of ["cluster1-deployer", "cluster2-deployer", "cluster2-certmanager", "cluster2-vrouter"]) {
            const inputs = graph.inputsOf(command(`contrail-${role}`));
            expect(inputs.update, role).to.equal(inputs.create);
            expect(String(inputs.delete), role).to.contain("kubectl delete --ignore-not-found --wait=true");
            expect(inputs.triggers, role).to.equal(undefined);
            expect((inputs.environment as Record<string, string>).CONTRAIL_CLUSTER_INCARNATION, role).to.match(/^cluster[12]@/);
        }
        const triggers = graph.inputsOf(command("contrail-cluster2-nodes-ready")).triggers as string[];
        // Its own cluster's incarnation first (clusterScript), the central one's once: each exactly once.
        expect(triggers.filter((entry) => /^cluster[12]@/.test(entry)).map((entry) => entry.split("@")[0])).to.deep.equal([
            "cluster2",
            "cluster1",
        ]);
    });

    it("re-runs the nodes-Ready gate whenever what the vRouter apply writes changes (e.g. the Vrouters' clusterName)", () => {
        const vrouterScript = String(graph.inputsOf(command("contrail-cluster2-vrouter")).create);
        expect(vrouterScript).to.contain("clusterName: cluster2");
        const digest = crypto.createHash("sha256").update(vrouterScript).digest("hex");
        expect(graph.inputsOf(command("contrail-cluster2-nodes-ready")).triggers as string[]).to.include(digest);
    });

    it("vouches for every node only after every join, and re-runs those gates when a node is added (R6, G5)", () => {
        for (const [gate, cluster] of [
            ["contrail-cluster1-running", "cluster1"],
            ["contrail-cluster2-nodes-ready", "cluster2"],
        ] as const) {
            const record = command(gate);
            expect(graph.dependsOn(record, command(`${cluster}-${cluster}-worker-1-join`)), gate).to.equal(true);
            expect(graph.inputsOf(record).triggers as string[], gate).to.include(
                cluster === "cluster1" ? "172.27.115.180,172.27.115.181" : "172.27.115.183,172.27.115.184",
            );
            expect(String(graph.inputsOf(record).create), gate).to.contain(">= 2))");
        }
    });

    it("restarts what reads a kubeconfig Secret when the Secret's cluster changes, and proves the sync is fresh (R4)", () => {
        const deployer = graph.inputsOf(command("contrail-cluster2-deployer"));
        expect((deployer.environment as Record<string, string>).CONTRAIL_RESTART_STAMP).to.match(/^[0-9a-f]{64}$/);
        const spec = graph.inputsOf(graph.find(KUBEMANAGER, "contrail-cluster2-kubemanager")).spec as {
            common: { podAnnotations: Record<string, string> };
        };
        expect(spec.common.podAnnotations["multicluster.pulumi.com/workload-kubeconfig"]).to.match(/^[0-9a-f]{64}$/);
        const probe = graph.find("kubernetes:core/v1:Namespace", "contrail-cluster2-sync-probe");
        const probeName = (graph.inputsOf(probe).metadata as { name: string }).name;
        expect(probeName).to.match(/^cn2-probe-[0-9a-f]{8}$/);
        expect(probe.provider?.split("::").pop()).to.equal("cluster2-k8s");
        const synced = command("contrail-cluster2-synced");
        expect(graph.dependsOn(synced, probe)).to.equal(true);
        expect(String(graph.inputsOf(synced).create)).to.contain(`kubectl get namespace kubemanager-cluster2-cluster2-${probeName} `);
        expect(graph.inputsOf(command("contrail-cluster2-deployer-running")).triggers as string[]).to.include(
            deployer.environment && (deployer.environment as Record<string, string>).CONTRAIL_RESTART_STAMP,
        );
    });

    it("changes the Kubemanager's pod annotation, the probe and the deployer's stamp exactly when a cluster is re-created (R4)", async () => {
        const facts = async (incarnations: Record<string, string>) => {
            const config = parseContrail(contrailLabValues());
            const run = await recordProgram(() => {
                const secrets = { byKey: { contrailRegistryAuth: pulumi.secret(REGISTRY_CANARY) } };
                const clusters = contrailClustersOf(config).map((entry) => ({
                    ...entry,
                    cluster: { ...entry.cluster, incarnation: pulumi.output(incarnations[entry.config.name]) },
                }));
                return wireLayers(config, secrets, clusters);
            });
            expect(run.error, String(run.error)).to.equal(undefined);
            const spec = run.inputsOf(run.find(KUBEMANAGER, "contrail-cluster2-kubemanager")).spec as {
                common: { podAnnotations: Record<string, string> };
            };
            return {
                annotation: spec.common.podAnnotations["multicluster.pulumi.com/workload-kubeconfig"],
                probe: (run.inputsOf(run.find("kubernetes:core/v1:Namespace", "contrail-cluster2-sync-probe")).metadata as { name: string })
                    .name,
                stamp: (run.inputsOf(run.find(COMMAND, "contrail-cluster2-deployer")).environment as Record<string, string>)
                    .CONTRAIL_RESTART_STAMP,
            };
        };
        const before = await facts({ cluster1: "cluster1@a", cluster2: "cluster2@a" });
        expect(await facts({ cluster1: "cluster1@a", cluster2: "cluster2@a" })).to.deep.equal(before);
        const distributed = await facts({ cluster1: "cluster1@a", cluster2: "cluster2@b" });
        expect([
            distributed.annotation !== before.annotation,
            distributed.probe !== before.probe,
            distributed.stamp === before.stamp,
        ]).to.deep.equal([true, true, true]);
        const central = await facts({ cluster1: "cluster1@b", cluster2: "cluster2@a" });
        expect([central.stamp !== before.stamp, central.probe !== before.probe, central.annotation === before.annotation]).to.deep.equal([
            true,
            true,
            true,
        ]);
    });

    it("refuses bad registry credentials in the component too (R5): a plain value before anything exists, a secret when it resolves", async () => {
        const blob = Buffer.from('{"auths":{"enterprise-hub.juniper.net":{"auth":"YWxpY2U6czNjcmV0"}}}').toString("base64");
        const run = await recordProgram(() => {
            const [central, distributed] = contrailClustersOf(parseContrail(contrailLabValues())).map((entry) => entry.cluster);
            return new ContrailMulticluster("contrail", {
                central,
                distributed: [{ cluster: distributed }],
                version: "23.4",
                registryAuth: blob,
            });
        });
        expect(String(run.error)).to.contain("registryAuth = [not shown] is base64 text of a docker config").and.not.to.contain(blob);
        expect(run.ofType("multicluster:contrail:ContrailMulticluster")).to.deep.equal([]);
        // A secret Output is checked where it resolves, by the same rule (the callback the component applies).
        expect(() => checkedDockerConfig("contrail", "enterprise-hub.juniper.net/contrail-container-prod")(blob)).to.throw(
            /registryAuth = \[not shown\] is base64 text of a docker config/,
        );
        expect(JSON.parse(checkedDockerConfig("contrail", "registry.lab:5000/cn2")("alice:s3cret")).auths).to.have.keys(
            "registry.lab:5000",
        );
    });

    it("creates every in-cluster resource with its own cluster's provider", () => {
        const providerOf = (record: RecordedResource) => record.provider?.split("::").pop();
        expect(providerOf(graph.find(KUBEMANAGER, "contrail-cluster2-kubemanager"))).to.equal("cluster1-k8s");
        expect(providerOf(graph.find(SECRET, "contrail-cluster2-central-access-token"))).to.equal("cluster1-k8s");
        expect(providerOf(graph.find(SECRET, "contrail-cluster2-central-kubeconfig"))).to.equal("cluster2-k8s");
        expect(providerOf(graph.find(SECRET, "contrail-cluster2-workload-kubeconfig"))).to.equal("cluster1-k8s");
    });

    it("gives each of 3 distributed clusters its own Kubemanager with stable numbers", async () => {
        const three = await runContrail(contrailValues([1, 2, 3, 4]));
        const specs = three.ofType(KUBEMANAGER).map((record) => graph.inputsOf(record).spec as Record<string, unknown>);
        expect(specs.map((spec) => [spec.clusterName, spec.listenerPort, spec.constantRouteTargetNumber])).to.deep.equal([
            ["c2", 19446, 7699],
            ["c3", 19447, 7799],
            ["c4", 19448, 7899],
        ]);
    });
});

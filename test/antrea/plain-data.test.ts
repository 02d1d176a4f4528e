// AntreaInstall and AntreaClusterSet from plain Cluster data under the engine harness: a provider of their own per
// cluster, parents, waits for the data's resources and each install's readiness, and the construction-time refusal.
import { expect } from "chai";
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { AntreaClusterSet } from "../../components/antrea/cluster-set/cluster-set";
import { antreaClusterSetArgs } from "../../components/antrea/cluster-set/builder";
import { AntreaInstall } from "../../components/antrea/install";
import { Cluster } from "../../components/cluster";
import { ConfigValidationError } from "../../components/shared/validation";
import { RecordedGraph, recordProgram } from "../mocks";

const PROVIDER = "pulumi:providers:kubernetes";
const COMMAND = "command:local:Command";
const INSTALL = "multicluster:antrea:AntreaInstall";
const CLUSTER_SET = "multicluster:antrea:AntreaClusterSet";

/** Plain cluster data whose kubeconfig resolves after `<name>-api-ready` (no provider, no resources of its own). */
function dataCluster(name: string, octet: number): Cluster {
    const ready = new command.local.Command(`${name}-api-ready`, { create: "true" });
    return {
        name,
        network: { podCidrs: [`10.${octet}.0.0/16`], serviceCidrs: [`10.${100 + octet}.0.0/16`], nodeAddresses: [] },
        endpoint: { host: `${name}.example`, port: 6443 },
        caCertificate: "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n",
        incarnation: pulumi.interpolate`${name}@${ready.id}`,
        kubeconfig: pulumi.secret(ready.stdout.apply(() => "apiVersion: v1\nkind: Config\n")),
        apiServer: `https://${name}.example:6443`,
    };
}

/** Two data clusters, each with an install (multicluster on unless `gateOff` names it), and the ClusterSet over them. */
function program(gateOff: readonly string[] = []): () => AntreaClusterSet {
    return () => {
        const installs = ["east", "west"].map(
            (name, i) =>
                new AntreaInstall(`${name}-antrea`, {
                    cluster: dataCluster(name, i + 1),
                    ...(gateOff.includes(name) ? {} : { multicluster: { podToPod: true } }),
                }),
        );
        return new AntreaClusterSet(
            "cs",
            antreaClusterSetArgs({
                clusterSetId: "lab",
                leader: { install: installs[0] },
                members: installs.map((install) => ({ install, gatewayNodes: [`${install.cluster.name}-worker`] })),
            }),
        );
    };
}

function urnOf(graph: RecordedGraph, type: string, name: string): string {
    return graph.find(type, name).urn;
}

describe("Antrea from plain Cluster data", function () {
    this.timeout(120_000);

    it("AntreaInstall makes its own provider under itself and every in-cluster object waits for the data and opts.dependsOn", async () => {
        const graph = await recordProgram(() => {
            const before = new command.local.Command("before", { create: "true" });
            return new AntreaInstall("east-antrea", { cluster: dataCluster("east", 1) }, { dependsOn: [before] });
        });
        expect(graph.error, String(graph.error)).to.equal(undefined);
        expect(graph.ofType(PROVIDER).map((record) => record.name)).to.deep.equal(["east-antrea-east-k8s"]);
        const provider = graph.find(PROVIDER, "east-antrea-east-k8s");
        expect(provider.parent).to.equal(urnOf(graph, INSTALL, "east-antrea"));
        expect(graph.isSecretInput(provider, "kubeconfig")).to.equal(true);
        const release = graph.find("kubernetes:helm.sh/v3:Release", "east-antrea-release");
        expect(release.provider?.startsWith(provider.urn)).to.equal(true);
        for (const [type, name] of [
            ["kubernetes:helm.sh/v3:Release", "east-antrea-release"],
            ["kubernetes:yaml/v2:ConfigFile", "east-antrea-crds"],
            [COMMAND, "east-antrea-version-jump"],
            [COMMAND, "east-antrea-running"],
        ]) {
            const record = graph.find(type, name);
            expect(record.parent, name).to.equal(urnOf(graph, INSTALL, "east-antrea"));
            expect(record.dependencies, name).to.include.members([
                urnOf(graph, COMMAND, "east-api-ready"),
                urnOf(graph, COMMAND, "before"),
            ]);
        }
    });

    it("AntreaInstall's running gate (the agent on every node) waits for nodeNames' joins; the release does not", async () => {
        const graph = await recordProgram(() => {
            const cluster = dataCluster("east", 1);
            const join = new command.local.Command("east-worker-join", { create: "true" });
            return new AntreaInstall("east-antrea", { cluster: { ...cluster, nodeNames: join.stdout.apply(() => ["east-worker"]) } });
        });
        expect(graph.error, String(graph.error)).to.equal(undefined);
        const join = urnOf(graph, COMMAND, "east-worker-join");
        expect(graph.find(COMMAND, "east-antrea-running").dependencies).to.include(join);
        expect(graph.find("kubernetes:helm.sh/v3:Release", "east-antrea-release").dependencies).to.not.include(join);
    });

    it("AntreaClusterSet makes one provider per cluster under itself; each cluster's objects wait for that cluster's install", async () => {
        const graph = await recordProgram(program());
        expect(graph.error, String(graph.error)).to.equal(undefined);
        const clusterSet = urnOf(graph, CLUSTER_SET, "cs");
        const own = graph.ofType(PROVIDER).filter((record) => record.parent === clusterSet);
        expect(own.map((record) => record.name).sort()).to.deep.equal(["cs-east-k8s", "cs-west-k8s"]);
        const waits = (name: string, install: string) => {
            const record = graph.records.find((entry) => entry.name === name && entry.custom);
            expect(record, name).to.not.equal(undefined);
            expect(record?.dependencies, name).to.include.members([
                urnOf(graph, "kubernetes:helm.sh/v3:Release", `${install}-release`),
                urnOf(graph, COMMAND, `${install}-running`),
            ]);
            return record;
        };
        const namespace = waits("cs-leader-namespace", "east-antrea");
        expect(namespace?.provider?.startsWith(graph.find(PROVIDER, "cs-east-k8s").urn)).to.equal(true);
        expect(namespace?.parent).to.equal(clusterSet);
        const gateway = waits("cs-member-west-gateway", "west-antrea");
        expect(gateway?.provider?.startsWith(graph.find(PROVIDER, "cs-west-k8s").urn)).to.equal(true);
        expect(gateway?.dependencies).to.not.include(urnOf(graph, COMMAND, "east-antrea-running"));
        expect(graph.find(COMMAND, "cs-member-west-health").dependencies).to.include(urnOf(graph, COMMAND, "west-api-ready"));
        const config = graph.inputsOf(graph.find("kubernetes:core/v1:ConfigMap", "cs-member-west-config"));
        expect(JSON.stringify(config)).to.contain("endpointIPType: PodIP");
    });

    it("refuses a ClusterSet over an install without the Multicluster gate at construction, before anything is registered", async () => {
        const graph = await recordProgram(program(["west"]));
        expect(graph.error).to.be.instanceOf(ConfigValidationError);
        expect((graph.error as ConfigValidationError).issues.map((found) => found.message)).to.deep.equal([
            "members[1].antrea.multicluster is missing (the Antrea of cluster west runs without the Multicluster feature gate and the Multi-cluster Gateway), so the ClusterSet's gates would wait out their timeout; fix: give the AntreaInstall of cluster west multicluster: {} and pass its agent as members[1].antrea.",
        ]);
        expect(graph.ofType(CLUSTER_SET)).to.deep.equal([]);
    });
});

// CiliumInstall and CiliumClusterMesh from plain Cluster data (no provisioner object), as another language declares them:
// each component makes its own provider per cluster, and waits for what the data's Outputs depend on.
import { expect } from "chai";
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../../components/cluster";
import { CiliumCa } from "../../components/cilium/ca";
import { CiliumClusterMesh, CiliumMeshMember, meshInstallArgs, meshInstallOf } from "../../components/cilium/cluster-mesh";
import { CiliumInstall } from "../../components/cilium/install";
import { defaultVersions } from "../../components/versions";
import { RecordedGraph, recordProgram } from "../mocks";

const COMMAND = "command:local:Command";
const PROVIDER = "pulumi:providers:kubernetes";
const INSTALL = "multicluster:cilium:CiliumInstall";

/** Cluster data whose kubeconfig resolves after `<name>-api-ready` and node names after `<name>-worker-join`. */
function dataCluster(name: string, podCidr: string): Cluster {
    const ready = new command.local.Command(`${name}-api-ready`, { create: "true" });
    const join = new command.local.Command(`${name}-worker-join`, { create: "true" }, { dependsOn: [ready] });
    return {
        name,
        network: { podCidrs: [podCidr], serviceCidrs: ["10.96.0.0/16"], nodeAddresses: [] },
        endpoint: { host: `${name}.example`, port: 6443 },
        caCertificate: "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n",
        incarnation: pulumi.interpolate`${name}@${ready.id}`,
        kubeconfig: pulumi.secret(ready.stdout.apply(() => "apiVersion: v1\nkind: Config\n")),
        apiServer: `https://${name}.example:6443`,
        nodeNames: join.stdout.apply(() => [`${name}-worker`]),
    };
}

/** Two clusters meshed with the components alone (no builder): CA, one install each (after a guard), the gates. */
function plainMesh(): void {
    const clusters = [dataCluster("east", "10.1.0.0/16"), dataCluster("west", "10.2.0.0/16")];
    const members: CiliumMeshMember[] = clusters.map((cluster, i) => ({
        cluster,
        id: i + 1,
        exposure: { type: "NodePort" },
        endpoint: { address: cluster.endpoint.host, port: 32379 },
    }));
    const ca = new CiliumCa("ca");
    const guard = new command.local.Command("guard", { create: "true" });
    const installs = members.map(
        (member) =>
            new CiliumInstall(
                `cilium-${member.cluster.name}`,
                {
                    cluster: member.cluster,
                    clusterId: member.id,
                    ca: { certPem: ca.certPem, keyPem: ca.keyPem },
                    mesh: meshInstallArgs(member, members),
                },
                { dependsOn: [guard] },
            ),
    );
    new CiliumClusterMesh("mesh", {
        members,
        installs: Object.fromEntries(installs.map((install, i) => [members[i].cluster.name, meshInstallOf(install)])),
    });
}

describe("Cilium components from plain Cluster data", function () {
    this.timeout(60_000);
    let graph: RecordedGraph;
    const named = (type: string, name: string) => graph.find(type, name);
    const urnOf = (type: string, name: string) => named(type, name).urn;

    before(async () => {
        graph = await recordProgram(plainMesh);
        expect(graph.error, String(graph.error)).to.equal(undefined);
    });

    it("gives each component its own provider per cluster, parented to it, with the secret kubeconfig", () => {
        const providers = graph.ofType(PROVIDER);
        expect(providers.map((record) => record.name).sort()).to.deep.equal([
            "cilium-east-east-k8s",
            "cilium-west-west-k8s",
            "mesh-east-k8s",
            "mesh-west-k8s",
        ]);
        expect(named(PROVIDER, "cilium-east-east-k8s").parent).to.equal(urnOf(INSTALL, "cilium-east"));
        expect(named(PROVIDER, "mesh-west-k8s").parent).to.equal(urnOf("multicluster:cilium:CiliumClusterMesh", "mesh"));
        expect(providers.every((record) => graph.isSecretInput(record, "kubeconfig"))).to.equal(true);
    });

    it("creates the release and the mesh Secrets through the install's provider, after the data's API step and opts.dependsOn", () => {
        const release = named("kubernetes:helm.sh/v3:Release", "cilium-east-release");
        const secret = named("kubernetes:core/v1:Secret", "cilium-east-server-secret");
        const provider = urnOf(PROVIDER, "cilium-east-east-k8s");
        for (const object of [release, secret]) {
            expect(object.parent).to.equal(urnOf(INSTALL, "cilium-east"));
            expect(String(object.provider).startsWith(provider), object.name).to.equal(true);
            expect(object.dependencies, object.name).to.include(urnOf(COMMAND, "east-api-ready"));
            expect(object.dependencies, object.name).to.not.include(urnOf(COMMAND, "west-api-ready"));
        }
        expect(release.dependencies).to.include(urnOf(COMMAND, "guard"));
    });

    it("waits for every node (the data's nodeNames) before the install's running check, not before the release", () => {
        const running = named(COMMAND, "cilium-east-running");
        expect(running.dependencies).to.include.members([urnOf(COMMAND, "east-worker-join"), urnOf(COMMAND, "east-api-ready")]);
        expect(named("kubernetes:helm.sh/v3:Release", "cilium-east-release").dependencies).to.not.include(
            urnOf(COMMAND, "east-worker-join"),
        );
    });

    it("gates each cluster after every install runs (their readiness) and every node of its own cluster joined", () => {
        const gate = named(COMMAND, "mesh-west-health");
        expect(gate.parent).to.equal(urnOf("multicluster:cilium:CiliumClusterMesh", "mesh"));
        expect(gate.dependencies).to.include.members([
            urnOf("kubernetes:helm.sh/v3:Release", "cilium-east-release"),
            urnOf(COMMAND, "cilium-east-running"),
            urnOf("kubernetes:helm.sh/v3:Release", "cilium-west-release"),
            urnOf(COMMAND, "cilium-west-running"),
            urnOf(COMMAND, "west-worker-join"),
        ]);
        expect(gate.dependencies).to.not.include(urnOf(COMMAND, "east-worker-join"));
        expect(graph.isSecretInput(gate, "stdin")).to.equal(true);
    });

    it("installs the pinned chart version when none is given", () => {
        expect(graph.inputsOf(named("kubernetes:helm.sh/v3:Release", "cilium-west-release")).version).to.equal(defaultVersions.cilium);
    });

    it("refuses at construction a LoadBalancer exposure without its address, and a member without its install", async () => {
        const unpinned = await recordProgram(() => {
            const cluster = dataCluster("east", "10.1.0.0/16");
            const member: CiliumMeshMember = { cluster, id: 1, exposure: { type: "LoadBalancer" }, endpoint: { port: 2379 } };
            return new CiliumInstall("cilium-east", {
                cluster,
                ca: { certPem: "ca-cert-pem", keyPem: "ca-key-pem" },
                mesh: meshInstallArgs(member, [member]),
            });
        });
        expect(String(unpinned.error)).to.contain(
            "mesh.exposure.ip is missing while exposure LoadBalancer needs the clustermesh-apiserver's pinned address; fix: give its address",
        );
        expect(unpinned.ofType(INSTALL)).to.deep.equal([]);
        const uninstalled = await recordProgram(() => {
            const cluster = dataCluster("east", "10.1.0.0/16");
            const member: CiliumMeshMember = { cluster, id: 1, exposure: { type: "NodePort" }, endpoint: { address: "east", port: 32379 } };
            return new CiliumClusterMesh("mesh", { members: [member], installs: {} });
        });
        expect(String(uninstalled.error)).to.contain("CiliumClusterMesh mesh: no install given for member east");
    });
});

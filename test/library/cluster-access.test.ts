// The Cluster contract v3 as data: a component reaches a cluster given as plain data through its own provider, waits
// for what the data depends on, reuses a provisioner's provider, and honours `opts.providers`.
import { expect } from "chai";
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../../components/cluster";
import { ClusterAccess, clusterAccess, inClusterOptions } from "../../components/shared/cluster-access";
import { existingCluster, existingClusterIssues } from "../../components/existing-cluster";
import { ConfigValidationError } from "../../components/shared/validation";
import { RecordedGraph, recordProgram } from "../mocks";
import { fakeCluster } from "../fixtures/cilium-clusters";

/** A one-object component that takes a cluster as the library's components do. */
class Probe extends pulumi.ComponentResource {
    constructor(name: string, args: { readonly cluster: Cluster; readonly nodes?: boolean }, opts?: pulumi.ComponentResourceOptions) {
        super("multicluster:test:Probe", name, {}, opts);
        const access = clusterAccess(args.cluster, this, name, { opts });
        new k8s.core.v1.ConfigMap(`${name}-object`, { metadata: { name: "probe" } }, inClusterOptions(access, this));
        if (args.nodes) {
            new command.local.Command(`${name}-gate`, { create: "true" }, { parent: this, dependsOn: [...access.joined] });
        }
        this.registerOutputs({});
    }
}

/** Plain cluster data whose kubeconfig resolves after an "API answers" step and node names after a "join" step. */
function dataCluster(): { readonly cluster: Cluster; readonly steps: readonly command.local.Command[] } {
    const ready = new command.local.Command("api-ready", { create: "true" });
    const join = new command.local.Command("worker-join", { create: "true" }, { dependsOn: [ready] });
    const cluster: Cluster = {
        name: "east",
        network: { podCidrs: ["10.1.0.0/16"], serviceCidrs: ["10.96.0.0/16"], nodeAddresses: [] },
        endpoint: { host: "east.example", port: 6443 },
        caCertificate: "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n",
        incarnation: pulumi.interpolate`east@${ready.id}`,
        kubeconfig: pulumi.secret(ready.stdout.apply(() => "apiVersion: v1\nkind: Config\n")),
        apiServer: "https://east.example:6443",
        nodeNames: join.stdout.apply(() => ["east-worker-1"]),
    };
    return { cluster, steps: [ready, join] };
}

function only(graph: RecordedGraph, type: string): RecordedGraph["records"][number] {
    const found = graph.ofType(type);
    expect(found, type).to.have.length(1);
    return found[0];
}

describe("Cluster contract v3 (data only)", function () {
    this.timeout(60_000);

    it("a component given plain data makes its own provider (clusterIdentifier = incarnation) and waits for the data's steps", async () => {
        const graph = await recordProgram(() => new Probe("probe", { cluster: dataCluster().cluster, nodes: true }));
        expect(graph.error, String(graph.error)).to.equal(undefined);
        const provider = only(graph, "pulumi:providers:kubernetes");
        expect(provider.name).to.equal("probe-east-k8s");
        expect(provider.parent).to.match(/multicluster:test:Probe::probe$/);
        expect(graph.isSecretInput(provider, "kubeconfig")).to.equal(true);
        const object = only(graph, "kubernetes:core/v1:ConfigMap");
        expect(object.provider?.startsWith(provider.urn)).to.equal(true);
        expect(object.dependencies).to.include(graph.find("command:local:Command", "api-ready").urn);
        const gate = graph.find("command:local:Command", "probe-gate");
        expect(gate.dependencies).to.include.members([
            graph.find("command:local:Command", "api-ready").urn,
            graph.find("command:local:Command", "worker-join").urn,
        ]);
    });

    it("a provisioner's cluster (provider and readiness attached) is used as it is: no second provider", async () => {
        const graph = await recordProgram(() => {
            const cluster: ClusterAccess = fakeCluster({ name: "west", podCidr: "10.2.0.0/16" });
            return new Probe("probe", { cluster });
        });
        expect(graph.error, String(graph.error)).to.equal(undefined);
        const provider = only(graph, "pulumi:providers:kubernetes");
        expect(provider.name).to.equal("west-k8s");
        expect(only(graph, "kubernetes:core/v1:ConfigMap").dependencies).to.include(
            graph.find("command:local:Command", "west-api-ready").urn,
        );
    });

    it("a kubernetes provider passed through opts.providers wins (the Pulumi convention)", async () => {
        const graph = await recordProgram(() => {
            const mine = new k8s.Provider("mine", { kubeconfig: "x" });
            return new Probe("probe", { cluster: dataCluster().cluster }, { providers: [mine] });
        });
        expect(graph.error, String(graph.error)).to.equal(undefined);
        expect(graph.ofType("pulumi:providers:kubernetes").map((record) => record.name)).to.deep.equal(["mine"]);
        const used = String(only(graph, "kubernetes:core/v1:ConfigMap").provider);
        expect(used).to.match(/pulumi:providers:kubernetes::mine$/);
    });
});

describe("Cluster contract v3: a provider inherited from a parent component", function () {
    this.timeout(60_000);

    it("does not redirect a component to another cluster: the cluster argument names the cluster", async () => {
        const graph = await recordProgram(() => {
            const east = fakeCluster({ name: "east", podCidr: "10.1.0.0/16" });
            const west = fakeCluster({ name: "west", podCidr: "10.2.0.0/16" });
            const site = new pulumi.ComponentResource("multicluster:test:Site", "site", {}, { providers: [east.provider] });
            return new Probe("probe", { cluster: west }, { parent: site });
        });
        expect(graph.error, String(graph.error)).to.equal(undefined);
        expect(only(graph, "kubernetes:core/v1:ConfigMap").provider).to.match(/pulumi:providers:kubernetes::west-k8s$/);
    });
});

describe("existingCluster", function () {
    this.timeout(60_000);

    it("reads the server and CA from the kubeconfig and derives the incarnation from the CA", async () => {
        const ca = "-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----\n";
        const kubeconfig = [
            "apiVersion: v1",
            "kind: Config",
            "current-context: ctx",
            "contexts: [{name: ctx, context: {cluster: eks}}]",
            `clusters: [{name: eks, cluster: {server: "https://abc.eks.example", certificate-authority-data: "${Buffer.from(ca).toString("base64")}"}}]`,
        ].join("\n");
        let facts: unknown;
        const graph = await recordProgram(() => {
            const cluster = existingCluster({
                name: "eks-1",
                kubeconfig,
                podCidrs: ["10.8.0.0/16"],
                serviceCidrs: ["172.20.0.0/16"],
                endpoint: { host: "abc.eks.example", port: 443 },
            });
            pulumi.all([cluster.apiServer, cluster.caCertificate, cluster.incarnation]).apply((values) => (facts = values));
            return {};
        });
        expect(graph.error, String(graph.error)).to.equal(undefined);
        const [server, caPem, incarnation] = facts as string[];
        expect(server).to.equal("https://abc.eks.example");
        expect(caPem).to.equal(ca);
        expect(incarnation).to.match(/^eks-1@[0-9a-f]{16}$/);
    });

    it("fails in one sentence when the kubeconfig embeds no CA and none is given (a file path or insecure-skip-tls-verify)", async () => {
        const kubeconfig = [
            "apiVersion: v1",
            "kind: Config",
            "current-context: ctx",
            "contexts: [{name: ctx, context: {cluster: lab}}]",
            "clusters: [{name: lab, cluster: {server: https://lab.example:6443, certificate-authority: /home/me/.minikube/ca.crt}}]",
        ].join("\n");
        const graph = await recordProgram(() => {
            const cluster = existingCluster({
                name: "lab",
                kubeconfig,
                podCidrs: ["10.8.0.0/16"],
                serviceCidrs: ["10.9.0.0/16"],
                endpoint: { host: "lab.example", port: 6443 },
            });
            return new command.local.Command("uses-ca", { create: "true", environment: { CA: cluster.caCertificate } });
        });
        expect(String(graph.error)).to.contain('existingCluster("lab").kubeconfig embeds no certificate-authority-data');
        expect(String(graph.error)).to.contain("fix: give caCertificate");
    });

    it("refuses bad fields all together, each naming the field, the value and the fix", () => {
        const bad = { name: "EKS", kubeconfig: "", podCidrs: ["10.8.0.0"], serviceCidrs: [], endpoint: { host: "", port: 70000 } };
        expect(existingClusterIssues(bad).map((entry) => entry.path)).to.deep.equal([
            'existingCluster("EKS").name',
            'existingCluster("EKS").podCidrs[0]',
            'existingCluster("EKS").serviceCidrs',
            'existingCluster("EKS").endpoint.port',
            'existingCluster("EKS").endpoint.host',
        ]);
        expect(() => existingCluster(bad)).to.throw(
            ConfigValidationError,
            /podCidrs\[0\] = "10\.8\.0\.0" is not a CIDR; fix: write it as address\/prefix/,
        );
    });
});

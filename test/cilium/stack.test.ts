import { expect } from "chai";
import { toYaml } from "../../components/shared/yaml";
import { ConfigValidationError } from "../../components/shared/validation";
import { ciliumConfigIssues, k8sServiceEndpoint } from "../../stacks/areas/cilium/validate";
import { demoEnabled } from "../../stacks/layers";
import { wireLayers } from "../../stacks/program";
import { MeshConfig, StackConfig } from "../../stacks/config/types";
import { fakeClustersOf, loadStackFile } from "../fixtures/cilium-clusters";
import { expectGolden } from "../golden";
import { RecordedGraph, recordProgram } from "../mocks";
import { runProgram } from "../../tools/engine/run";
import { SimulationState } from "../../tools/engine/state";
import { unwrapSecrets } from "../../tools/engine/secret-values";

const RELEASE = "kubernetes:helm.sh/v3:Release";

/** Runs every layer of a stack over fake clusters built from its config. */
async function runStack(config: StackConfig): Promise<RecordedGraph> {
    const graph = await recordProgram(() => wireLayers(config, { byKey: {} }, fakeClustersOf(config)));
    expect(graph.error).to.equal(undefined);
    return graph;
}

/** A release's values with the CA replaced by placeholders (goldens never hold key material). */
function valuesWithoutCa(graph: RecordedGraph, name: string): Record<string, any> {
    const values = graph.inputsOf(graph.find(RELEASE, name)).values as Record<string, any>;
    expect(values.tls.ca.cert).to.match(/^LS0tLS1CRUdJTi/);
    return { ...values, tls: { ca: { cert: "<base64 CA certificate>", key: "<base64 CA key>" } } };
}

describe("cilium stacks", () => {
    describe("Pulumi.cilium-lab.yaml (seed 004)", () => {
        let graph: RecordedGraph;
        before(async () => {
            graph = await runStack(loadStackFile("cilium-lab"));
        });

        it("renders each cluster's values (golden)", () => {
            for (const cluster of ["k8s-cilium-01", "k8s-cilium-02"]) {
                expectGolden(`cilium/cilium-lab/${cluster}.values.yaml`, toYaml(valuesWithoutCa(graph, `cilium-${cluster}-release`)));
            }
        });

        it("connects each cluster to the other's pinned LoadBalancer IP, without kube-proxy", () => {
            const values = valuesWithoutCa(graph, "cilium-k8s-cilium-01-release");
            expect(values.clustermesh.config.clusters).to.deep.equal({ "k8s-cilium-02": { ips: ["172.26.0.106"], port: 2379 } });
            expect(values.clustermesh.apiserver.service.annotations).to.deep.equal({ "lbipam.cilium.io/ips": "172.26.0.102" });
            expect([values.k8sServiceHost, values.k8sServicePort, values.kubeProxyReplacement]).to.deep.equal(["172.26.0.141", 6443, true]);
            expect([values.ingressController.enabled, values.l2announcements.enabled]).to.deep.equal([true, true]);
        });

        it("creates the seed's pools and the L2 policy once the operator registered their CRDs (not after every agent)", () => {
            const release = graph.find(RELEASE, "cilium-k8s-cilium-02-release");
            const running = graph.find("command:local:Command", "cilium-k8s-cilium-02-running");
            const crds = graph.find("command:local:Command", "cilium-lb-k8s-cilium-02-crds");
            const pool = (name: string) =>
                graph.find("kubernetes:cilium.io/v2:CiliumLoadBalancerIPPool", `cilium-lb-k8s-cilium-02-pool-${name}`);
            const policy = graph.find("kubernetes:cilium.io/v2alpha1:CiliumL2AnnouncementPolicy", "cilium-lb-k8s-cilium-02-l2-policy");
            // Both addresses of the seed's pool are pinned: each gets a pool only its Service can take, none is left over.
            expect(
                graph
                    .ofType("kubernetes:cilium.io/v2:CiliumLoadBalancerIPPool")
                    .map((record) => record.name)
                    .filter((name) => name.includes("-02-")),
            ).to.deep.equal([
                "cilium-lb-k8s-cilium-02-pool-default",
                "cilium-lb-k8s-cilium-02-pool-clustermesh-apiserver",
                "cilium-lb-k8s-cilium-02-pool-cilium-ingress",
            ]);
            expect(graph.inputsOf(pool("default")).spec).to.deep.equal({ blocks: [], disabled: true });
            expect(graph.inputsOf(pool("cilium-ingress")).spec).to.deep.equal({
                blocks: [{ cidr: "172.26.0.105/32" }],
                serviceSelector: {
                    matchLabels: { "io.kubernetes.service.namespace": "kube-system", "io.kubernetes.service.name": "cilium-ingress" },
                },
            });
            expect((graph.inputsOf(pool("clustermesh-apiserver")).spec as Record<string, unknown>).blocks).to.deep.equal([
                { cidr: "172.26.0.106/32" },
            ]);
            for (const manifest of [pool("cilium-ingress"), pool("clustermesh-apiserver"), policy]) {
                expect(graph.dependsOn(manifest, crds), manifest.name).to.equal(true);
            }
            expect([graph.dependsOn(crds, release), graph.dependsOn(crds, running)]).to.deep.equal([true, false]);
            expect(graph.inputsOf(crds).create).to.contain(
                "crds=(ciliumloadbalancerippools.cilium.io ciliuml2announcementpolicies.cilium.io)",
            );
        });

        it("pins cilium-ingress to the seed's .101/.105 and checks it got them, after the pools", () => {
            const values = valuesWithoutCa(graph, "cilium-k8s-cilium-02-release");
            expect(values.ingressController.service).to.deep.equal({
                name: "cilium-ingress",
                type: "LoadBalancer",
                annotations: { "lbipam.cilium.io/ips": "172.26.0.105" },
            });
            const check = graph.find("command:local:Command", "cilium-ingress-k8s-cilium-02-address");
            expect(graph.inputsOf(check).create).to.contain("want=172.26.0.105");
            expect(
                graph.dependsOn(
                    check,
                    graph.find("kubernetes:cilium.io/v2:CiliumLoadBalancerIPPool", "cilium-lb-k8s-cilium-02-pool-cilium-ingress"),
                ),
            ).to.equal(true);
        });

        it("runs the guide's closing test: the rebel-base / x-wing demo and its proof in both clusters", () => {
            const proof = graph.find("command:local:Command", "demo-k8s-cilium-01-proof-request");
            expect(graph.inputsOf(proof).create).to.contain("expected=(k8s-cilium-01 k8s-cilium-02)");
            expect(graph.dependsOn(proof, graph.find("command:local:Command", "cilium-mesh-k8s-cilium-01-health"))).to.equal(true);
        });

        it("exports the peer endpoints and the CA certificate, never a key", () => {
            const outputs = JSON.stringify(graph.find("pulumi:pulumi:Stack", "multicluster-test").outputs);
            expect(outputs).to.contain("https://k8s-cilium-01.mesh.cilium.io:2379").and.to.contain("BEGIN CERTIFICATE");
            expect(outputs).not.to.contain("PRIVATE KEY").and.not.to.contain("LS0tLS1CRUdJTi");
        });
    });

    describe("Pulumi.dev.yaml (kind, NodePort)", () => {
        let graph: RecordedGraph;
        before(async () => {
            graph = await runStack(loadStackFile("dev"));
        });

        it("reaches kind peers by their control-plane container name and the NodePort", () => {
            const values = graph.inputsOf(graph.find(RELEASE, "cilium-dev-east-release")).values as Record<string, any>;
            expect(values.clustermesh.config.clusters).to.deep.equal({ "dev-west": { address: "dev-west-control-plane", port: 32379 } });
            expect(values.clustermesh.apiserver.service).to.deep.equal({ type: "NodePort", nodePort: 32379 });
            expect([values.k8sServiceHost, values.k8sServicePort]).to.deep.equal(["dev-east-control-plane", 6443]);
        });

        it("puts the DNS name peers dial into the server certificate", () => {
            const csr = graph.inputsOf(graph.find("tls:index/certRequest:CertRequest", "cilium-dev-west-server-csr"));
            expect(csr.dnsNames).to.include("dev-west-control-plane").and.to.include("*.mesh.cilium.io");
        });
    });

    it("deploys the rebel-base / x-wing demo in every cluster when mesh.demo is set, after Cilium", async () => {
        const dev = loadStackFile("dev");
        const mesh: MeshConfig = Object.assign({}, dev.mesh, { demo: true });
        expect(demoEnabled({ ...dev, mesh })).to.equal(true);
        expect(demoEnabled({ ...dev, mesh: Object.assign({}, dev.mesh, { demo: false }) })).to.equal(false);
        expect(demoEnabled(dev), "Pulumi.dev.yaml turns the demo on").to.equal(true);
        const graph = await runStack({ ...dev, mesh });
        const service = graph.find("kubernetes:core/v1:Service", "demo-dev-west-service");
        expect((graph.inputsOf(service).metadata as Record<string, any>).annotations).to.deep.equal({ "service.cilium.io/global": "true" });
        const running = graph.find("command:local:Command", "cilium-dev-west-running");
        const gate = graph.find("command:local:Command", "cilium-mesh-dev-west-health");
        const proof = graph.find("command:local:Command", "demo-dev-west-proof-request");
        const peerRebelBase = graph.find("kubernetes:apps/v1:Deployment", "demo-dev-east-rebel-base");
        // The objects need Cilium, not the mesh; the proof needs the mesh healthy and every peer's rebel-base.
        expect([graph.dependsOn(service, running), graph.dependsOn(service, gate)]).to.deep.equal([true, false]);
        expect([graph.dependsOn(proof, gate), graph.dependsOn(proof, service), graph.dependsOn(proof, peerRebelBase)]).to.deep.equal([
            true,
            true,
            true,
        ]);
        expect(graph.inputsOf(proof).create).to.contain("expected=(dev-east dev-west)");
        expect(graph.ofType("kubernetes:apps/v1:Deployment").map((record) => record.name)).to.have.members([
            "demo-dev-east-rebel-base",
            "demo-dev-east-x-wing",
            "demo-dev-west-rebel-base",
            "demo-dev-west-x-wing",
        ]);
    });

    it("installs Cilium alone, with its cluster ID and the shared CA already set, when the mesh is none", async () => {
        const dev = loadStackFile("dev");
        const graph = await runStack({ ...dev, mesh: { kind: "none" } });
        expect(graph.ofType("multicluster:cilium:CiliumClusterMesh")).to.deep.equal([]);
        expect(graph.ofType("kubernetes:core/v1:Secret")).to.deep.equal([]);
        const values = graph.inputsOf(graph.find(RELEASE, "cilium-dev-west-release")).values as Record<string, any>;
        expect(values.cluster).to.deep.equal({ name: "dev-west", id: 2 });
        expect(values).not.to.have.property("clustermesh");
        expect(values.tls.ca.cert).to.match(/^LS0tLS1CRUdJTi/);
    });

    it("rejects clusters left without a Service proxy in config validation, before any resource exists", () => {
        const unproxied = (values: Record<string, unknown>) => ({
            ...values,
            cni: { ...(values.cni as object), kubeProxyReplacement: false },
            clusters: (values.clusters as object[]).map((cluster) => ({ ...cluster, skipKubeProxy: true })),
        });
        let caught: unknown;
        try {
            loadStackFile("dev", unproxied);
        } catch (error) {
            caught = error;
        }
        expect(caught).to.be.instanceOf(ConfigValidationError);
        expect((caught as ConfigValidationError).issues.map((found) => found.message)).to.deep.equal([
            "clusters[0].skipKubeProxy = true leaves the cluster without any Service proxy because cni.kubeProxyReplacement is false; fix: set cni.kubeProxyReplacement: true, or skipKubeProxy: false.",
            "clusters[1].skipKubeProxy = true leaves the cluster without any Service proxy because cni.kubeProxyReplacement is false; fix: set cni.kubeProxyReplacement: true, or skipKubeProxy: false.",
        ]);
        expect(ciliumConfigIssues(loadStackFile("cilium-lab"))).to.deep.equal([]);
    });

    it("installs no Cilium for another CNI", async () => {
        const dev = loadStackFile("dev");
        const other = { ...dev, cni: { kind: "none" as const }, mesh: { kind: "none" as const }, loadBalancer: { kind: "none" as const } };
        const graph = await recordProgram(() => wireLayers(other, { byKey: {} }, fakeClustersOf(other)));
        expect(graph.error).to.equal(undefined);
        expect(graph.ofType(RELEASE)).to.deep.equal([]);
    });

    it("points agents at the cluster's endpoint only when kube-proxy is skipped", () => {
        const lab = loadStackFile("cilium-lab");
        const endpoint = { host: "fd00::10", port: 6443 };
        expect(k8sServiceEndpoint(lab.clusters[1], { endpoint })).to.deep.equal(endpoint);
        expect(k8sServiceEndpoint({ ...lab.clusters[1], skipKubeProxy: false }, { endpoint })).to.equal(undefined);
    });

    it("re-runs the -running and -health gates when the release values change (e.g. WireGuard switched on), and only then", async () => {
        const state = new SimulationState();
        const triggersOf = async (encryption: "none" | "wireguard") => {
            const dev = loadStackFile("dev", (values) => ({ ...values, cni: { ...(values.cni as object), encryption } }));
            const result = await runProgram({
                project: "multicluster",
                stack: "test",
                config: {},
                secretKeys: [],
                simulation: { state },
                program: () => wireLayers(dev, { byKey: {} }, fakeClustersOf(dev)),
            });
            expect(result.error, String(result.error)).to.equal(undefined);
            const triggers = (name: string) =>
                JSON.stringify(unwrapSecrets(result.records.find((record) => record.name === name)?.inputs.triggers));
            return { running: triggers("cilium-dev-east-running"), health: triggers("cilium-mesh-dev-east-health") };
        };
        const first = await triggersOf("none");
        const again = await triggersOf("none");
        const wireguard = await triggersOf("wireguard");
        expect(first.running).to.match(/[0-9a-f]{64}/);
        expect(again).to.deep.equal(first);
        expect(wireguard.running).not.to.equal(first.running);
        expect(wireguard.health).not.to.equal(first.health);
    });

    describe("native routing across clusters", () => {
        const native =
            (edit: (values: Record<string, unknown>) => Record<string, unknown> = (v) => v) =>
            (values: Record<string, unknown>) =>
                edit({ ...values, cni: { ...(values.cni as object), routingMode: "native", tunnelProtocol: undefined } });
        const problems = (stack: string, edit: (values: Record<string, unknown>) => Record<string, unknown>): string[] => {
            try {
                loadStackFile(stack, edit);
                return [];
            } catch (error) {
                return (error as ConfigValidationError).issues.map((found) => found.message);
            }
        };
        const moved = (values: Record<string, unknown>) => ({
            ...values,
            clusters: (values.clusters as Record<string, unknown>[]).map((cluster, i) =>
                i === 0
                    ? cluster
                    : {
                          ...cluster,
                          controlPlanes: [{ host: "172.27.0.145", name: "k8s-cilium-02-cp" }],
                          workers: [{ host: "172.27.0.146", name: "k8s-cilium-02-wk01" }],
                          loadBalancerPools: ["172.27.0.105-172.27.0.106"],
                      },
            ),
            mesh: { ...(values.mesh as object), apiServerIps: { "k8s-cilium-01": "172.26.0.102", "k8s-cilium-02": "172.27.0.106" } },
            ingress: { kind: "cilium", ips: { "k8s-cilium-01": "172.26.0.101", "k8s-cilium-02": "172.27.0.105" } },
        });

        it("accepts kind clusters (one Docker network) and kubeadm nodes in one subnet", () => {
            expect(problems("dev", native())).to.deep.equal([]);
            expect(problems("cilium-lab", native())).to.deep.equal([]);
        });

        it("refuses kubeadm clusters on different node subnets unless routes are provided or the shared subnet is stated", () => {
            expect(problems("cilium-lab", native(moved))).to.deep.equal([
                'cni.nativeRoutes = "direct" routes pods across clusters whose nodes are on different subnets (172.26.0.0/24, 172.27.0.0/24), ' +
                    "and Cilium's direct node routes only reach nodes on the same L2 segment; fix: set cni.nodeSubnet to the one subnet all nodes share, " +
                    "if they do; else set cni.nativeRoutes: provided if your network routes every cluster's pod CIDR to its nodes (BGP or static routes), " +
                    "or use cni.routingMode: tunnel.",
            ]);
            const provided = (values: Record<string, unknown>) => ({
                ...moved(values),
                cni: { ...(values.cni as object), nativeRoutes: "provided" },
            });
            expect(problems("cilium-lab", native(provided))).to.deep.equal([]);
            const stated = (values: Record<string, unknown>) => ({
                ...moved(values),
                cni: { ...(values.cni as object), nodeSubnet: "172.26.0.0/15" },
            });
            expect(problems("cilium-lab", native(stated))).to.deep.equal([]);
            const narrow = (values: Record<string, unknown>) => ({
                ...moved(values),
                cni: { ...(values.cni as object), nodeSubnet: "172.26.0.0/24" },
            });
            expect(problems("cilium-lab", native(narrow))[0]).to.match(
                /^clusters\[1\]\.controlPlanes\[0\]\.host = "172\.27\.0\.145" is outside cni\.nodeSubnet 172\.26\.0\.0\/24/,
            );
        });

        it("needs kube-proxy replacement in a mesh, and exempts exactly each member's pod CIDR from masquerading", async () => {
            const withoutKpr = (values: Record<string, unknown>) => ({
                ...values,
                cni: { ...(values.cni as object), kubeProxyReplacement: false, l2Announcements: false },
                ingress: { kind: "none" },
                clusters: (values.clusters as object[]).map((cluster) => ({ ...cluster, skipKubeProxy: false })),
            });
            expect(problems("cilium-lab", native(withoutKpr))[0]).to.match(
                /^cni\.routingMode = "native" in a Cluster Mesh needs cni\.kubeProxyReplacement: true/,
            );
            const graph = await runStack(loadStackFile("cilium-lab", native()));
            const values = graph.inputsOf(graph.find(RELEASE, "cilium-k8s-cilium-01-release")).values as Record<string, any>;
            expect(values.ipv4NativeRoutingCIDR).to.equal("10.1.0.0/16");
            expect(values.ipMasqAgent.config.nonMasqueradeCIDRs).to.deep.equal(["10.1.0.0/16", "10.2.0.0/16"]);
        });
    });
});

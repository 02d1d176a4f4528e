import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { loadStackFile } from "../fixtures/cilium-clusters";
import { RecordedGraph } from "../mocks";
import { linkerdValues, parseValues, plainInputs, runLayers } from "./helpers";
import { defaultVersions } from "../../components/versions";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const POOL = "kubernetes:metallb.io/v1beta1:IPAddressPool";
const COMMAND = "command:local:Command";

describe("linkerd stacks", () => {
    describe("Pulumi.linkerd-kind.yaml (seed 003)", () => {
        let graph: RecordedGraph;
        before(async () => {
            graph = await runLayers(loadStackFile("linkerd-kind"));
        });

        it("keeps each gateway's pinned address for it alone in MetalLB, after the webhook serves", () => {
            const reserved = graph.find(POOL, "metallb-kind-east-pool-reserved-linkerd-gateway");
            expect(plainInputs(reserved).spec).to.deep.equal({
                addresses: ["172.18.0.70/32"],
                autoAssign: false,
                serviceAllocation: { namespaces: ["linkerd-multicluster"] },
            });
            expect(plainInputs(graph.find(POOL, "metallb-kind-east-pool-default")).spec).to.deep.equal({
                addresses: ["172.18.0.61-172.18.0.69"],
            });
            expect(graph.dependsOn(reserved, graph.find(COMMAND, "metallb-kind-east-webhook"))).to.equal(true);
            const values = plainInputs(graph.find(RELEASE, "linkerd-kind-east-multicluster")).values;
            expect(values.gateway.serviceAnnotations).to.deep.equal({ "metallb.io/loadBalancerIPs": "172.18.0.70" });
        });

        it("installs Linkerd after MetalLB, the extensions after the control plane serves, the Gateway API CRDs first", () => {
            const crds = graph.find(RELEASE, "linkerd-kind-west-crds");
            expect(graph.dependsOn(crds, graph.find("kubernetes:yaml/v2:ConfigFile", "linkerd-kind-west-gateway-api"))).to.equal(true);
            expect(plainInputs(graph.find("kubernetes:yaml/v2:ConfigFile", "linkerd-kind-west-gateway-api")).file).to.equal(
                "https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.2.1/standard-install.yaml",
            );
            const ready = graph.find(COMMAND, "linkerd-kind-west-control-plane-ready");
            for (const extension of ["viz", "multicluster"]) {
                expect(graph.dependsOn(graph.find(RELEASE, `linkerd-kind-west-${extension}`), ready), extension).to.equal(true);
            }
            expect(
                graph.dependsOn(
                    graph.find("kubernetes:core/v1:Namespace", "linkerd-kind-west-ns-linkerd"),
                    graph.find("kubernetes:metallb.io/v1beta1:L2Advertisement", "metallb-kind-west-l2-default"),
                ),
            ).to.equal(true);
            for (const release of ["crds", "control-plane", "viz", "multicluster"]) {
                expect(graph.inputsOf(graph.find(RELEASE, `linkerd-kind-west-${release}`))).to.deep.include({
                    version: "2026.8.3",
                    repositoryOpts: { repo: "https://helm.linkerd.io/edge" },
                });
            }
        });

        it("meshes a Traefik per cluster after Linkerd and routes an Ingress to each frontend", () => {
            const traefik = graph.find(RELEASE, "ingress-kind-east-release");
            expect(plainInputs(traefik).values.deployment.podAnnotations).to.deep.equal({ "linkerd.io/inject": "enabled" });
            expect(plainInputs(traefik)).to.deep.include({ chart: "traefik", version: "41.3.0" });
            expect(graph.dependsOn(traefik, graph.find(COMMAND, "linkerd-kind-east-running"))).to.equal(true);
            const ingress = graph.find("kubernetes:networking.k8s.io/v1:Ingress", "demo-kind-east-ingress");
            expect(plainInputs(ingress).spec.ingressClassName).to.equal("traefik");
            const running = graph.find(COMMAND, "ingress-kind-east-running");
            // pulumi-kubernetes awaits an Ingress until .status.loadBalancer.ingress is set, which only the controller writes.
            expect(graph.dependsOn(ingress, running), "the Ingress's await needs its controller serving").to.equal(true);
            expect(graph.dependsOn(graph.find(COMMAND, "demo-kind-east-proof-requests"), running)).to.equal(true);
            expect(
                graph.dependsOn(graph.find("kubernetes:core/v1:Namespace", "demo-kind-east-namespace"), running),
                "the app need not wait for the ingress",
            ).to.equal(false);
            expect(
                plainInputs(graph.find("kubernetes:core/v1:Service", "demo-kind-east-frontend-service")).metadata.annotations,
            ).to.deep.equal({ "traefik.ingress.kubernetes.io/service.nativelb": "true" });
        });

        it("splits podinfo-split 50/50 and proves it after the links are healthy", () => {
            const route = plainInputs(graph.find("kubernetes:gateway.networking.k8s.io/v1:HTTPRoute", "demo-kind-west-split"));
            expect(route.spec.rules[0].backendRefs).to.deep.equal([
                { name: "podinfo", port: 9898, weight: 50 },
                { name: "podinfo-kind-east", port: 9898, weight: 50 },
            ]);
            const proof = graph.find(COMMAND, "demo-kind-west-proof-requests");
            expect(graph.dependsOn(proof, graph.find(COMMAND, "link-kind-west-to-kind-east-health"))).to.equal(true);
            expect(
                graph.dependsOn(proof, graph.find("kubernetes:core/v1:Service", "demo-kind-east-podinfo-service")),
                "the peer's export",
            ).to.equal(true);
            expect(plainInputs(graph.find("kubernetes:core/v1:Service", "demo-kind-west-podinfo-service")).metadata.labels).to.deep.include(
                { "mirror.linkerd.io/exported": "true" },
            );
        });

        it("proves each demo through its meshed Traefik, re-proving when the route, the ingress or the Linkerd release changes", () => {
            const proof = plainInputs(graph.find(COMMAND, "demo-kind-east-proof-requests"));
            expect(proof.create).to.contain("wget -qO- -T 3 http://traefik.traefik.svc.cluster.local:80/");
            expect(proof.triggers).to.have.length(5);
            expect(proof.triggers[3]).to.equal("http://traefik.traefik.svc.cluster.local:80/");
            expect(proof.triggers[4], "the Linkerd chart version: a new release is proven again").to.equal(defaultVersions.linkerd);
        });

        it("exports the trust anchor, the gateways and the links, never a key", () => {
            const outputs = JSON.stringify(graph.find("pulumi:pulumi:Stack", "multicluster-test").outputs);
            expect(outputs).to.contain("kind-east mirrors kind-west").and.to.contain("172.18.0.80").and.to.contain("BEGIN CERTIFICATE");
            expect(outputs).to.not.contain("PRIVATE KEY");
        });
    });

    it("defaults kind stacks without Cilium to MetalLB, and Cilium stacks to LB IPAM, when clusters have pools", () => {
        const { loadBalancer: _omitted, ...values } = linkerdValues(2);
        expect(parseValues(values).loadBalancer).to.deep.equal({ kind: "metallb" });
        expect(
            parseValues({
                ...values,
                cni: { kind: "cilium", kubeProxyReplacement: true, values: { socketLB: { hostNamespaceOnly: true } } },
            }).loadBalancer,
        ).to.deep.equal({ kind: "cilium-lb-ipam" });
    });

    it("composes with Cilium (Pulumi.linkerd-cilium.yaml): LB IPAM pins the gateways, no MetalLB, socket LB kept out of pods", async () => {
        const graph = await runLayers(loadStackFile("linkerd-cilium"));
        expect(graph.ofType("multicluster:metallb:MetalLB")).to.deep.equal([]);
        const values = plainInputs(graph.find(RELEASE, "linkerd-lc-east-multicluster")).values;
        expect(values.gateway.serviceAnnotations).to.deep.equal({ "lbipam.cilium.io/ips": "172.18.255.169" });
        expect(plainInputs(graph.find(RELEASE, "cilium-lc-east-release")).values.socketLB).to.deep.equal({ hostNamespaceOnly: true });
        expect(
            graph.dependsOn(
                graph.find("kubernetes:yaml/v2:ConfigFile", "linkerd-lc-east-gateway-api"),
                graph.find("kubernetes:cilium.io/v2:CiliumLoadBalancerIPPool", "cilium-lb-lc-east-pool-default"),
            ),
        ).to.equal(true);
    });

    it("links only the configured pairs, pins configured gateway addresses, and runs no gateway where nobody mirrors", async () => {
        const config = parseValues(
            linkerdValues(2, {
                mesh: { kind: "linkerd", links: [{ from: "c1", to: "c2" }], gatewayIps: { c2: "172.18.2.15" }, viz: false, demo: true },
            }),
        );
        const graph = await runLayers(config);
        expect(graph.ofType("multicluster:linkerd:LinkerdLink").map((link) => link.name)).to.deep.equal(["link-c1-to-c2"]);
        expect(
            plainInputs(graph.find("kubernetes:multicluster.linkerd.io/v1alpha3:Link", "link-c1-to-c2-link")).spec.gatewayAddress,
        ).to.equal("172.18.2.15");
        expect(plainInputs(graph.find(RELEASE, "linkerd-c1-multicluster")).values.gateway).to.deep.equal({ enabled: false });
        expect(plainInputs(graph.find(RELEASE, "linkerd-c2-multicluster")).values.controllers).to.deep.equal([]);
        expect(graph.ofType(POOL).map((pool) => pool.name)).to.have.members([
            "metallb-c1-pool-default",
            "metallb-c2-pool-default",
            "metallb-c2-pool-reserved-linkerd-gateway",
        ]);
        expect(graph.ofType(RELEASE).map((release) => release.name)).to.not.include("linkerd-c1-viz");
        expect(graph.ofType("kubernetes:gateway.networking.k8s.io/v1:HTTPRoute").map((route) => route.name)).to.deep.equal([
            "demo-c1-split",
        ]);
    });

    it("installs the legacy ingress-nginx only when asked, warning that it is retired, with service-upstream on the Ingress", async () => {
        const warnings: string[] = [];
        const warn = pulumi.log.warn;
        pulumi.log.warn = (message: string) => {
            warnings.push(message);
            return Promise.resolve();
        };
        try {
            const graph = await runLayers(parseValues(linkerdValues(2, { ingress: { kind: "ingress-nginx" } })));
            const values = plainInputs(graph.find(RELEASE, "ingress-c1-release")).values;
            expect(values.controller).to.deep.include({
                podAnnotations: { "linkerd.io/inject": "enabled" },
                admissionWebhooks: { enabled: false },
            });
            expect(
                plainInputs(graph.find("kubernetes:networking.k8s.io/v1:Ingress", "demo-c1-ingress")).metadata.annotations,
            ).to.deep.equal({ "nginx.ingress.kubernetes.io/service-upstream": "true" });
        } finally {
            pulumi.log.warn = warn;
        }
        expect(warnings.filter((message) => message.includes("retired upstream"))).to.have.length(2);
    });
});

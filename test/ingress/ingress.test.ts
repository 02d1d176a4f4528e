import { expect } from "chai";
import {
    INGRESS_CONTROLLERS,
    ingressNginxValues,
    ingressServiceUrl,
    ownedIngressValueIssues,
    traefikValues,
} from "../../components/ingress/values";
import { ingressReadyScript } from "../../components/ingress/health";
import { IngressController } from "../../components/ingress/ingress";
import { toYaml } from "../../components/shared/yaml";
import { fakeCluster } from "../fixtures/cilium-clusters";
import { expectGolden } from "../golden";
import { recordProgram } from "../mocks";
import { keyPaths, leafPaths, linkerdValues, problemsOf } from "../linkerd/helpers";

describe("ingress controllers", () => {
    it("renders Traefik meshed with Linkerd, with native load balancing so Linkerd's routes apply (golden)", () => {
        expectGolden("ingress/traefik-meshed.values.yaml", toYaml(traefikValues(true)));
        expect(traefikValues(false)).to.not.have.property("deployment");
    });

    it("sets only keys the pinned charts define (Traefik 41.3.0, ingress-nginx 4.15.1)", () => {
        const traefik = keyPaths("ingress/fixtures/traefik-values-paths-41.3.0.txt");
        const nginx = keyPaths("ingress/fixtures/ingress-nginx-values-paths-4.15.1.txt");
        const freeForm = ["deployment.podAnnotations.", "controller.podAnnotations."];
        const unknown = (values: Record<string, unknown>, known: Set<string>) =>
            leafPaths(values).filter((path) => !known.has(path) && !freeForm.some((prefix) => path.startsWith(prefix)));
        expect(unknown(traefikValues(true), traefik)).to.deep.equal([]);
        expect(unknown(ingressNginxValues(true), nginx)).to.deep.equal([]);
        expect(traefik.size).to.be.greaterThan(500);
    });

    it("keeps ingress-nginx's hook Jobs out and routes it to Service IPs", () => {
        expect(ingressNginxValues(true)).to.deep.equal({
            controller: {
                podAnnotations: { "linkerd.io/inject": "enabled" },
                admissionWebhooks: { enabled: false },
                ingressClassResource: { enabled: true, default: true, name: "nginx" },
                ingressClass: "nginx",
            },
        });
        expect(INGRESS_CONTROLLERS["ingress-nginx"].ingressAnnotations).to.deep.equal({
            "nginx.ingress.kubernetes.io/service-upstream": "true",
        });
    });

    it("waits for the controller, its proxy and its address (golden, shellchecked)", async () => {
        expectGolden(
            "ingress/traefik-running.sh",
            ingressReadyScript({ cluster: "kind-east", kind: "traefik", meshed: true, timeoutSeconds: 600 }),
        );
        expect(ingressReadyScript({ cluster: "x", kind: "ingress-nginx", meshed: false, timeoutSeconds: 60 })).to.not.contain(
            "linkerd-proxy",
        );
        const graph = await recordProgram(
            () =>
                new IngressController("ingress-east", {
                    cluster: fakeCluster({ name: "east", podCidr: "10.244.0.0/16" }),
                    kind: "traefik",
                    version: "41.3.0",
                    meshed: true,
                }),
        );
        expect(graph.error).to.equal(undefined);
        const namespace = graph.inputsOf(graph.find("kubernetes:core/v1:Namespace", "ingress-east-namespace")).metadata as Record<
            string,
            unknown
        >;
        expect(namespace).to.deep.equal({ name: "traefik", labels: { "pod-security.kubernetes.io/enforce": "privileged" } });
        const release = graph.find("kubernetes:helm.sh/v3:Release", "ingress-east-release");
        expect(graph.inputsOf(release)).to.deep.include({
            chart: "traefik",
            version: "41.3.0",
            repositoryOpts: { repo: "https://traefik.github.io/charts" },
        });
        expect(graph.dependsOn(graph.find("command:local:Command", "ingress-east-running"), release)).to.equal(true);
    });

    it("knows where its Service answers in the cluster, and refuses escape-hatch keys that rename or unmesh it", async () => {
        expect(ingressServiceUrl(INGRESS_CONTROLLERS.traefik)).to.equal("http://traefik.traefik.svc.cluster.local:80/");
        expect(ingressServiceUrl(INGRESS_CONTROLLERS["ingress-nginx"])).to.equal(
            "http://ingress-nginx-controller.ingress-nginx.svc.cluster.local:80/",
        );
        const traefik = keyPaths("ingress/fixtures/traefik-values-paths-41.3.0.txt");
        const nginx = keyPaths("ingress/fixtures/ingress-nginx-values-paths-4.15.1.txt");
        const chartKey = (owned: string) => owned.replace(/\["linkerd\.io\/inject"\]$/, "");
        expect(
            INGRESS_CONTROLLERS.traefik.ownedValuePaths.map(chartKey).filter((key) => !traefik.has(key)),
            "traefik keys",
        ).to.deep.equal([]);
        expect(
            INGRESS_CONTROLLERS["ingress-nginx"].ownedValuePaths.map(chartKey).filter((key) => !nginx.has(key)),
            "ingress-nginx keys",
        ).to.deep.equal([]);
        const graph = await recordProgram(
            () =>
                new IngressController("ingress-east", {
                    cluster: fakeCluster({ name: "east", podCidr: "10.244.0.0/16" }),
                    kind: "ingress-nginx",
                    version: "4.15.1",
                    meshed: true,
                    values: { controller: { kind: "DaemonSet", replicaCount: 2 } },
                }),
        );
        expect(String(graph.error)).to.contain(
            'values.controller.kind = "DaemonSet" overrides a value the ingress-nginx layer sets or relies on',
        );
        expect(graph.records.filter((record) => record.name.startsWith("ingress-east")).map((record) => record.name)).to.deep.equal([]);
        // pulumi-kubernetes awaits the demo's Ingress until the controller writes its status: turning that off is refused.
        expect(
            ownedIngressValueIssues("traefik", { providers: { kubernetesIngress: { publishedService: { enabled: false } } } }).map(
                (found) => found.path,
            ),
        ).to.deep.equal(["values.providers.kubernetesIngress.publishedService.enabled"]);
        expect(
            ownedIngressValueIssues("ingress-nginx", { controller: { publishService: { enabled: false } } }).map((found) => found.path),
        ).to.deep.equal(["values.controller.publishService.enabled"]);
    });

    it("refuses escape-hatch image values that would break the pull (ingress-nginx and Traefik), each by its own grammar", () => {
        const nginx = {
            kind: "ingress-nginx",
            meshed: false,
            values: { controller: { image: { tag: "$(id)", registry: "evil.io;id", image: "ingress-nginx/controller", digest: "" } } },
        };
        expect(problemsOf(linkerdValues(2, { mesh: { kind: "none" }, ingress: nginx }))).to.deep.equal([
            "ingress.values.controller.image.tag = \"$(id)\" is not an image tag (at most 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'); fix: write it like \"v1.2.3\".",
            'ingress.values.controller.image.registry = "evil.io;id" is not an image registry (a host name or IP with an optional :port and /path, without spaces, quotes or shell characters); ' +
                'fix: write it like "registry.example.com" or "registry.example.com:5000/mirror".',
        ]);
        const traefik = { kind: "traefik", values: { image: { registry: "docker.io", repository: "traefik:v3.7.11" } } };
        expect(problemsOf(linkerdValues(2, { mesh: { kind: "none" }, ingress: traefik }))).to.deep.equal([
            'ingress.values.image.repository = "traefik:v3.7.11" names a tag or digest, but a repository is the image name alone; fix: write the repository alone, e.g. "registry.example.com/team/app" (the chart adds the tag).',
        ]);
    });

    it("needs a LoadBalancer address in every cluster", () => {
        const withoutPools = linkerdValues(2, { mesh: { kind: "none" }, loadBalancer: { kind: "none" } });
        (withoutPools.clusters as Record<string, unknown>[]).forEach((cluster) => delete cluster.loadBalancerPools);
        expect(problemsOf(withoutPools)).to.deep.equal([
            'loadBalancer.kind = "none" leaves the traefik Service without a LoadBalancer address; fix: give the clusters loadBalancerPools (MetalLB, or Cilium LB IPAM with Cilium).',
        ]);
        // Pools given but no load balancer: one bullet per pool says it is ignored and how to use it, nothing more.
        expect(problemsOf(linkerdValues(2, { mesh: { kind: "none" }, loadBalancer: { kind: "none" } }))).to.deep.equal(
            [1, 2].map(
                (i) =>
                    `clusters[${i - 1}].loadBalancerPools = ["172.18.${i}.10-172.18.${i}.20"] is ignored: loadBalancer.kind is "none", so no load balancer hands out ` +
                    'these addresses; fix: remove it, or set loadBalancer.kind to "metallb" (or "cilium-lb-ipam" with Cilium).',
            ),
        );
        expect(problemsOf(linkerdValues(2, { mesh: { kind: "none" }, ingress: { kind: "ingress-nginx", meshed: false } }))).to.deep.equal(
            [],
        );
    });
});

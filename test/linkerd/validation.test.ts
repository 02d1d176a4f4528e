import { expect } from "chai";
import { demoIngressIssues } from "../../components/linkerd/demo-checks";
import { derivedGatewayIp, gatewayIpProblem } from "../../components/linkerd/gateway-ip";
import { splitIssues } from "../../components/linkerd/split";
import { annotationKeyIssues } from "../../components/linkerd/validate";
import { kindClusters, linkerdValues, problemsOf } from "./helpers";

const DIGEST = "0".repeat(64);
const longName = (length: number) => `c${"x".repeat(length - 1)}`;
const withClusters = (edit: (clusters: Record<string, unknown>[]) => Record<string, unknown>[], extra: Record<string, unknown> = {}) =>
    linkerdValues(2, { clusters: edit(kindClusters(2)), ...extra });

/** Hostile configs, each with the exact sentences config validation must report before anything exists. */
const cases: { name: string; values: Record<string, unknown>; problems: string[] }[] = [
    {
        name: "a gateway address that is not an IP",
        values: linkerdValues(2, { mesh: { kind: "linkerd", gatewayIps: { c2: "gateway.example" } } }),
        problems: [
            'mesh.gatewayIps.c2 = "gateway.example" is not an IP address; fix: give one address of the cluster\'s loadBalancerPools, e.g. "172.18.2.20".',
        ],
    },
    {
        name: "a gateway address outside the cluster's pools",
        values: linkerdValues(2, { mesh: { kind: "linkerd", gatewayIps: { c1: "172.18.2.15" } } }),
        problems: [
            'mesh.gatewayIps.c1 = "172.18.2.15" is outside the cluster\'s loadBalancerPools (172.18.1.10-172.18.1.20), so no load balancer will assign it; fix: pick an address inside a pool, e.g. "172.18.1.20".',
        ],
    },
    {
        name: "a gateway address for an unknown cluster",
        values: linkerdValues(2, { mesh: { kind: "linkerd", gatewayIps: { c9: "172.18.1.15" } } }),
        problems: ['mesh.gatewayIps.c9 = "c9" is not the name of a cluster in this stack; fix: use one of "c1", "c2".'],
    },
    {
        name: "a mirrored cluster without pools",
        values: withClusters((clusters) => [clusters[0], { ...clusters[1], loadBalancerPools: [] }], { ingress: { kind: "none" } }),
        problems: [
            "clusters[1].loadBalancerPools = [] is empty, but other clusters mirror this one through its Linkerd gateway, which needs a LoadBalancer address; fix: add a pool from the node network (kind: the Docker network) for the gateway to take its address from.",
        ],
    },
    {
        name: "no load balancer at all: one sentence per cluster without pools, loadBalancer.kind not named again",
        values: withClusters((clusters) => clusters.map((cluster) => ({ ...cluster, loadBalancerPools: [] })), {
            loadBalancer: { kind: "none" },
            ingress: { kind: "none" },
        }),
        problems: [
            "clusters[0].loadBalancerPools = [] is empty, but other clusters mirror this one through its Linkerd gateway, which needs a LoadBalancer address; fix: add a pool from the node network (kind: the Docker network) for the gateway to take its address from.",
            "clusters[1].loadBalancerPools = [] is empty, but other clusters mirror this one through its Linkerd gateway, which needs a LoadBalancer address; fix: add a pool from the node network (kind: the Docker network) for the gateway to take its address from.",
        ],
    },
    {
        name: "two kind clusters without pools and no loadBalancer written: one sentence per cluster, never the loadBalancer.kind the file did not set",
        values: {
            ...withClusters((clusters) => clusters.map(({ loadBalancerPools: _pools, ...cluster }) => cluster), {
                ingress: { kind: "none" },
            }),
            loadBalancer: undefined,
        },
        problems: [
            "clusters[0].loadBalancerPools = [] is empty, but other clusters mirror this one through its Linkerd gateway, which needs a LoadBalancer address; fix: add a pool from the node network (kind: the Docker network) for the gateway to take its address from.",
            "clusters[1].loadBalancerPools = [] is empty, but other clusters mirror this one through its Linkerd gateway, which needs a LoadBalancer address; fix: add a pool from the node network (kind: the Docker network) for the gateway to take its address from.",
        ],
    },
    {
        name: "escape-hatch image values that would not pull, each by its own grammar",
        values: linkerdValues(2, {
            mesh: {
                kind: "linkerd",
                values: {
                    controlPlane: { proxyInit: { image: { registry: "evil.io;id" } } },
                    viz: { image: "cr.l5d.io/linkerd/web:$(id)" },
                },
            },
        }),
        problems: [
            'mesh.values.controlPlane.proxyInit.image.registry = "evil.io;id" is not an image registry (a host name or IP with an optional :port and /path, without spaces, quotes or shell characters); fix: write it like "registry.example.com" or "registry.example.com:5000/mirror".',
            'mesh.values.viz.image = "cr.l5d.io/linkerd/web:$(id)" is not an image reference ([registry/]name[:tag][@sha256:<digest>], lowercase path, without spaces, quotes or shell characters); fix: write it like "registry.example.com/team/app:1.2.3".',
        ],
    },
    {
        name: "a linked cluster name too long for probe-<name>",
        values: withClusters((clusters) => [{ ...clusters[0], name: longName(58) }, clusters[1]], { mesh: { kind: "linkerd" } }),
        problems: [
            `clusters[0].name = "${longName(58)}" is longer than 57 characters, so the probe Service probe-${longName(58)} would not be a valid name; fix: shorten the cluster name to at most 57 characters.`,
        ],
    },
    {
        name: "a cluster name too long for the demo's mirror",
        values: withClusters((clusters) => [{ ...clusters[0], name: longName(56) }, clusters[1]]),
        problems: [
            `clusters[0].name = "${longName(56)}" makes the demo's mirror name podinfo-${longName(56)} longer than 63 characters; fix: shorten the cluster name, or turn mesh.demo off.`,
        ],
    },
    {
        name: "a Linkerd chart older than chart-managed mirrors, a stable version, an old Kubernetes",
        values: linkerdValues(2, { versions: { linkerd: "2024.11.8", kindNodeImage: `kindest/node:v1.30.4@sha256:${DIGEST}` } }),
        problems: [
            'versions.linkerd = "2024.11.8" is older than edge chart 2025.4.4 (Linkerd 2.18), the first whose charts run the service mirrors and serve Link v1alpha3; fix: use 2025.4.4 or newer.',
            `versions.kindNodeImage = "kindest/node:v1.30.4@sha256:${"0".repeat(32)}"... (92 characters) runs Kubernetes 1.30.4, older than 1.31.0, which the pinned Linkerd charts require; fix: use a kindest/node image of Kubernetes 1.31.0 or newer, pinned by digest.`,
        ],
    },
    {
        name: "a stable 2.x chart version",
        values: linkerdValues(2, { versions: { linkerd: "1.16.11" } }),
        problems: [
            'versions.linkerd = "1.16.11" is not a Linkerd edge chart version (YYYY.M.N, e.g. 2026.8.3 for edge-26.8.3); fix: use the chart version of an edge release; stable 2.x chart versions are not supported.',
        ],
    },
    {
        name: "Cilium kube-proxy replacement with socket LB in pods",
        values: linkerdValues(2, {
            cni: { kind: "cilium", kubeProxyReplacement: true, l2Announcements: true },
            loadBalancer: { kind: "cilium-lb-ipam" },
        }),
        problems: [
            "cni.values.socketLB.hostNamespaceOnly is missing but with kubeProxyReplacement Cilium resolves Services in the pods' sockets, so Linkerd cannot route or split them; fix: set cni.values.socketLB.hostNamespaceOnly: true.",
        ],
    },
    {
        name: "Cilium socket LB explicitly on in pods",
        values: linkerdValues(2, {
            cni: { kind: "cilium", kubeProxyReplacement: true, values: { socketLB: { hostNamespaceOnly: false } } },
            loadBalancer: { kind: "cilium-lb-ipam" },
        }),
        problems: [
            "cni.values.socketLB.hostNamespaceOnly = false is not true, but with kubeProxyReplacement Cilium resolves Services in the pods' sockets, so Linkerd cannot route or split them; fix: set cni.values.socketLB.hostNamespaceOnly: true.",
        ],
    },
    {
        name: "escape-hatch values that override the links",
        values: linkerdValues(2, { mesh: { kind: "linkerd", values: { multicluster: { controllers: [] } } } }),
        problems: [
            "mesh.values.multicluster.controllers = [] overrides a value the project derives (trust, gateway address or links); fix: remove it and use the matching mesh setting instead.",
        ],
    },
    {
        name: "a gateway address under a key that names no cluster, the key quoted in the path",
        values: linkerdValues(2, { mesh: { kind: "linkerd", gatewayIps: { "bad key!": "172.18.1.15" } } }),
        problems: ['mesh.gatewayIps["bad key!"] = "bad key!" is not the name of a cluster in this stack; fix: use one of "c1", "c2".'],
    },
    {
        name: "escape-hatch values under a dotted key that override the gateway, the key quoted in the path",
        values: linkerdValues(2, {
            mesh: {
                kind: "linkerd",
                values: { multicluster: { gateway: { serviceAnnotations: { "metallb.io/loadBalancerIPs": "172.18.1.11" } } } },
            },
        }),
        problems: [
            'mesh.values.multicluster.gateway.serviceAnnotations["metallb.io/loadBalancerIPs"] = "172.18.1.11" overrides a value the project derives (trust, gateway address or links); fix: remove it and use the matching mesh setting instead.',
        ],
    },
    {
        name: "a pinned gateway address of a cluster no link mirrors (it would not be used)",
        values: linkerdValues(2, { mesh: { kind: "linkerd", links: [{ from: "c1", to: "c2" }], gatewayIps: { c1: "172.18.1.15" } } }),
        problems: [
            'mesh.gatewayIps.c1 = "172.18.1.15" is set, but no link mirrors this cluster, so it runs no Linkerd gateway and the address is not used; fix: remove it, or add a link to c1 in mesh.links.',
        ],
    },
    {
        name: "viz values without viz (they would not be used)",
        values: linkerdValues(2, { mesh: { kind: "linkerd", viz: false, values: { viz: { dashboard: { replicas: 2 } } } } }),
        problems: [
            'mesh.values.viz = {"dashboard":{"replicas":2}} is set, but mesh.viz is false, so linkerd-viz is not installed and the values are not used; fix: remove mesh.values.viz, or set mesh.viz: true.',
        ],
    },
    {
        name: "ingress values that rename or unmesh the controller the gate and the proof look for",
        values: linkerdValues(2, {
            ingress: {
                kind: "traefik",
                values: {
                    fullnameOverride: "edge",
                    deployment: { podAnnotations: { "linkerd.io/inject": "disabled", "example.com/team": "web" } },
                },
            },
        }),
        problems: [
            'ingress.values.fullnameOverride = "edge" overrides a value the traefik layer sets or relies on (names, kind, IngressClass, port, mesh annotation); fix: remove it; the controller is installed with the chart\'s names so the gate and the demo find it.',
            'ingress.values.deployment.podAnnotations["linkerd.io/inject"] = "disabled" overrides a value the traefik layer sets or relies on (names, kind, IngressClass, port, mesh annotation); fix: remove it; the controller is installed with the chart\'s names so the gate and the demo find it.',
        ],
    },
    {
        name: "a link listed twice",
        values: linkerdValues(2, {
            mesh: {
                kind: "linkerd",
                links: [
                    { from: "c1", to: "c2" },
                    { from: "c1", to: "c2" },
                ],
            },
        }),
        problems: ['mesh.links[1] = {"from":"c1","to":"c2"} is listed twice; fix: list each ordered pair once.'],
    },
    {
        name: "a one-cluster Linkerd mesh",
        values: linkerdValues(1),
        problems: [
            'mesh.kind = "linkerd" connects 1 cluster, and a mesh needs at least 2; fix: add a cluster, or set mesh.kind: "none" until there is a second one.',
        ],
    },
    {
        name: "a meshed ingress without Linkerd",
        values: linkerdValues(2, { mesh: { kind: "none" }, ingress: { kind: "traefik", meshed: true } }),
        problems: [
            'ingress.meshed = true needs mesh.kind "linkerd" but mesh.kind is "none"; fix: set mesh.kind: linkerd, or ingress.meshed: false.',
        ],
    },
    {
        name: "a pool left with nothing for the ingress after the gateway",
        values: withClusters((clusters) => [{ ...clusters[0], loadBalancerPools: ["172.18.1.10/32"] }, clusters[1]]),
        problems: [
            "clusters[0].loadBalancerPools = [\"172.18.1.10/32\"] leaves no address for the traefik Service after the Linkerd gateway's; fix: add addresses to the cluster's pools.",
        ],
    },
    {
        name: "MetalLB pools that overlap across clusters (the network plan holds for MetalLB stacks)",
        values: withClusters((clusters) => [clusters[0], { ...clusters[1], loadBalancerPools: ["172.18.1.16/28"] }]),
        problems: [
            'clusters[1].loadBalancerPools[0] = "172.18.1.16/28" overlaps the LoadBalancer pool clusters[0].loadBalancerPools[0] "172.18.1.10-172.18.1.20"; fix: give every pool its own addresses.',
        ],
    },
];

describe("linkerd config validation", () => {
    it("accepts the seed's stack shape", () => {
        expect(problemsOf(linkerdValues(2))).to.deep.equal([]);
        expect(
            problemsOf(
                linkerdValues(3, {
                    mesh: {
                        kind: "linkerd",
                        demo: true,
                        links: [
                            { from: "c1", to: "c2" },
                            { from: "c3", to: "c2" },
                        ],
                    },
                }),
            ),
        ).to.deep.equal([]);
    });

    for (const entry of cases) {
        it(`rejects ${entry.name}`, () => {
            expect(problemsOf(entry.values)).to.deep.equal(entry.problems);
        });
    }

    it("quotes keys outside [A-Za-z0-9_-] in the paths of library-level problems, so each line stays parseable", () => {
        const paths = [
            ...annotationKeyIssues("gateway.ipAnnotations", { "bad key!": "172.18.0.70" }),
            ...demoIngressIssues({ className: "traefik", annotations: { "bad key!": "x" } }),
            ...splitIssues({
                namespace: "test",
                apex: "podinfo-split",
                service: "podinfo",
                port: 9898,
                local: "a",
                peers: ["b.c"],
                weights: { a: 50, "b.c": 0.5 },
            }),
        ].map((found) => found.message.split(" = ")[0]);
        expect(paths).to.deep.equal(['gateway.ipAnnotations["bad key!"]', 'ingress.annotations["bad key!"]', 'weights["b.c"]']);
    });

    it("derives a gateway address from the first pool, highest first, skipping .0 and .255", () => {
        expect(derivedGatewayIp(["172.18.0.61-172.18.0.70"])).to.equal("172.18.0.70");
        expect(derivedGatewayIp(["172.18.255.0/24", "10.0.0.1-10.0.0.9"])).to.equal("172.18.255.254");
        expect(derivedGatewayIp(["fd00:18::/120"])).to.equal("fd00:18::ff");
        expect(derivedGatewayIp([])).to.equal(undefined);
        expect(gatewayIpProblem("172.18.0.65", ["172.18.0.61-172.18.0.70"])).to.equal(undefined);
        expect(gatewayIpProblem("172.18.0.65", [])?.problem).to.contain("no loadBalancerPools");
    });
});

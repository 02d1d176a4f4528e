import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { ciliumChartLine, pinnedCiliumChartLine } from "../../components/cilium/chart-facts";
import { CiliumValuesInput, ciliumValues, nodeMaskSize } from "../../components/cilium/values";
import { mergeValues } from "../../components/shared/values-merge";
import { toYaml } from "../../components/shared/yaml";
import { baseSettings } from "../fixtures/cilium-clusters";
import { expectGolden } from "../golden";
import { valueLeaves } from "../../components/shared/values-merge";

/** Placeholders instead of key material: goldens never hold a CA. */
const CA = { cert: "<base64 CA certificate>", key: "<base64 CA key>" };

const meshInput: CiliumValuesInput = {
    chart: pinnedCiliumChartLine(),
    name: "c1",
    id: 1,
    podCidrs: ["10.1.0.0/16"],
    settings: baseSettings,
    k8sService: { host: "192.168.1.10", port: 6443 },
    ca: CA,
    mesh: {
        maxConnectedClusters: 255,
        exposure: { type: "NodePort", nodePort: 32379 },
        peers: [
            { name: "c1", endpoint: { ips: ["192.168.1.10"], port: 32379 } },
            { name: "c2", endpoint: { ips: ["192.168.2.10", "192.168.2.11"], port: 32379 } },
        ],
    },
};

/** Every key path of a chart's values.yaml (fixtures extracted from the released charts). */
const chartPathsOf = (version: string) =>
    new Set(
        fs
            .readFileSync(path.join(__dirname, "..", "fixtures", `cilium-values-paths-${version}.txt`), "utf8")
            .split("\n")
            .filter((line) => line && !line.startsWith("#")),
    );
/** At the pinned version. */
const chartPaths = chartPathsOf("1.20.0");

/** Maps whose keys are free-form in the chart (peer names, annotation keys, the ip-masq-agent config it renders as JSON). */
const freeForm = [
    "clustermesh.config.clusters",
    "clustermesh.apiserver.service.annotations",
    "ingressController.service.annotations",
    "ipMasqAgent.config",
];
/**
 * Keys the 1.20.0 templates read although values.yaml does not list them: `clustermesh.disableKubernetesHostAliases`
 * (the templates' switch from cilium/cilium#44425; peers then reach KVStoreMesh only through `cilium-host-aliases`).
 */
const templateOnly = ["clustermesh.disableKubernetesHostAliases"];

/** Dotted leaf paths of rendered values, by the library's own walker (arrays and empty maps are leaves). */
function leafPaths(values: object): string[] {
    return valueLeaves(values as Readonly<Record<string, unknown>>).map(({ keys }) => keys.join("."));
}

describe("cilium values", () => {
    it("renders a mesh cluster's values (golden)", () => {
        expectGolden("cilium/values-mesh-nodeport.yaml", toYaml(ciliumValues(meshInput)));
    });

    it("renders native routing, WireGuard, no Hubble, dual-stack pods and the escape hatch (golden)", () => {
        const values = ciliumValues({
            ...meshInput,
            podCidrs: ["10.1.0.0/16", "fd00:10:1::/56"],
            meshPodCidrs: ["10.1.0.0/16", "fd00:10:1::/56", "10.2.0.0/16", "fd00:10:2::/56"],
            settings: {
                ...baseSettings,
                routingMode: "native",
                encryption: "wireguard",
                hubble: false,
                ingressController: true,
                l2Announcements: true,
                values: { operator: { replicas: 1 }, hubble: { relay: { enabled: true } } },
            },
            mesh: { ...meshInput.mesh!, exposure: { type: "LoadBalancer", ip: "192.168.1.240" } },
        });
        expectGolden("cilium/values-mesh-native-wireguard.yaml", toYaml(values));
    });

    it("renders a standalone install without mesh or CA (golden)", () => {
        const values = ciliumValues({
            chart: pinnedCiliumChartLine(),
            name: "solo",
            id: 0,
            podCidrs: ["10.9.0.0/16"],
            settings: { ...baseSettings, kubeProxyReplacement: false },
        });
        expect(values).not.to.have.property("clustermesh");
        expect(values).not.to.have.property("tls");
        expect(values).not.to.have.property("k8sServiceHost");
        expectGolden("cilium/values-standalone.yaml", toYaml(values));
    });

    it("sets only keys that exist in the pinned chart's values.yaml (the chart ignores unknown keys silently)", () => {
        const rendered = [
            ciliumValues(meshInput),
            ciliumValues({
                ...meshInput,
                settings: { ...baseSettings, routingMode: "native", encryption: "wireguard" },
                podCidrs: ["10.1.0.0/16", "fd00::/56"],
                meshPodCidrs: ["10.1.0.0/16", "fd00::/56", "10.2.0.0/16"],
            }),
            ciliumValues({ ...meshInput, mesh: { ...meshInput.mesh!, exposure: { type: "LoadBalancer", ip: "192.168.1.240" } } }),
            ciliumValues({ ...meshInput, settings: { ...baseSettings, ingressController: true }, ingressIp: "192.168.1.241" }),
        ];
        const unknown = rendered
            .flatMap((values) => leafPaths(values))
            .filter((key) => !chartPaths.has(key) && !templateOnly.includes(key) && !freeForm.some((map) => key.startsWith(`${map}.`)));
        expect(chartPaths.size).to.be.greaterThan(1000);
        expect(unknown).to.deep.equal([]);
    });

    it("native routing in a mesh exempts exactly the mesh's pod CIDRs from masquerading, never a covering block", () => {
        // 10.1/16 + 10.200/16 would be covered by 10.0.0.0/8, and with it every node network in 10/8.
        const values = ciliumValues({
            ...meshInput,
            settings: { ...baseSettings, routingMode: "native" },
            meshPodCidrs: ["10.1.0.0/16", "10.200.0.0/16"],
        });
        expect(values.ipv4NativeRoutingCIDR).to.equal("10.1.0.0/16");
        expect(values.ipMasqAgent).to.deep.equal({ enabled: true, config: { nonMasqueradeCIDRs: ["10.1.0.0/16", "10.200.0.0/16"] } });
        expect(values.bpf).to.deep.equal({ masquerade: true });
        expect(values.autoDirectNodeRoutes).to.equal(true);
        expect(JSON.stringify(values)).not.to.contain("10.0.0.0/");
        const provided = ciliumValues({ ...meshInput, settings: { ...baseSettings, routingMode: "native", nativeRoutes: "provided" } });
        expect(provided.autoDirectNodeRoutes).to.equal(false);
        expect(provided).not.to.have.property("ipMasqAgent");
        expect(ciliumValues(meshInput)).not.to.have.property("ipMasqAgent");
    });

    it("keeps peer IPs out of the clustermesh-apiserver's pod template, so adding a peer does not roll it", () => {
        expect(ciliumValues(meshInput).clustermesh!.disableKubernetesHostAliases).to.equal(true);
    });

    it("renders for the 1.19 line without the 1.20-only switch, setting only keys of the 1.19.6 chart", () => {
        const values = ciliumValues({ ...meshInput, chart: ciliumChartLine("1.19.6")! });
        expect(values.clustermesh).not.to.have.property("disableKubernetesHostAliases");
        const unknown = leafPaths(values).filter(
            (key) => !chartPathsOf("1.19.6").has(key) && !freeForm.some((map) => key.startsWith(`${map}.`)),
        );
        expect(unknown).to.deep.equal([]);
    });

    it("rolls the agents and the operator on a configuration change, pins the ingress address, and syncs EndpointSlices when asked", () => {
        const values = ciliumValues({
            ...meshInput,
            settings: { ...baseSettings, ingressController: true },
            ingressIp: "192.168.1.241",
            mesh: { ...meshInput.mesh!, syncEndpointSlices: true },
        });
        expect([values.rollOutCiliumPods, values.operator]).to.deep.equal([true, { rollOutPods: true }]);
        // The Service the pools select, the address check reads and the proof requests: named and typed here, not by chart defaults.
        expect(values.ingressController).to.deep.equal({
            enabled: true,
            loadbalancerMode: "shared",
            service: { name: "cilium-ingress", type: "LoadBalancer", annotations: { "lbipam.cilium.io/ips": "192.168.1.241" } },
        });
        expect(ciliumValues({ ...meshInput, settings: { ...baseSettings, ingressController: true } }).ingressController).to.deep.equal({
            enabled: true,
            loadbalancerMode: "shared",
            service: { name: "cilium-ingress", type: "LoadBalancer" },
        });
        expect(values.clustermesh!.enableEndpointSliceSynchronization).to.equal(true);
        expect(ciliumValues(meshInput).clustermesh!.enableEndpointSliceSynchronization).to.equal(false);
        expect(ciliumValues({ ...meshInput, ingressIp: "192.168.1.241" }).ingressController).to.deep.equal({ enabled: false });
    });

    it("pins the identity, the pod CIDR and the API server when kube-proxy is skipped", () => {
        const values = ciliumValues(meshInput);
        expect(values.cluster).to.deep.equal({ name: "c1", id: 1 });
        expect(values.ipam.operator.clusterPoolIPv4PodCIDRList).to.deep.equal(["10.1.0.0/16"]);
        expect([values.k8sServiceHost, values.k8sServicePort]).to.deep.equal(["192.168.1.10", 6443]);
        expect(values.kubeProxyReplacement).to.equal(true);
    });

    it("configures the mesh like `cilium clustermesh enable/connect`, without chart-generated certificates", () => {
        const mesh = ciliumValues(meshInput).clustermesh!;
        expect(mesh.useAPIServer).to.equal(true);
        expect(mesh.config).to.deep.equal({
            enabled: true,
            domain: "mesh.cilium.io",
            clusters: { c2: { ips: ["192.168.2.10", "192.168.2.11"], port: 32379 } },
        });
        expect(mesh.apiserver.tls).to.deep.equal({ authMode: "cluster", auto: { enabled: false } });
        expect(mesh.apiserver.service).to.deep.equal({ type: "NodePort", nodePort: 32379 });
    });

    it("pins a LoadBalancer apiserver with the LB-IPAM annotation", () => {
        const values = ciliumValues({
            ...meshInput,
            mesh: { ...meshInput.mesh!, exposure: { type: "LoadBalancer", ip: "192.168.1.240" } },
        });
        expect(values.clustermesh!.apiserver.service).to.deep.equal({
            type: "LoadBalancer",
            annotations: { "lbipam.cilium.io/ips": "192.168.1.240" },
        });
    });

    it("merges the escape hatch last: objects merge, scalars and arrays replace", () => {
        const values = ciliumValues({
            ...meshInput,
            settings: {
                ...baseSettings,
                values: {
                    cluster: { id: 7 },
                    ipam: { operator: { clusterPoolIPv4PodCIDRList: ["10.8.0.0/16"] } },
                    bpf: { masquerade: true },
                },
            },
        }) as unknown as Record<string, Record<string, unknown>>;
        expect(values.cluster).to.deep.equal({ name: "c1", id: 7 });
        expect((values.ipam.operator as Record<string, unknown>).clusterPoolIPv4PodCIDRList).to.deep.equal(["10.8.0.0/16"]);
        expect((values.ipam.operator as Record<string, unknown>).clusterPoolIPv4MaskSize).to.equal(24);
        expect(values.bpf).to.deep.equal({ masquerade: true });
    });

    it("keeps class instances (Outputs) as leaves when merging", () => {
        class Opaque {
            constructor(readonly inner: Record<string, number>) {}
        }
        const leaf = new Opaque({ a: 1 });
        const merged = mergeValues({ tls: { ca: { cert: leaf } } }, { tls: { ca: { key: "k" } } });
        expect(merged.tls.ca.cert).to.equal(leaf);
        expect(merged).to.deep.equal({ tls: { ca: { cert: leaf, key: "k" } } });
    });

    it("sizes per-node pod blocks from the cluster pool", () => {
        expect([16, 22, 24, 26, 28].map((prefix) => nodeMaskSize(prefix, "ipv4"))).to.deep.equal([24, 24, 26, 28, 28]);
        expect([56, 112, 120].map((prefix) => nodeMaskSize(prefix, "ipv6"))).to.deep.equal([120, 120, 124]);
    });
});

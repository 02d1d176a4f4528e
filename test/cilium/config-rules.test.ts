import { expect } from "chai";
import { CILIUM_CHART_LINES, ciliumChartLine, pinnedCiliumChartLine } from "../../components/cilium/chart-facts";
import { CiliumInstall } from "../../components/cilium/install";
import { CiliumLoadBalancer } from "../../components/cilium/load-balancer";
import { ConfigValidationError } from "../../components/shared/validation";
import { defaultVersions } from "../../components/versions";
import { checkCiliumMesh } from "../../stacks/areas/cilium/validate-mesh";
import { wireLayers } from "../../stacks/program";
import { baseSettings, fakeCluster, fakeClustersOf, loadStackFile } from "../fixtures/cilium-clusters";
import { recordProgram } from "../mocks";

type Edit = (values: Record<string, unknown>) => Record<string, unknown>;

/** The messages a stack file (edited) is refused with; empty when it loads. */
function problems(stack: string, edit: Edit): string[] {
    try {
        loadStackFile(stack, edit);
        return [];
    } catch (error) {
        if (!(error instanceof ConfigValidationError)) {
            throw error;
        }
        return error.issues.map((found) => found.message);
    }
}

const section =
    (key: string, changes: Record<string, unknown>): Edit =>
    (values) => ({ ...values, [key]: { ...(values[key] as object), ...changes } });

describe("Cilium config rules", () => {
    it("renders for the chart lines it was checked against, the pin among them, and refuses the others with the supported range", () => {
        expect(pinnedCiliumChartLine().line).to.equal("1.20");
        expect(CILIUM_CHART_LINES.map((entry) => entry.line)).to.deep.equal(["1.19", "1.20"]);
        expect([
            ciliumChartLine("1.19.0")?.hostAliasSwitch,
            ciliumChartLine("1.20.3")?.hostAliasSwitch,
            ciliumChartLine("1.18.12"),
        ]).to.deep.equal([false, true, undefined]);
        const refusal = (version: string) =>
            `versions.cilium = "${version}" is not a Cilium chart line this project renders values for (1.19.x or 1.20.x; ` +
            "1.18 and older take clustermesh.config.clusters only as a list and mis-route a shared clustermesh NodePort); " +
            `fix: use ${defaultVersions.cilium} (the pinned chart) or another 1.19.x or 1.20.x release.`;
        for (const version of ["1.16.5", "1.18.12", "1.21.0"]) {
            expect(
                problems("dev", (values) => ({ ...values, versions: { cilium: version } })),
                version,
            ).to.deep.equal([refusal(version)]);
        }
        expect(problems("cilium-lab", (values) => ({ ...values, versions: { cilium: "1.19.6" } }))).to.deep.equal([]);
    });

    it("renders the 1.19 line without the switch the 1.19 templates do not have", async () => {
        const config = loadStackFile("dev", (values) => ({ ...values, versions: { cilium: "1.19.6" } }));
        const graph = await recordProgram(() => wireLayers(config, { byKey: {} }, fakeClustersOf(config)));
        const release = graph.inputsOf(graph.find("kubernetes:helm.sh/v3:Release", "cilium-dev-east-release"));
        expect(release.version).to.equal("1.19.6");
        expect((release.values as Record<string, Record<string, unknown>>).clustermesh).not.to.have.property(
            "disableKubernetesHostAliases",
        );
    });

    it("turns on EndpointSlice synchronisation for headless global Services with mesh.syncEndpointSlices", async () => {
        const config = loadStackFile("dev", section("mesh", { syncEndpointSlices: true }));
        const graph = await recordProgram(() => wireLayers(config, { byKey: {} }, fakeClustersOf(config)));
        const values = graph.inputsOf(graph.find("kubernetes:helm.sh/v3:Release", "cilium-dev-west-release")).values as Record<
            string,
            Record<string, unknown>
        >;
        expect(values.clustermesh.enableEndpointSliceSynchronization).to.equal(true);
    });

    it("refuses settings the chosen options ignore: apiServerIps under NodePort, nodePort under LoadBalancer, L2 announcements without LB IPAM", () => {
        expect(problems("dev", section("mesh", { apiServerIps: { "dev-east": "172.18.255.201" } }))).to.deep.equal([
            'mesh.apiServerIps = {"dev-east":"172.18.255.201"} is unused with mesh.exposure "NodePort" (peers dial the NodePort on the nodes); ' +
                "fix: remove mesh.apiServerIps, or set mesh.exposure: LoadBalancer to pin the clustermesh-apiservers' addresses.",
        ]);
        expect(problems("cilium-lab", section("mesh", { nodePort: 32000 }))).to.deep.equal([
            'mesh.nodePort = 32000 is unused with mesh.exposure "LoadBalancer" (peers dial the pinned address on 2379); fix: remove mesh.nodePort, or set mesh.exposure: NodePort.',
        ]);
        expect(problems("dev", section("mesh", { nodePort: 32000 }))).to.deep.equal([]);
        const metallb: Edit = (values) => ({ ...values, loadBalancer: { kind: "metallb" }, ingress: { kind: "none" } });
        expect(problems("cilium-lab", metallb)).to.deep.equal([
            'cni.l2Announcements = true announces Cilium LB-IPAM addresses, but loadBalancer.kind is "metallb", so nothing would be announced; ' +
                "fix: set loadBalancer.kind: cilium-lb-ipam (with loadBalancerPools), or remove cni.l2Announcements.",
            'mesh.exposure = "LoadBalancer" pins each clustermesh-apiserver address through Cilium LB IPAM, but loadBalancer.kind is "metallb", ' +
                "which ignores the pin; fix: set loadBalancer.kind: cilium-lb-ipam (with loadBalancerPools), or use mesh.exposure: NodePort.",
        ]);
    });

    it("checks the pinned ingress addresses as IPs of the cluster's own pools, not the apiserver's, under LB IPAM only", () => {
        const ips = (pins: Record<string, string>) => section("ingress", { ips: pins });
        expect(
            problems("cilium-lab", ips({ "k8s-cilium-01": "172.26.0.102", "k8s-cilium-02": "172.26.0.101", "k8s-cilium-03": "x" })),
        ).to.deep.equal([
            'ingress.ips.k8s-cilium-03 = "k8s-cilium-03" is not the name of a cluster in this stack; fix: use one of "k8s-cilium-01", "k8s-cilium-02".',
            'ingress.ips.k8s-cilium-01 = "172.26.0.102" is already pinned for the clustermesh-apiserver (mesh.apiServerIps.k8s-cilium-01); fix: pin a different address for the ingress.',
            'ingress.ips.k8s-cilium-02 = "172.26.0.101" is not inside any of clusters[1].loadBalancerPools; fix: pin an address from that cluster\'s pools, or add a pool that holds it.',
        ]);
        expect(problems("cilium-lab", ips({ "k8s-cilium-01": "172.26.0" }))[0]).to.equal(
            'ingress.ips.k8s-cilium-01 = "172.26.0" is not an IP address; fix: pin an address from clusters[0].loadBalancerPools.',
        );
        const metallb: Edit = (values) => ({
            ...values,
            loadBalancer: { kind: "metallb" },
            cni: { ...(values.cni as object), l2Announcements: false },
            mesh: { ...(values.mesh as object), exposure: "NodePort", apiServerIps: {} },
        });
        const noPools: Edit = (values) => ({
            ...values,
            loadBalancer: { kind: "none" },
            cni: { ...(values.cni as object), l2Announcements: false },
            mesh: { ...(values.mesh as object), exposure: "NodePort", apiServerIps: {} },
            clusters: (values.clusters as Record<string, unknown>[]).map(({ loadBalancerPools: _pools, ...cluster }) => cluster),
        });
        expect(problems("cilium-lab", noPools)).to.deep.equal([
            'ingress.kind = "cilium" serves on cilium-ingress, a LoadBalancer Service, but loadBalancer.kind ' +
                'is "none", so it would never get an address; fix: give the clusters loadBalancerPools (Cilium LB IPAM assigns them), or choose another ingress kind.',
        ]);
        expect(problems("cilium-lab", metallb)).to.deep.equal([
            'ingress.ips = {"k8s-cilium-01":"172.26.0.101","k8s-cilium-02":"172.26.0.105"} pins addresses through Cilium LB IPAM, but loadBalancer.kind is "metallb", ' +
                "which ignores the pin; fix: set loadBalancer.kind: cilium-lb-ipam (with loadBalancerPools), or remove ingress.ips.",
        ]);
    });

    it("requires an explicit id on every cluster of a Cilium Cluster Mesh (an ID from the list order moves on an insert)", () => {
        const lab = loadStackFile("cilium-lab");
        expect(checkCiliumMesh(lab)).to.deep.equal([]);
        const defaulted = { ...lab, clusters: lab.clusters.map((cluster, i) => (i === 1 ? { ...cluster, idDefaulted: true } : cluster)) };
        expect(checkCiliumMesh(defaulted).map((found) => found.message)).to.deep.equal([
            "clusters[1].id is missing but a Cilium Cluster Mesh puts the ID in every security identity of the cluster, and the ID this cluster gets " +
                "from its place in the list (2) changes when a cluster is inserted or removed before it; fix: set id: 2 on cluster k8s-cilium-02 to keep the ID it has today.",
        ]);
        expect(checkCiliumMesh({ ...defaulted, mesh: { kind: "none" } })).to.deep.equal([]);
    });

    it("carves a Linkerd gateway's pinned address out of the shared Cilium LB-IPAM pool, for that Service alone (linkerd review N3)", async () => {
        const config = loadStackFile("linkerd-cilium");
        const graph = await recordProgram(() => wireLayers(config, { byKey: {} }, fakeClustersOf(config)));
        expect(graph.error, String(graph.error)).to.equal(undefined);
        const pool = (name: string) =>
            graph.inputsOf(graph.find("kubernetes:cilium.io/v2:CiliumLoadBalancerIPPool", name)).spec as Record<string, unknown>;
        const gateway = pool("cilium-lb-lc-east-pool-linkerd-gateway");
        expect(gateway.serviceSelector).to.deep.equal({
            matchLabels: { "io.kubernetes.service.namespace": "linkerd-multicluster", "io.kubernetes.service.name": "linkerd-gateway" },
        });
        const [pinned] = (gateway.blocks as { cidr: string }[]).map((block) => block.cidr.replace("/32", ""));
        expect(pinned).to.match(/^172\.18\.255\.1[5-6]\d$/);
        const shared = pool("cilium-lb-lc-east-pool-default").blocks as { start: string; stop: string }[];
        expect(shared.some((block) => block.start === pinned || block.stop === pinned)).to.equal(false);
        expect(JSON.stringify(shared)).to.contain("172.18.255.150");
    });

    it("refuses library inputs a chart, manifest or script would carry unchecked, before registering anything", async () => {
        const install = await recordProgram(
            () =>
                new CiliumInstall("x", {
                    cluster: fakeCluster({ name: "c1", podCidr: "10.1.0.0/16" }),
                    version: "1.18.12",
                    settings: baseSettings,
                    ingressIp: "10.0.0.300",
                }),
        );
        expect((install.error as ConfigValidationError).issues.map((found) => found.message)).to.deep.equal([
            'version = "1.18.12" is not a Cilium chart line this project renders values for (1.19.x or 1.20.x; 1.18 and older take clustermesh.config.clusters ' +
                `only as a list and mis-route a shared clustermesh NodePort); fix: use ${defaultVersions.cilium} (the pinned chart) or another 1.19.x or 1.20.x release.`,
            'ingressIp = "10.0.0.300" is not an IP address; fix: give the address from the cluster\'s pools the ingress should have.',
        ]);
        expect(install.ofType("multicluster:cilium:CiliumInstall")).to.deep.equal([]);
        const balancer = await recordProgram(
            () =>
                new CiliumLoadBalancer("lb", {
                    cluster: fakeCluster({ name: "c1", podCidr: "10.1.0.0/16" }),
                    pools: ["10.0.0.0/29", "10.0.1.9"],
                    meshIp: "10.0.0.9",
                    l2Announcements: false,
                    reserved: [
                        { name: "gw", ip: "10.0.0.9", serviceSelector: { "io.kubernetes.service.namespace": "bad ns" } },
                        { name: "web", ip: "10.0.0.2", serviceSelector: { "bad key!": "web" } },
                    ],
                }),
        );
        expect((balancer.error as ConfigValidationError).issues.map((found) => found.message)).to.deep.equal([
            'pools[1] = "10.0.1.9" is not an aligned CIDR or a first-last address range; fix: write it as e.g. "172.18.255.200/29" or "172.18.255.200-172.18.255.219".',
            'reserved.clustermesh-apiserver.ip = "10.0.0.9" is not inside any of the cluster\'s loadBalancerPools; fix: pin an address from those pools, or add a pool that holds it.',
            // Keys outside [A-Za-z0-9_-] are quoted (keyPath), so every bullet stays `key = value problem; fix: ...`.
            "reserved.gw.serviceSelector[\"io.kubernetes.service.namespace\"] = \"bad ns\" is not a valid label value (at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends); fix: use a value like \"web\".",
            'reserved.gw.ip = "10.0.0.9" is already pinned for clustermesh-apiserver (reserved.clustermesh-apiserver.ip); fix: pin a different address for each Service.',
            'reserved.web.serviceSelector["bad key!"] = "web" is not a valid label key ([prefix/]name: a DNS subdomain prefix, a name of at most 63 letters, digits, \'-\', \'_\' or \'.\'); fix: use a key like "app" or "example.com/tier".',
        ]);
    });
});

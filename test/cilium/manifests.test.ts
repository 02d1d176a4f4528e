import { expect } from "chai";
import { meshCertSpecs } from "../../components/cilium/certs";
import { clusterMeshDemoIngress, demoManifests } from "../../components/cilium/demo";
import { globalServiceAnnotations } from "../../components/cilium/global-service";
import { l2AnnouncementPolicy, loadBalancerPools, withoutAddress, withoutAddresses } from "../../components/cilium/manifests";
import { toYamlDocuments } from "../../components/shared/yaml";
import { expectGolden } from "../golden";

describe("cilium manifests", () => {
    it("renders the seed's pools: ingress keeps .101, the pinned .102 is reserved for the apiserver (golden)", () => {
        const manifests = loadBalancerPools({ pools: ["172.26.0.101-172.26.0.102"], meshIp: "172.26.0.102" });
        expectGolden("cilium/lb-pools-lab.yaml", toYamlDocuments([...manifests, l2AnnouncementPolicy()]));
        expect(manifests.map((manifest) => manifest.spec)).to.deep.equal([
            { blocks: [{ start: "172.26.0.101", stop: "172.26.0.101" }] },
            { blocks: [{ cidr: "172.26.0.102/32" }], serviceSelector: { matchLabels: { "k8s-app": "clustermesh-apiserver" } } },
        ]);
    });

    it("uses the API versions Cilium 1.20 serves", () => {
        const [pool] = loadBalancerPools({ pools: ["10.0.0.0/28"] });
        expect([pool.apiVersion, pool.kind]).to.deep.equal(["cilium.io/v2", "CiliumLoadBalancerIPPool"]);
        const policy = l2AnnouncementPolicy();
        expect([policy.apiVersion, policy.kind]).to.deep.equal(["cilium.io/v2alpha1", "CiliumL2AnnouncementPolicy"]);
        expect(policy.spec.loadBalancerIPs).to.equal(true);
    });

    it("keeps pools as written when nothing is pinned, and keeps the general pool, empty and disabled, when every IP is pinned", () => {
        expect(loadBalancerPools({ pools: ["10.0.0.0/28", "10.0.1.5-10.0.1.9"] })[0].spec).to.deep.equal({
            blocks: [{ cidr: "10.0.0.0/28" }, { start: "10.0.1.5", stop: "10.0.1.9" }],
        });
        const pinned = loadBalancerPools({ pools: ["10.0.0.7-10.0.0.7"], meshIp: "10.0.0.7" });
        expect(pinned.map((manifest) => [manifest.metadata.name, manifest.spec.blocks])).to.deep.equal([
            ["default", []],
            ["clustermesh-apiserver", [{ cidr: "10.0.0.7/32" }]],
        ]);
        expect(pinned[0].spec.disabled).to.equal(true);
        expect(loadBalancerPools({ pools: [] })).to.deep.equal([]);
    });

    it("carves one address out of CIDRs and ranges, leaving the other pools alone", () => {
        expect(withoutAddress(["10.0.0.0/30", "10.0.1.0/30"], "10.0.0.1")).to.deep.equal([
            { start: "10.0.0.0", stop: "10.0.0.0" },
            { start: "10.0.0.2", stop: "10.0.0.3" },
            { cidr: "10.0.1.0/30" },
        ]);
        expect(withoutAddress(["10.0.0.10-10.0.0.20"], "10.0.0.10")).to.deep.equal([{ start: "10.0.0.11", stop: "10.0.0.20" }]);
        expect(withoutAddress(["fd00::/126"], "fd00::3")).to.deep.equal([{ start: "fd00::", stop: "fd00::2" }]);
    });

    it("carves every pinned address into a pool its Service alone can take, the mesh IP's first and the rest by name", () => {
        const manifests = loadBalancerPools({
            pools: ["10.0.0.0/29"],
            meshIp: "10.0.0.2",
            reserved: [
                { name: "linkerd-gateway", ip: "10.0.0.6", serviceSelector: { "io.kubernetes.service.namespace": "linkerd-multicluster" } },
                { name: "cilium-ingress", ip: "10.0.0.4", serviceSelector: { "io.kubernetes.service.name": "cilium-ingress" } },
            ],
        });
        expect(manifests.map((manifest) => [manifest.metadata.name, manifest.spec.blocks])).to.deep.equal([
            [
                "default",
                [
                    { start: "10.0.0.0", stop: "10.0.0.1" },
                    { start: "10.0.0.3", stop: "10.0.0.3" },
                    { start: "10.0.0.5", stop: "10.0.0.5" },
                    { start: "10.0.0.7", stop: "10.0.0.7" },
                ],
            ],
            ["clustermesh-apiserver", [{ cidr: "10.0.0.2/32" }]],
            ["cilium-ingress", [{ cidr: "10.0.0.4/32" }]],
            ["linkerd-gateway", [{ cidr: "10.0.0.6/32" }]],
        ]);
        expect(manifests[2].spec.serviceSelector).to.deep.equal({ matchLabels: { "io.kubernetes.service.name": "cilium-ingress" } });
        expect(withoutAddresses(["10.0.0.0/30"], ["10.0.0.0", "10.0.0.3"])).to.deep.equal([{ start: "10.0.0.1", stop: "10.0.0.2" }]);
    });

    it("marks Services global with the upstream annotations, writing only what is asked", () => {
        expect(globalServiceAnnotations()).to.deep.equal({ "service.cilium.io/global": "true" });
        expect(globalServiceAnnotations({ shared: false, affinity: "local", syncEndpointSlices: true })).to.deep.equal({
            "service.cilium.io/global": "true",
            "service.cilium.io/shared": "false",
            "service.cilium.io/affinity": "local",
            "service.cilium.io/global-sync-endpoint-slices": "true",
        });
    });

    it("names the four clustermesh certificates as the chart mounts them", () => {
        const specs = meshCertSpecs("c1", "c1-control-plane");
        expect(specs.map((spec) => [spec.secretName, spec.commonName])).to.deep.equal([
            ["clustermesh-apiserver-server-cert", "clustermesh-apiserver.kube-system.svc"],
            ["clustermesh-apiserver-admin-cert", "admin-c1"],
            ["clustermesh-apiserver-remote-cert", "remote-c1"],
            ["clustermesh-apiserver-local-cert", "local-c1"],
        ]);
        expect(specs[0].dnsNames).to.deep.equal(["clustermesh-apiserver.kube-system.svc", "*.mesh.cilium.io", "c1-control-plane"]);
        expect(specs[0].ipAddresses).to.deep.equal(["127.0.0.1", "::1"]);
        expect(meshCertSpecs("c1")[0].dnsNames).not.to.include("c1-control-plane");
    });

    it("renders the rebel-base / x-wing demo with a global Service, and the Ingress of the guide's check (golden)", () => {
        const demo = demoManifests("k8s-cilium-01");
        expect(demo.service.metadata.annotations).to.deep.equal({ "service.cilium.io/global": "true" });
        expect(JSON.parse(demo.configMap.data.message)).to.deep.equal({ Galaxy: "Alderaan", Cluster: "k8s-cilium-01" });
        expectGolden(
            "cilium/demo-k8s-cilium-01.yaml",
            toYamlDocuments([demo.namespace, demo.configMap, ...demo.deployments, demo.service, clusterMeshDemoIngress()]),
        );
    });
});

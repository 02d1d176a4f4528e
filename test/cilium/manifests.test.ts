import { expect } from "chai";
import { meshCertSpecs } from "../../components/cilium/certs";
import { demoManifests } from "../../components/cilium/demo";
import { globalServiceAnnotations } from "../../components/cilium/global-service";
import { l2AnnouncementPolicy, loadBalancerPools, withoutAddress } from "../../components/cilium/manifests";
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

    it("keeps pools as written when nothing is pinned, and drops the general pool when the pin was its only IP", () => {
        expect(loadBalancerPools({ pools: ["10.0.0.0/28", "10.0.1.5-10.0.1.9"] })[0].spec)
            .to.deep.equal({ blocks: [{ cidr: "10.0.0.0/28" }, { start: "10.0.1.5", stop: "10.0.1.9" }] });
        expect(loadBalancerPools({ pools: ["10.0.0.7-10.0.0.7"], meshIp: "10.0.0.7" }).map((manifest) => manifest.metadata.name))
            .to.deep.equal(["clustermesh-apiserver"]);
        expect(loadBalancerPools({ pools: [] })).to.deep.equal([]);
    });

    it("carves one address out of CIDRs and ranges, leaving the other pools alone", () => {
        expect(withoutAddress(["10.0.0.0/30", "10.0.1.0/30"], "10.0.0.1")).to.deep.equal([
            { start: "10.0.0.0", stop: "10.0.0.0" }, { start: "10.0.0.2", stop: "10.0.0.3" }, { cidr: "10.0.1.0/30" },
        ]);
        expect(withoutAddress(["10.0.0.10-10.0.0.20"], "10.0.0.10")).to.deep.equal([{ start: "10.0.0.11", stop: "10.0.0.20" }]);
        expect(withoutAddress(["fd00::/126"], "fd00::3")).to.deep.equal([{ start: "fd00::", stop: "fd00::2" }]);
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

    it("renders the rebel-base / x-wing demo with a global Service (golden)", () => {
        const demo = demoManifests("k8s-cilium-01");
        expect(demo.service.metadata.annotations).to.deep.equal({ "service.cilium.io/global": "true" });
        expect(JSON.parse(demo.configMap.data.message)).to.deep.equal({ Galaxy: "Alderaan", Cluster: "k8s-cilium-01" });
        expectGolden("cilium/demo-k8s-cilium-01.yaml",
            toYamlDocuments([demo.namespace, demo.configMap, ...demo.deployments, demo.service]));
    });
});

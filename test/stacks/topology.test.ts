import { expect } from "chai";
import { parseStackConfig } from "../../stacks/validate";
import { renderTopology } from "../../stacks/topology";
import { stackTopology } from "../../stacks/layers";
import { kindA, kindB, kubeadmA } from "../cases/bad-configs";
import { expectGolden } from "../golden";

const parse = (values: Record<string, unknown>, secretKeys: string[] = []) =>
    parseStackConfig({ project: "multicluster", stack: "test", values, secretKeys });

describe("topology rendering", () => {
    it("renders a Cilium mesh of kind clusters (golden)", () => {
        const config = parse({ clusters: [kindA, kindB], cni: { kind: "cilium" }, mesh: { kind: "cilium-clustermesh" } });
        expectGolden("topology/cilium-kind.md", renderTopology(config));
    });

    it("renders an Antrea ClusterSet whose leader is also a member (golden)", () => {
        const clusters = ["tanzuhispano-db", "tanzuhispano-01", "tanzuhispano-02"].map((name, i) => ({
            ...kubeadmA,
            name,
            id: i + 1,
            podCidr: `10.118.${96 + 16 * i}.0/22`,
            serviceCidr: `10.228.${96 + 16 * i}.0/22`,
            controlPlanes: [{ host: `192.168.10.${10 + i}` }],
            workers: [{ host: `192.168.10.${20 + i}` }],
        }));
        const config = parse({
            clusters,
            cni: { kind: "antrea" },
            mesh: { kind: "antrea-multicluster", clusterSetId: "tanzuhispano", leader: "tanzuhispano-db" },
        });
        expectGolden("topology/antrea-clusterset.md", renderTopology(config));
    });

    it("shows only what is deployed: AVI without a controller address is ingress none, with the reason; with one, avi", () => {
        const values = { clusters: [kubeadmA], cni: { kind: "antrea" }, versions: { kubernetes: "1.34.0" } };
        const off = renderTopology(parse({ ...values, ingress: { kind: "avi" } }));
        expect(off).to.contain("ingress **none** (avi is configured but off until ingress.controller.host is set)");
        expect(off).not.to.contain("ingress **avi**");
        const controller = { host: "10.0.0.5" };
        const vipNetworks = [{ name: "vip-net", cidr: "10.20.0.0/24" }];
        const on = renderTopology(
            parse({ ...values, ingress: { kind: "avi", controller, vipNetworks, serviceType: "ClusterIP" } }, ["aviPassword"]),
        );
        expect(on).to.contain("ingress **avi**, apps");
    });

    it("links every pair once in a Cilium mesh and both ways by default in Linkerd", () => {
        const three = parse({
            clusters: [kindA, kindB, { ...kindB, name: "north", id: 3, podCidr: "10.246.0.0/16", serviceCidr: "10.98.0.0/16" }],
        });
        expect(
            stackTopology({
                ...three,
                mesh: {
                    kind: "cilium-clustermesh",
                    exposure: "NodePort",
                    nodePort: 32379,
                    maxConnectedClusters: 255,
                    apiServerIps: {},
                    demo: false,
                },
            }).links,
        ).to.have.length(3);
        expect(stackTopology({ ...three, mesh: { kind: "linkerd", gatewayIps: {}, demo: false } }).links).to.have.length(6);
    });
});

// LinkerdInstall and LinkerdLink from plain Cluster data: own providers, parents, waits, and the cross-component refusals.
import { expect } from "chai";
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../../components/cluster";
import { LinkerdInstall } from "../../components/linkerd/install";
import { LinkerdLink } from "../../components/linkerd/link";
import { LinkerdTrust } from "../../components/linkerd/trust";
import { LinkerdCni } from "../../components/linkerd/types";
import { ConfigValidationError } from "../../components/shared/validation";
import { RecordedGraph, recordProgram } from "../mocks";
import { dataCluster } from "./data-clusters";
import { ciliumCniFacts } from "../../components/cilium/cni-facts";
import { resolveCiliumSettings } from "../../components/cilium/types";

const COMMAND = "command:local:Command";
const LINK = "kubernetes:multicluster.linkerd.io/v1alpha3:Link";
const PROVIDER = "pulumi:providers:kubernetes";
const POOLS = { east: "192.168.10.200-192.168.10.210", west: "192.168.20.200-192.168.20.210" } as const;

/** Two clusters as data, Linkerd in each (after a "cni" step given in opts.dependsOn), each mirroring the other. */
function meshOfData(): void {
    const clusters = (["east", "west"] as const).map((name, i) => dataCluster(name, i));
    const trust = new LinkerdTrust("trust", { clusters: clusters.map((cluster) => cluster.name) });
    const installs = clusters.map((cluster, i) => {
        const cni = new command.local.Command(`${cluster.name}-cni`, { create: "true" });
        const pool = POOLS[cluster.name as keyof typeof POOLS];
        return new LinkerdInstall(
            `linkerd-${cluster.name}`,
            {
                cluster,
                trust,
                gateway: { ip: pool.split("-")[1] },
                loadBalancerPools: [pool],
                cni: { kind: "cilium", kubeProxyReplacement: true, socketLbHostNamespaceOnly: true },
                mirrors: [clusters[1 - i].name],
            },
            { dependsOn: [cni] },
        );
    });
    // east mirrors west through the installs' own ends (their access: one provider per cluster); west mirrors east
    // from ends written as data, as a multi-language program writes them (the link makes a provider per end).
    new LinkerdLink("link-east-to-west", { source: installs[0].linkEnd, target: installs[1].linkEnd });
    const end = (install: LinkerdInstall, cluster: Cluster) => ({
        cluster,
        gatewayIp: install.gatewayIp,
        mirrors: install.mirrors,
        stages: { multicluster: install.multicluster.urn, linkCrd: install.linkCrdReady.urn, ready: install.running.urn },
    });
    new LinkerdLink("link-west-to-east", { source: end(installs[1], clusters[1]), target: end(installs[0], clusters[0]) });
}

/** Names of the resources `record` waits on directly. */
function waitsOn(graph: RecordedGraph, type: string, name: string): string[] {
    const record = graph.find(type, name);
    return record.dependencies.map((urn) => urn.slice(urn.lastIndexOf("::") + 2));
}

describe("Linkerd from plain Cluster data", function () {
    this.timeout(120_000);
    let graph: RecordedGraph;
    before(async () => {
        graph = await recordProgram(meshOfData);
        expect(graph.error, String(graph.error)).to.equal(undefined);
    });

    it("gives each install its own provider, parented to it, for every in-cluster object", () => {
        const provider = graph.find(PROVIDER, "linkerd-east-east-k8s");
        expect(provider.parent).to.match(/multicluster:linkerd:LinkerdInstall::linkerd-east$/);
        expect(graph.isSecretInput(provider, "kubeconfig")).to.equal(true);
        for (const [type, name] of [
            ["kubernetes:core/v1:Namespace", "linkerd-east-ns-multicluster"],
            ["kubernetes:helm.sh/v3:Release", "linkerd-east-control-plane"],
            ["kubernetes:yaml/v2:ConfigFile", "linkerd-east-gateway-api"],
        ]) {
            const record = graph.find(type, name);
            expect(record.provider, name).to.satisfy((urn: string) => urn.startsWith(provider.urn));
            expect(record.parent, name).to.match(/LinkerdInstall::linkerd-east$/);
        }
    });

    it("waits for the data's API step and for opts.dependsOn before the first objects", () => {
        expect(waitsOn(graph, "kubernetes:core/v1:Namespace", "linkerd-east-ns-linkerd")).to.include.members([
            "east-api-ready",
            "east-cni",
        ]);
        expect(waitsOn(graph, "kubernetes:yaml/v2:ConfigFile", "linkerd-east-gateway-api")).to.include.members([
            "east-api-ready",
            "east-cni",
        ]);
        expect(waitsOn(graph, COMMAND, "linkerd-east-control-plane-ready")).to.include("east-api-ready");
    });

    it("links through the installs' own providers when given their ends (linkEnd)", () => {
        const [east, west] = ["east", "west"].map((name) => graph.find(PROVIDER, `linkerd-${name}-${name}-k8s`));
        expect(graph.ofType(PROVIDER).map((record) => record.name)).to.not.include("link-east-to-west-east-k8s");
        expect(graph.find("kubernetes:core/v1:Secret", "link-east-to-west-token").provider).to.satisfy((urn: string) =>
            urn.startsWith(west.urn),
        );
        expect(graph.find(LINK, "link-east-to-west-link").provider).to.satisfy((urn: string) => urn.startsWith(east.urn));
        expect(waitsOn(graph, "kubernetes:core/v1:Secret", "link-east-to-west-token")).to.include.members([
            "west-api-ready",
            "linkerd-west-multicluster",
        ]);
        expect(waitsOn(graph, "kubernetes:core/v1:Secret", "link-east-to-west-credentials")).to.include("linkerd-east-multicluster");
        expect(waitsOn(graph, LINK, "link-east-to-west-link")).to.include("linkerd-east-link-crd");
        expect(waitsOn(graph, COMMAND, "link-east-to-west-health")).to.include.members([
            "link-east-to-west-link",
            "linkerd-east-running",
            "linkerd-west-running",
            "linkerd-east-control-plane-ready",
            "linkerd-west-control-plane-ready",
        ]);
        expect((graph.inputsOf(graph.find(LINK, "link-east-to-west-link")).spec as Record<string, unknown>).gatewayAddress).to.equal(
            "192.168.20.210",
        );
    });

    it("gives a link from ends written as data a provider per end, parented to it, and waits for each end's stages", () => {
        const [west, east] = ["west", "east"].map((end) => graph.find(PROVIDER, `link-west-to-east-${end}-k8s`));
        expect(west.parent).to.match(/multicluster:linkerd:LinkerdLink::link-west-to-east$/);
        expect(graph.find("kubernetes:core/v1:Secret", "link-west-to-east-token").provider).to.satisfy((urn: string) =>
            urn.startsWith(east.urn),
        );
        expect(graph.find(LINK, "link-west-to-east-link").provider).to.satisfy((urn: string) => urn.startsWith(west.urn));
        expect(waitsOn(graph, "kubernetes:core/v1:Secret", "link-west-to-east-token")).to.include.members([
            "east-api-ready",
            "linkerd-east-multicluster",
        ]);
        expect(waitsOn(graph, LINK, "link-west-to-east-link")).to.include.members(["west-api-ready", "linkerd-west-link-crd"]);
        expect(waitsOn(graph, COMMAND, "link-west-to-east-health")).to.include.members([
            "link-west-to-east-link",
            "linkerd-west-running",
            "linkerd-east-running",
        ]);
    });
});

describe("LinkerdInstall refusals across components", function () {
    this.timeout(60_000);

    /** The error of constructing an install of cluster east with `extra` args. */
    async function refusal(extra: { cni?: LinkerdCni; gatewayIp?: string; pools?: string[] }): Promise<unknown> {
        // Plain data only (no resource before the refusal): a refused run leaves no registration in flight that could
        // land in the next run of this test.
        const graph = await recordProgram(() => {
            const cluster: Cluster = {
                name: "east",
                network: { podCidrs: ["10.1.0.0/16"], serviceCidrs: ["10.96.0.0/16"], nodeAddresses: [] },
                endpoint: { host: "east.example", port: 6443 },
                caCertificate: "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n",
                incarnation: "east@1",
                kubeconfig: pulumi.secret("apiVersion: v1\nkind: Config\n"),
                apiServer: "https://east.example:6443",
            };
            const trust = { anchorPem: "anchor-pem", issuers: { east: { certPem: "issuer-pem", keyPem: pulumi.secret("issuer-key") } } };
            return new LinkerdInstall("linkerd-east", {
                cluster,
                trust,
                gateway: { ip: extra.gatewayIp ?? "192.168.10.210" },
                loadBalancerPools: extra.pools ?? [POOLS.east],
                ...(extra.cni ? { cni: extra.cni } : {}),
            });
        });
        return graph.error;
    }

    it("refuses Cilium with kube-proxy replacement whose socket load balancing reaches the pods, naming the arg and the fix", async () => {
        const error = await refusal({ cni: { kind: "cilium", kubeProxyReplacement: true } });
        expect(error).to.be.instanceOf(ConfigValidationError);
        expect(String((error as Error).message)).to.contain(
            "cni.socketLbHostNamespaceOnly is missing but with kubeProxyReplacement Cilium resolves Services in the pods' sockets, so Linkerd cannot route or split them; " +
                "fix: set socketLB.hostNamespaceOnly: true in Cilium's values, then cni.socketLbHostNamespaceOnly: true.",
        );
        expect(await refusal({ cni: { kind: "cilium", kubeProxyReplacement: false } })).to.equal(undefined);
        expect(await refusal({ cni: { kind: "antrea", kubeProxyReplacement: true } })).to.equal(undefined);
    });

    it("takes a CiliumInstall's cniFacts: kube-proxy replacement refused until its values keep socket LB in the host namespace", async () => {
        const facts = (values?: Record<string, unknown>) =>
            ciliumCniFacts(resolveCiliumSettings({ kubeProxyReplacement: true, ...(values ? { values } : {}) }));
        expect(String(await refusal({ cni: facts() }))).to.contain(
            "cni.socketLbHostNamespaceOnly = false is not true, but with kubeProxyReplacement",
        );
        expect(await refusal({ cni: facts({ socketLB: { hostNamespaceOnly: true } }) })).to.equal(undefined);
        expect(await refusal({ cni: ciliumCniFacts(resolveCiliumSettings({})) })).to.equal(undefined);
    });

    it("refuses a gateway address outside every LoadBalancer pool of the cluster, suggesting one inside", async () => {
        const error = await refusal({ gatewayIp: "192.168.10.5" });
        expect(error).to.be.instanceOf(ConfigValidationError);
        expect(String((error as Error).message)).to.contain(
            'gateway.ip = "192.168.10.5" is outside the cluster\'s loadBalancerPools (192.168.10.200-192.168.10.210), so no load balancer will assign it; ' +
                'fix: pick an address inside a pool, e.g. "192.168.10.210".',
        );
        expect(String((await refusal({ pools: [] })) as Error)).to.contain(
            "cannot be assigned because the cluster has no loadBalancerPools",
        );
    });
});

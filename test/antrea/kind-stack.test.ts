// Pulumi.antrea-kind.yaml: Antrea Multi-cluster on two kind clusters, rendered by the real program (kind provisioner included).
import { expect } from "chai";
import * as yaml from "js-yaml";
import * as path from "path";
import { RenderResult, renderStack } from "../../tools/render";
import { expectGolden } from "../golden";

const projectDir = path.resolve(__dirname, "..", "..");

describe("antrea ClusterSet: Pulumi.antrea-kind.yaml (two kind clusters, dual-role leader)", () => {
    let render: RenderResult;
    const file = (name: string) => {
        const text = render.files.get(name);
        expect(text, name).to.be.a("string");
        return String(text);
    };
    before(async function () {
        this.timeout(180_000);
        render = await renderStack({ projectDir, stack: "antrea-kind", showSecrets: false });
        expect(render.run.error, String(render.run.error)).to.equal(undefined);
    });

    it("passes the await checker", () => {
        expect(render.awaitProblems).to.deep.equal([]);
    });

    it("creates each kind cluster without kindnet (Antrea is the CNI) and with kube-proxy, as Antrea's kind docs ask (golden)", () => {
        const script = file("scripts/antrea-east-cluster.create.sh");
        expectGolden("antrea/antrea-kind/create-antrea-east.sh", script);
        const config = yaml.load(script.split("<<'KIND_CONFIG'\n")[1].split("\nKIND_CONFIG")[0]) as {
            networking: Record<string, unknown>;
            nodes: unknown[];
        };
        expect(config.networking).to.include({ disableDefaultCNI: true, kubeProxyMode: "iptables", podSubnet: "10.246.0.0/16" });
        expect(config.nodes).to.have.length(2);
    });

    it("installs Antrea in encap mode with the Multi-cluster gateway and Pod-to-Pod in every member (golden)", () => {
        for (const cluster of ["antrea-east", "antrea-west"]) {
            const text = file(`helm/${cluster}/antrea-${cluster}-release.values.yaml`);
            expectGolden(`antrea/antrea-kind/${cluster}.values.yaml`, text);
            const values = yaml.load(text) as Record<string, any>;
            expect(values.trafficEncapMode, cluster).to.equal("encap");
            expect(values.featureGates.Multicluster, cluster).to.equal(true);
            expect(values.multicluster, cluster).to.include({ enableGateway: true, enablePodToPodConnectivity: true });
        }
    });

    it("points the member ClusterSets at the leader's kind control plane, with a gateway on each first worker (golden)", () => {
        const docs = [
            "manifests/antrea-east/antrea-clusterset-leader-clusterset.yaml",
            "manifests/antrea-east/antrea-clusterset-member-antrea-east-clusterset.yaml",
            "manifests/antrea-west/antrea-clusterset-member-antrea-west-clusterset.yaml",
            "manifests/antrea-east/antrea-clusterset-member-antrea-east-gateway.yaml",
            "manifests/antrea-west/antrea-clusterset-member-antrea-west-gateway.yaml",
        ].map(file);
        expectGolden("antrea/antrea-kind/clusterset.yaml", docs.join("---\n"));
        const west = yaml.load(docs[2]) as { spec: { leaders: { server: string }[] } };
        expect(west.spec.leaders.map((leader) => leader.server)).to.deep.equal(["https://antrea-east-control-plane:6443"]);
        expect((yaml.load(docs[4]) as { metadata: { name: string } }).metadata.name).to.equal("antrea-west-worker");
    });

    it("proves the demo from antrea-west (golden)", () => {
        expectGolden("antrea/antrea-kind/demo-proof.sh", file("scripts/antrea-mc-demo-antrea-west-proof.create.sh"));
        expect(JSON.parse(file("outputs.json")).apps).to.deep.equal({
            kind: "antrea-multicluster",
            demo: "web exported by antrea-east, proven from antrea-west",
        });
    });
});

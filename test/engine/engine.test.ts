import { expect } from "chai";
import * as crypto from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { buildPlan } from "../../tools/engine/plan";
import { renderArtifacts } from "../../tools/engine/artifacts";
import { redactSecrets, unwrapSecrets } from "../../tools/engine/secret-values";
import { CANARY, engineProgram } from "../fixtures/engine-program";
import { RecordedGraph, recordProgram } from "../mocks";

describe("offline engine", () => {
    let graph: RecordedGraph;
    let outputs: Record<string, unknown>;

    before(async () => {
        graph = await recordProgram(() => engineProgram());
        expect(graph.error).to.equal(undefined);
        const stack = graph.find("pulumi:pulumi:Stack", "multicluster-test");
        outputs = unwrapSecrets(stack.outputs) as Record<string, unknown>;
    });

    it("records every resource in registration order with parent and provider", () => {
        const names = graph.records.map((record) => record.name);
        expect(names.indexOf("ca-key")).to.be.lessThan(names.indexOf("ca"));
        const release = graph.find("kubernetes:helm.sh/v3:Release", "east-cilium");
        const provider = graph.find("pulumi:providers:kubernetes", "east-k8s");
        const holder = graph.find("multicluster:test:Holder", "holder");
        expect(release.parent).to.equal(holder.urn);
        expect(release.provider).to.equal(provider.urn);
        expect(graph.find("tls:index/privateKey:PrivateKey", "ca-key").parent).to.match(/pulumi:pulumi:Stack/);
    });

    it("records explicit and input dependencies", () => {
        const release = graph.find("kubernetes:helm.sh/v3:Release", "east-cilium");
        expect(graph.dependsOn(release, graph.find("command:remote:Command", "cp-init"))).to.equal(true);
        expect(graph.dependsOn(release, graph.find("tls:index/selfSignedCert:SelfSignedCert", "ca"))).to.equal(true);
        const client = graph.find("tls:index/locallySignedCert:LocallySignedCert", "client");
        expect(graph.dependsOn(client, graph.find("tls:index/certRequest:CertRequest", "client-csr"))).to.equal(true);
    });

    it("records resource options such as deleteBeforeReplace", () => {
        const init = graph.find("command:remote:Command", "cp-init");
        expect(init.options.deleteBeforeReplace).to.equal(true);
        expect(init.options.additionalSecretOutputs).to.include("stdout");
    });

    it("simulates tls with a real CA and a real certificate signed by it", () => {
        const ca = new crypto.X509Certificate(String(outputs.caCert));
        const client = new crypto.X509Certificate(String(outputs.clientCert));
        expect(ca.ca).to.equal(true);
        expect(client.checkIssued(ca)).to.equal(true);
        expect(client.verify(ca.publicKey)).to.equal(true);
        expect(client.subject).to.contain("CN=kubernetes-admin").and.to.contain("O=kubeadm:cluster-admins");
        const clientKey = crypto.createPrivateKey(String(outputs.clientKey));
        expect(client.checkPrivateKey(clientKey)).to.equal(true);
        expect(String(outputs.caKey)).to.match(/^-----BEGIN RSA PRIVATE KEY-----/);
    });

    it("simulates random values of the requested shape, secret where the provider marks them", () => {
        expect(String(outputs.tokenId)).to.match(/^[a-z0-9]{6}$/);
        const stack = graph.find("pulumi:pulumi:Stack", "multicluster-test");
        expect(redactSecrets(stack.outputs, false).secretPaths).to.include.members(["tokenId", "caKey", "clientKey"]);
    });

    it("gives service-account-token Secrets a simulated token", () => {
        const data = outputs.saToken as Record<string, string>;
        const token = Buffer.from(data.token, "base64").toString();
        expect(token.split(".")).to.have.length(3);
        expect(JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString()).sub).to.equal("system:serviceaccount:default:member");
    });

    it("fails on any invoke the engine does not simulate", async () => {
        const failed = await recordProgram(() => pulumi.runtime.invoke("kubernetes:yaml:decode", { text: "" }));
        expect(String(failed.error)).to.contain("no simulation for invoke kubernetes:yaml:decode");
    });

    describe("plan and artifacts", () => {
        it("redacts secrets and lists their paths", () => {
            const plan = buildPlan("multicluster", "test", graph.records, false);
            const init = plan.resources.find((resource) => resource.name === "cp-init");
            expect(init?.secretInputs).to.include.members(["connection", "stdin"]);
            expect(init?.inputs.stdin).to.equal("[secret]");
            const release = plan.resources.find((resource) => resource.name === "east-cilium");
            expect(release?.secretInputs).to.deep.equal(["values.tls.ca.key"]);
            expect(JSON.stringify(plan)).not.to.contain(CANARY).and.not.to.contain("PRIVATE KEY");
        });

        it("writes scripts, Helm values and manifests grouped by cluster, without secrets", () => {
            const plan = buildPlan("multicluster", "test", graph.records, false);
            const files = renderArtifacts(plan, {}, "# topology\n");
            expect([...files.keys()]).to.include.members([
                "plan.json",
                "outputs.json",
                "topology.md",
                "scripts/cp-init.create.sh",
                "scripts/cp-init.delete.sh",
                "helm/east/east-cilium.values.yaml",
                "manifests/east/east-settings.yaml",
            ]);
            expect(files.get("scripts/cp-init.delete.sh")).to.equal("sudo kubeadm reset -f\n");
            expect(files.get("helm/east/east-cilium.values.yaml")).to.contain("key: '[secret]'");
            for (const [file, content] of files) {
                expect(content, file).not.to.contain(CANARY);
                expect(content, file).not.to.contain("PRIVATE KEY");
            }
        });

        it("shows secrets only when asked", () => {
            const plan = buildPlan("multicluster", "test", graph.records, true);
            expect(JSON.stringify(plan)).to.contain(CANARY);
        });
    });
});

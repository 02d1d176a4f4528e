import { expect } from "chai";
import * as crypto from "crypto";
import { ConfigValidationError } from "../../components/shared/validation";
import { buildPlan } from "../../tools/engine/plan";
import { RecordedResource } from "../../tools/engine/recorder";
import { unwrapSecrets } from "../../tools/engine/secret-values";
import { KUBECONFIG_CANARY, baseSettings, fakeClusterSpecs, meshProgram, nameOf } from "../fixtures/cilium-clusters";
import { RecordedGraph, recordProgram } from "../mocks";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const COMMAND = "command:local:Command";
const POOL = "kubernetes:cilium.io/v2:CiliumLoadBalancerIPPool";
const SECRET = "kubernetes:core/v1:Secret";

/** True when the recorded dependency graph has no cycle. */
function acyclic(records: readonly RecordedResource[]): boolean {
    const edges = new Map(records.map((record) => [record.urn, record.dependencies]));
    const state = new Map<string, "visiting" | "done">();
    const visit = (urn: string): boolean => {
        if (state.get(urn) === "done") {
            return true;
        }
        if (state.get(urn) === "visiting") {
            return false;
        }
        state.set(urn, "visiting");
        const ok = (edges.get(urn) ?? []).every(visit);
        state.set(urn, "done");
        return ok;
    };
    return records.every((record) => visit(record.urn));
}

describe("CiliumClusterMesh graph", () => {
    let graph: RecordedGraph;
    const release = (cluster: string) => graph.find(RELEASE, `mesh-${cluster}-release`);

    before(async () => {
        graph = await recordProgram(meshProgram(fakeClusterSpecs(3)));
        expect(graph.error).to.equal(undefined);
    });

    it("registers the typed components, one CiliumInstall per cluster keyed by name", () => {
        expect(graph.ofType("multicluster:cilium:CiliumClusterMesh").map((record) => record.name)).to.deep.equal(["mesh"]);
        expect(graph.ofType("multicluster:cilium:CiliumCa").map((record) => record.name)).to.deep.equal(["mesh-ca"]);
        expect(graph.ofType("multicluster:cilium:CiliumInstall").map((record) => record.name)).to.deep.equal([
            "mesh-c1",
            "mesh-c2",
            "mesh-c3",
        ]);
    });

    it("installs the pinned chart into kube-system through each cluster's provider, after its API server", () => {
        const inputs = graph.inputsOf(release("c2"));
        expect([inputs.chart, inputs.version, inputs.namespace, inputs.name]).to.deep.equal(["cilium", "1.20.0", "kube-system", "cilium"]);
        expect(inputs.repositoryOpts).to.deep.equal({ repo: "https://helm.cilium.io" });
        expect(release("c2").provider).to.equal(graph.find("pulumi:providers:kubernetes", "c2-k8s").urn);
        expect(release("c2").parent).to.equal(graph.find("multicluster:cilium:CiliumInstall", "mesh-c2").urn);
        expect(graph.dependsOn(release("c2"), graph.find(COMMAND, "c2-api-ready"))).to.equal(true);
    });

    it("makes each cluster's values depend on the shared CA and its own certificates, never on another cluster", () => {
        for (const cluster of ["c1", "c2", "c3"]) {
            const dependencies = release(cluster).dependencies.map(nameOf);
            expect(dependencies).to.include.members([
                "mesh-ca-cert",
                "mesh-ca-key",
                `mesh-${cluster}-server-secret`,
                `mesh-${cluster}-remote-secret`,
                "mesh-settings",
            ]);
            const foreign = dependencies.filter(
                (name) =>
                    !name.startsWith(`mesh-${cluster}-`) &&
                    !name.startsWith(`${cluster}-`) &&
                    !name.startsWith("mesh-ca") &&
                    name !== "mesh-settings",
            );
            expect(foreign, `${cluster} release`).to.deep.equal([]);
        }
    });

    it("lists every peer in every cluster's values, and one CA for all", () => {
        const values = ["c1", "c2", "c3"].map((cluster) => graph.inputsOf(release(cluster)).values as Record<string, any>);
        expect(Object.keys(values[0].clustermesh.config.clusters)).to.deep.equal(["c2", "c3"]);
        expect(Object.keys(values[2].clustermesh.config.clusters)).to.deep.equal(["c1", "c2"]);
        expect(new Set(values.map((v) => v.tls.ca.cert)).size).to.equal(1);
        expect(values.map((v) => v.cluster)).to.deep.equal([
            { name: "c1", id: 1 },
            { name: "c2", id: 2 },
            { name: "c3", id: 3 },
        ]);
    });

    it("signs each cluster's certificates with the CA the values carry (real X.509, as the peers verify)", () => {
        const values = graph.inputsOf(release("c1")).values as Record<string, any>;
        const ca = new crypto.X509Certificate(Buffer.from(values.tls.ca.cert, "base64").toString());
        expect(ca.ca).to.equal(true);
        const cert = (role: string) => {
            const data = graph.inputsOf(graph.find(SECRET, `mesh-c1-${role}-secret`)).stringData as Record<string, string>;
            expect(data["ca.crt"]).to.equal(ca.toString());
            return new crypto.X509Certificate(data["tls.crt"]);
        };
        expect(cert("server").checkIssued(ca)).to.equal(true);
        expect(cert("server").subjectAltName).to.contain("DNS:*.mesh.cilium.io");
        expect(cert("remote").subject).to.contain("CN=remote-c1");
        expect(cert("remote").verify(ca.publicKey)).to.equal(true);
        const secret = graph.inputsOf(graph.find(SECRET, "mesh-c1-remote-secret"));
        expect((secret.metadata as Record<string, string>).name).to.equal("clustermesh-apiserver-remote-cert");
    });

    it("creates the LB pools only after Cilium runs and registered their CRD", () => {
        const running = graph.find(COMMAND, "mesh-c1-running");
        const crds = graph.find(COMMAND, "mesh-lb-c1-crds");
        const pool = graph.find(POOL, "mesh-lb-c1-pool-default");
        expect(graph.dependsOn(running, release("c1"))).to.equal(true);
        expect(graph.dependsOn(crds, running)).to.equal(true);
        expect(graph.dependsOn(pool, crds)).to.equal(true);
        expect(graph.inputsOf(pool).apiVersion).to.equal("cilium.io/v2");
        expect(pool.provider).to.equal(graph.find("pulumi:providers:kubernetes", "c1-k8s").urn);
    });

    it("gates each cluster on every cluster's release, re-run when any release's values change, with the kubeconfig as a secret on stdin", () => {
        const gate = graph.find(COMMAND, "mesh-c2-health");
        for (const cluster of ["c1", "c2", "c3"]) {
            expect(graph.dependsOn(gate, release(cluster)), cluster).to.equal(true);
            expect(graph.dependsOn(gate, graph.find(COMMAND, `mesh-${cluster}-running`)), cluster).to.equal(true);
        }
        // Its own incarnation, every release (chart, version, values), each peer's incarnation, its nodes.
        const triggers = graph.inputsOf(gate).triggers as string[];
        expect(triggers).to.have.length(1 + 3 + 2 + 1);
        expect([triggers[0], triggers[4], triggers[5]].map((incarnation) => incarnation.split("@")[0])).to.deep.equal(["c2", "c1", "c3"]);
        expect(triggers[6]).to.equal("192.168.2.10,192.168.2.11");
        expect(triggers.slice(1, 4).every((checksum) => /^[0-9a-f]{64}$/.test(checksum))).to.equal(true);
        expect(graph.isSecretInput(gate, "stdin")).to.equal(true);
        const inputs = graph.inputsOf(gate);
        expect(inputs.logging).to.equal("stderr"); // its progress lines; stdout is never logged
        expect(inputs.create).to.contain("peers=(c1 c3)").and.not.to.contain(KUBECONFIG_CANARY);
        expect(inputs.create).not.to.match(/\bcilium (clustermesh|install|status)\b/);
    });

    it("waits for every node's join before the checks that vouch for every node, and only for those", async () => {
        const joined = await recordProgram(meshProgram(fakeClusterSpecs(2).map((spec) => ({ ...spec, joinStep: true }))));
        expect(joined.error).to.equal(undefined);
        const join = joined.find(COMMAND, "c1-worker-join");
        const waits = (name: string) => joined.dependsOn(joined.find(COMMAND, name), join);
        expect([waits("mesh-c1-running"), waits("mesh-c1-health"), waits("mesh-c2-health"), waits("mesh-lb-c1-crds")]).to.deep.equal([
            true,
            true,
            false,
            false,
        ]);
        expect(joined.dependsOn(joined.find(RELEASE, "mesh-c1-release"), join), "the release needs the API server only").to.equal(false);
    });

    it("has no dependency cycle", () => {
        expect(acyclic(graph.records)).to.equal(true);
    });

    it("never exposes the CA key, a certificate key or a kubeconfig in plain", () => {
        const plan = JSON.stringify(buildPlan("multicluster", "test", graph.records, false));
        for (const leak of [
            "PRIVATE KEY",
            "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVk",
            "LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS",
            KUBECONFIG_CANARY,
        ]) {
            expect(plan).not.to.contain(leak);
        }
        const releasePlan = buildPlan("multicluster", "test", [release("c1")], false).resources[0];
        expect(releasePlan.secretInputs).to.deep.equal(["values.tls.ca.key"]);
        const outputs = JSON.stringify(unwrapSecrets(graph.find("pulumi:pulumi:Stack", "multicluster-test").outputs));
        expect(outputs).to.contain("BEGIN CERTIFICATE").and.not.to.contain("PRIVATE KEY");
    });

    it("validates the whole mesh before registering anything", async () => {
        const specs = fakeClusterSpecs(2).map((spec) => ({ ...spec, podCidr: "10.0.0.0/8" }));
        const failed = await recordProgram(meshProgram(specs, { ...baseSettings }));
        expect(failed.error).to.be.instanceOf(ConfigValidationError);
        expect(String((failed.error as Error).message)).to.contain(
            'clusters[1].podCidrs[0] = "10.0.0.0/8" overlaps clusters[0].podCidrs[0] ("10.0.0.0/8")',
        );
        expect(failed.ofType("multicluster:cilium:CiliumClusterMesh")).to.deep.equal([]);
        expect(failed.ofType(RELEASE)).to.deep.equal([]);
    });
});

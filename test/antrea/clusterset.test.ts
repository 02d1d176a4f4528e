import { expect } from "chai";
import { toYaml, toYamlDocuments } from "../../components/shared/yaml";
import { StackConfig } from "../../stacks/config/types";
import { loadStackFile } from "../fixtures/cilium-clusters";
import { expectGolden } from "../golden";
import { RecordedGraph } from "../mocks";
import { closure, customResources, memberOfRecord, runLayers, servedVersions } from "./graph";

const CS = "kubernetes:multicluster.crd.antrea.io/v1alpha2:ClusterSet";
const SECRET = "kubernetes:core/v1:Secret";
const COMMAND = "command:local:Command";
const MEMBERS = ["tanzuhispano-01", "tanzuhispano-db", "tanzuhispano-02"];

/** The manifests of a graph by name, secret data replaced by a placeholder (goldens never hold a token). */
function manifests(graph: RecordedGraph, names: readonly string[], type: string): unknown[] {
    return names.map((name) => {
        const record = graph.find(type, name);
        const inputs = graph.inputsOf(record);
        return graph.isSecretInput(record, "data") ? { ...inputs, data: "<secret>" } : inputs;
    });
}

function decodeJwtSubject(token: string): string {
    return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8")).sub as string;
}

describe("antrea ClusterSet: Pulumi.antrea-lab.yaml (seed 000, dual-role leader)", () => {
    let config: StackConfig;
    let graph: RecordedGraph;
    before(async () => {
        config = loadStackFile("antrea-lab");
        graph = await runLayers(config);
    });

    it("renders the ClusterSets, access objects, token copies, configs and gateways (golden)", () => {
        const crs = manifests(
            graph,
            ["antrea-clusterset-leader-clusterset", ...MEMBERS.map((m) => `antrea-clusterset-member-${m}-clusterset`)],
            CS,
        );
        const access = [
            graph.inputsOf(graph.find("kubernetes:core/v1:ServiceAccount", "antrea-clusterset-access-tanzuhispano-01-account")),
            graph.inputsOf(
                graph.find("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "antrea-clusterset-access-tanzuhispano-01-binding"),
            ),
        ];
        const tokens = manifests(
            graph,
            ["antrea-clusterset-access-tanzuhispano-01-token", "antrea-clusterset-member-tanzuhispano-01-token"],
            SECRET,
        );
        const configs = MEMBERS.map((m) =>
            graph.inputsOf(graph.find("kubernetes:core/v1:ConfigMap", `antrea-clusterset-member-${m}-config`)),
        );
        const gateways = MEMBERS.map((m) =>
            graph.inputsOf(graph.find("kubernetes:core/v1:NodePatch", `antrea-clusterset-member-${m}-gateway`)),
        );
        expectGolden("antrea/antrea-lab/clusterset.yaml", toYamlDocuments([...crs, ...access, ...tokens, ...configs, ...gateways]));
    });

    it("renders the gates, the drain and the download as scripts (golden, shellcheck-linted)", () => {
        const scripts: [string, string, "create" | "delete"][] = [
            ["leader-running", "antrea-clusterset-leader-running", "create"],
            ["member-running", "antrea-clusterset-member-tanzuhispano-db-running", "create"],
            ["member-health", "antrea-clusterset-member-tanzuhispano-01-health", "create"],
            ["leader-counts-member", "antrea-clusterset-access-tanzuhispano-01-health", "create"],
            ["member-peers-check", "antrea-clusterset-member-tanzuhispano-01-peers-check", "create"],
            ["member-reexport", "antrea-clusterset-member-tanzuhispano-01-reexport", "create"],
            ["member-leader-first", "antrea-clusterset-member-tanzuhispano-01-leader-first", "create"],
            ["demo-proof", "antrea-mc-demo-tanzuhispano-db-proof", "create"],
            ["member-leave", "antrea-clusterset-access-tanzuhispano-01-leave", "delete"],
            ["fetch-member-manifest", "antrea-clusterset-fetch-member-manifest", "create"],
            ["antrea-running", "antrea-tanzuhispano-01-running", "create"],
            ["gateway-node", "antrea-clusterset-member-tanzuhispano-02-gateway-node", "create"],
        ];
        for (const [file, name, phase] of scripts) {
            expectGolden(`antrea/antrea-lab/${file}.sh`, String(graph.inputsOf(graph.find(COMMAND, name))[phase]));
        }
    });

    it("flows each member's token from the leader's token Secret to the member as a secret", () => {
        for (const member of MEMBERS) {
            const leaderToken = graph.find(SECRET, `antrea-clusterset-access-${member}-token`);
            const account = graph.find("kubernetes:core/v1:ServiceAccount", `antrea-clusterset-access-${member}-account`);
            const copy = graph.find(SECRET, `antrea-clusterset-member-${member}-token`);
            expect(graph.dependsOn(leaderToken, account), member).to.equal(true);
            expect(graph.dependsOn(copy, leaderToken), member).to.equal(true);
            expect(graph.isSecretInput(copy, "data"), member).to.equal(true);
            expect(copy.options.additionalSecretOutputs).to.include("data");
            const data = graph.inputsOf(copy).data as Record<string, string>;
            expect(Object.keys(data).sort()).to.deep.equal(["ca.crt", "token"]);
            expect(decodeJwtSubject(Buffer.from(data.token, "base64").toString("utf8"))).to.equal(
                `system:serviceaccount:antrea-multicluster:member-${member}`,
            );
            expect((graph.inputsOf(account).metadata as any).annotations).to.deep.equal({ "multicluster.antrea.io/cluster-id": member });
        }
    });

    it("creates a member's ClusterSet after its token Secret and its serving controller, and drains it before the leader's goes", () => {
        const leaderCs = graph.find(CS, "antrea-clusterset-leader-clusterset");
        expect(graph.dependsOn(leaderCs, graph.find(COMMAND, "antrea-clusterset-leader-running"))).to.equal(true);
        for (const member of MEMBERS) {
            const cs = graph.find(CS, `antrea-clusterset-member-${member}-clusterset`);
            const leave = graph.find(COMMAND, `antrea-clusterset-access-${member}-leave`);
            for (const dependency of [
                graph.find(SECRET, `antrea-clusterset-member-${member}-token`),
                graph.find(COMMAND, `antrea-clusterset-member-${member}-running`),
                leave,
            ]) {
                expect(graph.dependsOn(cs, dependency), `${member} ${dependency.name}`).to.equal(true);
            }
            for (const outlives of [
                leaderCs,
                graph.find(SECRET, `antrea-clusterset-access-${member}-token`),
                graph.find("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", `antrea-clusterset-access-${member}-binding`),
                graph.find(COMMAND, `antrea-clusterset-member-${member}-running`),
            ]) {
                expect(graph.dependsOn(leave, outlives), `${member} leave after ${outlives.name}`).to.equal(true);
            }
            expect(graph.inputsOf(leave).delete).to.contain(`member-announce-from-${member}`);
        }
    });

    it("waits on nothing of another member in any member's resources (the peers gate reads only the peers' clusters)", () => {
        const peersGates = graph.records.filter((record) => record.name.endsWith("-peers-check"));
        expect(peersGates).to.have.length(3);
        for (const gate of peersGates) {
            // It vouches for the peers, so it re-runs with their incarnations: a wait on their clusters, none on their Antrea.
            const foreign = closure(graph, gate).filter(
                (dependency) =>
                    dependency.name.startsWith("antrea-") &&
                    memberOfRecord(dependency, MEMBERS, "tanzuhispano-db") !== memberOfRecord(gate, MEMBERS, "tanzuhispano-db") &&
                    memberOfRecord(dependency, MEMBERS, "tanzuhispano-db") !== undefined,
            );
            expect(
                foreign.map((dependency) => dependency.name),
                gate.name,
            ).to.deep.equal([]);
        }
        // The demo's proofs cross members on purpose (they need the exporter's export); everything else may not.
        const crossing = (record: { name: string }) =>
            record.name.endsWith("-peers-check") || /^antrea-mc-demo-.*-proof$/.test(record.name);
        const offenders = graph.records
            .filter((record) => !crossing(record))
            .flatMap((record) => {
                const owner = memberOfRecord(record, MEMBERS, "tanzuhispano-db");
                if (!owner) {
                    return [];
                }
                return closure(graph, record)
                    .filter((dependency) => {
                        const other = memberOfRecord(dependency, MEMBERS, "tanzuhispano-db");
                        return other !== undefined && other !== owner;
                    })
                    .map((dependency) => `${record.name} -> ${dependency.name}`);
            });
        expect(offenders).to.deep.equal([]);
        // The attribution is not vacuous: each member owns its chain, and that chain reaches the leader's objects.
        for (const member of ["tanzuhispano-01", "tanzuhispano-02"]) {
            expect(
                graph.records.filter((record) => memberOfRecord(record, MEMBERS, "tanzuhispano-db") === member),
            ).to.have.length.greaterThan(15);
        }
        const chain = closure(graph, graph.find(CS, "antrea-clusterset-member-tanzuhispano-01-clusterset")).map((record) => record.name);
        expect(chain).to.include("antrea-clusterset-leader-clusterset").and.to.include("antrea-clusterset-access-tanzuhispano-01-token");
    });

    it("annotates each member's first worker as gateway once the Node has registered", () => {
        for (const member of MEMBERS) {
            const patch = graph.find("kubernetes:core/v1:NodePatch", `antrea-clusterset-member-${member}-gateway`);
            expect((graph.inputsOf(patch).metadata as any).name).to.equal(`${member}-worker-1`);
            expect(graph.dependsOn(patch, graph.find(COMMAND, `antrea-clusterset-member-${member}-gateway-node`))).to.equal(true);
            expect(graph.dependsOn(graph.find(COMMAND, `antrea-clusterset-member-${member}-health`), patch)).to.equal(true);
        }
    });

    it("writes every custom resource in an API version the pinned release serves", () => {
        const crs = customResources(graph);
        expect(crs.map((cr) => cr.kind)).to.include("ClusterSet");
        for (const cr of crs) {
            const served = servedVersions[`${cr.group}/${cr.kind}`];
            expect(served, `${cr.name}: ${cr.group}/${cr.kind} is not a CRD of the pinned releases`).not.to.equal(undefined);
            expect(served.versions, `${cr.name}: ${cr.group}/${cr.version}`).to.include(cr.version);
        }
    });

    it("replaces (deleting first) a ClusterSet whose ID or leader ID changes, as the webhook forbids in-place changes", () => {
        for (const record of graph.ofType(CS)) {
            expect(record.options.deleteBeforeReplace, record.name).to.equal(true);
            expect(record.options.replaceOnChanges, record.name).to.deep.equal(["spec.clusterID", "spec.leaders[*].clusterID"]);
        }
    });

    it("owns the shared ClusterSet CRD once: the dual-role member's controller waits on the leader's CRDs", () => {
        const leaderCrds = graph.find("kubernetes:yaml/v2:ConfigFile", "antrea-clusterset-leader-crds");
        expect(graph.inputsOf(leaderCrds).file).to.equal(
            "https://github.com/antrea-io/antrea/releases/download/v2.7.0/antrea-multicluster-leader-global.yml",
        );
        expect(
            graph.dependsOn(graph.find("kubernetes:yaml/v2:ConfigGroup", "antrea-clusterset-member-tanzuhispano-db-objects"), leaderCrds),
        ).to.equal(true);
        expect(
            graph.dependsOn(graph.find("kubernetes:yaml/v2:ConfigGroup", "antrea-clusterset-member-tanzuhispano-01-objects"), leaderCrds),
        ).to.equal(false);
    });

    it("installs Antrea per cluster as a top-level component, CRDs from the release asset before the release", () => {
        for (const member of MEMBERS) {
            const install = graph.find("multicluster:antrea:AntreaInstall", `antrea-${member}`);
            expect(install.urn).to.equal(`urn:pulumi:test::multicluster::multicluster:antrea:AntreaInstall::antrea-${member}`);
            const crds = graph.find("kubernetes:yaml/v2:ConfigFile", `antrea-${member}-crds`);
            expect(graph.inputsOf(crds).file).to.equal("https://github.com/antrea-io/antrea/releases/download/v2.7.0/antrea-crds.yml");
            expect(graph.dependsOn(graph.find("kubernetes:helm.sh/v3:Release", `antrea-${member}-release`), crds)).to.equal(true);
        }
        expect(graph.find("multicluster:antrea:AntreaClusterSet", "antrea-clusterset").parent).to.match(/pulumi:pulumi:Stack/);
    });

    it("exports the ClusterSet facts, never a token", () => {
        const outputs = JSON.stringify(graph.find("pulumi:pulumi:Stack", "multicluster-test").outputs);
        expect(outputs).to.contain("tanzuhispano").and.to.contain("tanzuhispano-02-worker-1");
        const token = (graph.inputsOf(graph.find(SECRET, "antrea-clusterset-member-tanzuhispano-01-token")).data as Record<string, string>)
            .token;
        expect(outputs).not.to.contain(token);
        expect(toYaml(graph.records.filter((record) => record.type === COMMAND).map((record) => graph.inputsOf(record)))).not.to.contain(
            token,
        );
    });
});

import { expect } from "chai";
import * as crypto from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { fromYaml, toYaml } from "../../components/shared/yaml";
import { wireLayers } from "../../stacks/program";
import { RecordedResource } from "../../tools/engine/recorder";
import { isSecretValue } from "../../tools/engine/secret-values";
import { fakeClustersOf, loadStackFile } from "../fixtures/cilium-clusters";
import { expectGolden } from "../golden";
import { RecordedGraph, recordProgram } from "../mocks";
import { keyPaths, plainInputs, reachable, specPaths } from "./helpers";

const SECRET = "kubernetes:core/v1:Secret";
const LINK = "kubernetes:multicluster.linkerd.io/v1alpha3:Link";
const CLUSTERS = ["kind-east", "kind-west"] as const;

/** Runs the linkerd-kind stack over fake clusters, counting live reads (`.get`) the program makes. */
async function runKindStack(preview = false): Promise<{ graph: RecordedGraph; reads: string[] }> {
    const config = loadStackFile("linkerd-kind");
    const reads: string[] = [];
    const graph = await recordProgram(
        () => {
            const monitor = pulumi.runtime.getMonitor() as unknown as {
                readResource: (req: { getType(): string }, cb: unknown) => unknown;
            };
            const read = monitor.readResource.bind(monitor);
            monitor.readResource = (req, cb) => {
                reads.push(req.getType());
                return read(req, cb);
            };
            return wireLayers(config, { byKey: {} }, fakeClustersOf(config));
        },
        { preview },
    );
    expect(graph.error, String(graph.error)).to.equal(undefined);
    return { graph, reads };
}

/** The kubeconfig of a credentials Secret, with the token replaced by a placeholder (goldens hold no credentials). */
function redactedKubeconfig(text: string): { doc: Record<string, any>; token: string } {
    const doc = fromYaml(text) as Record<string, any>;
    const token = doc.users[0].user.token as string;
    doc.users[0].user.token = "<token of the target's remote-access token Secret>";
    return { doc, token };
}

/** Every object of one link, as applied to each cluster (golden text). */
function linkGolden(graph: RecordedGraph, from: string, to: string): string {
    const name = `link-${from}-to-${to}`;
    const credentials = plainInputs(graph.find(SECRET, `${name}-credentials`));
    const discovery = plainInputs(graph.find(SECRET, `${name}-credentials-discovery`));
    const { doc } = redactedKubeconfig(credentials.stringData.kubeconfig);
    const multicluster = plainInputs(graph.find("kubernetes:helm.sh/v3:Release", `linkerd-${from}-multicluster`)).values;
    const header = [
        `# ${from} mirrors ${to}. Applied to ${to}: the token Secret. Applied to ${from}: the two credentials Secrets link-gen prints`,
        `# (kubeconfig shown decoded, token redacted) and the Link; ${from}'s linkerd-multicluster values run the service-mirror controller.`,
    ].join("\n");
    const documents = (
        [
            [to, plainInputs(graph.find(SECRET, `${name}-token`))],
            [from, { ...credentials, stringData: { kubeconfig: doc } }],
            [from, { ...discovery, stringData: { kubeconfig: doc } }],
            [from, plainInputs(graph.find(LINK, `${name}-link`))],
            [from, { controllers: multicluster.controllers }],
        ] as const
    ).map(([cluster, object]) => `# applied to ${cluster}\n${toYaml(object)}`);
    return `${header}\n${documents.join("---\n")}`;
}

describe("LinkerdLink (Pulumi.linkerd-kind.yaml)", () => {
    let graph: RecordedGraph;
    let reads: string[];
    before(async () => {
        ({ graph, reads } = await runKindStack());
    });

    for (const [from, to] of [
        ["kind-east", "kind-west"],
        ["kind-west", "kind-east"],
    ] as const) {
        it(`renders the link ${from} -> ${to} as link-gen would, with the pinned gateway (golden)`, () => {
            expectGolden(`linkerd/link-${from}-to-${to}.yaml`, linkGolden(graph, from, to));
        });
    }

    it("builds the credentials from the target's contract endpoint and the token Pulumi created on the target, secret throughout", () => {
        const token = graph.find(SECRET, "link-kind-east-to-kind-west-token");
        const credentials = graph.find(SECRET, "link-kind-east-to-kind-west-credentials");
        expect(graph.dependsOn(credentials, token)).to.equal(true);
        expect(graph.isSecretInput(credentials, "stringData")).to.equal(true);
        expect(token.provider).to.contain("kind-west-k8s");
        expect(credentials.provider).to.contain("kind-east-k8s");
        const { doc, token: jwt } = redactedKubeconfig(plainInputs(credentials).stringData.kubeconfig);
        expect(doc.clusters[0].cluster.server).to.equal("https://kind-west-control-plane:6443");
        const claims = JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString());
        expect(claims.sub).to.equal("system:serviceaccount:linkerd-multicluster:linkerd-service-mirror-remote-access-default");
    });

    it("writes the destination controller's copy of the credentials as link-gen does (G1), replaced (not updated) when they change", () => {
        const [mirror, discovery] = ["credentials", "credentials-discovery"].map((role) =>
            graph.find(SECRET, `link-kind-east-to-kind-west-${role}`),
        );
        expect(plainInputs(discovery).stringData).to.deep.equal(plainInputs(mirror).stringData);
        expect(plainInputs(discovery).metadata).to.deep.equal({
            name: "cluster-credentials-kind-west",
            namespace: "linkerd",
            labels: { "multicluster.linkerd.io/cluster-name": "kind-west" },
            annotations: {
                "multicluster.linkerd.io/trust-domain": "cluster.local",
                "multicluster.linkerd.io/cluster-domain": "cluster.local",
            },
        });
        expect(discovery.options).to.deep.include({ replaceOnChanges: ["stringData"], deleteBeforeReplace: true });
        expect(graph.isSecretInput(discovery, "stringData")).to.equal(true);
    });

    it("re-runs the gate on new credentials or a re-created target, by a secret hash (R1), and cleans up on delete (G3)", () => {
        const gate = graph.find("command:local:Command", "link-kind-east-to-kind-west-health");
        const triggers = gate.inputs.triggers as unknown[];
        const kubeconfig = plainInputs(graph.find(SECRET, "link-kind-east-to-kind-west-credentials")).stringData.kubeconfig as string;
        expect(plainInputs(gate).triggers[3]).to.equal(crypto.createHash("sha256").update(kubeconfig).digest("hex"));
        expect(isSecretValue(triggers[3]) || isSecretValue(gate.inputs.triggers), "the hash stays secret").to.equal(true);
        expect(JSON.stringify(plainInputs(gate))).to.not.contain(kubeconfig.slice(0, 40));
        expect(plainInputs(gate).triggers[2]).to.match(/^kind-west@/);
        const cleanup = graph.find("command:local:Command", "link-kind-east-to-kind-west-cleanup");
        expect(plainInputs(cleanup).delete).to.contain(
            "kc delete services --all-namespaces -l mirror.linkerd.io/mirrored-service=true,mirror.linkerd.io/cluster-name=kind-west --ignore-not-found",
        );
        expect(plainInputs(cleanup)).to.not.have.property("triggers");
        expect(graph.isSecretInput(cleanup, "stdin")).to.equal(true);
        expect(graph.dependsOn(graph.find(LINK, "link-kind-east-to-kind-west-link"), cleanup), "the Link goes first").to.equal(true);
    });

    it("pins the Link to the target's gateway address from config, known at preview, and reads nothing live", async () => {
        const link = plainInputs(graph.find(LINK, "link-kind-east-to-kind-west-link"));
        expect(link.spec.gatewayAddress).to.equal("172.18.0.80");
        expect(reads, "live reads").to.deep.equal([]);
        const preview = (await runKindStack(true)).graph;
        const previewed = preview.find(LINK, "link-kind-west-to-kind-east-link");
        expect(preview.isSecretInput(previewed, "spec")).to.equal(false);
        expect((previewed.inputs.spec as Record<string, unknown>).gatewayAddress).to.equal("172.18.0.70");
    });

    it("sets only fields the pinned Link CRD (v1alpha3) defines", () => {
        const known = keyPaths("linkerd/fixtures/link-v1alpha3-spec-paths.txt");
        const spec = plainInputs(graph.find(LINK, "link-kind-east-to-kind-west-link")).spec;
        const freeForm = (path: string) => /\.matchLabels\./.test(path);
        expect(specPaths(spec, "spec").filter((path) => !known.has(path) && !freeForm(path))).to.deep.equal([]);
        expect(known.size).to.be.greaterThan(30);
    });

    it("has no cycle between clusters: installs never depend on another cluster, links depend on their two installs", () => {
        const records = graph.records;
        const install = (cluster: string) => records.filter((record) => record.name.startsWith(`linkerd-${cluster}-`));
        const names = (urns: Set<string>) => [...urns].map((urn) => urn.slice(urn.lastIndexOf("::") + 2));
        for (const cluster of CLUSTERS) {
            const other = CLUSTERS.find((name) => name !== cluster)!;
            for (const record of install(cluster)) {
                const foreign = names(reachable(records, record)).filter(
                    (name) => name.startsWith(other) || name.startsWith(`linkerd-${other}`) || name.startsWith("link-"),
                );
                expect(foreign, `${record.name} reaches`).to.deep.equal([]);
            }
        }
        const link = graph.find(LINK, "link-kind-east-to-kind-west-link");
        const fromTarget = names(reachable(records, link)).filter((name) => name.includes("kind-west"));
        expect(
            fromTarget.filter(
                (name) =>
                    !/^(link-kind-east-to-kind-west-(token|credentials|credentials-discovery|cleanup)|linkerd-kind-west-(multicluster|control-plane-ready|control-plane|crds|ns-.*|gateway-api)|linkerd-trust-kind-west-.*|kind-west-.*|metallb-kind-west-.*)$/.test(
                        name,
                    ),
            ),
            "target resources a Link waits on",
        ).to.deep.equal([]);
        expect(fromTarget).to.include("link-kind-east-to-kind-west-token");
    });

    it("gates each link on the source, after both installs, and makes the source's demo wait for it (the ingress does not)", () => {
        const gate = graph.find("command:local:Command", "link-kind-east-to-kind-west-health");
        for (const dependency of ["link-kind-east-to-kind-west-link", "linkerd-kind-east-running", "linkerd-kind-west-running"]) {
            expect(
                graph.dependsOn(
                    gate,
                    graph.records.find((record: RecordedResource) => record.name === dependency)!,
                ),
                dependency,
            ).to.equal(true);
        }
        expect(String(graph.inputsOf(gate).create)).to.contain("link kind-east -> kind-west (kind-east mirrors kind-west) is not healthy");
        expect(graph.dependsOn(graph.find("command:local:Command", "demo-kind-east-proof-requests"), gate)).to.equal(true);
        expect(graph.dependsOn(graph.find("command:local:Command", "demo-kind-west-proof-requests"), gate)).to.equal(false);
        expect(
            graph.dependsOn(graph.find("kubernetes:apps/v1:Deployment", "demo-kind-east-podinfo"), gate),
            "the app need not wait",
        ).to.equal(false);
        const ingress = graph.find("kubernetes:helm.sh/v3:Release", "ingress-kind-east-release");
        expect(graph.dependsOn(ingress, gate)).to.equal(false);
        expect(graph.dependsOn(ingress, graph.find("command:local:Command", "linkerd-kind-east-control-plane-ready"))).to.equal(true);
    });
});

// Linkerd trust-anchor rotation through a bundle on linkerd-kind, phase by phase, with the offline diff: what each `up` changes.
import { expect } from "chai";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { anchorPlan, anchorRotationIssues } from "../../components/linkerd/anchor-rotation";
import { LinkerdTrust } from "../../components/linkerd/trust";
import { ConfigValidationError } from "../../components/shared/validation";
import { unwrapSecrets } from "../../tools/engine/secret-values";
import { DiffEntry } from "../../tools/engine/update-diff";
import * as pulumi from "@pulumi/pulumi";
import { LinkerdTrustArgs } from "../../components/linkerd/trust";
import { generatePrivateKey, privateKeyPem } from "../../tools/engine/keys";
import { simulateSelfSignedCert } from "../../tools/engine/tls-sim";
import { KeptRender, keptRender, projectDir, scratchProject } from "../render/render-fixtures";

const stackFile = fs.readFileSync(path.join(projectDir, "Pulumi.linkerd-kind.yaml"), "utf8");
const CLUSTERS = ["kind-east", "kind-west"];

/** The linkerd-kind stack file with `mesh.rotation.anchor` set. */
function withAnchor(generation: number, phase: string): string {
    const text = stackFile.replace(
        /(\n {4}demo: true\n)/,
        `$1    rotation:\n      anchor:\n        generation: ${generation}\n        phase: ${phase}\n`,
    );
    expect(text, "rotation edit").to.not.equal(stackFile);
    return text;
}

const nameOf = (entry: DiffEntry): string => entry.urn.split("::").pop() ?? "";
const entries = (render: KeptRender): DiffEntry[] => [...(render.result.report?.diff.resources ?? [])];
const changed = (render: KeptRender): string[] =>
    entries(render)
        .filter((entry) => entry.op !== "same")
        .map((entry) => `${entry.op} ${nameOf(entry)}`)
        .sort();

/** A recorded string output (certificate PEM) of the resource named `name`. */
function outputOf(render: KeptRender, name: string, key: string): string {
    const answer = render.state.answers.find((entry) => entry.name === name);
    const value = unwrapSecrets(answer?.state[key]);
    expect(value, `${name}.${key}`).to.be.a("string");
    return String(value);
}

/** The `identityTrustAnchorsPEM` a cluster's control-plane release gets. */
function bundleOf(render: KeptRender, cluster: string): string {
    const record = render.state.resources.find((entry) => entry.name === `linkerd-${cluster}-control-plane`);
    const values = (unwrapSecrets(record?.inputs) as { values?: { identityTrustAnchorsPEM?: unknown } } | undefined)?.values;
    expect(values?.identityTrustAnchorsPEM, `${cluster} identityTrustAnchorsPEM`).to.be.a("string");
    return String(values?.identityTrustAnchorsPEM);
}

/** The certificates of a PEM bundle, each in its canonical PEM form. */
const certsOf = (bundle: string): string[] =>
    (bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((pem) =>
        new crypto.X509Certificate(pem).toString(),
    );

/** Whether the cluster's issuer certificate is signed by the anchor named `anchor`. */
function issuerSignedBy(render: KeptRender, cluster: string, anchor: string): boolean {
    const issuer = new crypto.X509Certificate(outputOf(render, `linkerd-trust-${cluster}-issuer`, "certPem"));
    return issuer.verify(new crypto.X509Certificate(outputOf(render, anchor, "certPem")).publicKey);
}

const perCluster = (f: (cluster: string) => string[]): string[] => CLUSTERS.flatMap(f);

describe("rotation: Linkerd trust anchor through a bundle", () => {
    it("plans each phase: bundle trusts new and old and the old signs, switch the new signs, done trusts the new alone", () => {
        expect(anchorPlan()).to.deep.equal({ trusted: [0], signer: 0 });
        expect(anchorPlan({ generation: 1, phase: "bundle" })).to.deep.equal({ trusted: [1, 0], signer: 0 });
        expect(anchorPlan({ generation: 1, phase: "switch" })).to.deep.equal({ trusted: [1, 0], signer: 1 });
        expect(anchorPlan({ generation: 1, phase: "done" })).to.deep.equal({ trusted: [1], signer: 1 });
        expect(anchorPlan({ generation: 2, phase: "bundle" })).to.deep.equal({ trusted: [2, 1], signer: 1 });
    });

    it("refuses what the setting alone proves wrong: generation 0 or a fraction, an unknown phase", () => {
        const at = "mesh.rotation.anchor";
        expect(anchorRotationIssues({ generation: 0, phase: "done" }, at).map((found) => found.message)).to.deep.equal([
            'mesh.rotation.anchor.generation = 0 is not a whole number of at least 1, and generation 0 is the first anchor, which no roll moves to; fix: start the first roll with generation 1 and phase "bundle", or remove mesh.rotation.anchor if no roll was ever started.',
        ]);
        expect(anchorRotationIssues({ generation: 1.5, phase: "bundle" }, at)).to.have.length(1);
        const phase = anchorRotationIssues({ generation: 1, phase: "rolled" as "done" }, at);
        expect(phase.map((found) => found.message)).to.deep.equal([
            'mesh.rotation.anchor.phase = "rolled" is not a phase of the roll; fix: use "bundle", then "switch", then "done", one up each.',
        ]);
        expect(anchorRotationIssues({ generation: 3, phase: "switch" }, at)).to.deep.equal([]);
        expect(anchorRotationIssues(undefined, at)).to.deep.equal([]);
        expect(() => new LinkerdTrust("t", { clusters: ["a"], anchorRotation: { generation: 0, phase: "bundle" } })).to.throw(
            ConfigValidationError,
            /anchorRotation\.generation = 0 is not a whole number of at least 1/,
        );
    });
});

describe("rotation: Linkerd trust anchor on linkerd-kind, phase by phase (offline diff)", function () {
    this.timeout(600_000);
    let base: KeptRender;
    let bundle: KeptRender;
    let switched: KeptRender;
    let done: KeptRender;
    let again: KeptRender;
    let next: KeptRender;

    before(async () => {
        base = await keptRender(scratchProject(stackFile), "scratch");
        bundle = await keptRender(scratchProject(withAnchor(1, "bundle")), "scratch", base);
        switched = await keptRender(scratchProject(withAnchor(1, "switch")), "scratch", bundle);
        done = await keptRender(scratchProject(withAnchor(1, "done")), "scratch", switched);
        again = await keptRender(scratchProject(withAnchor(1, "done")), "scratch", done);
        next = await keptRender(scratchProject(withAnchor(2, "bundle")), "scratch", again);
    });

    it("bundle: creates the new anchor and key, keeps the old one and the issuers, updates each control plane's anchors", () => {
        expect(changed(bundle)).to.deep.equal(
            [
                "create linkerd-trust-anchor-g1",
                "create linkerd-trust-anchor-g1-key",
                ...perCluster((c) => [
                    `update linkerd-${c}-control-plane`,
                    `replace linkerd-${c}-control-plane-ready`,
                    `replace linkerd-${c}-running`,
                    `create linkerd-${c}-proxy-restart`,
                    `create linkerd-${c}-proxy-restart-rollout`,
                ]),
            ].sort(),
        );
        for (const cluster of CLUSTERS) {
            const release = entries(bundle).find((entry) => nameOf(entry) === `linkerd-${cluster}-control-plane`);
            expect(release?.changed, cluster).to.deep.equal(["values.identityTrustAnchorsPEM"]);
        }
    });

    it("bundle and switch: every cluster trusts both anchors, the same bundle everywhere (linkerd multicluster check)", () => {
        const oldPem = new crypto.X509Certificate(outputOf(base, "linkerd-trust-anchor", "certPem")).toString();
        for (const render of [bundle, switched]) {
            const newPem = new crypto.X509Certificate(outputOf(render, "linkerd-trust-anchor-g1", "certPem")).toString();
            for (const cluster of CLUSTERS) {
                expect(certsOf(bundleOf(render, cluster)), cluster).to.deep.equal([newPem, oldPem]);
                expect(bundleOf(render, cluster)).to.equal(bundleOf(render, CLUSTERS[0]));
            }
        }
        expect(outputOf(bundle, "linkerd-trust-anchor", "certPem")).to.equal(outputOf(base, "linkerd-trust-anchor", "certPem"));
    });

    it("issuers are signed by the old anchor in bundle and by the new one from switch on", () => {
        for (const cluster of CLUSTERS) {
            expect(issuerSignedBy(bundle, cluster, "linkerd-trust-anchor"), `${cluster} bundle`).to.equal(true);
            expect(issuerSignedBy(bundle, cluster, "linkerd-trust-anchor-g1"), `${cluster} bundle`).to.equal(false);
            expect(issuerSignedBy(switched, cluster, "linkerd-trust-anchor-g1"), `${cluster} switch`).to.equal(true);
            expect(issuerSignedBy(done, cluster, "linkerd-trust-anchor-g1"), `${cluster} done`).to.equal(true);
        }
    });

    it("switch: re-signs each issuer certificate (same key and request), updates the control planes' issuer, keeps both anchors", () => {
        expect(changed(switched)).to.deep.equal(
            perCluster((c) => [
                `replace linkerd-trust-${c}-issuer`,
                `update linkerd-${c}-control-plane`,
                `replace linkerd-${c}-control-plane-ready`,
                `replace linkerd-${c}-running`,
                `replace linkerd-${c}-proxy-restart-rollout`,
            ]).sort(),
        );
        for (const cluster of CLUSTERS) {
            const release = entries(switched).find((entry) => nameOf(entry) === `linkerd-${cluster}-control-plane`);
            expect(release?.changed, cluster).to.deep.equal(["values.identity.issuer.tls.crtPEM"]);
        }
    });

    it("done: deletes the old anchor and key, the bundle holds the new anchor alone, the issuers stay", () => {
        expect(changed(done)).to.deep.equal(
            [
                "delete linkerd-trust-anchor",
                "delete linkerd-trust-anchor-key",
                ...perCluster((c) => [
                    `update linkerd-${c}-control-plane`,
                    `replace linkerd-${c}-control-plane-ready`,
                    `replace linkerd-${c}-running`,
                    `replace linkerd-${c}-proxy-restart-rollout`,
                ]),
            ].sort(),
        );
        const newPem = new crypto.X509Certificate(outputOf(done, "linkerd-trust-anchor-g1", "certPem")).toString();
        for (const cluster of CLUSTERS) {
            expect(certsOf(bundleOf(done, cluster)), cluster).to.deep.equal([newPem]);
        }
    });

    it("no phase changes a workload template: each phase's restart step restarts the meshed workloads, after the install's gates", () => {
        for (const render of [bundle, switched, done]) {
            const workloads = entries(render).filter((entry) => entry.op !== "same" && /^kubernetes:apps\/v1:/.test(entry.type));
            expect(workloads.map(nameOf)).to.deep.equal([]);
            for (const cluster of CLUSTERS) {
                const step = render.state.resources.find((entry) => entry.name === `linkerd-${cluster}-proxy-restart-rollout`);
                expect(step?.dependencies, cluster).to.include.members(
                    [`linkerd-${cluster}-control-plane-ready`, `linkerd-${cluster}-running`].map(
                        (name) => render.state.resources.find((entry) => entry.name === name)?.urn,
                    ),
                );
            }
        }
        const reason = (render: KeptRender) => entries(render).find((entry) => nameOf(entry) === "linkerd-kind-east-proxy-restart-rollout");
        expect(reason(switched)?.reason).to.equal("triggers changed");
        const listed = switched.result.report?.restarts.restarts ?? [];
        for (const cluster of CLUSTERS) {
            const step = listed
                .filter((line) => line.includes(`(linkerd-${cluster}-proxy-restart-rollout: `))
                .map((line) => line.split(" ")[0]);
            expect(step, cluster).to.deep.equal(["linkerd-identity", "linkerd-destination", "linkerd-proxy-injector"]);
        }
    });

    it("a stack without the setting has no restart step", () => {
        expect(base.state.resources.filter((entry) => entry.name.includes("proxy-restart"))).to.deep.equal([]);
    });

    it("the same phase again changes nothing", () => {
        expect(changed(again)).to.deep.equal([]);
    });

    it("the next roll (generation 2, bundle) creates anchor g2 beside g1 and leaves the issuers under g1", () => {
        const trust = changed(next).filter((line) => !/control-plane|-running|proxy-restart/.test(line));
        expect(trust).to.deep.equal(["create linkerd-trust-anchor-g2", "create linkerd-trust-anchor-g2-key"]);
        for (const cluster of CLUSTERS) {
            expect(certsOf(bundleOf(next, cluster))).to.have.length(2);
            expect(issuerSignedBy(next, cluster, "linkerd-trust-anchor-g1"), cluster).to.equal(true);
        }
    });
});

/** A real ECDSA CA certificate valid for `hours` (the engine's tls simulation, as @pulumi/tls would issue it). */
async function caPem(hours: number): Promise<string> {
    const key = privateKeyPem(generatePrivateKey("ECDSA", 2048, "P256"));
    const cert = await simulateSelfSignedCert({
        privateKeyPem: key,
        subject: { commonName: "root" },
        isCaCertificate: true,
        validityPeriodHours: hours,
    });
    return String(cert.certPem);
}

/** Runs LinkerdTrust under mocks whose anchors were issued for the given hours (by resource name); resolves its anchorPem. */
async function anchorPemWith(lifetimes: Record<string, number>, args: Omit<LinkerdTrustArgs, "clusters">): Promise<string> {
    const pems = Object.fromEntries(await Promise.all(Object.entries(lifetimes).map(async ([name, hours]) => [name, await caPem(hours)])));
    await pulumi.runtime.setMocks(
        {
            newResource: (call) => ({
                id: `${call.name}-id`,
                state: { ...call.inputs, ...(pems[call.name] ? { certPem: pems[call.name] } : {}) },
            }),
            call: (call) => call.inputs,
        },
        "multicluster",
        "anchor-lifetime",
        false,
    );
    const trust = new LinkerdTrust("t", { clusters: ["a"], ...args });
    return new Promise((resolve, reject) => {
        trust.anchorPem.apply(resolve);
        setTimeout(() => reject(new Error("anchorPem never resolved")), 5000).unref();
        process.once("unhandledRejection", reject);
    });
}

describe("rotation: Linkerd trust anchor lifetimes during a roll", () => {
    it("holds only the newest anchor to anchorValidityHours, so a roll may bring an anchor of another lifetime", async () => {
        const bundled = await anchorPemWith(
            { "t-anchor": 87600, "t-anchor-g1": 43800 },
            { anchorValidityHours: 43800, anchorRotation: { generation: 1, phase: "bundle" } },
        );
        expect(certsOf(bundled)).to.have.length(2);
        const refused = await anchorPemWith({ "t-anchor": 87600 }, { anchorValidityHours: 43800 }).then(
            () => "resolved",
            (error: Error) => error.message,
        );
        expect(refused).to.match(/anchorValidityHours = 43800 differs from the lifetime of the existing trust anchor \(87600 h/);
    });
});

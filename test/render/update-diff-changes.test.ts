import { expect } from "chai";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { derivePrivateKey } from "../../tools/engine/derived-keys";
import { podRestarts } from "../../tools/engine/diff-restarts";
import { ResourceDiff } from "../../tools/engine/diff";
import { deriveKey, derivedEntropy } from "../../tools/engine/entropy";
import { privateKeyOutputs } from "../../tools/engine/keys";
import { RecordedResource } from "../../tools/engine/recorder";
import { seeded } from "../../tools/engine/state-file";
import { DiffEntry } from "../../tools/engine/update-diff";
import { KeptRender, keptRender, projectDir, scratchProject } from "./render-fixtures";

const dev = fs.readFileSync(path.join(projectDir, "Pulumi.dev.yaml"), "utf8");

/** The dev stack file with one edit, checked to have applied. */
function edited(from: RegExp | string, to: string): string {
    const text = dev.replace(from, to);
    expect(text, `edit ${String(from)}`).to.not.equal(dev);
    return text;
}

const variants = {
    /** A chart version bump. */
    bump: `${dev}  multicluster:versions:\n    cilium: "1.20.1"\n`,
    /** A second worker in dev-west: kind creates that cluster again. */
    workers: edited(/workers: 1(\n\s+loadBalancerPools:\n\s+- 172\.18\.255\.220)/, "workers: 2$1"),
    /** dev-west removed (and the mesh, which needs two clusters). */
    removed: edited(/ {4}- name: dev-west[\s\S]*?239\n/, "").replace(/ {2}multicluster:mesh:[\s\S]*$/, ""),
};

const nameOf = (entry: DiffEntry): string => entry.urn.split("::").pop() ?? "";

describe("offline diff: changes to a stack", function () {
    this.timeout(240_000);
    const after: Partial<Record<keyof typeof variants, KeptRender>> = {};

    before(async () => {
        const base = await keptRender(scratchProject(dev), "scratch");
        for (const [name, yaml] of Object.entries(variants)) {
            after[name as keyof typeof variants] = await keptRender(scratchProject(yaml), "scratch", base);
        }
    });

    const entries = (variant: keyof typeof variants): DiffEntry[] => [...(after[variant]?.result.report?.diff.resources ?? [])];
    const entry = (variant: keyof typeof variants, name: string): DiffEntry | undefined => entries(variant).find((e) => nameOf(e) === name);

    it("a chart version bump updates the release in place, names the path, and lists the pods it restarts", () => {
        for (const cluster of ["dev-east", "dev-west"]) {
            const release = entry("bump", `cilium-${cluster}-release`);
            expect(release?.op).to.equal("update");
            expect(release?.changed).to.include("version");
            expect(release?.reason).to.equal("updated in place");
        }
        const report = after.bump?.result.report;
        // The checks that wait on the release (its status is in their triggers) run again: replaced, nothing else is.
        const replaced = entries("bump").filter((e) => e.op === "replace");
        expect(replaced.length).to.be.greaterThan(0);
        expect(replaced.filter((e) => e.type !== "command:local:Command" || e.reason !== "triggers changed").map(nameOf)).to.deep.equal([]);
        expect(report?.diff.summary.create).to.equal(0);
        expect(report?.restarts.restarts).to.include("cilium in dev-east (cilium-dev-east-release: version changed)");
        expect(after.bump?.result.files.get("diff.md")).to.match(
            /\| update \| cilium-dev-east-release \| `kubernetes:helm.sh\/v3:Release` \| [^|]*`version`/,
        );
        expect(after.bump?.result.files.get("diff.md")).to.contain("### Pods restarted");
    });

    it("diff.json has exactly the documented shape", () => {
        const json = JSON.parse(after.bump?.result.files.get("diff.json") ?? "{}") as {
            resources: DiffEntry[];
            summary: Record<string, number>;
        };
        expect(Object.keys(json)).to.deep.equal(["resources", "summary"]);
        expect(Object.keys(json.summary)).to.deep.equal(["create", "update", "replace", "delete", "same"]);
        expect(Object.values(json.summary).reduce((sum, n) => sum + n, 0)).to.equal(json.resources.length);
        for (const resource of json.resources) {
            expect(Object.keys(resource)).to.deep.equal(["urn", "type", "op", "changed", "reason"]);
            expect(["same", "create", "update", "replace", "delete"]).to.include(resource.op);
            expect(resource.changed.every((changed) => typeof changed === "string")).to.equal(true);
            expect(resource.reason).to.be.a("string").and.not.equal("");
        }
    });

    it("a re-created kind cluster replaces its resources, with the reason for each", () => {
        expect(entry("workers", "dev-west-cluster")?.op).to.equal("replace");
        expect(entry("workers", "dev-west-cluster")?.reason).to.equal(
            "triggers changed; deleteBeforeReplace (deleted before it is created again)",
        );
        expect(entry("workers", "dev-west-k8s")).to.deep.include({ op: "replace", reason: "clusterIdentifier changed" });
        expect(entry("workers", "cilium-dev-west-release")?.reason).to.match(
            /^provider clusterIdentifier changed \(dev-west-k8s is a new cluster\)/,
        );
        expect(entry("workers", "cilium-dev-east-release")?.op).to.equal("same");
        expect(after.workers?.result.report?.restarts.unknown).to.include("cluster dev-west is re-created: every pod in it is new");
    });

    it("lists a changed secret input by its path, never its value", () => {
        const report = after.workers?.result.report;
        const k8s = entry("workers", "dev-west-k8s");
        expect(k8s?.changed).to.include("kubeconfig");
        expect(report?.secrets.get(k8s?.urn ?? "")).to.deep.equal(["kubeconfig"]);
        const md = after.workers?.result.files.get("diff.md") ?? "";
        expect(md).to.contain("dev-west-k8s: `kubeconfig` (secret: value not shown)");
        expect(md).not.to.match(/apiVersion: v1|BEGIN CERTIFICATE|sealed:/);
    });

    it("a removed cluster deletes every resource of it", () => {
        const west = entries("removed").filter((e) => nameOf(e).includes("dev-west"));
        expect(west.length).to.be.greaterThan(10);
        expect(west.filter((e) => e.op !== "delete").map(nameOf)).to.deep.equal([]);
        expect(new Set(west.map((e) => e.reason))).to.deep.equal(new Set(["removed from program"]));
        expect(after.removed?.result.report?.diff.summary.delete).to.equal(entries("removed").filter((e) => e.op === "delete").length);
    });
});

describe("offline diff: pieces", () => {
    it("derives the same key from the same stream and another from another (RSA, ECDSA, Ed25519)", () => {
        const stream = (label: string) => derivedEntropy(deriveKey("seed", label));
        for (const [algorithm, bits, curve] of [
            ["RSA", 2048, ""],
            ["ECDSA", 0, "P256"],
            ["ED25519", 0, ""],
        ] as const) {
            const [a, b, c] = ["x", "x", "y"].map((label) => derivePrivateKey(algorithm, bits, curve, stream(label)));
            expect(privateKeyOutputs(a).privateKeyPem, algorithm).to.equal(privateKeyOutputs(b).privateKeyPem);
            expect(privateKeyOutputs(a).privateKeyPem, algorithm).to.not.equal(privateKeyOutputs(c).privateKeyPem);
            const signature = crypto.sign(algorithm === "ED25519" ? null : "sha256", Buffer.from("m"), a);
            expect(
                crypto.verify(algorithm === "ED25519" ? null : "sha256", Buffer.from("m"), crypto.createPublicKey(a), signature),
            ).to.equal(true);
        }
    });

    it("derives a secure config value's stand-in from the seed, the key and the ciphertext", () => {
        const [one, other] = [seeded(), seeded()];
        const auth = one.standIn("registryAuth", "v1:abc");
        expect(auth).to.match(/^simulated-[0-9a-f]{24}:[0-9a-f]{24}$/);
        expect(one.standIn("registryAuth", "v1:abc"), "same seed, key and ciphertext").to.equal(auth);
        expect(one.standIn("registryAuth", "v1:abd"), "a changed ciphertext").to.not.equal(auth);
        expect(other.standIn("registryAuth", "v1:abc"), "another seed").to.not.equal(auth);
        expect(seeded(one.seed).standIn("sshPrivateKey", "v1:k")).to.equal(one.standIn("sshPrivateKey", "v1:k")).and.contain("PRIVATE KEY");
    });

    it("lists a workload whose pod template changes, with namespace, kind, cluster and paths", () => {
        const provider = {
            urn: "urn:pulumi:s::p::pulumi:providers:kubernetes::east-k8s",
            type: "pulumi:providers:kubernetes",
            inputs: { clusterIdentifier: "east@1" },
            provider: null,
        };
        const deployment = {
            urn: "urn:pulumi:s::p::kubernetes:apps/v1:Deployment::web",
            type: "kubernetes:apps/v1:Deployment",
            name: "web",
            provider: provider.urn,
            inputs: { metadata: { name: "web", namespace: "shop" } },
        };
        const change = (paths: string[]): ResourceDiff => ({
            ...deployment,
            action: "update",
            paths,
            after: deployment as unknown as RecordedResource,
        });
        const records = [provider, deployment] as unknown as RecordedResource[];
        expect(podRestarts([change(["spec.template.spec.containers"])], records).restarts).to.deep.equal([
            "shop/web (Deployment) in east because spec.template.spec.containers changed",
        ]);
        expect(podRestarts([change(["spec.replicas"])], records).restarts).to.deep.equal([]);
    });
});

// Acceptance of issuer rotation on linkerd-kind, with the offline diff: issuers replaced, anchor unchanged, no meshed pod restarted.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { DiffEntry } from "../../tools/engine/update-diff";
import { KeptRender, keptRender, projectDir, scratchProject } from "../render/render-fixtures";

const stackFile = fs.readFileSync(path.join(projectDir, "Pulumi.linkerd-kind.yaml"), "utf8");

/** The linkerd-kind stack file with `mesh.rotation.issuers` set. */
function withIssuers(generation: number): string {
    const text = stackFile.replace(/(\n {4}demo: true\n)/, `$1    rotation:\n      issuers: ${generation}\n`);
    expect(text, "rotation edit").to.not.equal(stackFile);
    return text;
}

const nameOf = (entry: DiffEntry): string => entry.urn.split("::").pop() ?? "";

describe("rotation: Linkerd issuers on linkerd-kind (offline diff)", function () {
    this.timeout(300_000);
    let base: KeptRender;
    let explicitZero: KeptRender;
    let bumped: KeptRender;
    let again: KeptRender;

    before(async () => {
        base = await keptRender(scratchProject(stackFile), "scratch");
        explicitZero = await keptRender(scratchProject(withIssuers(0)), "scratch", base);
        bumped = await keptRender(scratchProject(withIssuers(1)), "scratch", explicitZero);
        again = await keptRender(scratchProject(withIssuers(1)), "scratch", bumped);
    });

    const entries = (render: KeptRender): DiffEntry[] => [...(render.result.report?.diff.resources ?? [])];
    const changed = (render: KeptRender): DiffEntry[] => entries(render).filter((entry) => entry.op !== "same");

    it("generation 0 written out changes nothing", () => {
        expect(changed(explicitZero).map(nameOf)).to.deep.equal([]);
    });

    it("a bump replaces each cluster's issuer key, request and certificate, and nothing else of the trust", () => {
        const replaced = changed(bumped).filter((entry) => entry.op === "replace");
        const tls = replaced
            .filter((entry) => entry.type.startsWith("tls:"))
            .map(nameOf)
            .sort();
        const expected = ["kind-east", "kind-west"].flatMap((c) => [
            `linkerd-trust-${c}-issuer`,
            `linkerd-trust-${c}-issuer-csr`,
            `linkerd-trust-${c}-issuer-key`,
        ]);
        expect(tls).to.deep.equal(expected.sort());
        const key = replaced.find((entry) => nameOf(entry) === "linkerd-trust-kind-east-issuer-key");
        expect(key?.reason).to.equal("replacementTrigger changed (0 → 1)");
        for (const anchor of ["linkerd-trust-anchor", "linkerd-trust-anchor-key"]) {
            expect(entries(bumped).find((entry) => nameOf(entry) === anchor)?.op, anchor).to.equal("same");
        }
        expect(bumped.result.report?.diff.summary.create).to.equal(0);
        expect(bumped.result.report?.diff.summary.delete).to.equal(0);
    });

    it("the control planes take the new issuer by an in-place release update; the anchor value is unchanged", () => {
        for (const cluster of ["kind-east", "kind-west"]) {
            const release = entries(bumped).find(
                (entry) => entry.type === "kubernetes:helm.sh/v3:Release" && nameOf(entry) === `linkerd-${cluster}-control-plane`,
            );
            expect(release?.op, `${cluster} control plane`).to.equal("update");
            expect(release?.changed).to.include.members(["values.identity.issuer.tls.crtPEM", "values.identity.issuer.tls.keyPEM"]);
            expect(release?.changed.some((p) => p.includes("identityTrustAnchorsPEM"))).to.equal(false);
        }
        const anchorUsers = changed(bumped).filter((entry) => entry.changed.some((p) => p.includes("identityTrustAnchorsPEM")));
        expect(anchorUsers.map(nameOf)).to.deep.equal([]);
    });

    it("no Deployment, DaemonSet or StatefulSet template changes, and no meshed workload restarts", () => {
        const workloads = changed(bumped).filter((entry) => /^kubernetes:apps\/v1:/.test(entry.type));
        expect(workloads.map(nameOf)).to.deep.equal([]);
        const restarts = bumped.result.report?.restarts.restarts ?? [];
        expect(restarts, restarts.join("\n")).to.deep.equal([]);
        expect(bumped.result.report?.restarts.unknown ?? []).to.deep.equal([]);
    });

    it("the whole blast radius: 6 tls resources replaced, 2 releases updated, the 4 gates that vouch for them run again", () => {
        const summary = changed(bumped).map((entry) => `${entry.op} ${nameOf(entry)}`);
        const perCluster = (c: string) => [
            `replace linkerd-trust-${c}-issuer-key`,
            `replace linkerd-trust-${c}-issuer-csr`,
            `replace linkerd-trust-${c}-issuer`,
            `update linkerd-${c}-control-plane`,
            `replace linkerd-${c}-control-plane-ready`,
            `replace linkerd-${c}-running`,
        ];
        expect([...summary].sort()).to.deep.equal([...perCluster("kind-east"), ...perCluster("kind-west")].sort());
    });

    it("the same generation again changes nothing", () => {
        expect(changed(again).map(nameOf)).to.deep.equal([]);
    });
});

// The offline diff of a kind node image change on the dev stack: each kind cluster is re-created delete-first, gets a new
// incarnation, and everything its provider manages is created again; nothing outside the clusters moves.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { DiffEntry } from "../../tools/engine/update-diff";
import { KeptRender, keptRender, projectDir, scratchProject } from "../render/render-fixtures";

const dev = fs.readFileSync(path.join(projectDir, "Pulumi.dev.yaml"), "utf8");
const NEXT_IMAGE = `kindest/node:v1.36.2@sha256:${"b".repeat(64)}`;
/** The dev stack with `versions.kindNodeImage` set. */
const withImage = (image: string): string => `${dev.replace(/\n*$/, "\n")}  multicluster:versions:\n    kindNodeImage: "${image}"\n`;
const nameOf = (entry: DiffEntry): string => entry.urn.split("::").pop() ?? "";

describe("offline diff: a kind node image change re-creates the kind clusters (dev)", function () {
    this.timeout(300_000);
    let base: KeptRender;
    let bumped: KeptRender;

    before(async () => {
        expect(dev).not.to.contain("multicluster:versions:");
        base = await keptRender(scratchProject(dev), "scratch");
        bumped = await keptRender(scratchProject(withImage(NEXT_IMAGE)), "scratch", base);
    });

    const entries = (): readonly DiffEntry[] => bumped.result.report?.diff.resources ?? [];
    const entry = (name: string): DiffEntry | undefined => entries().find((found) => nameOf(found) === name);

    it("replaces each cluster's create step delete-first because its triggers (the kind config with the image) changed", () => {
        for (const cluster of ["dev-east", "dev-west"]) {
            const create = entry(`${cluster}-cluster`);
            expect(create?.op, `${cluster}-cluster`).to.equal("replace");
            expect(create?.reason).to.match(/triggers changed/);
            expect(create?.reason).to.match(/deleteBeforeReplace/);
            expect(entry(`${cluster}-kubeconfig`)?.op, `${cluster}-kubeconfig`).to.equal("replace");
            expect(entry(`${cluster}-k8s`)?.op, `${cluster}-k8s (clusterIdentifier = the new incarnation)`).to.equal("replace");
        }
    });

    it("creates everything in the clusters again: every resource a cluster's provider manages is replaced", () => {
        const providers = new Set(["dev-east-k8s", "dev-west-k8s"]);
        const inCluster = bumped.result.run.records.filter((record) => {
            const provider = record.provider?.split("::").pop();
            return provider !== undefined && providers.has(provider);
        });
        expect(inCluster.length).to.be.greaterThan(10);
        const notReplaced = inCluster.map((record) => record.name).filter((name) => entry(name)?.op !== "replace");
        expect(notReplaced, "in-cluster resources left in place").to.deep.equal([]);
    });

    it("changes nothing that lives outside the clusters (the shared CA stays, so the mesh keeps its trust)", () => {
        const outside = entries().filter(
            (found) => found.type.startsWith("tls:") || found.type.startsWith("random:") || found.type === "pulumi:pulumi:Stack",
        );
        expect(outside.length).to.be.greaterThan(0);
        expect(outside.filter((found) => found.op !== "same" && found.op !== "update").map(nameOf)).to.deep.equal([]);
        expect(outside.filter((found) => found.type.startsWith("tls:")).every((found) => found.op === "same")).to.equal(true);
    });

    it("the same image again changes nothing", async () => {
        const again = await keptRender(scratchProject(withImage(NEXT_IMAGE)), "scratch", bumped);
        const moved = (again.result.report?.diff.resources ?? []).filter((found) => found.op !== "same").map(nameOf);
        expect(moved).to.deep.equal([]);
    });
});

import { expect } from "chai";
import * as path from "path";
import { StackConfig } from "../../stacks/config/types";
import { cniLayer, layers, selectedRow } from "../../stacks/layers";
import { wireLayers } from "../../stacks/program";
import { RecordedResource } from "../../tools/engine/recorder";
import { runProgram } from "../../tools/engine/run";
import { listStacks, readStackFiles } from "../../tools/engine/stack-files";
import { fakeClustersOf, loadStackFile } from "../fixtures/cilium-clusters";
import { recordProgram } from "../mocks";

const projectDir = path.resolve(__dirname, "..", "..");
const RELEASE = "kubernetes:helm.sh/v3:Release";

/** The dev stack with another CNI and no mesh, the rest of the layers following the CNI. */
function devWithCni(kind: StackConfig["cni"]["kind"]): StackConfig {
    const dev = loadStackFile("dev");
    const cni = kind === "cilium" ? dev.cni : kind === "none" ? { kind } : { kind, trafficEncapMode: "encap" as const };
    return { ...dev, cni: cni as StackConfig["cni"], loadBalancer: { kind: "none" }, mesh: { kind: "none" }, ingress: { kind: "none" } };
}

/** Runs a stack's real program (provisioners included) with its config, optionally replacing config keys. */
async function runStackFile(stack: string, overrides: Record<string, unknown> = {}): Promise<readonly RecordedResource[]> {
    const files = readStackFiles(projectDir, stack);
    const config = { ...files.config };
    for (const [key, value] of Object.entries(overrides)) {
        config[`multicluster:${key}`] = JSON.stringify(value);
    }
    // An override of undefined removes the key (a secret nothing reads any more is refused as unused).
    Object.keys(overrides)
        .filter((key) => overrides[key] === undefined)
        .forEach((key) => delete config[`multicluster:${key}`]);
    const secretKeys = files.secretKeys.filter((key) => key in config);
    const result = await runProgram({
        ...files,
        config,
        secretKeys,
        program: () => require(path.join(projectDir, "stacks")).runStack(),
    });
    expect(result.error, String(result.error)).to.equal(undefined);
    return result.records;
}

describe("layer table", () => {
    it("walks provision → cni → load balancer → multicluster → ingress → apps", () => {
        expect(layers.map((layer) => layer.name)).to.deep.equal(["cni", "loadBalancer", "multicluster", "ingress", "apps"]);
    });

    for (const kind of Object.keys(cniLayer.rows) as StackConfig["cni"]["kind"][]) {
        it(`cni ${kind} with mesh none installs ${kind === "none" ? "nothing" : "its CNI in every cluster"}`, async () => {
            const config = devWithCni(kind);
            let outputs: Record<string, unknown> = {};
            const graph = await recordProgram(() => {
                outputs = wireLayers(config, { byKey: {} }, fakeClustersOf(config));
                return outputs;
            });
            expect(graph.error, String(graph.error)).to.equal(undefined);
            expect(JSON.stringify(outputs), "no layer is left pending").not.to.contain("not wired yet");
            const providers = new Set(graph.ofType(RELEASE).map((release) => release.provider));
            expect(providers.size, "a Helm release in each cluster").to.equal(kind === "none" ? 0 : config.clusters.length);
            expect(selectedRow(cniLayer, config).title).to.be.a("string");
        });
    }
});

describe("stable URNs", () => {
    for (const stack of listStacks(projectDir)) {
        it(`Pulumi.${stack}.yaml: every resource keeps its URN when the mesh is switched off`, async function () {
            this.timeout(120_000);
            const meshed = new Set((await runStackFile(stack)).map((record) => record.urn));
            // Pins and secrets of what only the mesh installs are refused as unused once it is off (versions.contrail, contrailRegistryAuth).
            const alone = await runStackFile(stack, {
                mesh: { kind: "none" },
                ...(stack === "contrail-lab" ? { versions: {}, contrailRegistryAuth: undefined } : {}),
            });
            const moved = alone.map((record) => record.urn).filter((urn) => !meshed.has(urn));
            expect(moved, "URNs that exist only without the mesh (they would be re-created when the mesh is switched)").to.deep.equal([]);
        });
    }
});

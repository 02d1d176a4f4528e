import { expect } from "chai";
import * as path from "path";
import { parseStackConfig } from "../../stacks/validate";
import { wireLayers } from "../../stacks/program";
import { measure } from "../../tools/bench/measure";
import { defaultModel } from "../../tools/bench/model";
import { RecordedResource } from "../../tools/engine/recorder";
import { runProgram } from "../../tools/engine/run";
import { unwrapSecrets } from "../../tools/engine/secret-values";
import { readStackFiles } from "../../tools/engine/stack-files";
import { SimulationState } from "../../tools/engine/state";
import { antreaClustersOf, clusterOfRecord, memberOfRecord } from "./graph";

/** A ClusterSet of kind clusters c1..cn, leader c1 (dual-role unless `dedicated`). */
function clusterSetConfig(n: number, dedicated: boolean) {
    const clusters = Array.from({ length: n }, (_, i) => ({
        name: `c${i + 1}`,
        provisioner: "kind",
        podCidr: `10.${i + 1}.0.0/16`,
        serviceCidr: `10.${100 + i}.0.0/16`,
    }));
    const members = clusters.map((cluster) => cluster.name).filter((name) => !dedicated || name !== "c1");
    return parseStackConfig({
        project: "multicluster",
        stack: "test",
        secretKeys: [],
        values: {
            clusters,
            cni: { kind: "antrea" },
            mesh: { kind: "antrea-multicluster", clusterSetId: "cs", leader: "c1", members, podToPod: true, demo: true },
        },
    });
}

async function run(n: number, dedicated: boolean, state: SimulationState): Promise<RecordedResource[]> {
    const config = clusterSetConfig(n, dedicated);
    const result = await runProgram({
        project: "multicluster",
        stack: "test",
        config: {},
        secretKeys: [],
        simulation: { state },
        program: () => wireLayers(config, { byKey: {} }, antreaClustersOf(config)),
    });
    expect(result.error, String(result.error)).to.equal(undefined);
    return [...result.records];
}

describe("antrea ClusterSet blast radius and schedule", () => {
    for (const [n, dedicated] of [
        [3, false],
        [4, true],
    ] as const) {
        it(`adding a member to ${n} clusters (${dedicated ? "dedicated" : "dual-role"} leader) adds only its resources and its access on the leader, changing nothing else`, async () => {
            const state = new SimulationState();
            const before = await run(n, dedicated, state);
            const after = await run(n + 1, dedicated, state);
            const added = `c${n + 1}`;
            const clusters = Array.from({ length: n + 1 }, (_, i) => `c${i + 1}`);
            const afterByUrn = new Map(after.map((record) => [record.urn, record]));
            const plain = (record: RecordedResource) => JSON.stringify(unwrapSecrets(record.inputs));
            const changed = before.filter(
                (record) => record.custom && afterByUrn.has(record.urn) && plain(record) !== plain(afterByUrn.get(record.urn)!),
            );
            // Only the checks that vouch for the new member change: each existing member's peers gate must now see it too.
            const peerChecks = clusters
                .slice(0, n)
                .filter((name) => !dedicated || name !== "c1")
                .map((name) => `antrea-clusterset-member-${name}-peers-check`);
            expect(
                changed.map((record) => record.name),
                "existing resources whose inputs change",
            ).to.deep.equal(peerChecks);
            expect(
                before.filter((record) => !afterByUrn.has(record.urn)).map((record) => record.name),
                "resources removed or renamed",
            ).to.deep.equal([]);
            const beforeUrns = new Set(before.map((record) => record.urn));
            const fresh = after.filter((record) => !beforeUrns.has(record.urn));
            const foreign = fresh.filter(
                (record) => memberOfRecord(record, clusters, "c1") !== added && clusterOfRecord(record, clusters) !== added,
            );
            expect(
                foreign.map((record) => record.name),
                "new resources that are not the new member's",
            ).to.deep.equal([]);
            const onLeader = fresh
                .filter((record) => record.name.startsWith(`antrea-clusterset-access-${added}-`))
                .map((record) => record.name)
                .sort();
            expect(onLeader).to.deep.equal(
                ["account", "binding", "health", "leave", "token"].map((role) => `antrea-clusterset-access-${added}-${role}`),
            );
            expect(fresh.filter((record) => record.custom).length).to.be.greaterThan(15);
        });
    }

    it("finishes seed 000's stack in its critical path: clusters and members in parallel, far below the by-hand order", async function () {
        this.timeout(120000);
        const files = readStackFiles(path.resolve(__dirname, "..", ".."), "antrea-lab");
        const result = await measure({
            stack: "antrea-lab",
            config: files.config,
            secretKeys: files.secretKeys,
            model: defaultModel,
            clock: "virtual",
        });
        expect(result.makespanSeconds).to.be.closeTo(result.criticalPathSeconds, result.criticalPathSeconds * 0.05);
        expect(result.makespanSeconds).to.be.lessThan(result.sequentialSeconds / 4);
        expect(result.chain.some((name) => name.startsWith("antrea-clusterset-"))).to.equal(true);
    });
});

import { expect } from "chai";
import { RecordedResource } from "../../tools/engine/recorder";
import { runProgram } from "../../tools/engine/run";
import { SimulationState } from "../../tools/engine/state";
import { unwrapSecrets } from "../../tools/engine/secret-values";
import { fakeClusterSpecs, meshProgram, nameOf } from "../fixtures/cilium-clusters";

/**
 * Runs the mesh over `specs`, reusing `state` as a real `pulumi up` reuses its state: a resource whose
 * type, name and inputs are unchanged keeps its outputs (the CA and every certificate stay the same).
 */
async function run(specs: ReturnType<typeof fakeClusterSpecs>, state: SimulationState): Promise<RecordedResource[]> {
    const result = await runProgram({
        project: "multicluster",
        stack: "test",
        config: {},
        secretKeys: [],
        program: meshProgram(specs),
        simulation: { state },
    });
    expect(result.error).to.equal(undefined);
    return [...result.records];
}

const plain = (record: RecordedResource): Record<string, any> => unwrapSecrets(record.inputs) as Record<string, any>;

/** Top-level input keys (and, for Releases, value paths) that differ between two registrations. */
function changedKeys(before: RecordedResource, after: RecordedResource): string[] {
    const a = plain(before);
    const b = plain(after);
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
    if (before.type !== "kubernetes:helm.sh/v3:Release" || !keys.includes("values")) {
        return keys;
    }
    const paths = (value: unknown, prefix: string): string[] =>
        value !== null && typeof value === "object" && !Array.isArray(value)
            ? Object.entries(value).flatMap(([key, child]) => paths(child, `${prefix}.${key}`))
            : [prefix];
    const all = [...new Set([...paths(a.values, "values"), ...paths(b.values, "values")])];
    const at = (root: unknown, path: string) =>
        path
            .split(".")
            .slice(1)
            .reduce<any>((node, key) => node?.[key], root);
    const changed = all.filter((path) => JSON.stringify(at(a.values, path)) !== JSON.stringify(at(b.values, path)));
    return [...keys.filter((key) => key !== "values"), ...changed];
}

describe("CiliumClusterMesh blast radius", () => {
    for (const n of [2, 4]) {
        it(`adding a cluster to ${n} adds only its resources plus one values update and one wait and gate re-run per existing cluster, and its record entries`, async () => {
            const state = new SimulationState();
            const before = await run(fakeClusterSpecs(n), state);
            const after = await run(fakeClusterSpecs(n + 1), state);
            const added = `c${n + 1}`;
            const afterByUrn = new Map(after.map((record) => [record.urn, record]));

            const missing = before.filter((record) => !afterByUrn.has(record.urn)).map((record) => record.urn);
            expect(missing, "resources renamed or removed").to.deep.equal([]);
            const beforeUrns = new Set(before.map((record) => record.urn));
            const foreignNew = after
                .filter((record) => !beforeUrns.has(record.urn))
                .map((record) => nameOf(record.urn))
                .filter((name) => !name.startsWith(added) && !name.startsWith(`mesh-${added}`) && !name.startsWith(`mesh-lb-${added}`));
            expect(foreignNew, "new resources that are not the new cluster's").to.deep.equal([]);

            const changes = before
                .filter((record) => record.custom)
                .map((record) => ({ name: record.name, keys: changedKeys(record, afterByUrn.get(record.urn)!) }))
                .filter((change) => change.keys.length > 0);
            // Plus the mesh's settings record (a state-only entry for the new member's name and ID).
            const expected = [
                { name: "mesh-settings", keys: ["settings"] },
                ...Array.from({ length: n }, (_, i) => `c${i + 1}`).flatMap((cluster) => [
                    {
                        name: `mesh-${cluster}-release`,
                        keys: [`values.clustermesh.config.clusters.${added}.ips`, `values.clustermesh.config.clusters.${added}.port`],
                    },
                    { name: `mesh-${cluster}-running`, keys: ["triggers"] },
                    { name: `mesh-${cluster}-health`, keys: ["create", "triggers"] },
                ]),
            ];
            expect(changes).to.have.deep.members(expected);
        });
    }

    it("keeps every name and input when the members are listed in another order", async () => {
        const state = new SimulationState();
        const specs = fakeClusterSpecs(3);
        const before = await run(specs, state);
        const after = await run([specs[2], specs[0], specs[1]], state);
        const afterByUrn = new Map(after.map((record) => [record.urn, record]));
        expect(after.map((record) => record.urn)).to.have.members(before.map((record) => record.urn));
        const changed = before
            .filter((record) => record.custom)
            .filter((record) => changedKeys(record, afterByUrn.get(record.urn)!).length > 0)
            .map((record) => record.name);
        expect(changed).to.deep.equal([]);
    });
});

import { expect } from "chai";
import { RecordedResource } from "../../tools/engine/recorder";
import { runProgram } from "../../tools/engine/run";
import { unwrapSecrets } from "../../tools/engine/secret-values";
import { SimulationState } from "../../tools/engine/state";
import { contrailProgram, contrailValues, parseContrail } from "./fixtures";

/** Runs a contrail stack over cluster numbers (the first central), reusing `state` as `pulumi up` reuses its state. */
async function run(numbers: readonly number[], state: SimulationState): Promise<RecordedResource[]> {
    const result = await runProgram({
        project: "multicluster",
        stack: "test",
        config: {},
        secretKeys: [],
        program: contrailProgram(parseContrail(contrailValues(numbers))),
        simulation: { state },
    });
    expect(result.error, String(result.error)).to.equal(undefined);
    return [...result.records];
}

const nameOf = (urn: string): string => urn.slice(urn.lastIndexOf("::") + 2);

/** Names of custom resources present in both runs whose inputs differ. */
function changed(before: readonly RecordedResource[], after: readonly RecordedResource[]): string[] {
    const afterByUrn = new Map(after.map((record) => [record.urn, record]));
    return before
        .filter((record) => record.custom && afterByUrn.has(record.urn))
        .filter(
            (record) => JSON.stringify(unwrapSecrets(record.inputs)) !== JSON.stringify(unwrapSecrets(afterByUrn.get(record.urn)!.inputs)),
        )
        .map((record) => record.name);
}

/** URNs of one run that the other lacks. */
const missingFrom = (from: readonly RecordedResource[], other: readonly RecordedResource[]): string[] => {
    const urns = new Set(other.map((record) => record.urn));
    return from.filter((record) => !urns.has(record.urn)).map((record) => nameOf(record.urn));
};

describe("ContrailMulticluster blast radius", () => {
    it("adding a distributed cluster adds only its own resources and changes nothing that exists", async () => {
        const state = new SimulationState();
        const before = await run([1, 2, 3], state);
        const after = await run([1, 2, 3, 4], state);
        expect(missingFrom(before, after), "removed or renamed").to.deep.equal([]);
        const added = missingFrom(after, before);
        expect(
            added.filter((name) => !name.startsWith("contrail-c4-") && !name.startsWith("c4")),
            "new resources that are not c4's",
        ).to.deep.equal([]);
        expect(added).to.include.members([
            "contrail-c4-kubemanager",
            "contrail-c4-deployer",
            "contrail-c4-central-access-token",
            "contrail-c4-workload-kubeconfig",
        ]);
        expect(changed(before, after)).to.deep.equal([]);
    });

    it("removing a distributed cluster from the middle removes only its resources; the others keep their numbers", async () => {
        const state = new SimulationState();
        const before = await run([1, 2, 3, 4], state);
        const after = await run([1, 2, 4], state);
        expect(missingFrom(after, before), "new resources").to.deep.equal([]);
        expect(missingFrom(before, after).filter((name) => !name.startsWith("contrail-c3-") && !name.startsWith("c3"))).to.deep.equal([]);
        expect(changed(before, after)).to.deep.equal([]);
    });
});

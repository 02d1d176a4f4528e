import { expect } from "chai";
import { AllocationRequest, allocateKubemanagers, allocationIssues, slotFromStackId } from "../../components/contrail/allocation";
import { contrailAllocationRequests, contrailMeshOf } from "../../stacks/areas/contrail/validate";
import { expectGolden } from "../golden";
import { contrailValues, parseContrail } from "./fixtures";

/** The Kubemanager numbers of a contrail stack over cluster numbers (the first is central), by cluster. */
function stackTable(numbers: readonly number[]): Record<string, [number, number]> {
    const config = parseContrail(contrailValues(numbers));
    const mesh = contrailMeshOf(config);
    if (!mesh) {
        throw new Error("not a contrail stack");
    }
    return Object.fromEntries(
        allocateKubemanagers(contrailAllocationRequests(config, mesh)).map((allocation) => [
            allocation.cluster,
            [allocation.listenerPort, allocation.constantRouteTargetNumber],
        ]),
    );
}

const request = (cluster: string, extra: Partial<AllocationRequest> = {}): AllocationRequest => ({
    cluster,
    path: `distributed.${cluster}`,
    ...extra,
});

describe("Kubemanager allocation", () => {
    it("gives 1, 2 and 5 distributed clusters 19446/7699 and then +1/+100 each (stack IDs 1 = central, 2, 3, ...)", () => {
        expect(stackTable([1, 2])).to.deep.equal({ c2: [19446, 7699] });
        expect(stackTable([1, 2, 3])).to.deep.equal({ c2: [19446, 7699], c3: [19447, 7799] });
        expect(stackTable([1, 2, 3, 4, 5, 6])).to.deep.equal({
            c2: [19446, 7699],
            c3: [19447, 7799],
            c4: [19448, 7899],
            c5: [19449, 7999],
            c6: [19450, 8099],
        });
    });

    it("keeps everyone's numbers when a cluster is removed from the middle of the list", () => {
        const before = stackTable([1, 2, 3, 4, 5, 6]);
        const after = stackTable([1, 2, 3, 5, 6]);
        const { c4: removed, ...rest } = before;
        expect(removed).to.deep.equal([19448, 7899]);
        expect(after).to.deep.equal(rest);
    });

    it("keeps everyone's numbers when a cluster is added in the middle of the list (with the next free ID)", () => {
        const before = stackTable([1, 2, 3, 4]);
        const after = stackTable([1, 2, 5, 3, 4]);
        expect(after).to.deep.equal({ ...before, c5: [19449, 7999] });
    });

    it("does not depend on where the central cluster sits in the numbering", () => {
        expect(stackTable([3, 1, 2, 4])).to.deep.equal({ c1: [19446, 7699], c2: [19447, 7799], c4: [19448, 7899] });
        expect([1, 2, 4, 5].map((id) => slotFromStackId(id, 3))).to.deep.equal([0, 1, 2, 3]);
    });

    it("gives unpinned entries the lowest slot no pinned entry and no earlier entry holds", () => {
        const allocations = allocateKubemanagers([request("a"), request("b", { slot: 0 }), request("c"), request("d", { slot: 2 })]);
        expect(allocations.map((allocation) => [allocation.cluster, allocation.slot])).to.deep.equal([
            ["a", 1],
            ["b", 0],
            ["c", 3],
            ["d", 2],
        ]);
    });

    it("keeps pinned slots when an entry is removed from the middle, and shifts only unpinned later ones", () => {
        const pinned = ["a", "b", "c", "d", "e"].map((cluster, slot) => request(cluster, { slot }));
        const without = allocateKubemanagers(pinned.filter((entry) => entry.cluster !== "c"));
        expect(without.map((allocation) => allocation.listenerPort)).to.deep.equal([19446, 19447, 19449, 19450]);
        const unpinned = allocateKubemanagers(["a", "b", "d", "e"].map((cluster) => request(cluster)));
        expect(unpinned.map((allocation) => allocation.listenerPort)).to.deep.equal([19446, 19447, 19448, 19449]);
    });

    it("lets explicit numbers win and reports two Kubemanagers sharing one, naming both", () => {
        const requests = [request("a"), request("b", { listenerPort: 19446, constantRouteTargetNumber: 9000 })];
        const allocations = allocateKubemanagers(requests);
        expect(allocations[1]).to.deep.include({ listenerPort: 19446, constantRouteTargetNumber: 9000 });
        expect(allocationIssues(requests, allocations).map((found) => found.message)).to.deep.equal([
            "distributed.b.listenerPort = 19446 is also the listenerPort of a's Kubemanager (distributed.a); fix: give every distributed cluster its own listenerPort (set it explicitly, or change the cluster's slot).",
        ]);
    });

    it("renders the allocation table for review (golden)", () => {
        const rows = [1, 2, 5].flatMap((n) => {
            const numbers = Array.from({ length: n + 1 }, (_, i) => i + 1);
            return Object.entries(stackTable(numbers)).map(([cluster, [port, target]]) => `| ${n} | ${cluster} | ${port} | ${target} |`);
        });
        const removal = Object.entries(stackTable([1, 2, 3, 5, 6])).map(
            ([cluster, [port, target]]) => `| 5 − c4 | ${cluster} | ${port} | ${target} |`,
        );
        const table = [
            "| distributed clusters | cluster | listenerPort | constantRouteTargetNumber |",
            "|---|---|---|---|",
            ...rows,
            ...removal,
            "",
        ].join("\n");
        expectGolden("contrail/allocation-table.md", table);
    });
});

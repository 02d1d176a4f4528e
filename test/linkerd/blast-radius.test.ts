import { expect } from "chai";
import { RecordedResource } from "../../tools/engine/recorder";
import { SimulationState } from "../../tools/engine/state";
import { linkerdValues, parseValues, plainInputs, runLayersWithState } from "./helpers";

/** The logical name in a URN. */
const nameOf = (urn: string): string => urn.slice(urn.lastIndexOf("::") + 2);

/** Top-level input keys (and, inside Helm values, leaf paths; arrays are leaves) that differ between two registrations. */
function changedKeys(before: RecordedResource, after: RecordedResource): string[] {
    const [a, b] = [plainInputs(before), plainInputs(after)];
    const differs = (x: unknown, y: unknown) => JSON.stringify(x) !== JSON.stringify(y);
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => differs(a[key], b[key]));
    if (!keys.includes("values")) {
        return keys;
    }
    const leaves = (value: unknown, prefix: string): string[] =>
        value !== null && typeof value === "object" && !Array.isArray(value)
            ? Object.entries(value).flatMap(([key, child]) => leaves(child, `${prefix}.${key}`))
            : [prefix];
    const at = (root: unknown, path: string) =>
        path
            .split(".")
            .slice(1)
            .reduce<any>((node, key) => node?.[key], root);
    const paths = [...new Set([...leaves(a.values, "values"), ...leaves(b.values, "values")])].filter((path) =>
        differs(at(a.values, path), at(b.values, path)),
    );
    return [...keys.filter((key) => key !== "values"), ...paths];
}

describe("Linkerd multicluster blast radius", () => {
    it("adding a third cluster adds only its resources and links, plus one controller and one split backend per existing cluster", async () => {
        const state = new SimulationState();
        const before = await runLayersWithState(parseValues(linkerdValues(2)), state);
        const after = await runLayersWithState(parseValues(linkerdValues(3)), state);
        const afterByUrn = new Map(after.map((record) => [record.urn, record]));

        expect(
            before.filter((record) => !afterByUrn.has(record.urn)).map((record) => record.urn),
            "renamed or removed",
        ).to.deep.equal([]);
        const beforeUrns = new Set(before.map((record) => record.urn));
        const added = after.filter((record) => !beforeUrns.has(record.urn)).map((record) => nameOf(record.urn));
        expect(
            added.filter((name) => !name.includes("c3")),
            "new resources that are not the new cluster's",
        ).to.deep.equal([]);
        expect(added).to.include.members([
            "linkerd-c3",
            "metallb-c3",
            "ingress-c3",
            "demo-c3",
            "linkerd-trust-c3-issuer",
            "link-c1-to-c3",
            "link-c2-to-c3",
            "link-c3-to-c1",
            "link-c3-to-c2",
        ]);

        const changes = before
            .filter((record) => record.custom)
            .map((record) => ({ name: record.name, keys: changedKeys(record, afterByUrn.get(record.urn)!) }))
            .filter((change) => change.keys.length > 0);
        expect(changes).to.have.deep.members(
            ["c1", "c2"].flatMap((cluster) => [
                { name: `linkerd-${cluster}-multicluster`, keys: ["values.controllers"] },
                { name: `linkerd-${cluster}-running`, keys: ["triggers"] },
                { name: `demo-${cluster}-split`, keys: ["spec"] },
                { name: `demo-${cluster}-proof-requests`, keys: ["create", "triggers"] },
            ]),
        );
        const untouched = [
            "linkerd-trust-anchor",
            "link-c1-to-c2-link",
            "link-c1-to-c2-health",
            "metallb-c1-release",
            "ingress-c1-release",
            "linkerd-c1-control-plane",
        ];
        for (const name of untouched) {
            expect(
                changes.map((change) => change.name),
                name,
            ).to.not.include(name);
        }
    });
});

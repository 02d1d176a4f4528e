// The one escape-hatch check of owned values: which leaves override or replace what the project renders.
import { expect } from "chai";
import { OwnedValue, ownedKeys, ownedValueIssues } from "../../components/shared/owned-values";

const OWNED: readonly OwnedValue[] = [
    { key: "cluster.name", setting: "clusters[].name" },
    { key: "ipam.*", setting: "podCidr" },
    { key: 'service.annotations["lbipam.cilium.io/ips"]', setting: "ingress.ips" },
];

const messages = (values: Record<string, unknown>) => ownedValueIssues(values, OWNED, "cni.values").map((found) => found.message);

describe("owned values of an escape hatch", () => {
    it("reads dotted keys, quoted keys and a subtree mark", () => {
        expect(ownedKeys("a.b.*")).to.deep.equal(["a", "b"]);
        expect(ownedKeys('a.annotations["x.io/y"]')).to.deep.equal(["a", "annotations", "x.io/y"]);
    });

    it("refuses a leaf at, or under, an owned value", () => {
        expect(messages({ cluster: { name: "x" }, ipam: { operator: { pool: [] } } })).to.deep.equal([
            'cni.values.cluster.name = "x" overrides a value the project sets from clusters[].name; fix: use clusters[].name instead, and remove cluster.name from cni.values.',
            "cni.values.ipam.operator.pool = [] overrides a value the project sets from podCidr; fix: use podCidr instead, and remove ipam.operator.pool from cni.values.",
        ]);
    });

    it("refuses a key holding dots only where the owned path quotes it", () => {
        expect(messages({ service: { annotations: { "lbipam.cilium.io/ips": "10.0.0.1", "other.io/x": "y" } } })).to.have.length(1);
        expect(messages({ "cluster.name": "x" })).to.deep.equal([]);
    });

    it("refuses a scalar that replaces a map holding owned values, not an empty map that merges to nothing", () => {
        expect(messages({ cluster: "east" })).to.deep.equal([
            'cni.values.cluster = "east" replaces cluster.name, which the project sets from clusters[].name; fix: use clusters[].name instead, and remove cluster from cni.values.',
        ]);
        expect(messages({ cluster: {} })).to.deep.equal([]);
    });

    it("leaves out leaves already reported and takes an area's own words", () => {
        const reported = [{ path: "v.cluster", message: "" }];
        const wording = {
            overrides: () => ({ problem: "is owned", fix: "drop it" }),
            replaces: () => ({ problem: "hides owned keys", fix: "drop it" }),
        };
        expect(
            ownedValueIssues({ cluster: { name: "x" }, ipam: null }, OWNED, "v", { reported, wording }).map((found) => found.message),
        ).to.deep.equal(["v.ipam = null is owned; fix: drop it."]);
    });
});

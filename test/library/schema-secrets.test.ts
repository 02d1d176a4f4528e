// Secret marking of the multi-language schema: a listed name is marked wherever its component reaches it (inputs,
// outputs, types through arrays and maps), nowhere else; the input is left as it was; stale table entries are reported.
import { expect } from "chai";
import type { ComponentResourceConstructor } from "@pulumi/pulumi/provider/experimental";
import { HostedComponent } from "../../components/provider/components";
import { PackageSchema, markSecrets, reachableObjects, unmatchedSecrets } from "../../components/provider/schema-secrets";

/** A schema of two components: A reaches Cluster (input) and Host (array in Cluster, map in A); B reaches Other only. */
function schema(): PackageSchema {
    return {
        name: "multicluster",
        resources: {
            "multicluster:index:A": {
                isComponent: true,
                inputProperties: {
                    cluster: { $ref: "#/types/multicluster:index:Cluster" },
                    hosts: { type: "object", additionalProperties: { $ref: "#/types/multicluster:index:Host" } },
                },
                properties: { kubeconfig: { type: "string" }, name: { type: "string" } },
            },
            "multicluster:index:B": { isComponent: true, inputProperties: { other: { $ref: "#/types/multicluster:index:Other" } } },
        },
        types: {
            "multicluster:index:Cluster": {
                properties: {
                    kubeconfig: { type: "string" },
                    nodes: { type: "array", items: { $ref: "#/types/multicluster:index:Host" } },
                },
            },
            "multicluster:index:Host": { properties: { privateKey: { type: "string" }, address: { type: "string" } } },
            "multicluster:index:Other": { properties: { kubeconfig: { type: "string" } } },
        },
    };
}

/** A table entry (the class is not used by the marking). */
const entry = (secrets: string[]): HostedComponent => ({ component: class {} as unknown as ComponentResourceConstructor, secrets });

describe("multi-language schema: secret marking", () => {
    it("reaches a component's resource and every type through references, arrays and maps", () => {
        expect(reachableObjects(schema(), "A")).to.have.length(3);
        expect(reachableObjects(schema(), "B")).to.have.length(2);
        expect(reachableObjects(schema(), "Missing")).to.deep.equal([]);
    });

    it("marks the listed names in the objects the component reaches, and nowhere else", () => {
        const original = schema();
        const marked = markSecrets(original, { A: entry(["kubeconfig", "privateKey"]), B: entry([]) });
        expect(marked.resources["multicluster:index:A"].properties?.kubeconfig).to.deep.equal({ type: "string", secret: true });
        expect(marked.resources["multicluster:index:A"].properties?.name.secret).to.equal(undefined);
        expect(marked.types["multicluster:index:Cluster"].properties?.kubeconfig.secret).to.equal(true);
        expect(marked.types["multicluster:index:Host"].properties?.privateKey.secret).to.equal(true);
        expect(marked.types["multicluster:index:Host"].properties?.address.secret).to.equal(undefined);
        expect(marked.types["multicluster:index:Other"].properties?.kubeconfig.secret, "B lists no secret").to.equal(undefined);
        expect(original, "the input schema is untouched").to.deep.equal(schema());
    });

    it("reports each listed secret its component never mentions", () => {
        expect(unmatchedSecrets(schema(), { A: entry(["kubeconfig", "password"]), B: entry(["privateKey"]) })).to.deep.equal([
            "A.password",
            "B.privateKey",
        ]);
    });
});

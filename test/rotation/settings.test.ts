// The rotation settings in a stack file: whole generations of at least 0, each key named when wrong.
import { expect } from "chai";
import { ConfigValidationError } from "../../components/shared/validation";
import { parseStackConfig } from "../../stacks/validate";
import { kindA, kindB, kubeadmA } from "../cases/bad-configs";

function problems(values: Record<string, unknown>): string[] {
    try {
        parseStackConfig({ project: "multicluster", stack: "test", values, secretKeys: [], foreignKeys: [] });
    } catch (error) {
        expect(error).to.be.instanceOf(ConfigValidationError);
        return (error as ConfigValidationError).issues.map((entry) => entry.message);
    }
    return [];
}

const linkerd = (rotation: unknown) => ({
    clusters: [kindA, { ...kindB, loadBalancerPools: ["172.18.0.71-172.18.0.80"] }].map((c, i) =>
        i === 0 ? { ...c, loadBalancerPools: ["172.18.0.61-172.18.0.70"] } : c,
    ),
    loadBalancer: { kind: "metallb" },
    mesh: { kind: "linkerd", rotation },
});

describe("rotation: settings", () => {
    it("accepts whole generations of 0 and more in every family", () => {
        expect(problems(linkerd({ issuers: 3 }))).to.deep.equal([]);
        expect(problems({ clusters: [{ ...kubeadmA, rotation: { certificates: 1 } }] })).to.deep.equal([]);
        expect(problems({ clusters: [kindA], cni: { kind: "cilium", rotation: { ca: 0 } } })).to.deep.equal([]);
    });

    it("refuses a negative or fractional generation and an unknown family, naming the key", () => {
        const negative = problems(linkerd({ issuers: -1 }));
        expect(negative).to.have.length(1);
        expect(negative[0]).to.contain("mesh.rotation.issuers");
        const fraction = problems(linkerd({ issuers: 1.5 }));
        expect(fraction).to.have.length(1);
        expect(fraction[0]).to.contain("mesh.rotation.issuers");
        const unknown = problems(linkerd({ anchors: 1 }));
        expect(unknown).to.have.length(1);
        expect(unknown[0]).to.contain("mesh.rotation");
        expect(unknown[0]).to.contain("anchors");
        const cert = problems({ clusters: [{ ...kubeadmA, rotation: { certificates: -2 } }] });
        expect(cert.join("\n")).to.contain("clusters[0].rotation.certificates");
    });

    it("takes the Linkerd anchor roll as a generation from 1 and a phase, and refuses generation 0 in one sentence", () => {
        for (const phase of ["bundle", "switch", "done"]) {
            expect(problems(linkerd({ anchor: { generation: 1, phase } })), phase).to.deep.equal([]);
        }
        expect(problems(linkerd({ anchor: { generation: 0, phase: "done" } }))).to.deep.equal([
            'mesh.rotation.anchor.generation = 0 is not a whole number of at least 1, and generation 0 is the first anchor, which no roll moves to; fix: start the first roll with generation 1 and phase "bundle", or remove mesh.rotation.anchor if no roll was ever started.',
        ]);
        const phase = problems(linkerd({ anchor: { generation: 1, phase: "rolled" } }));
        expect(phase).to.have.length(1);
        expect(phase[0]).to.contain("mesh.rotation.anchor.phase");
        expect(problems(linkerd({ anchor: { generation: 1 } })).join("\n")).to.contain("mesh.rotation.anchor.phase");
    });
});

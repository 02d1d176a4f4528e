// What the await checker reads from gate scripts: the CRDs a script waits established.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { crdsWaitedBy } from "../../tools/engine/await-scripts";

describe("await checker: CRDs a gate script waits established", () => {
    it("reads a literal crd/<name>, a loop over words and a loop over a literal array", () => {
        expect(crdsWaitedBy("kubectl wait --for condition=established --timeout=600s crd/a.example.io\n")).to.deep.equal(["a.example.io"]);
        expect(crdsWaitedBy("for c in b.example.io c.example.io; do\n  kubectl wait --for condition=established \"crd/$c\"\ndone\n"))
            .to.deep.equal(["b.example.io", "c.example.io"]);
        const array = "crds=(d.example.io e.example.io)\nfor crd in \"${crds[@]}\"; do\n  kubectl wait --for condition=established --timeout=\"$(left)s\" \"crd/$crd\" >/dev/null\ndone\n";
        expect(crdsWaitedBy(array)).to.deep.equal(["d.example.io", "e.example.io"]);
    });

    it("reads the Cilium CRD gate as rendered (golden)", () => {
        const script = fs.readFileSync(path.join(__dirname, "..", "golden", "cilium", "crds.sh"), "utf8");
        expect(crdsWaitedBy(script)).to.deep.equal(["ciliumloadbalancerippools.cilium.io", "ciliuml2announcementpolicies.cilium.io"]);
    });

    it("does not count a CRD the script only reads without waiting for Established", () => {
        expect(crdsWaitedBy("kubectl get crd f.example.io >/dev/null\n")).to.deep.equal([]);
    });
});

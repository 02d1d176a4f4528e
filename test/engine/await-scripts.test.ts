// What the await checker reads from gate scripts: the CRDs a script waits established, the workloads it waits rolled out.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { crdsWaitedBy, rolloutsWaitedBy } from "../../tools/engine/await-scripts";

describe("await checker: CRDs a gate script waits established", () => {
    it("reads a literal crd/<name>, a loop over words and a loop over a literal array", () => {
        expect(crdsWaitedBy("kubectl wait --for condition=established --timeout=600s crd/a.example.io\n")).to.deep.equal(["a.example.io"]);
        expect(
            crdsWaitedBy('for c in b.example.io c.example.io; do\n  kubectl wait --for condition=established "crd/$c"\ndone\n'),
        ).to.deep.equal(["b.example.io", "c.example.io"]);
        const array =
            'crds=(d.example.io e.example.io)\nfor crd in "${crds[@]}"; do\n  kubectl wait --for condition=established --timeout="$(left)s" "crd/$crd" >/dev/null\ndone\n';
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

describe("await checker: workloads a gate script waits rolled out", () => {
    it("reads kubectl rollout status with the namespace flag before or after the target", () => {
        expect(rolloutsWaitedBy("kubectl -n traefik rollout status deployment/traefik --timeout=600s\n")).to.deep.equal([
            { kind: "deployment", namespace: "traefik", name: "traefik" },
        ]);
        expect(rolloutsWaitedBy("kubectl rollout status ds/agent --namespace=kube-system\n")).to.deep.equal([
            { kind: "ds", namespace: "kube-system", name: "agent" },
        ]);
    });

    it("reads the calls of a rollout-check function, as in the ingress gate (golden)", () => {
        const script = fs.readFileSync(path.join(__dirname, "..", "golden", "ingress", "traefik-running.sh"), "utf8");
        expect(rolloutsWaitedBy(script)).to.deep.equal([{ kind: "deployment", namespace: "traefik", name: "traefik" }]);
    });

    it("does not count a function that only reads a workload, nor a call with non-literal arguments", () => {
        const exists = 'present() {\n  kc -n "$1" get deployment "$2" >/dev/null\n}\npresent traefik traefik\n';
        expect(rolloutsWaitedBy(exists)).to.deep.equal([]);
        const check = 'rolled_out() {\n  kc -n "$1" get deployment "$2" -o jsonpath=\'{.status.availableReplicas}\'\n}\n';
        expect(rolloutsWaitedBy(`${check}rolled_out "$ns" "$name"\n`)).to.deep.equal([]);
        expect(rolloutsWaitedBy(`${check}rolled_out web frontend || return 1\n`)).to.deep.equal([
            { kind: "deployment", namespace: "web", name: "frontend" },
        ]);
    });
});

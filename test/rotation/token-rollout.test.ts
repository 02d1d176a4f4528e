// The member controller restart after an Antrea token rotation: bounded, one sentence on failure, valid bash.
import { expect } from "chai";
import { execFileSync } from "child_process";
import { tokenRolloutScript } from "../../components/antrea/cluster-set/token-rotation";

describe("rotation: Antrea member controller restart script", () => {
    const script = tokenRolloutScript({ cluster: "east", namespace: "kube-system", generation: 2, timeoutSeconds: 300 });

    it("is valid bash", () => {
        execFileSync("bash", ["-n"], { input: script });
    });

    it("restarts the member controller, then waits for its rollout within the bound", () => {
        const restart = script.indexOf("rollout restart deployment/antrea-mc-controller");
        const status = script.indexOf("rollout status deployment/antrea-mc-controller");
        expect(restart).to.be.greaterThan(0);
        expect(status).to.be.greaterThan(restart);
        expect(script).to.contain("deadline=$((SECONDS + 300))");
        expect(script).to.match(/in_slices .*"\$\(left\)" kubectl -n kube-system rollout status/);
    });

    it("reads the kubeconfig from stdin and names cluster, controller and bound when it fails", () => {
        expect(script).to.contain('cat >"$kubeconfig"');
        expect(script).to.contain("cluster east: the restarted member antrea-mc-controller is not rolled out after 300s");
        expect(script).to.contain("member-token generation 2");
    });
});

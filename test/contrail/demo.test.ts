import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { CN2_DEMO_IMAGE, demoPod } from "../../components/contrail/demo";
import { demoProofScript } from "../../components/contrail/demo-proof";
import { appsLayer } from "../../stacks/layers";
import { contrailDemoRow } from "../../stacks/areas/contrail/rows";
import { LayerFacts } from "../../stacks/layers/layer";
import { wireLayers } from "../../stacks/program";
import { expectGolden } from "../golden";
import { recordProgram } from "../mocks";
import { REGISTRY_CANARY, contrailClustersOf, contrailLabValues, parseContrail } from "./fixtures";
import { runInSandbox } from "./sandbox";

const COMMAND = "command:local:Command";
const POD = "kubernetes:core/v1:Pod";
const PROOF = { central: "cluster1", distributed: "cluster2", targetIp: "10.234.129.0", timeoutSeconds: 3 };

/** contrail-lab with `mesh.demo: true`. */
function demoConfig() {
    const values = contrailLabValues() as Record<string, Record<string, unknown>>;
    return parseContrail({ ...values, mesh: { ...values.mesh, demo: true } });
}

describe("Contrail demo (G1: the seed's cross-cluster ping)", () => {
    it("renders the pods and the proof (golden, shellchecked)", () => {
        expectGolden("contrail/demo-proof.sh", demoProofScript({ ...PROOF, timeoutSeconds: 1200 }));
        expect(JSON.stringify(demoPod("cn2-demo-target").spec)).to.contain(`"image":"${CN2_DEMO_IMAGE}"`);
        expect(CN2_DEMO_IMAGE).to.match(/^docker\.io\/library\/busybox:1\.36\.1@sha256:[0-9a-f]{64}$/);
    });

    it("passes when the central probe's ping reaches the distributed target, and fails in one sentence when it does not", () => {
        const ok = runInSandbox(demoProofScript(PROOF));
        expect(ok.status, ok.stderr).to.equal(0);
        expect(ok.calls).to.include("kubectl --request-timeout=15s -n default exec cn2-demo-probe -- ping -c 3 -W 2 10.234.129.0");
        const silent = runInSandbox(demoProofScript(PROOF), { PING: "1" });
        expect(silent.status).to.equal(1);
        expect(silent.stderr.trim()).to.equal(
            "cluster cluster1: ping from cn2-demo-probe on central cluster cluster1 to cn2-demo-target on cluster cluster2 (10.234.129.0) " +
                "got no answer within 3s; last output: 3 packets transmitted, 0 packets received, 100% packet loss",
        );
        const unknown = runInSandbox(demoProofScript({ ...PROOF, targetIp: "" }));
        expect([unknown.status, unknown.calls]).to.deep.equal([1, []]);
    });

    it("ends a ping exec whose stream hangs (exec ignores --request-timeout) within the bound, in one sentence", () => {
        const run = runInSandbox(demoProofScript(PROOF), { PING: "hang" }, "", {}, 20);
        expect(run.status, `${run.stderr} after ${run.seconds}s`).to.equal(1);
        expect(run.seconds).to.be.below(9);
        expect(run.leftHanging, "the hung kubectl exec is ended, not left behind").to.equal(0);
        expect(run.stderr.trim()).to.match(
            new RegExp(
                "^cluster cluster1: ping from cn2-demo-probe on central cluster cluster1 to cn2-demo-target on cluster " +
                    "cluster2 \\(10\\.234\\.129\\.0\\) got no answer within 3s; last output: kubectl exec into cn2-demo-probe did not end within [1-3]s \\(its stream hangs\\)$",
            ),
        );
    });

    it("runs the probe on the central cluster, a target on each distributed one, and proves each after CN2 is ready on both", async () => {
        const config = demoConfig();
        const graph = await recordProgram(() => {
            const secrets = { byKey: { contrailRegistryAuth: pulumi.secret(REGISTRY_CANARY) } };
            const clusters = contrailClustersOf(config);
            const outputs = wireLayers(config, secrets, clusters);
            if (appsLayer.rows.contrail !== contrailDemoRow) {
                // Until the apps layer selects the row (stacks/layers/index.ts), wire it as that layer would.
                contrailDemoRow.wire({ config, secrets, clusters, readyIn: () => [], readyOf: () => [], facts: new LayerFacts() });
            }
            return outputs;
        });
        expect(graph.error, String(graph.error)).to.equal(undefined);
        const probe = graph.find(POD, "contrail-demo-cluster1-probe");
        const target = graph.find(POD, "contrail-demo-cluster2-target");
        expect([probe.provider?.split("::").pop(), target.provider?.split("::").pop()]).to.deep.equal(["cluster1-k8s", "cluster2-k8s"]);
        const proof = graph.find(COMMAND, "contrail-demo-cluster2-proof");
        expect([graph.dependsOn(proof, probe), graph.dependsOn(proof, target)]).to.deep.equal([true, true]);
        expect(graph.isSecretInput(proof, "stdin")).to.equal(true);
        expect(String(graph.inputsOf(proof).create)).to.contain("cn2-demo-probe");
    });

    it("is selected by the apps layer for mesh contrail with mesh.demo: true", () => {
        expect(appsLayer.rows.contrail).to.equal(contrailDemoRow);
        expect(appsLayer.kindOf(demoConfig())).to.equal("contrail");
    });
});

import { expect } from "chai";
import { demoProofScript } from "../../components/linkerd/demo-proof";
import { controlPlaneReadyScript, crdReadyScript, installReadyScript } from "../../components/linkerd/health";
import { linkHealthScript } from "../../components/linkerd/health-link";
import { expectGolden } from "../golden";

describe("linkerd scripts", () => {
    it("renders the link health gate (golden, shellchecked)", () => {
        const script = linkHealthScript({
            source: "kind-east",
            target: "kind-west",
            gatewayIp: "172.18.0.80",
            targetApi: "https://kind-west-control-plane:6443",
            timeoutSeconds: 600,
        });
        expectGolden("linkerd/link-health.sh", script);
        expect(script).to.contain("service_cache_size").and.to.contain("gateway_alive").and.to.contain("probe-$target");
        expect(script).to.contain("link kind-east -> kind-west (kind-east mirrors kind-west) is not healthy after 600s: $pending");
        expect(script).to.not.contain("linkerd ");
    });

    it("renders the install waits (golden, shellchecked)", () => {
        expectGolden("linkerd/control-plane-ready.sh", controlPlaneReadyScript({ cluster: "kind-east", timeoutSeconds: 600 }));
        expectGolden("linkerd/link-crd.sh", crdReadyScript({ cluster: "kind-east", timeoutSeconds: 600 }));
        expectGolden(
            "linkerd/running.sh",
            installReadyScript({ cluster: "kind-east", viz: true, gatewayIp: "172.18.0.70", timeoutSeconds: 600 }),
        );
        const gatewayless = installReadyScript({ cluster: "solo", viz: false, timeoutSeconds: 60 });
        expect(gatewayless).to.not.contain("linkerd-gateway").and.to.not.contain("linkerd-viz");
    });

    it("renders the demo proof: every cluster must answer through the split (golden, shellchecked)", () => {
        const script = demoProofScript({ cluster: "kind-east", peers: ["kind-west"], timeoutSeconds: 600 });
        expectGolden("linkerd/demo-proof.sh", script);
        expect(script).to.contain("expected=(kind-east kind-west)").and.to.contain("podinfo-kind-west");
    });
});

// The gate tests are only as good as their fake kubectl: its JSONPath must behave as kubectl's
// (k8s.io/client-go/util/jsonpath: missing keys print nothing under `get -o jsonpath`, results joined by spaces).
import { expect } from "chai";
import { jsonpath } from "./fake-kube/jsonpath";
import { meshedPod } from "./fake-kube/objects";
import { runAgainstFake } from "./fake-kube/sandbox";

describe("the gate tests' fake kubectl", () => {
    const pods = {
        kind: "List",
        items: [
            JSON.parse(
                JSON.stringify(
                    meshedPod({ name: "a", namespace: "n", labels: { app: "x" }, containers: ["app"], shape: "native-sidecar" }),
                ),
            ),
            JSON.parse(JSON.stringify(meshedPod({ name: "b", namespace: "n", labels: { app: "x" }, containers: ["app"], shape: "none" }))),
        ],
    };

    it("evaluates JSONPath as kubectl does: missing keys empty, lists space-joined, range, filters, escaped keys", () => {
        expect(jsonpath("{.items[*].spec.initContainers[*].name}", pods)).to.equal("linkerd-init linkerd-proxy");
        expect(
            jsonpath(
                '{range .items[*]}{.metadata.name}{"|"}{.metadata.deletionTimestamp}{"|"}{.spec.initContainers[*].name} {.spec.containers[*].name}{"\\n"}{end}',
                pods,
            ),
        ).to.equal("a||linkerd-init linkerd-proxy app\nb|| app\n");
        expect(jsonpath('{.items[?(@.metadata.name=="b")].metadata.labels.app}', pods)).to.equal("x");
        expect(jsonpath("{.metadata.annotations.linkerd\\.io/proxy-version}", pods.items[0])).to.equal("edge-26.8.3");
        expect(jsonpath("{.status.loadBalancer.ingress[0].ip}", {})).to.equal("");
    });

    it("refuses unbounded calls when asked, and answers label selectors with existence and negation", () => {
        const run = runAgainstFake('export KUBECONFIG="$(mktemp)"; kubectl get pods -n n -o name', {
            objects: pods.items,
            requireRequestTimeout: true,
        });
        expect(run.status).to.equal(3);
        expect(run.stderr).to.contain("unbounded call");
        const bounded = runAgainstFake(
            "export KUBECONFIG=\"$(mktemp)\"; kubectl --request-timeout=1s -n n get pods -l 'app,!missing' -o name",
            { objects: pods.items, requireRequestTimeout: true },
        );
        expect(bounded.stdout).to.equal("pod/a\npod/b\n");
    });
});

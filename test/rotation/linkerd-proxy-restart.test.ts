// The restart after each Linkerd trust-anchor phase, run against the fake cluster: control plane first, then every meshed workload.
import { expect } from "chai";
import { execFileSync } from "child_process";
import { proxyRestartScript } from "../../components/linkerd/proxy-restart";
import { deployment, meshedPod } from "../linkerd/fake-kube/objects";
import { FakeObject, runAgainstFake } from "../linkerd/fake-kube/sandbox";
import { expectGolden } from "../golden";

const script = proxyRestartScript({ cluster: "east", reason: "trust anchor generation 1, phase bundle", timeoutSeconds: 30 });

const controlPlane = ["linkerd-identity", "linkerd-destination", "linkerd-proxy-injector"].map((name) => deployment(name, "linkerd"));
const pod = (name: string, namespace: string, owner: string, shape: "native-sidecar" | "none" = "native-sidecar") =>
    meshedPod({ name, namespace, labels: { app: owner }, containers: [owner], shape, deployment: owner });

/** A cluster with the control plane, two meshed Deployments (one with two pods), and one Deployment the injector did not mesh. */
function cluster(extra: FakeObject[] = []): FakeObject[] {
    return [
        ...controlPlane,
        ...controlPlane.map((entry) => pod(`${entry.metadata.name}-0`, "linkerd", entry.metadata.name)),
        deployment("podinfo", "test"),
        pod("podinfo-a", "test", "podinfo"),
        pod("podinfo-b", "test", "podinfo"),
        deployment("linkerd-gateway", "linkerd-multicluster"),
        pod("linkerd-gateway-0", "linkerd-multicluster", "linkerd-gateway"),
        deployment("plain", "other"),
        meshedPod({ name: "plain-0", namespace: "other", labels: { app: "plain" }, containers: ["plain"], shape: "none" }),
        ...extra,
    ];
}

const restartedAt = (objects: readonly FakeObject[], namespace: string, name: string): unknown => {
    const found = objects.find((entry) => entry.metadata.name === name && entry.metadata.namespace === namespace);
    const spec = found?.spec as { template?: { metadata?: { annotations?: Record<string, string> } } } | undefined;
    return spec?.template?.metadata?.annotations?.["kubectl.kubernetes.io/restartedAt"];
};

describe("rotation: Linkerd proxy restart after a trust-anchor phase", () => {
    it("renders the restart as its golden (cluster kind-east, generation 1, phase bundle)", () => {
        expectGolden(
            "linkerd/proxy-restart.sh",
            proxyRestartScript({ cluster: "kind-east", reason: "trust anchor generation 1, phase bundle", timeoutSeconds: 600 }),
        );
    });

    it("is valid bash and names the phase it follows", () => {
        execFileSync("bash", ["-n"], { input: script });
        expect(script).to.contain("after trust anchor generation 1, phase bundle");
    });

    it("restarts the control plane and waits for it before it restarts the meshed workloads, each once", () => {
        const run = runAgainstFake(script, { objects: cluster() });
        expect(run.status, run.stderr).to.equal(0);
        const restarts = run.calls.filter((call) => call.includes("rollout restart"));
        expect(restarts.map((call) => call.replace(/^.*rollout restart /, ""))).to.deep.equal([
            "deployment/linkerd-identity",
            "deployment/linkerd-destination",
            "deployment/linkerd-proxy-injector",
            "deployment/linkerd-gateway",
            "deployment/podinfo",
        ]);
        const lastControlPlaneWait = run.calls
            .map((call) => call.includes("rollout status deployment/linkerd-proxy-injector"))
            .lastIndexOf(true);
        const firstWorkloadRestart = run.calls.findIndex((call) => call.includes("rollout restart deployment/linkerd-gateway"));
        expect(lastControlPlaneWait).to.be.greaterThan(-1);
        expect(firstWorkloadRestart).to.be.greaterThan(lastControlPlaneWait);
        for (const [namespace, name] of [
            ["test", "podinfo"],
            ["linkerd-multicluster", "linkerd-gateway"],
            ["linkerd", "linkerd-identity"],
        ]) {
            expect(restartedAt(run.objects, namespace, name), `${namespace}/${name}`).to.equal("now");
        }
        expect(restartedAt(run.objects, "other", "plain")).to.equal(undefined);
        expect(run.stdout).to.contain(
            "cluster east: the control plane and 2 meshed workloads restarted after trust anchor generation 1, phase bundle",
        );
    });

    it("fails, its last line one sentence naming the cluster and the workload, when a meshed workload's owner is gone", () => {
        const objects = cluster([pod("orphan-0", "test", "orphan")]);
        const run = runAgainstFake(script, { objects });
        expect(run.status).to.equal(1);
        expect(run.stderr.trim().split("\n").pop()).to.equal("cluster east: test/deployment/orphan could not be restarted");
        expect(run.calls.some((call) => call.includes("rollout restart deployment/orphan"))).to.equal(true);
    });
});

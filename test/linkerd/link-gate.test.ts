// The link gate (R1 credentials restart, N4 meshed service mirror, N5 bounded calls), the unlink cleanup (G3) and the
// demo proof through the ingress (G2), run against fake clusters shaped as the pinned multicluster chart renders them.
import { expect } from "chai";
import * as crypto from "crypto";
import { linkCleanupScript } from "../../components/linkerd/link-cleanup";
import { CREDENTIALS_HASH_ANNOTATION, linkHealthScript } from "../../components/linkerd/health-link";
import { linkerdDemoProofScript } from "../../components/linkerd";
import { deployment, endpoints, MeshShape, meshedPod, object, service } from "./fake-kube/objects";
import { EXEC_HANGS, FakeObject, runAgainstFake } from "./fake-kube/sandbox";

const MC = "linkerd-multicluster";
const CONTROLLER_POD = "controller-west-6b7c8d-q2w3e";
const encoded = (kubeconfig: string) => Buffer.from(kubeconfig).toString("base64");
const hashOf = (kubeconfig: string) => crypto.createHash("sha256").update(encoded(kubeconfig)).digest("hex");

/** What the source holds once its link to `west` works: chart objects (templates/controller/*.yaml), Pulumi's, the controller's. */
function linkedSource(options: { kubeconfig?: string; shape?: MeshShape; applied?: string; alive?: boolean } = {}): FakeObject[] {
    const mirrorLabels = (cluster: string) => ({ "mirror.linkerd.io/mirrored-service": "true", "mirror.linkerd.io/cluster-name": cluster });
    return [
        object("Link", "west", MC, { spec: { targetClusterName: "west", gatewayAddress: "172.18.0.80" } }),
        object("Secret", "cluster-credentials-west", MC, {
            type: "mirror.linkerd.io/remote-kubeconfig",
            data: { kubeconfig: encoded(options.kubeconfig ?? "token: one") },
        }),
        deployment("controller-west", MC, {
            labels: { component: "controller", "mirror.linkerd.io/cluster-name": "west" },
            annotations: options.applied ? { [CREDENTIALS_HASH_ANNOTATION]: options.applied } : {},
        }),
        meshedPod({
            name: CONTROLLER_POD,
            namespace: MC,
            shape: options.shape ?? "native-sidecar",
            containers: ["controller"],
            deployment: "controller-west",
            labels: { "linkerd.io/extension": "multicluster", component: "controller", "mirror.linkerd.io/cluster-name": "west" },
        }),
        endpoints("probe-west", MC, ["172.18.0.80"]),
        object("Lease", "service-mirror-write-west", MC, { spec: { holderIdentity: CONTROLLER_POD } }),
        service("podinfo-west", "test", { labels: mirrorLabels("west") }),
        endpoints("podinfo-west", "test", ["172.18.0.80"]),
        service("podinfo-north", "test", { labels: mirrorLabels("north") }),
    ];
}

const METRICS = (alive: number) =>
    [
        "# HELP gateway_alive A gauge which is 1 if the gateway is alive, 0 otherwise",
        `gateway_alive{gateway_name="west",target_cluster_name="west"} ${alive}`,
        'service_cache_size{cluster="west",namespace="test"} 3',
    ].join("\n");

const gate = (timeoutSeconds = 3) =>
    linkHealthScript({
        source: "east",
        target: "west",
        gatewayIp: "172.18.0.80",
        targetApi: "https://west-control-plane:6443",
        timeoutSeconds,
        intervalSeconds: 1,
    });
const controllerHash = (objects: readonly FakeObject[]) => {
    const found = objects.find((entry) => entry.kind === "Deployment" && entry.metadata.name === "controller-west") as unknown as {
        spec: { template: { metadata: { annotations: Record<string, string> } } };
    };
    return found.spec.template.metadata.annotations[CREDENTIALS_HASH_ANNOTATION];
};

describe("link health gate (fake source cluster)", () => {
    it("passes a healthy link with a natively-sidecar'd service mirror, every kubectl call bounded", () => {
        const run = runAgainstFake(gate(), {
            objects: linkedSource({ applied: hashOf("token: one") }),
            metrics: { [CONTROLLER_POD]: METRICS(1) },
            requireRequestTimeout: true,
        });
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout).to.equal("link east -> west is healthy: gateway 172.18.0.80 alive, every mirrored service has endpoints\n");
        expect(run.calls.filter((call) => call.includes(" patch "))).to.deep.equal([]);
    });

    it("restarts the service mirror onto changed credentials (R1), once, by the hash of what the cluster stores", () => {
        const first = runAgainstFake(gate(), {
            objects: linkedSource({ kubeconfig: "token: two", applied: hashOf("token: one") }),
            metrics: { [CONTROLLER_POD]: METRICS(1) },
        });
        expect(first.status, first.stderr).to.equal(0);
        expect(first.stdout).to.contain("the service-mirror controller controller-west restarts onto the link's current credentials");
        expect(controllerHash(first.objects)).to.equal(hashOf("token: two"));
        expect(first.stdout + first.stderr)
            .to.not.contain("token: two")
            .and.to.not.contain(encoded("token: two"));
        const again = runAgainstFake(gate(), { objects: first.objects, metrics: { [CONTROLLER_POD]: METRICS(1) } });
        expect(again.status, again.stderr).to.equal(0);
        expect(again.calls.filter((call) => call.includes(" patch "))).to.deep.equal([]);
    });

    it("stops naming the service-mirror pod the injector missed (N4), and names a dead gateway after its bound", () => {
        const bare = runAgainstFake(gate(60), {
            objects: linkedSource({ shape: "none", applied: hashOf("token: one") }),
            metrics: { [CONTROLLER_POD]: METRICS(1) },
        });
        expect(bare.status).to.equal(1);
        expect(bare.stderr).to.contain(`cluster east: the service-mirror controller pods ${MC}/${CONTROLLER_POD} carry no Linkerd proxy`);
        const dead = runAgainstFake(gate(1), {
            objects: linkedSource({ applied: hashOf("token: one") }),
            metrics: { [CONTROLLER_POD]: METRICS(0) },
        });
        expect(dead.stderr).to.equal(
            "cluster east: link east -> west (east mirrors west) is not healthy after 1s: the gateway 172.18.0.80 does not answer the controller's probes over mTLS (gateway_alive is not 1)\n",
        );
    });
});

describe("link cleanup (G3: what `linkerd multicluster unlink` deletes)", () => {
    it("deletes the link's mirror Services and its Lease, leaves other links' mirrors, and lets a gone cluster be", () => {
        const script = linkCleanupScript({ source: "east", target: "west" });
        const run = runAgainstFake(script, { objects: linkedSource(), requireRequestTimeout: true });
        expect(run.status, run.stderr).to.equal(0);
        const left = run.objects.map((entry) => `${entry.kind}/${entry.metadata.name}`);
        expect(left).to.not.include("Service/podinfo-west").and.to.not.include("Lease/service-mirror-write-west");
        expect(left).to.include("Service/podinfo-north").and.to.include("Link/west");
        expect(runAgainstFake(script, { objects: run.objects }).status, "idempotent").to.equal(0);
        const gone = runAgainstFake(script, { objects: [], unreachable: true });
        expect(gone.status).to.equal(0);
        expect(gone.stdout).to.equal("cluster east does not answer: nothing of its link to west is left to remove\n");
    });
});

describe("demo proof through the meshed ingress (G2)", () => {
    const url = "http://traefik.traefik.svc.cluster.local:80/";
    const demo = [deployment("podinfo", "test"), deployment("frontend", "test"), endpoints("podinfo-west", "test", ["172.18.0.80"])];
    const proof = (timeoutSeconds: number) =>
        linkerdDemoProofScript({ cluster: "east", peers: ["west"], ingressUrl: url, timeoutSeconds, intervalSeconds: 1 });
    it("sends the requests from the frontend to the ingress and passes once both clusters answered", () => {
        const replies = '{"message":"greetings from west"}\n{"message":"greetings from east"}\n';
        const run = runAgainstFake(proof(3), { objects: demo, exec: { "test/deploy/frontend": replies }, requireRequestTimeout: true });
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout).to.equal(
            `cluster east: requests through the ingress ${url}, the frontend and podinfo-split were answered by east west\n`,
        );
        expect(run.calls.find((call) => call.includes(" exec "))).to.contain(`wget -qO- -T 3 ${url}`);
    });

    it("ends an exec whose stream hangs at the gate's deadline (exec ignores --request-timeout), naming who never answered", () => {
        const run = runAgainstFake(proof(2), { objects: demo, exec: { "test/deploy/frontend": EXEC_HANGS } }, {}, 20);
        expect(run.status, `${run.stderr} after ${run.seconds}s`).to.equal(1);
        expect(run.seconds).to.be.below(12);
        expect(run.leftHanging, "the hung kubectl exec is ended, not left behind").to.equal(0);
        expect(run.stderr).to.equal(
            `cluster east: the demo is not answered by every cluster after 2s: requests through the ingress ${url}, the frontend and podinfo-split were answered by: nobody, not yet by east\n`,
        );
    });

    it("names the cluster that never answered", () => {
        const run = runAgainstFake(proof(1), { objects: demo, exec: { "test/deploy/frontend": '{"message":"greetings from east"}\n' } });
        expect(run.stderr).to.equal(
            `cluster east: the demo is not answered by every cluster after 1s: requests through the ingress ${url}, the frontend and podinfo-split were answered by: east, not yet by west\n`,
        );
    });
});

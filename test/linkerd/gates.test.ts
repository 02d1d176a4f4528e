// Every install and ingress gate run against fake clusters whose pods are shaped as the pinned charts render them.
import { expect } from "chai";
import { ingressReadyScript } from "../../components/ingress/health";
import { INGRESS_CONTROLLERS } from "../../components/ingress/values";
import { controlPlaneReadyScript, crdReadyScript, gateWarnings, installReadyScript } from "../../components/linkerd/health";
import { simulateSelfSignedCert } from "../../tools/engine/tls-sim";
import { generatePrivateKey, privateKeyPem } from "../../tools/engine/keys";
import { crd, deployment, MeshShape, meshedPod, object, service } from "./fake-kube/objects";
import { FakeObject, runAgainstFake } from "./fake-kube/sandbox";

const VIZ = ["metrics-api", "prometheus", "tap", "tap-injector", "web"].map((name) => deployment(name, "linkerd-viz"));
const MC = "linkerd-multicluster";

/** The gateway pod as multicluster/charts/linkerd-multicluster/templates/gateway.yaml@edge-26.8.3 labels it, meshed as `shape`. */
const gatewayPod = (shape: MeshShape, extra: { name?: string; cni?: boolean; deletionTimestamp?: string } = {}) =>
    meshedPod({
        name: extra.name ?? "linkerd-gateway-7d9f5c-abcde",
        namespace: MC,
        shape,
        deployment: "linkerd-gateway",
        cni: extra.cni,
        labels: { app: "linkerd-gateway", "linkerd.io/extension": "multicluster", "pod-template-hash": "7d9f5c" },
        containers: ["pause"],
        deletionTimestamp: extra.deletionTimestamp,
    });

/** A multicluster install whose gateway got `ip` from the load balancer. */
const installed = (pods: readonly FakeObject[], ip = "172.18.0.70") => [
    ...VIZ,
    deployment("linkerd-gateway", MC),
    ...pods,
    service("linkerd-gateway", MC, { lbIp: ip }),
];
const running = (timeoutSeconds = 2) => installReadyScript({ cluster: "east", viz: true, gatewayIp: "172.18.0.70", timeoutSeconds });

describe("Linkerd install gates against chart-shaped pods (edge-26.8.3)", () => {
    for (const [shape, cni] of [
        ["native-sidecar", false],
        ["native-sidecar", true],
        ["container", false],
    ] as const) {
        it(`passes a gateway meshed as a ${shape}${cni ? " behind linkerd-cni" : ""}, every call bounded`, () => {
            const run = runAgainstFake(running(), { objects: installed([gatewayPod(shape, { cni })]), requireRequestTimeout: true });
            expect(run.status, run.stderr).to.equal(0);
            expect(run.stdout).to.contain("Linkerd multicluster runs in cluster east; the gateway answers on 172.18.0.70");
            expect(run.calls.filter((call) => call.includes("get pods"))).to.deep.equal([
                `--request-timeout=15s -n ${MC} get pods -l app=linkerd-gateway -o jsonpath={range .items[*]}{.metadata.name}{"|"}{.metadata.deletionTimestamp}{"|"}{.status.phase}{"|"}{.spec.initContainers[*].name} {.spec.containers[*].name}{"\\n"}{end}`,
            ]);
        });
    }

    it("stops at once, naming the pod, when the injector missed the gateway (no proxy anywhere), but not for a pod being deleted", () => {
        const run = runAgainstFake(running(60), { objects: installed([gatewayPod("none")]) });
        expect(run.status).to.equal(1);
        expect(run.stderr).to.equal(
            `cluster east: the gateway pods ${MC}/linkerd-gateway-7d9f5c-abcde carry no Linkerd proxy (neither a native sidecar among the init containers nor a container), so the proxy injector did not mesh them; delete them so that their replacements are meshed\n`,
        );
        const replaced = runAgainstFake(running(), {
            objects: installed([
                gatewayPod("none", { name: "old", deletionTimestamp: "2026-09-01T00:00:00Z" }),
                gatewayPod("native-sidecar"),
            ]),
        });
        expect(replaced.status, replaced.stderr).to.equal(0);
    });

    it("waits, within one deadline, for a rollout, a pod and the pinned address, and names what is missing", () => {
        const noPod = runAgainstFake(running(1), { objects: installed([]) });
        expect(noPod.stderr).to.equal("cluster east: Linkerd multicluster is not running after 1s: no gateway pod runs yet\n");
        const wrongIp = runAgainstFake(running(1), { objects: installed([gatewayPod("native-sidecar")], "172.18.0.61") });
        expect(wrongIp.stderr).to.equal(
            `cluster east: Linkerd multicluster is not running after 1s: the load balancer has not given ${MC}/linkerd-gateway its address 172.18.0.70 (is the address in a pool and free?)\n`,
        );
        const rolling = runAgainstFake(running(1), {
            objects: [...VIZ.slice(1), deployment("metrics-api", "linkerd-viz", { replicas: 2, rolledOut: false })],
        });
        expect(rolling.stderr).to.equal(
            "cluster east: Linkerd multicluster is not running after 1s: the Deployment linkerd-viz/metrics-api is not rolled out (1 of 2 replicas updated and available)\n",
        );
    });

    it("waits for the control plane and the CRDs, then warns about an issuer inside Linkerd's 60-day window", async () => {
        const soon = await certificate(24 * 30);
        const later = await certificate(24 * 365);
        const controlPlane = (issuer: string) => [
            crd("httproutes.gateway.networking.k8s.io"),
            crd("servers.policy.linkerd.io"),
            ...["linkerd-identity", "linkerd-destination", "linkerd-proxy-injector"].map((name) => deployment(name, "linkerd")),
            object("Secret", "linkerd-identity-issuer", "linkerd", {
                data: { "crt.pem": Buffer.from(issuer).toString("base64"), "key.pem": "bm90IHNob3du" },
            }),
            object("ConfigMap", "linkerd-identity-trust-roots", "linkerd", { data: { "ca-bundle.crt": later } }),
        ];
        const script = controlPlaneReadyScript({ cluster: "east", timeoutSeconds: 2 });
        const expiring = runAgainstFake(script, { objects: controlPlane(soon), requireRequestTimeout: true });
        expect(expiring.status, expiring.stderr).to.equal(0);
        const warnings = gateWarnings(
            expiring.stdout,
            "urn:pulumi:test::multicluster::tls:index/locallySignedCert:LocallySignedCert::linkerd-trust-east-issuer",
        );
        expect(warnings).to.have.length(1);
        expect(warnings[0]).to.match(
            /^the identity issuer of cluster east expires on .* 20\d\d GMT, within the 60 days before expiry that Linkerd warns about; rotate it with: pulumi up --replace 'urn:pulumi:test::multicluster::tls:index\/locallySignedCert:LocallySignedCert::linkerd-trust-east-issuer' \(docs\/linkerd.md, Rotation\)$/,
        );
        const fresh = runAgainstFake(script, { objects: controlPlane(later) });
        expect(fresh.status, fresh.stderr).to.equal(0);
        expect(gateWarnings(fresh.stdout)).to.deep.equal([]);
        const notEstablished = runAgainstFake(crdReadyScript({ cluster: "east", timeoutSeconds: 1 }), {
            objects: [crd("links.multicluster.linkerd.io", false)],
        });
        expect(notEstablished.stderr).to.equal(
            "cluster east: the Link CRD is not established after 1s: the CRD links.multicluster.linkerd.io is not established yet\n",
        );
    });
});

/** A self-signed CA certificate valid for `hours` from now (real material from the engine's tls simulation). */
async function certificate(hours: number): Promise<string> {
    const key = privateKeyPem(generatePrivateKey("ECDSA", 2048, "P256"));
    const cert = await simulateSelfSignedCert({
        privateKeyPem: key,
        subject: { commonName: "identity.linkerd.cluster.local" },
        isCaCertificate: true,
        validityPeriodHours: hours,
    });
    return String(cert.certPem);
}

/** The controller's pod as its chart labels it (traefik `traefik.labelselector`, ingress-nginx controller labels). */
const controllerPod = (kind: "traefik" | "ingress-nginx", shape: MeshShape) =>
    meshedPod({
        name: `${INGRESS_CONTROLLERS[kind].deployment}-5c9d-xyz12`,
        namespace: INGRESS_CONTROLLERS[kind].chart.namespace,
        shape,
        deployment: INGRESS_CONTROLLERS[kind].deployment,
        labels:
            kind === "traefik"
                ? {
                      "app.kubernetes.io/name": "traefik",
                      "app.kubernetes.io/instance": "traefik-traefik",
                      "helm.sh/chart": "traefik-41.3.0",
                  }
                : {
                      "app.kubernetes.io/name": "ingress-nginx",
                      "app.kubernetes.io/instance": "ingress-nginx",
                      "app.kubernetes.io/component": "controller",
                  },
        containers: [kind === "traefik" ? "traefik" : "controller"],
    });

describe("ingress gate against chart-shaped pods", () => {
    for (const kind of ["traefik", "ingress-nginx"] as const) {
        const spec = INGRESS_CONTROLLERS[kind];
        const cluster = (shape: MeshShape) => [
            deployment(spec.deployment, spec.chart.namespace),
            service(spec.service, spec.chart.namespace, { lbIp: "172.18.0.61" }),
            controllerPod(kind, shape),
        ];
        it(`passes a meshed ${kind} whose proxy is a native sidecar, and stops on one the injector missed`, () => {
            const script = ingressReadyScript({ cluster: "east", kind, meshed: true, timeoutSeconds: 2 });
            const run = runAgainstFake(script, { objects: cluster("native-sidecar"), requireRequestTimeout: true });
            expect(run.status, run.stderr).to.equal(0);
            expect(run.stdout).to.equal(`cluster east: the ${kind} ingress controller serves on 172.18.0.61, meshed\n`);
            const bare = runAgainstFake(script, { objects: cluster("none") });
            expect(bare.status).to.equal(1);
            expect(bare.stderr).to.contain(
                `cluster east: the ${kind} pods ${spec.chart.namespace}/${spec.deployment}-5c9d-xyz12 carry no Linkerd proxy`,
            );
            const unmeshed = runAgainstFake(ingressReadyScript({ cluster: "east", kind, meshed: false, timeoutSeconds: 2 }), {
                objects: cluster("none"),
            });
            expect(unmeshed.status, unmeshed.stderr).to.equal(0);
        });
    }
});

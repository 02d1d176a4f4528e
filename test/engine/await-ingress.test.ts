// An awaited Ingress needs its controller serving: provider/pkg/await/ingress.go@v4.32.0 waits for `.status.loadBalancer.ingress`.
import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ingressReadyScript } from "../../components/ingress/health";
import { AwaitProblem, checkAwaits } from "../../tools/engine/await-check";
import { recordProgram } from "../mocks";
import { clusterGate, deploymentObject, fixtureCluster, group, ingressObject, serviceObject } from "./await-fixtures";

async function problemsOf(program: () => void): Promise<AwaitProblem[]> {
    const graph = await recordProgram(program);
    expect(graph.error, String(graph.error)).to.equal(undefined);
    return checkAwaits(graph.records);
}

const messages = (problems: readonly AwaitProblem[]) => problems.map((problem) => problem.message);

/** A gate that waits for the declared Traefik controller (`INGRESS_CONTROLLERS.traefik`: Deployment traefik/traefik). */
const TRAEFIK_GATE = "kubectl -n traefik rollout status deployment/traefik --timeout=600s\n";
const FIX =
    "fix: run the controller before web (depend on its workload or on a gate that waits for its rollout, and drop any dependency " +
    'of theirs on web), or annotate the Ingress pulumi.com/skipAwait: "true".';
const WHAT = "Ingress default/web (web) needs a controller of IngressClass traefik to write its .status.loadBalancer.ingress";

type Order = "after-gate" | "unordered" | "gate-waits";

/** The Traefik gate and an Ingress of class `className` (default traefik), ordered as asked. */
const gateProgram =
    (order: Order, ingress: { className?: string | null; annotations?: Record<string, string>; script?: string } = {}) =>
    () => {
        const { options, kubeconfig } = fixtureCluster();
        const className = ingress.className === null ? undefined : (ingress.className ?? "traefik");
        const object = ingressObject("web", "default", className, ingress.annotations);
        const script = ingress.script ?? TRAEFIK_GATE;
        if (order === "gate-waits") {
            clusterGate("traefik-running", script, kubeconfig, [new k8s.networking.v1.Ingress("web", object, options())]);
            return;
        }
        const gate = clusterGate("traefik-running", script, kubeconfig);
        new k8s.networking.v1.Ingress("web", object, options(order === "after-gate" ? [gate] : []));
    };

describe("await checker: Ingresses after their controller serves", () => {
    it("passes an Ingress after a gate that waits for its declared controller's rollout (kubectl, or the ingress layer's own gate)", async () => {
        expect(await problemsOf(gateProgram("after-gate"))).to.deep.equal([]);
        const script = ingressReadyScript({ cluster: "east", kind: "traefik", meshed: true, timeoutSeconds: 600 });
        expect(await problemsOf(gateProgram("after-gate", { script }))).to.deep.equal([]);
    });

    it("fails as a race an Ingress that does not wait for what runs its controller", async () => {
        expect(messages(await problemsOf(gateProgram("unordered")))).to.deep.equal([
            `in cluster east, ${WHAT} while its await runs, but it does not wait for traefik-running, so its await times out ` +
                `(10 minutes by default) unless the controller happens to serve by then; ${FIX}`,
        ]);
    });

    it("fails as a deadlock an Ingress whose only controller gate waits for it", async () => {
        expect(messages(await problemsOf(gateProgram("gate-waits")))).to.deep.equal([
            `in cluster east, ${WHAT}, which only traefik-running provides, and it waits for web, so the await can never finish ` +
                `and a real \`pulumi up\` fails when it times out (10 minutes by default); ${FIX}`,
        ]);
    });

    it("fails an Ingress whose class nothing runs in its cluster (a gate of another cluster does not count)", async () => {
        expect(messages(await problemsOf(gateProgram("after-gate", { className: "cilium" })))).to.deep.equal([
            "in cluster east, Ingress default/web (web) needs a controller of IngressClass cilium to write its .status.loadBalancer.ingress, " +
                "which no resource of the program is known to run there, so its await times out (10 minutes by default) unless a controller " +
                `of that class already runs in the cluster; ${FIX}`,
        ]);
        const elsewhere = await problemsOf(() => {
            const east = fixtureCluster("east");
            const gate = clusterGate("traefik-running", TRAEFIK_GATE, fixtureCluster("west").kubeconfig);
            new k8s.networking.v1.Ingress("web", ingressObject("web", "default", "traefik"), east.options([gate]));
        });
        expect(messages(elsewhere)).to.have.length(1);
        expect(messages(elsewhere)[0]).to.contain(`in cluster east, ${WHAT}, which no resource of the program is known to run there`);
    });

    it("passes an Ingress without a controller under pulumi.com/skipAwait, or in a group with skipAwait", async () => {
        expect(
            await problemsOf(gateProgram("unordered", { className: "cilium", annotations: { "pulumi.com/skipAwait": "true" } })),
        ).to.deep.equal([]);
        expect(
            await problemsOf(() => {
                group("ingresses", [ingressObject("web", "default", "cilium")], fixtureCluster().options(), true);
            }),
        ).to.deep.equal([]);
    });

    it("takes the class from kubernetes.io/ingress.class, and lets any controller of the cluster serve an Ingress without a class", async () => {
        const annotated = { className: null, annotations: { "kubernetes.io/ingress.class": "nginx" } };
        expect(messages(await problemsOf(gateProgram("after-gate", annotated)))[0]).to.contain("needs a controller of IngressClass nginx");
        const nginxGate = "kubectl rollout status deployment/ingress-nginx-controller -n ingress-nginx\n";
        expect(await problemsOf(gateProgram("after-gate", { ...annotated, script: nginxGate }))).to.deep.equal([]);
        expect(await problemsOf(gateProgram("after-gate", { className: null }))).to.deep.equal([]);
        expect(messages(await problemsOf(gateProgram("unordered", { className: null })))[0]).to.contain(
            "Ingress default/web (web) needs a controller of the default IngressClass to write its .status.loadBalancer.ingress while its await runs, " +
                "but it does not wait for traefik-running",
        );
    });
});

describe("await checker: an Ingress's controller from a visible IngressClass", () => {
    const labels = { "app.kubernetes.io/name": "demo-ingress", "app.kubernetes.io/instance": "demo-ingress" };
    /** A group with IngressClass `demo` and a controller Deployment (pods labelled as the class, or not), and an Ingress of class demo. */
    const visibleProgram =
        (ingressAfter: boolean, podLabels: Record<string, string> = labels) =>
        () => {
            const { options } = fixtureCluster();
            const ingressClass = {
                apiVersion: "networking.k8s.io/v1",
                kind: "IngressClass",
                metadata: { name: "demo", labels },
                spec: { controller: "example.com/demo-ingress" },
            };
            const controller = group("demo-ingress", [ingressClass, deploymentObject("controller", "demo-ingress", podLabels)], options());
            new k8s.networking.v1.Ingress("web", ingressObject("web", "default", "demo"), options(ingressAfter ? [controller] : []));
        };

    it("passes an Ingress after the workload whose pods carry the class's app.kubernetes.io labels", async () => {
        expect(await problemsOf(visibleProgram(true))).to.deep.equal([]);
    });

    it("fails a race without it, and does not count a workload with other labels", async () => {
        expect(messages(await problemsOf(visibleProgram(false)))[0]).to.contain(
            "needs a controller of IngressClass demo to write its " +
                ".status.loadBalancer.ingress while its await runs, but it does not wait for Deployment demo-ingress/controller (demo-ingress:demo-ingress/controller)",
        );
        expect(messages(await problemsOf(visibleProgram(true, { "app.kubernetes.io/name": "other" })))[0]).to.contain(
            "which no resource of the program is known to run there",
        );
    });
});

describe("await checker: an Ingress's backend Services", () => {
    // ingress.go@v4.32.0 checkIfEndpointsReady: a path whose backend has no Endpoints yet only delays the await until
    // Endpoints events settle (10 s after the last, 60 s if none), then logs a warning and passes (ingress_test.go
    // "Should succeed even if not all Ingress paths match existing Endpoints"); so a Service after its Ingress is no problem.
    const backendProgram = (ingressAfterGate: boolean) => () => {
        const { options, kubeconfig } = fixtureCluster();
        const gate = clusterGate("traefik-running", TRAEFIK_GATE, kubeconfig);
        const ingress = new k8s.networking.v1.Ingress(
            "web",
            ingressObject("web", "default", "traefik"),
            options(ingressAfterGate ? [gate] : []),
        );
        const after: pulumi.Resource[] = [ingress];
        new k8s.core.v1.Service("backend", serviceObject("backend", "default", { app: "backend" }), options(after));
    };

    it("passes a backend Service created after its Ingress; only the controller is reported when the Ingress does not wait for it", async () => {
        expect(await problemsOf(backendProgram(true))).to.deep.equal([]);
        const problems = await problemsOf(backendProgram(false));
        expect(problems.map((problem) => problem.rule)).to.deep.equal(["ingress"]);
        expect(problems[0].message).to.contain("but it does not wait for traefik-running");
    });
});

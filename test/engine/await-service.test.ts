import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AwaitProblem, checkAwaits } from "../../tools/engine/await-check";
import { recordProgram } from "../mocks";
import {
    CONTROLLER_LABELS,
    blockerThree,
    clusterGate,
    deploymentObject,
    fixtureCluster,
    group,
    serviceObject,
    widgetCrd,
    widgetObject,
    widgetWebhook,
} from "./await-fixtures";

async function problemsOf(program: () => void): Promise<AwaitProblem[]> {
    const graph = await recordProgram(program);
    expect(graph.error, String(graph.error)).to.equal(undefined);
    return checkAwaits(graph.records);
}

describe("await checker: Services and the pods they select", () => {
    // pulumi-kubernetes awaits a selector Service until its Endpoints hold no not-ready address; a selector that
    // matches no pod passes once the empty Endpoints settle (provider/pkg/await/service.go checkAndLogStatus and
    // service_test.go "Should succeed with no endpoints" @v4.32.0; CHANGELOG 4.17.0, #605/#3142). Blocker 3's
    // shape therefore finishes: the Deployment's pods do not exist while the Service waits.
    it("passes blocker 3's shape (Service in one group, its Deployment in a later one): pods that do not exist yet never block a Service", async () => {
        expect(await problemsOf(() => blockerThree())).to.deep.equal([]);
        expect(await problemsOf(() => blockerThree({ skipAwait: true }))).to.deep.equal([]);
        expect(await problemsOf(() => blockerThree({ oneGroup: true }))).to.deep.equal([]);
    });

    const envProgram = (order: "secret-after-service" | "workload-after-service" | "skip-await") => () => {
        const { options } = fixtureCluster();
        const env = [{ name: "TOKEN", valueFrom: { secretKeyRef: { name: "creds", key: "token" } } }];
        const web = deploymentObject(
            "web",
            "default",
            { app: "web" },
            { containers: [{ name: "web", image: "registry.example/web:1.0", env }] },
        );
        const annotations = order === "skip-await" ? { annotations: { "pulumi.com/skipAwait": "true" } } : {};
        const service = new k8s.core.v1.Service("web", serviceObject("web", "default", { app: "web" }, annotations), options());
        new k8s.apps.v1.Deployment("web", web, options(order === "workload-after-service" ? [service] : []));
        new k8s.core.v1.Secret(
            "creds",
            { metadata: { name: "creds", namespace: "default" }, stringData: { token: "t" } },
            options([service]),
        );
    };

    it("fails a Service whose pods already run but cannot become ready before a Secret that waits for the Service", async () => {
        const problems = await problemsOf(envProgram("secret-after-service"));
        expect(problems.filter((problem) => problem.rule === "service-pods").map((problem) => problem.message)).to.deep.equal([
            "in cluster east, Service default/web (web) waits for ready pods of Deployment default/web (web), which need Secret default/creds, " +
                "which only Secret default/creds (creds) provides, and it waits for web, so the await can never finish and a real `pulumi up` " +
                "fails when it times out (10 minutes by default); fix: create the Secret before the Service, or annotate the Service " +
                'pulumi.com/skipAwait: "true".',
        ]);
    });

    it("passes the same Service when its workload comes after it, or with pulumi.com/skipAwait", async () => {
        expect((await problemsOf(envProgram("workload-after-service"))).filter((problem) => problem.rule === "service-pods")).to.deep.equal(
            [],
        );
        expect((await problemsOf(envProgram("skip-await"))).filter((problem) => problem.rule === "service-pods")).to.deep.equal([]);
    });
});

describe("await checker: admission webhooks served before what they intercept", () => {
    /** The webhook objects, the controller that serves them, and a Widget created after the webhook configuration. */
    const webhookProgram =
        (
            widgetAfter: "objects" | "controller" | "rollout-gate" | "controller-waits-for-widget",
            failurePolicy: "Fail" | "Ignore" = "Fail",
        ) =>
        () => {
            const { options, kubeconfig } = fixtureCluster();
            const crds = group("crds", [widgetCrd()], options());
            const service = serviceObject("demo-webhook", "kube-system", CONTROLLER_LABELS);
            const objects = group("mc-objects", [service, widgetWebhook("kube-system", failurePolicy)], options());
            const controllerObject = deploymentObject("demo-controller", "kube-system", CONTROLLER_LABELS);
            const deps: pulumi.Resource[] = [crds, objects];
            if (widgetAfter === "controller-waits-for-widget") {
                const widget = new k8s.apiextensions.CustomResource("widget", widgetObject("one"), options(deps));
                group("mc-controller", [controllerObject], options([objects, widget]));
                return;
            }
            const controller = group("mc-controller", [controllerObject], options([objects]));
            const gate = clusterGate(
                "mc-running",
                "kubectl -n kube-system rollout status deployment/demo-controller --timeout=600s\n",
                kubeconfig,
                [objects],
            );
            const after = widgetAfter === "controller" ? [controller] : widgetAfter === "rollout-gate" ? [gate] : [];
            new k8s.apiextensions.CustomResource("widget", widgetObject("one"), options([...deps, ...after]));
        };

    it("fails an object created after the webhook configuration but not after what serves it", async () => {
        const problems = await problemsOf(webhookProgram("objects"));
        expect(problems.map((problem) => problem.message)).to.deep.equal([
            "in cluster east, Widget default/one (widget) needs webhook vwidget.demo.example.com of mc-objects:demo-validating served by " +
                "Service kube-system/demo-webhook when it is created, but it does not wait for Deployment kube-system/demo-controller " +
                "(mc-controller:kube-system/demo-controller) and mc-running, so the API server rejects it (failurePolicy Fail) unless the " +
                "webhook happens to be served already; fix: make widget depend on a workload that serves the webhook (or a gate that waits " +
                "for its rollout), or create it before mc-objects:demo-validating.",
        ]);
    });

    it("fails as a deadlock when the serving workload waits for the object", async () => {
        const problems = await problemsOf(webhookProgram("controller-waits-for-widget"));
        expect(problems.map((problem) => problem.message)).to.have.length(1);
        expect(problems[0].message).to.contain(
            "which only Deployment kube-system/demo-controller (mc-controller:kube-system/demo-controller) provides, " +
                "and it waits for widget, so the API server rejects it (failurePolicy Fail) because nothing can serve the webhook yet",
        );
    });

    it("passes an object after the serving Deployment, after a gate that waits for its rollout, or under failurePolicy Ignore", async () => {
        expect(await problemsOf(webhookProgram("controller"))).to.deep.equal([]);
        expect(await problemsOf(webhookProgram("rollout-gate"))).to.deep.equal([]);
        expect(await problemsOf(webhookProgram("objects", "Ignore"))).to.deep.equal([]);
    });
});

import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AwaitProblem, checkAwaits } from "../../tools/engine/await-check";
import { recordProgram } from "../mocks";
import { clusterGate, deploymentObject, fixtureCluster, group, serviceObject, widgetCrd, widgetObject } from "./await-fixtures";

/** The await problems of a program (which must itself run cleanly). */
async function problemsOf(program: () => void): Promise<AwaitProblem[]> {
    const graph = await recordProgram(program);
    expect(graph.error, String(graph.error)).to.equal(undefined);
    return checkAwaits(graph.records);
}

const messages = (problems: readonly AwaitProblem[], rule?: string) =>
    problems.filter((problem) => rule === undefined || problem.rule === rule).map((problem) => problem.message);

/** A gate that waits for a CRD the way `components/shared/kubectl-wait.ts` waitForCrdLines does. */
const crdGate = (crd: string) => `kubectl wait --for condition=established --timeout=60s crd/${crd}\n`;

describe("await checker: CRDs before their objects", () => {
    it("passes a custom resource that depends on the group creating its CRD, or shares its group", async () => {
        expect(
            await problemsOf(() => {
                const { options } = fixtureCluster();
                const crds = group("crds", [widgetCrd()], options());
                new k8s.apiextensions.CustomResource("widget", widgetObject("one"), options([crds]));
                group("together", [widgetCrd(), widgetObject("two")], options());
            }),
        ).to.deep.equal([]);
    });

    it("fails a custom resource whose CRD only comes from a group that waits for it", async () => {
        const problems = await problemsOf(() => {
            const { options } = fixtureCluster();
            const widget = new k8s.apiextensions.CustomResource("widget", widgetObject("one"), options());
            group("crds", [widgetCrd()], options([widget]));
        });
        expect(messages(problems)).to.deep.equal([
            "in cluster east, Widget default/one (widget) needs CRD widgets.demo.example.com, which only " +
                "CustomResourceDefinition widgets.demo.example.com (crds:widgets.demo.example.com) provides, and it waits for widget, " +
                "so its create can never succeed; fix: make widget depend on what creates the CRD (or on a gate that runs " +
                "`kubectl wait --for condition=established crd/widgets.demo.example.com`), or apply both in one ConfigGroup.",
        ]);
    });

    it("fails a race with an unrelated CRD source, and a CRD nothing creates", async () => {
        const race = await problemsOf(() => {
            const { options } = fixtureCluster();
            group("crds", [widgetCrd()], options());
            new k8s.apiextensions.CustomResource("widget", widgetObject("one"), options());
        });
        expect(messages(race)[0])
            .to.contain("does not wait for CustomResourceDefinition widgets.demo.example.com (crds:widgets.demo.example.com)")
            .and.to.contain("6 tries over about 31 s");
        const missing = await problemsOf(() => {
            new k8s.apiextensions.CustomResource("widget", widgetObject("one"), fixtureCluster().options());
        });
        expect(messages(missing)[0]).to.contain("which no resource of the program is known to create there");
    });

    it("takes a CRD from a script of the same cluster that waits for it established", async () => {
        expect(
            await problemsOf(() => {
                const { options, kubeconfig } = fixtureCluster();
                const gate = clusterGate("widget-crd", crdGate("widgets.demo.example.com"), kubeconfig);
                new k8s.apiextensions.CustomResource("widget", widgetObject("one"), options([gate]));
            }),
        ).to.deep.equal([]);
        const elsewhere = await problemsOf(() => {
            const east = fixtureCluster("east");
            const west = fixtureCluster("west");
            const gate = clusterGate("widget-crd", crdGate("widgets.demo.example.com"), west.kubeconfig);
            new k8s.apiextensions.CustomResource("widget", widgetObject("one"), east.options([gate]));
        });
        expect(messages(elsewhere)[0]).to.contain("in cluster east").and.to.contain("no resource of the program is known to create there");
    });

    it("follows a dependency on a local component to the group it holds", async () => {
        expect(
            await problemsOf(() => {
                const { options } = fixtureCluster();
                const holder = new pulumi.ComponentResource("multicluster:test:Holder", "holder");
                group("crds", [widgetCrd()], { ...options(), parent: holder });
                new k8s.apiextensions.CustomResource("widget", widgetObject("one"), options([holder]));
            }),
        ).to.deep.equal([]);
    });
});

describe("await checker: Namespaces before their objects", () => {
    it("fails an object whose Namespace waits for it, passes it the other way round", async () => {
        const problems = await problemsOf(() => {
            const { options } = fixtureCluster();
            const settings = new k8s.core.v1.ConfigMap("settings", { metadata: { name: "settings", namespace: "apps" } }, options());
            new k8s.core.v1.Namespace("apps", { metadata: { name: "apps" } }, options([settings]));
        });
        expect(messages(problems, "namespace")).to.have.length(1);
        expect(messages(problems, "namespace")[0]).to.contain(
            "ConfigMap apps/settings (settings) needs Namespace apps, which only Namespace apps (apps) provides",
        );
        expect(
            await problemsOf(() => {
                const { options } = fixtureCluster();
                const ns = new k8s.core.v1.Namespace("apps", { metadata: { name: "apps" } }, options());
                new k8s.core.v1.ConfigMap("settings", { metadata: { name: "settings", namespace: "apps" } }, options([ns]));
            }),
        ).to.deep.equal([]);
    });
});

describe("await checker: LoadBalancer Services and their address pools", () => {
    const poolProgram =
        (poolAfterService: boolean, skipAwait = false) =>
        () => {
            const { options, kubeconfig } = fixtureCluster();
            const crds = clusterGate("metallb-crds", crdGate("ipaddresspools.metallb.io"), kubeconfig);
            const pool = () =>
                new k8s.apiextensions.CustomResource(
                    "pool",
                    {
                        apiVersion: "metallb.io/v1beta1",
                        kind: "IPAddressPool",
                        metadata: { name: "default", namespace: "metallb-system" },
                        spec: { addresses: ["172.18.255.200-172.18.255.250"] },
                    },
                    options([crds, ...(poolAfterService ? [service] : [])]),
                );
            const first = poolAfterService ? undefined : pool();
            const annotations = skipAwait ? { "pulumi.com/skipAwait": "true" } : undefined;
            const service: k8s.core.v1.Service = new k8s.core.v1.Service(
                "gateway",
                serviceObject("gateway", "default", { app: "gw" }, { type: "LoadBalancer", ...(annotations ? { annotations } : {}) }),
                options(first ? [first] : []),
            );
            if (poolAfterService) {
                pool();
            }
        };

    it("fails a LoadBalancer Service whose only pool waits for it", async () => {
        const problems = await problemsOf(poolProgram(true));
        expect(messages(problems, "lb-pool")).to.deep.equal([
            "in cluster east, Service default/gateway (gateway) waits for an ingress address from a LoadBalancer address pool, which only " +
                "IPAddressPool metallb-system/default (pool) provides, and it waits for gateway, so the await can never finish and a real " +
                "`pulumi up` fails when it times out (10 minutes by default); fix: create a pool before the Service (drop the pool's dependency " +
                'on gateway), or annotate the Service pulumi.com/skipAwait: "true".',
        ]);
    });

    it("passes the pool first, or the Service with pulumi.com/skipAwait", async () => {
        expect(await problemsOf(poolProgram(false))).to.deep.equal([]);
        expect(await problemsOf(poolProgram(true, true))).to.deep.equal([]);
    });
});

describe("await checker: what a workload's pods need", () => {
    const podProgram =
        (configMapAfter: boolean, extra: { optional?: boolean; skipAwait?: boolean } = {}) =>
        () => {
            const { options } = fixtureCluster();
            const volume = { name: "settings", configMap: { name: "settings", ...(extra.optional ? { optional: true } : {}) } };
            const web = deploymentObject("web", "default", { app: "web" }, { volumes: [volume] });
            const metadata = { ...web.metadata, ...(extra.skipAwait ? { annotations: { "pulumi.com/skipAwait": "true" } } : {}) };
            const settings = configMapAfter
                ? undefined
                : new k8s.core.v1.ConfigMap("settings", { metadata: { name: "settings", namespace: "default" } }, options());
            const deployment = new k8s.apps.v1.Deployment("web", { ...web, metadata }, options(settings ? [settings] : []));
            if (configMapAfter) {
                new k8s.core.v1.ConfigMap("settings", { metadata: { name: "settings", namespace: "default" } }, options([deployment]));
            }
        };

    it("fails a Deployment whose pods mount a ConfigMap that waits for the Deployment", async () => {
        const problems = await problemsOf(podProgram(true));
        expect(messages(problems, "pod-ref")).to.have.length(1);
        expect(messages(problems, "pod-ref")[0]).to.contain(
            "Deployment default/web (web) waits for ConfigMap default/settings (its pods' volume), " +
                "which only ConfigMap default/settings (settings) provides, and it waits for web",
        );
    });

    it("passes the ConfigMap first, an optional volume, or a workload with pulumi.com/skipAwait", async () => {
        expect(await problemsOf(podProgram(false))).to.deep.equal([]);
        expect(await problemsOf(podProgram(true, { optional: true }))).to.deep.equal([]);
        expect(await problemsOf(podProgram(true, { skipAwait: true }))).to.deep.equal([]);
    });

    it("fails a service-account-token Secret whose ServiceAccount waits for it, passes it the other way round", async () => {
        const tokenProgram = (accountAfter: boolean) => () => {
            const { options } = fixtureCluster();
            const account = () =>
                new k8s.core.v1.ServiceAccount(
                    "member",
                    { metadata: { name: "member", namespace: "default" } },
                    options(accountAfter ? [token] : []),
                );
            const first = accountAfter ? undefined : account();
            const token: k8s.core.v1.Secret = new k8s.core.v1.Secret(
                "member-token",
                {
                    metadata: {
                        name: "member-token",
                        namespace: "default",
                        annotations: { "kubernetes.io/service-account.name": "member" },
                    },
                    type: "kubernetes.io/service-account-token",
                },
                options(first ? [first] : []),
            );
            if (accountAfter) {
                account();
            }
        };
        expect(messages(await problemsOf(tokenProgram(true)), "sa-token")[0]).to.contain(
            "Secret default/member-token (member-token) waits for ServiceAccount default/member, which only ServiceAccount default/member (member) provides",
        );
        expect(await problemsOf(tokenProgram(false))).to.deep.equal([]);
    });
});

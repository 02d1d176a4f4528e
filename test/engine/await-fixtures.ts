// Small programs for the await checker: one cluster, objects in our own words shaped like the upstream ones.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { clusterProvider } from "../../components/cluster";

/** Resource options for in-cluster resources of the fixture cluster. */
export type InCluster = (dependsOn?: readonly pulumi.Resource[], extra?: pulumi.CustomResourceOptions) => pulumi.CustomResourceOptions;

/** A fixture cluster: its provider and a helper that gives in-cluster options. */
export function fixtureCluster(name = "east"): { provider: k8s.Provider; options: InCluster; kubeconfig: string } {
    const kubeconfig = `apiVersion: v1\nkind: Config\nclusters: [{ name: ${name} }]\n`;
    const root = new pulumi.ComponentResource("multicluster:test:Cluster", name);
    const provider = clusterProvider(`${name}-k8s`, { incarnation: `${name}@1`, kubeconfig }, root);
    return { provider, kubeconfig, options: (dependsOn = [], extra = {}) => ({ ...extra, provider, dependsOn: [...dependsOn] }) };
}

/** Labels of the fixture controller's pods (as antrea-mc-controller's). */
export const CONTROLLER_LABELS = { app: "demo", component: "demo-controller" };

/** A Deployment whose pods carry `labels`; `pod` adds to the pod spec. */
export function deploymentObject(
    name: string,
    namespace: string,
    labels: Record<string, string>,
    pod: Partial<k8s.types.input.core.v1.PodSpec> = {},
) {
    return {
        apiVersion: "apps/v1" as const,
        kind: "Deployment" as const,
        metadata: { name, namespace },
        spec: {
            selector: { matchLabels: labels },
            template: { metadata: { labels }, spec: { containers: [{ name, image: "registry.example/demo:1.0" }], ...pod } },
        },
    };
}

/** A ClusterIP (or other type) Service selecting `selector`. */
export function serviceObject(
    name: string,
    namespace: string,
    selector: Record<string, string>,
    extra: { type?: string; annotations?: Record<string, string> } = {},
) {
    return {
        apiVersion: "v1" as const,
        kind: "Service" as const,
        metadata: { name, namespace, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
        spec: { selector, ports: [{ port: 443, targetPort: 9443 }], ...(extra.type ? { type: extra.type } : {}) },
    };
}

/** A namespaced CRD of `widgets.demo.example.com` (kind Widget). */
export function widgetCrd() {
    return {
        apiVersion: "apiextensions.k8s.io/v1",
        kind: "CustomResourceDefinition",
        metadata: { name: "widgets.demo.example.com" },
        spec: {
            group: "demo.example.com",
            names: { kind: "Widget", plural: "widgets" },
            scope: "Namespaced",
            versions: [{ name: "v1", served: true, storage: true }],
        },
    };
}

/** A Widget custom resource. */
export function widgetObject(name: string, namespace = "default") {
    return { apiVersion: "demo.example.com/v1", kind: "Widget", metadata: { name, namespace }, spec: { size: 1 } };
}

/** A ValidatingWebhookConfiguration that intercepts Widget creates, served by Service `namespace/demo-webhook`. */
export function widgetWebhook(namespace: string, failurePolicy: "Fail" | "Ignore" = "Fail") {
    return {
        apiVersion: "admissionregistration.k8s.io/v1",
        kind: "ValidatingWebhookConfiguration",
        metadata: { name: "demo-validating" },
        webhooks: [
            {
                name: "vwidget.demo.example.com",
                failurePolicy,
                sideEffects: "None",
                admissionReviewVersions: ["v1"],
                clientConfig: { service: { name: "demo-webhook", namespace, path: "/validate-widget" } },
                rules: [{ apiGroups: ["demo.example.com"], apiVersions: ["v1"], resources: ["widgets"], operations: ["CREATE", "UPDATE"] }],
            },
        ],
    };
}

/** A ConfigGroup of plain objects. */
export function group(
    name: string,
    objs: readonly Record<string, unknown>[],
    opts: pulumi.CustomResourceOptions,
    skipAwait = false,
): k8s.yaml.v2.ConfigGroup {
    return new k8s.yaml.v2.ConfigGroup(name, { objs: [...objs], ...(skipAwait ? { skipAwait: true } : {}) }, opts);
}

/** A local script against the fixture cluster (kubeconfig on stdin, as `clusterScript`). */
export function clusterGate(
    name: string,
    script: string,
    kubeconfig: string,
    dependsOn: readonly pulumi.Resource[] = [],
): command.local.Command {
    return new command.local.Command(
        name,
        {
            create: script,
            interpreter: ["bash", "-c"],
            stdin: pulumi.secret(kubeconfig),
            logging: "none",
        },
        { dependsOn: [...dependsOn] },
    );
}

/**
 * Blocker 3 of issue 17, in our own words: the webhook Service (selecting the controller's pods), its webhook
 * configuration and the ServiceAccount in a first group; the controller Deployment in a second group that depends
 * on the first (as `components/antrea/controller.ts` applies the Multi-cluster manifest).
 */
export function blockerThree(variant: { skipAwait?: boolean; oneGroup?: boolean } = {}): void {
    const { options } = fixtureCluster();
    const annotations = variant.skipAwait ? { "pulumi.com/skipAwait": "true" } : undefined;
    const service = serviceObject("demo-webhook", "kube-system", CONTROLLER_LABELS, annotations ? { annotations } : {});
    const account = { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "demo-controller", namespace: "kube-system" } };
    const controller = deploymentObject("demo-controller", "kube-system", CONTROLLER_LABELS, { serviceAccountName: "demo-controller" });
    if (variant.oneGroup) {
        group("mc-all", [account, service, widgetWebhook("kube-system"), controller], options());
        return;
    }
    const objects = group("mc-objects", [account, service, widgetWebhook("kube-system")], options());
    group("mc-controller", [controller], options([objects]));
}

/** A Widget created before the group that holds its CRD (which depends on it): a render of this must fail. */
export function crdAfterCustomResource(): void {
    const { options } = fixtureCluster();
    const widget = new k8s.apiextensions.CustomResource("widget", widgetObject("one"), options());
    group("crds", [widgetCrd()], options([widget]));
}

/** An Ingress sending `/` to Service `backend`; `className` undefined leaves the class to the cluster's default. */
export function ingressObject(name: string, namespace: string, className: string | undefined, annotations?: Record<string, string>) {
    const paths = [{ path: "/", pathType: "Prefix", backend: { service: { name: "backend", port: { number: 80 } } } }];
    return {
        apiVersion: "networking.k8s.io/v1" as const,
        kind: "Ingress" as const,
        metadata: { name, namespace, ...(annotations ? { annotations } : {}) },
        spec: { ...(className === undefined ? {} : { ingressClassName: className }), rules: [{ http: { paths } }] },
    };
}

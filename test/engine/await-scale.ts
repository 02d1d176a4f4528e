// Synthetic registrations at the benchmark's scale (12,500 resources) for the await checker's cost.
import { RecordedOptions, RecordedResource } from "../../tools/engine/recorder";
import { deploymentObject, ingressObject, serviceObject, widgetCrd, widgetObject, widgetWebhook } from "./await-fixtures";

const OPTIONS: RecordedOptions = {
    deleteBeforeReplace: true,
    additionalSecretOutputs: [],
    replaceOnChanges: [],
    ignoreChanges: [],
    deletedWith: null,
    protect: false,
    retainOnDelete: false,
    customTimeouts: null,
    transforms: 0,
};
const STACK = "urn:pulumi:scale::multicluster::pulumi:pulumi:Stack::multicluster-scale";

/** One registration. */
function record(
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    dependencies: readonly string[],
    provider: string | null,
    custom = true,
): RecordedResource {
    return {
        urn: `urn:pulumi:scale::multicluster::${type}::${name}`,
        type,
        name,
        custom,
        parent: STACK,
        provider,
        dependencies,
        inputs,
        options: OPTIONS,
    };
}

/** A controller's pod labels, which its IngressClass carries too (so the Ingress rule finds the controller). */
const CONTROLLER = { app: "demo", "app.kubernetes.io/name": "demo" };
const INGRESS_CLASS = {
    apiVersion: "networking.k8s.io/v1",
    kind: "IngressClass",
    metadata: { name: "demo", labels: CONTROLLER },
    spec: { controller: "example.com/demo" },
};

/**
 * `clusters` clusters of 25 registrations each (20 Widgets and an Ingress after the controller); each cluster's gate
 * waits for the previous cluster's last object.
 */
export function scaleRecords(clusters: number): RecordedResource[] {
    const records = [record("pulumi:pulumi:Stack", "multicluster-scale", {}, [], null, false)];
    let previous: string[] = [];
    for (let c = 0; c < clusters; c++) {
        const provider = record(
            "pulumi:providers:kubernetes",
            `c${c}-k8s`,
            { clusterIdentifier: `c${c}@1`, kubeconfig: `kubeconfig ${c}` },
            [],
            null,
        );
        const gate = record(
            "command:local:Command",
            `c${c}-crds`,
            {
                create: "kubectl wait --for condition=established crd/widgets.demo.example.com\n",
                stdin: `kubeconfig ${c}`,
                triggers: [`c${c}@1`],
            },
            previous,
            null,
        );
        const objects = record(
            "kubernetes:yaml/v2:ConfigGroup",
            `c${c}-objects`,
            {
                objs: [widgetCrd(), serviceObject("demo-webhook", "kube-system", { app: "demo" }), widgetWebhook("kube-system")],
            },
            [gate.urn],
            provider.urn,
            false,
        );
        const controller = record(
            "kubernetes:yaml/v2:ConfigGroup",
            `c${c}-controller`,
            { objs: [INGRESS_CLASS, deploymentObject("demo", "kube-system", CONTROLLER)] },
            [objects.urn],
            provider.urn,
            false,
        );
        const ingress = record(
            "kubernetes:networking.k8s.io/v1:Ingress",
            `c${c}-ingress`,
            ingressObject("web", "default", "demo"),
            [controller.urn],
            provider.urn,
        );
        const widgets = Array.from({ length: 20 }, (_, w) =>
            record(
                "kubernetes:demo.example.com/v1:Widget",
                `c${c}-widget-${w}`,
                widgetObject(`w${w}`),
                [gate.urn, controller.urn],
                provider.urn,
            ),
        );
        records.push(provider, gate, objects, controller, ingress, ...widgets);
        previous = [widgets[widgets.length - 1].urn];
    }
    return records;
}

// Ingresses: pulumi-kubernetes awaits an Ingress until a controller of its class writes its status.
//
// `provider/pkg/await/ingress.go`@v4.32.0 (the newest tag; unchanged on main since): `Await` succeeds once
// `.status.loadBalancer.ingress` is non-empty (processIngressEvent) and checkIfEndpointsReady passes. The latter
// looks for an Endpoints object named after each `spec.rules[].http.paths[]` backend Service (ExternalName Services
// and resource backends skipped, `defaultBackend` not read), but once Endpoints events settle (10 s after the last,
// 60 s when none come) a missing one only logs "No matching service found for ingress rule" and passes
// (`ingress_test.go` "Should succeed even if not all Ingress paths match existing Endpoints"). So a backend Service
// created after its Ingress is not waited for and is no problem; the status is: only a controller serving the
// Ingress's class writes it, so the Ingress must come after something that guarantees that controller runs.
//
// What guarantees it, in one cluster (only what the program registers or declares; a Helm chart stays opaque):
// - a declared controller (`INGRESS_CONTROLLERS`, `components/ingress/controllers.ts`, whose names the ingress layer
//   pins through `ownedValuePaths`): its Deployment registered with its await, or a script that waits for its rollout;
// - a visible IngressClass whose `app.kubernetes.io/name` (and `app.kubernetes.io/instance`, if set) labels are on a
//   visible controller's pods (Kubernetes' recommended labels, which the ingress-nginx manifest and the Traefik chart
//   put on both): that workload registered with its await, or a script that waits for its rollout.
// The class is `spec.ingressClassName`, else the `kubernetes.io/ingress.class` annotation; an Ingress with neither
// gets the cluster's default class, which cannot be told offline, so any controller recognised there serves it.
import { INGRESS_CONTROLLERS } from "../../components/ingress/values";
import { AwaitIndex, ObjectNode, identity } from "./await-index";
import { apiGroup, field, selects } from "./await-kube";
import { AwaitNode } from "./await-nodes";
import { Need, awaits } from "./await-rules";

/** A workload that runs an ingress controller. */
interface ControllerWorkload {
    readonly kind: string;
    readonly namespace: string;
    readonly name: string;
}

const CONTROLLER_KINDS = new Set(["Deployment", "DaemonSet", "StatefulSet"]);
const RECOMMENDED = ["app.kubernetes.io/name", "app.kubernetes.io/instance"];

/** The class an Ingress names, or undefined for the cluster's default class. */
function classOf(ingress: ObjectNode): string | undefined {
    const named = field(ingress.object, "spec", "ingressClassName");
    const annotated = ingress.object.metadata.annotations?.["kubernetes.io/ingress.class"];
    return typeof named === "string" && named !== "" ? named : annotated || undefined;
}

/** Controller workloads the program declares, by class. */
function declaredWorkloads(): Map<string, ControllerWorkload[]> {
    const byClass = new Map<string, ControllerWorkload[]>();
    for (const spec of Object.values(INGRESS_CONTROLLERS)) {
        const workload = { kind: "Deployment", namespace: spec.chart.namespace, name: spec.deployment };
        byClass.set(spec.className, [...(byClass.get(spec.className) ?? []), workload]);
    }
    return byClass;
}

/** Controller workloads of one cluster's visible IngressClasses, by class (their recommended labels on the pods). */
function visibleWorkloads(objects: readonly ObjectNode[]): Map<string, ControllerWorkload[]> {
    const workloads = objects.filter((node) => CONTROLLER_KINDS.has(node.object.kind) && apiGroup(node.object.apiVersion) === "apps");
    const classes = objects.filter(
        (node) => node.object.kind === "IngressClass" && apiGroup(node.object.apiVersion) === "networking.k8s.io",
    );
    const byClass = new Map<string, ControllerWorkload[]>();
    for (const ingressClass of classes) {
        const labels = ingressClass.object.metadata.labels ?? {};
        const selector = Object.fromEntries(RECOMMENDED.filter((key) => labels[key] !== undefined).map((key) => [key, labels[key]]));
        const served =
            labels[RECOMMENDED[0]] === undefined
                ? []
                : workloads
                      .filter((node) => selects(selector, field(node.object, "spec", "template", "metadata", "labels")))
                      .map((node) => ({ kind: node.object.kind, namespace: node.namespace, name: node.object.metadata.name }));
        byClass.set(ingressClass.object.metadata.name, [...(byClass.get(ingressClass.object.metadata.name) ?? []), ...served]);
    }
    return byClass;
}

/** What guarantees a workload serves in a cluster: the workload registered with its await, or a script that waits for its rollout. */
function guarantors(index: AwaitIndex, cluster: string | null, workload: ControllerWorkload): AwaitNode[] {
    const key = identity(cluster, workload.kind, workload.namespace, workload.name);
    return [...(index.byIdentity.get(key) ?? []).filter(awaits), ...(index.rollouts.get(key) ?? [])];
}

/** What guarantees a serving controller in one cluster, by class ("" for any class: the default class). */
function servingByClass(index: AwaitIndex, cluster: string | null, objects: readonly ObjectNode[]): Map<string, AwaitNode[]> {
    const serving = new Map<string, AwaitNode[]>();
    for (const source of [declaredWorkloads(), visibleWorkloads(objects)]) {
        for (const [name, workloads] of source) {
            const nodes = workloads.flatMap((workload) => guarantors(index, cluster, workload));
            serving.set(name, [...new Set([...(serving.get(name) ?? []), ...nodes])]);
            serving.set("", [...new Set([...(serving.get("") ?? []), ...nodes])]);
        }
    }
    return serving;
}

/**
 * An awaited Ingress needs a controller of its class serving while its await runs: the Ingress must wait for what
 * guarantees one (a deadlock when all of that waits for the Ingress, a race when it waits for none of it).
 */
export function ingressNeeds(index: AwaitIndex): Need[] {
    const ingresses = index.objects.filter(
        (node) => node.object.kind === "Ingress" && apiGroup(node.object.apiVersion) === "networking.k8s.io" && awaits(node),
    );
    const objectsByCluster = new Map<string | null, ObjectNode[]>();
    if (ingresses.length > 0) {
        index.objects.forEach((node) =>
            objectsByCluster
                .set(node.cluster, objectsByCluster.get(node.cluster) ?? [])
                .get(node.cluster)
                ?.push(node),
        );
    }
    const serving = new Map<string | null, Map<string, AwaitNode[]>>();
    return ingresses.map((node): Need => {
        const cluster = serving.get(node.cluster) ?? servingByClass(index, node.cluster, objectsByCluster.get(node.cluster) ?? []);
        serving.set(node.cluster, cluster);
        const name = classOf(node);
        return {
            rule: "ingress",
            waiter: node,
            mode: "before",
            required: true,
            providers: cluster.get(name ?? "") ?? [],
            what: `a controller of ${name ? `IngressClass ${name}` : "the default IngressClass"} to write its .status.loadBalancer.ingress`,
            fix:
                `run the controller before ${node.name} (depend on its workload or on a gate that waits for its rollout, and drop any dependency ` +
                `of theirs on ${node.name}), or annotate the Ingress pulumi.com/skipAwait: "true"`,
        };
    });
}

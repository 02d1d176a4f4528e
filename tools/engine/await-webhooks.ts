// Admission webhooks: an object created while a webhook that intercepts it exists must find that webhook served.
//
// With `failurePolicy: Fail` (the admissionregistration.k8s.io/v1 default) the API server rejects a matching
// request when the webhook's Service has no ready endpoint. So an object created after the webhook configuration
// must also come after a workload that serves the webhook (its Deployment await, or a script that waits for its
// rollout). Only what is visible is judged: a webhook whose Service or serving pods are not visible, or whose
// selectors cannot be evaluated offline, is skipped.
import { KubeObject, apiGroup, apiVersionOnly, field, hasCustomAwait, selects } from "./await-kube";
import { AwaitIndex, ObjectNode, identity } from "./await-index";
import { AwaitNode } from "./await-nodes";
import { Ordering } from "./await-order";
import { Need } from "./await-rules";

const WEBHOOK_KINDS = new Set(["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"]);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const has = (list: unknown, value: string): boolean => asArray(list).some((item) => item === value || item === "*");

/** True/false when the namespace selector can be judged offline (only `kubernetes.io/metadata.name` labels), else undefined. */
function namespaceSelected(selector: unknown, namespace: string): boolean | undefined {
    const labels = field(selector, "matchLabels");
    const expressions = asArray(field(selector, "matchExpressions"));
    const keys = Object.keys(typeof labels === "object" && labels !== null ? labels : {});
    if (expressions.length > 0 || keys.some((key) => key !== "kubernetes.io/metadata.name")) {
        return undefined;
    }
    return keys.length === 0 || namespace === "" || selects(labels, { "kubernetes.io/metadata.name": namespace });
}

/** True when one webhook intercepts the creation of `object` (false also when that cannot be judged offline). */
function intercepts(webhook: unknown, object: ObjectNode, plural: string): boolean {
    const objectSelector = field(webhook, "objectSelector");
    if (typeof objectSelector === "object" && objectSelector !== null && Object.keys(objectSelector).length > 0) {
        return false;
    }
    const ruleMatches = asArray(field(webhook, "rules")).some(
        (rule) =>
            has(field(rule, "apiGroups"), apiGroup(object.object.apiVersion)) &&
            has(field(rule, "apiVersions"), apiVersionOnly(object.object.apiVersion)) &&
            has(field(rule, "resources"), plural) &&
            has(field(rule, "operations"), "CREATE"),
    );
    return ruleMatches && namespaceSelected(field(webhook, "namespaceSelector"), object.namespace) === true;
}

/** What serves a webhook's Service: awaited workloads its selector picks, and scripts that wait for their rollout. */
function servers(index: AwaitIndex, config: ObjectNode, service: KubeObject, namespace: string): AwaitNode[] {
    const workloads = (index.workloads.get(`${config.cluster}|${namespace}`) ?? []).filter((workload) =>
        selects(field(service, "spec", "selector"), field(workload.object, "spec", "template", "metadata", "labels")),
    );
    return workloads.flatMap((workload) => [
        ...(hasCustomAwait(workload.object) || workload.groupSkipAwait ? [] : [workload]),
        ...(index.rollouts.get(identity(workload.cluster, workload.object.kind, namespace, workload.object.metadata.name)) ?? []),
    ]);
}

/** Needs for the objects one webhook of one configuration intercepts. */
function webhookNeeds(
    index: AwaitIndex,
    ordering: Ordering,
    config: ObjectNode,
    webhook: unknown,
    candidates: readonly ObjectNode[],
): Need[] {
    const ref = field(webhook, "clientConfig", "service");
    const name = field(ref, "name");
    const namespace = field(ref, "namespace");
    if (field(webhook, "failurePolicy") === "Ignore" || typeof name !== "string" || typeof namespace !== "string") {
        return [];
    }
    const service = index.byIdentity.get(identity(config.cluster, "Service", namespace, name))?.[0];
    const serving = service ? servers(index, config, service.object, namespace) : [];
    if (serving.length === 0) {
        return [];
    }
    return candidates
        .filter(
            (node) =>
                node.id !== config.id &&
                intercepts(webhook, node, index.plural(apiGroup(node.object.apiVersion), node.object.kind)) &&
                ordering.waitsFor(node.id, config.id),
        )
        .map((node): Need => ({
            rule: "webhook",
            waiter: node,
            mode: "before",
            providers: serving,
            what: `webhook ${String(field(webhook, "name"))} of ${config.name} served by Service ${namespace}/${name}`,
            fix: `make ${node.name} depend on a workload that serves the webhook (or a gate that waits for its rollout), or create it before ${config.name}`,
        }));
}

/** Every webhook need of the run. */
export function webhookNeedsOf(index: AwaitIndex, ordering: Ordering): Need[] {
    const byCluster = new Map<string | null, ObjectNode[]>();
    for (const node of index.objects) {
        byCluster
            .set(node.cluster, byCluster.get(node.cluster) ?? [])
            .get(node.cluster)
            ?.push(node);
    }
    return index.objects
        .filter((node) => WEBHOOK_KINDS.has(node.object.kind) && apiGroup(node.object.apiVersion) === "admissionregistration.k8s.io")
        .flatMap((config) =>
            asArray(config.object.webhooks).flatMap((webhook) =>
                webhookNeeds(index, ordering, config, webhook, byCluster.get(config.cluster) ?? []),
            ),
        );
}

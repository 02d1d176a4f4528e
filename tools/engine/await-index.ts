// Lookups the await rules need, per cluster: objects by identity, CRD providers, workloads by namespace.
import { KubeObject, apiGroup, awaitedPods, field, isNamespaced, naivePlural } from "./await-kube";
import { AwaitNode } from "./await-nodes";
import { crdsWaitedBy, rolloutsWaitedBy } from "./await-scripts";

/** A node that creates an object, with the object's effective namespace. */
export interface ObjectNode extends AwaitNode {
    /** The object. */
    readonly object: KubeObject;
    /** Its namespace after pulumi-kubernetes' defaulting (`default` for a namespaced object without one); "" if cluster-scoped. */
    readonly namespace: string;
}

/** Everything the rules look up. */
export interface AwaitIndex {
    /** Every object node. */
    readonly objects: readonly ObjectNode[];
    /** Object nodes by `cluster|kind|namespace|name`. */
    readonly byIdentity: ReadonlyMap<string, readonly ObjectNode[]>;
    /** Nodes that provide a CRD (its object, or a script that waits for it established), by `cluster|crdName`. */
    readonly crdProviders: ReadonlyMap<string, readonly AwaitNode[]>;
    /** Scripts that wait for a workload rolled out, by `cluster|kind|namespace|name` (kind as the object spells it). */
    readonly rollouts: ReadonlyMap<string, readonly AwaitNode[]>;
    /** Object nodes whose await needs pods, by `cluster|namespace`. */
    readonly workloads: ReadonlyMap<string, readonly ObjectNode[]>;
    /** The plural of a kind: from a visible CRD, else the API server's English plural. */
    plural(group: string, kind: string): string;
}

/** The key of an object identity. */
export function identity(cluster: string | null, kind: string, namespace: string, name: string): string {
    return `${cluster ?? ""}|${kind}|${namespace}|${name}`;
}

function add<T>(map: Map<string, T[]>, key: string, value: T): void {
    const list = map.get(key);
    if (list) {
        list.push(value);
    } else {
        map.set(key, [value]);
    }
}

/** `kubectl rollout status` kind words, by the Kind they name. */
const ROLLOUT_KINDS: Readonly<Record<string, string>> = {
    deployment: "Deployment",
    deployments: "Deployment",
    deploy: "Deployment",
    daemonset: "DaemonSet",
    daemonsets: "DaemonSet",
    ds: "DaemonSet",
    statefulset: "StatefulSet",
    statefulsets: "StatefulSet",
    sts: "StatefulSet",
};

/** CRD facts (scope and plural by group/kind) from every visible CRD object. */
function crdFacts(nodes: readonly AwaitNode[]): Map<string, { scope: string; plural: string }> {
    const facts = new Map<string, { scope: string; plural: string }>();
    for (const node of nodes) {
        if (node.object?.kind === "CustomResourceDefinition") {
            const spec = node.object.spec;
            facts.set(`${String(field(spec, "group"))}/${String(field(spec, "names", "kind"))}`, {
                scope: String(field(spec, "scope")),
                plural: String(field(spec, "names", "plural")),
            });
        }
    }
    return facts;
}

function indexScript(node: AwaitNode, crdProviders: Map<string, AwaitNode[]>, rollouts: Map<string, AwaitNode[]>): void {
    if (node.script === undefined || node.cluster === null) {
        return;
    }
    new Set(crdsWaitedBy(node.script)).forEach((crd) => add(crdProviders, `${node.cluster}|${crd}`, node));
    for (const wait of rolloutsWaitedBy(node.script)) {
        const kind = ROLLOUT_KINDS[wait.kind];
        if (kind) {
            add(rollouts, identity(node.cluster, kind, wait.namespace, wait.name), node);
        }
    }
}

/** Builds the lookups over every node. */
export function buildIndex(nodes: readonly AwaitNode[]): AwaitIndex {
    const facts = crdFacts(nodes);
    const objects: ObjectNode[] = [];
    const byIdentity = new Map<string, ObjectNode[]>();
    const crdProviders = new Map<string, AwaitNode[]>();
    const rollouts = new Map<string, AwaitNode[]>();
    const workloads = new Map<string, ObjectNode[]>();
    for (const node of nodes) {
        indexScript(node, crdProviders, rollouts);
        const object = node.object;
        if (!object) {
            continue;
        }
        const namespaced = isNamespaced(object, (group, kind) => facts.get(`${group}/${kind}`)?.scope);
        const entry: ObjectNode = {
            ...node,
            object,
            namespace: namespaced === false ? "" : (object.metadata.namespace ?? (namespaced ? "default" : "")),
        };
        objects.push(entry);
        add(byIdentity, identity(node.cluster, object.kind, entry.namespace, object.metadata.name), entry);
        if (object.kind === "CustomResourceDefinition") {
            add(crdProviders, `${node.cluster}|${object.metadata.name}`, entry);
        }
        if (awaitedPods(object)) {
            add(workloads, `${node.cluster}|${entry.namespace}`, entry);
        }
    }
    return {
        objects,
        byIdentity,
        crdProviders,
        rollouts,
        workloads,
        plural: (group, kind) => facts.get(`${group}/${kind}`)?.plural ?? naivePlural(kind),
    };
}

/** The CRD name a custom object needs (`<plural>.<group>`). */
export function crdNameOf(index: AwaitIndex, object: KubeObject): string {
    const group = apiGroup(object.apiVersion);
    return `${index.plural(group, object.kind)}.${group}`;
}

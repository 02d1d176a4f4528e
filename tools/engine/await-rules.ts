// What each object's create or await needs from other resources, under pulumi-kubernetes' rules (pinned 4.34.2;
// read at pulumi/pulumi-kubernetes v4.32.0, the newest tag whose await code matches the SDK's documented behaviour).
import { KubeObject, apiGroup, awaitedPods, field, hasCustomAwait, isCustomResource, podReferences, selects } from "./await-kube";
import { AwaitIndex, ObjectNode, crdNameOf, identity } from "./await-index";
import { AwaitNode } from "./await-nodes";
import { Ordering } from "./await-order";

/** Which rule a need comes from. */
export type AwaitRule = "crd" | "namespace" | "lb-pool" | "pod-ref" | "sa-token" | "service-pods" | "webhook" | "ingress";

/** Something an object's create or await needs, and what can provide it. */
export interface Need {
    /** The rule. */
    readonly rule: AwaitRule;
    /** The object whose create or await needs it. */
    readonly waiter: ObjectNode;
    /** What it needs, in words ("CRD clustersets.multicluster.crd.antrea.io"). */
    readonly what: string;
    /** What can provide it. */
    readonly providers: readonly AwaitNode[];
    /**
     * `before`: the waiter must depend on one provider (it is needed when the object is created);
     * `not-after`: a deadlock when every provider depends on the waiter (it is needed while the await runs).
     */
    readonly mode: "before" | "not-after";
    /** `before` only: no provider at all is a problem too. */
    readonly required?: boolean;
    /** The fix, in words. */
    readonly fix: string;
}

/** `Kind namespace/name`. */
export function describe(object: KubeObject, namespace: string): string {
    return `${object.kind} ${namespace ? `${namespace}/` : ""}${object.metadata.name}`;
}

/** True when pulumi-kubernetes runs the object's built-in await (no skipAwait, no waitFor, no group skipAwait). */
export const awaits = (node: ObjectNode): boolean => !hasCustomAwait(node.object) && node.groupSkipAwait !== true;
const lookup = (index: AwaitIndex, node: AwaitNode, kind: string, namespace: string, name: string) =>
    index.byIdentity.get(identity(node.cluster, kind, namespace, name)) ?? [];

/**
 * CRDs before their objects: a custom resource can only be created once its CRD is established. pulumi-kubernetes
 * retries a failed create 5 times, 1 s doubling (`provider/pkg/await/await.go` Creation, `provider/pkg/retry/retry.go`
 * @v4.32.0), so a CRD from anything the object does not depend on is a race it loses to any slower CRD source.
 */
export function crdNeeds(index: AwaitIndex): Need[] {
    return index.objects
        .filter((node) => isCustomResource(node.object))
        .map((node) => {
            const crd = crdNameOf(index, node.object);
            return {
                rule: "crd",
                waiter: node,
                what: `CRD ${crd}`,
                mode: "before",
                required: true,
                providers: (index.crdProviders.get(`${node.cluster}|${crd}`) ?? []).filter((provider) => provider.id !== node.id),
                fix: `make ${node.name} depend on what creates the CRD (or on a gate that runs \`kubectl wait --for condition=established crd/${crd}\`), or apply both in one ConfigGroup`,
            };
        });
}

/** Namespaces before their objects: a create in a namespace that does not exist yet fails like a missing CRD. */
export function namespaceNeeds(index: AwaitIndex): Need[] {
    return index.objects
        .filter((node) => node.namespace !== "")
        .map((node) => ({
            rule: "namespace",
            waiter: node,
            what: `Namespace ${node.namespace}`,
            mode: "before",
            providers: lookup(index, node, "Namespace", "", node.namespace),
            fix: `make ${node.name} depend on the Namespace, or apply both in one ConfigGroup`,
        }));
}

/** Kinds that hand out LoadBalancer addresses (MetalLB `IPAddressPool`, Cilium LB-IPAM `CiliumLoadBalancerIPPool`). */
const POOL_KINDS = new Set(["metallb.io/IPAddressPool", "cilium.io/CiliumLoadBalancerIPPool"]);

/**
 * A LoadBalancer Service's await needs an ingress address (`provider/pkg/await/service.go` processServiceEvent
 * @v4.32.0: `status.loadBalancer.ingress` non-empty), which only an address pool of its cluster can give.
 */
export function loadBalancerNeeds(index: AwaitIndex): Need[] {
    const pools = new Map<string | null, ObjectNode[]>();
    index.objects
        .filter((node) => POOL_KINDS.has(`${apiGroup(node.object.apiVersion)}/${node.object.kind}`))
        .forEach((node) =>
            pools
                .set(node.cluster, pools.get(node.cluster) ?? [])
                .get(node.cluster)
                ?.push(node),
        );
    return index.objects
        .filter((node) => node.object.kind === "Service" && field(node.object, "spec", "type") === "LoadBalancer" && awaits(node))
        .map((node) => ({
            rule: "lb-pool",
            waiter: node,
            what: "an ingress address from a LoadBalancer address pool",
            mode: "not-after",
            providers: pools.get(node.cluster) ?? [],
            fix: `create a pool before the Service (drop the pool's dependency on ${node.name}), or annotate the Service pulumi.com/skipAwait: "true"`,
        }));
}

/**
 * A workload's await needs its pods ready (`provider/pkg/await/deployment.go`, `daemonset.go`, `statefulset.go`,
 * `job.go`@v4.32.0); a pod cannot even be created without its ServiceAccount, nor start without the ConfigMaps
 * and Secrets its volumes and environment require.
 */
export function podReferenceNeeds(index: AwaitIndex): Need[] {
    return index.objects.filter(awaits).flatMap((node) => {
        const pods = awaitedPods(node.object);
        return (pods ? podReferences(pods.spec) : []).map((ref): Need => ({
            rule: "pod-ref",
            waiter: node,
            what: `${ref.kind} ${node.namespace}/${ref.name} (its pods' ${ref.via})`,
            mode: "not-after",
            providers: lookup(index, node, ref.kind, node.namespace, ref.name),
            fix: `create the ${ref.kind} before ${node.name} (drop its dependency on the workload), apply both in one ConfigGroup, or annotate the workload pulumi.com/skipAwait: "true"`,
        }));
    });
}

/** A service-account-token Secret's await needs its data, which the token controller writes for an existing ServiceAccount (`awaiters.go` untilCoreV1SecretInitialized@v4.32.0). */
export function tokenSecretNeeds(index: AwaitIndex): Need[] {
    return index.objects
        .filter((node) => node.object.kind === "Secret" && node.object.type === "kubernetes.io/service-account-token" && awaits(node))
        .flatMap((node) => {
            const account = node.object.metadata.annotations?.["kubernetes.io/service-account.name"];
            return account === undefined
                ? []
                : [
                      {
                          rule: "sa-token",
                          waiter: node,
                          what: `ServiceAccount ${node.namespace}/${account}`,
                          mode: "not-after",
                          providers: lookup(index, node, "ServiceAccount", node.namespace, account),
                          fix: `create the ServiceAccount before ${node.name}, or annotate the Secret pulumi.com/skipAwait: "true"`,
                      } satisfies Need,
                  ];
        });
}

/** True for a Service whose await watches its Endpoints (`service.go` shouldWaitForPods@v4.32.0). */
function watchesEndpoints(service: KubeObject): boolean {
    const selector = field(service, "spec", "selector");
    return (
        field(service, "spec", "type") !== "ExternalName" &&
        field(service, "spec", "clusterIP") !== "None" &&
        typeof selector === "object" &&
        selector !== null &&
        Object.keys(selector).length > 0
    );
}

/**
 * A Service with a selector waits until its Endpoints hold no not-ready address (`service.go` checkAndLogStatus
 * @v4.32.0; since 4.17.0, #3142: a selector matching no pod at all passes once the empty Endpoints settle). So a
 * workload created after the Service never blocks it: its pods do not exist yet. A workload that is not ordered
 * after the Service does, when its pods get an address but cannot become ready: a ConfigMap or Secret their
 * environment needs (the container fails to start after the sandbox has its IP; a missing volume source stops
 * the pod before the sandbox, so it never becomes an endpoint: kubelet `SyncPod` mounts volumes first).
 */
export function servicePodNeeds(index: AwaitIndex, ordering: Ordering): Need[] {
    return index.objects
        .filter((node) => node.object.kind === "Service" && watchesEndpoints(node.object) && awaits(node))
        .flatMap((service) =>
            (index.workloads.get(`${service.cluster}|${service.namespace}`) ?? [])
                .filter(
                    (workload) =>
                        selects(field(service.object, "spec", "selector"), awaitedPods(workload.object)?.labels) &&
                        !ordering.waitsFor(workload.id, service.id),
                )
                .flatMap((workload) =>
                    podReferences(awaitedPods(workload.object)?.spec)
                        .filter((ref) => ref.via === "env")
                        .map((ref): Need => ({
                            rule: "service-pods",
                            waiter: service,
                            what: `ready pods of ${describe(workload.object, workload.namespace)} (${workload.name}), which need ${ref.kind} ${workload.namespace}/${ref.name}`,
                            mode: "not-after",
                            providers: lookup(index, workload, ref.kind, workload.namespace, ref.name),
                            fix: `create the ${ref.kind} before the Service, or annotate the Service pulumi.com/skipAwait: "true"`,
                        })),
                ),
        );
}

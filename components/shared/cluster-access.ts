// How a component reaches a cluster given as Cluster data: its provider and what in-cluster resources wait for.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster, clusterProvider } from "../cluster";

/**
 * A cluster with the means to use it: the provider in-cluster resources take and the resources they wait for.
 * This library's provisioners (KubeadmCluster, KindCluster) are one; a component makes one from plain Cluster data
 * with {@link clusterAccess}.
 */
export interface ClusterAccess extends Cluster {
    /** Provider for this cluster's in-cluster resources (`clusterIdentifier` = the incarnation). */
    readonly provider: k8s.Provider;
    /** What in-cluster resources must depend on: the API server answering. */
    readonly ready: readonly pulumi.Input<pulumi.Resource>[];
    /**
     * What a check that vouches for every node must depend on (a DaemonSet rolled out on all of them, every Node
     * Ready): {@link ready} plus every node's join.
     */
    readonly joined: readonly pulumi.Input<pulumi.Resource>[];
}

/** Options of {@link clusterAccess}. */
export interface ClusterAccessOptions {
    /** Name of the provider the component makes when it needs one; @default `<component>-<cluster>-k8s`. */
    readonly providerName?: string;
    /**
     * A single-cluster component's own options: a `kubernetes` provider in `opts.provider` or `opts.providers` is used
     * (the Pulumi convention). One inherited from a parent component is not: the `cluster` argument names the cluster.
     */
    readonly opts?: pulumi.ComponentResourceOptions;
}

/** The `kubernetes` provider a component's own options pass, if any. */
export function passedKubernetesProvider(opts: pulumi.ComponentResourceOptions | undefined): k8s.Provider | undefined {
    const providers = opts?.providers;
    const listed = providers === undefined ? [] : Array.isArray(providers) ? providers : Object.values(providers);
    return [opts?.provider, ...listed].find((provider): provider is k8s.Provider => k8s.Provider.isInstance(provider));
}

const made = new WeakMap<pulumi.ComponentResource, Map<string, ClusterAccess>>();

/** True when `cluster` carries its access already (a provisioner of this library, or a test's stand-in). */
export function hasClusterAccess(cluster: Cluster): cluster is ClusterAccess {
    const candidate = cluster as Partial<ClusterAccess>;
    return pulumi.ProviderResource.isInstance(candidate.provider) && Array.isArray(candidate.ready) && Array.isArray(candidate.joined);
}

/**
 * The access `component` (named `name`) uses for `cluster`: a provider passed in a single-cluster component's own
 * options first, then the provisioner's own, else a Provider made once per component and cluster from the
 * data (`clusterIdentifier` = incarnation). Without a provisioner's resources, readiness is what the data depends
 * on: the kubeconfig (API answering) and the node names (every node joined).
 */
export function clusterAccess(
    cluster: Cluster,
    component: pulumi.ComponentResource,
    name: string,
    options: ClusterAccessOptions = {},
): ClusterAccess {
    const passed = passedKubernetesProvider(options.opts);
    const own = hasClusterAccess(cluster) ? cluster : undefined;
    if (own && (passed === undefined || passed === own.provider)) {
        return own;
    }
    const byCluster = made.get(component) ?? new Map<string, ClusterAccess>();
    made.set(component, byCluster);
    const known = byCluster.get(cluster.name);
    if (known) {
        return known;
    }
    const ready = own?.ready ?? [dependencyOn(cluster.kubeconfig)];
    const joined = own?.joined ?? [...ready, ...(cluster.nodeNames !== undefined ? [dependencyOn(cluster.nodeNames)] : [])];
    const provider =
        passed ??
        clusterProvider(
            options.providerName ?? `${name}-${cluster.name}-k8s`,
            { incarnation: cluster.incarnation, kubeconfig: cluster.kubeconfig },
            component,
        );
    const access: ClusterAccess = { ...plainCluster(cluster), provider, ready, joined };
    byCluster.set(cluster.name, access);
    return access;
}

/**
 * A `dependsOn` entry that waits for every resource `value` depends on. The SDK adds an Output's resources to the
 * explicit dependencies when `dependsOn` holds an Output (`gatherExplicitDependencies`, runtime/dependsOn.ts); the
 * value itself, an empty list, adds none.
 */
export function dependencyOn(value: pulumi.Input<string | string[]>): pulumi.Input<pulumi.Resource> {
    const none = pulumi.output(value).apply((): pulumi.Resource[] => []);
    return none as unknown as pulumi.Input<pulumi.Resource>;
}

/** `cluster` as a {@link ClusterAccess}; a component resolves plain data with {@link clusterAccess} before it gets here. */
export function requireClusterAccess(cluster: Cluster): ClusterAccess {
    if (!hasClusterAccess(cluster)) {
        throw new Error(`internal: cluster "${cluster.name}" reached an in-cluster resource without its access (call clusterAccess first)`);
    }
    return cluster;
}

/** The contract's data of `cluster`, without whatever else the object carries. */
export function plainCluster(cluster: Cluster): Cluster {
    const { name, network, endpoint, caCertificate, incarnation, kubeconfig, apiServer, nodeNames } = cluster;
    return {
        name,
        network,
        endpoint,
        caCertificate,
        incarnation,
        kubeconfig,
        apiServer,
        ...(nodeNames !== undefined ? { nodeNames } : {}),
    };
}

/**
 * Resource options for an in-cluster resource of `cluster`: its provider, its parent, `ready` as a dependency,
 * and `deleteBeforeReplace`.
 *
 * Why delete first: a new incarnation replaces the provider, and the engine then replaces every resource under
 * it (`ReplaceKeys: ["provider"]`, create-before-delete unless the resource says otherwise). A kubeadm cluster
 * re-created behind the same API URL keeps a byte-identical kubeconfig (its CA and admin certificate are
 * Pulumi's), so the deferred deletes would run through the old provider against the new API server and remove
 * the objects just created under the same names. Deleting first hits the new, empty cluster (a 404, treated as
 * gone), then creates. Every object here has a fixed name, for which pulumi-kubernetes already deletes before
 * replacing on its own diffs, so nothing else changes.
 */
export function inClusterOptions(
    cluster: Cluster,
    parent: pulumi.Resource,
    extra: pulumi.CustomResourceOptions = {},
): pulumi.CustomResourceOptions {
    const access = requireClusterAccess(cluster);
    const dependsOn = [...access.ready, ...toArray(extra.dependsOn)];
    return { ...extra, parent, provider: access.provider, dependsOn, deleteBeforeReplace: true };
}

/** A transform that makes a resource and, through the engine, every child a packaged component creates delete before replace. */
export const deleteBeforeReplaceTransform: pulumi.ResourceTransform = ({ props, opts }) => ({
    props,
    opts: { ...opts, deleteBeforeReplace: true },
});

/**
 * Options for a packaged (multi-language) component that creates objects in `cluster` (`yaml/v2.ConfigGroup`,
 * `ConfigFile`, `helm.v4.Chart`): as {@link inClusterOptions}, with {@link deleteBeforeReplaceTransform}, because
 * the engine creates their children and only a transform reaches those.
 */
export function inClusterGroupOptions(
    cluster: Cluster,
    parent: pulumi.Resource,
    extra: pulumi.CustomResourceOptions = {},
): pulumi.CustomResourceOptions {
    return { ...inClusterOptions(cluster, parent, extra), transforms: [...(extra.transforms ?? []), deleteBeforeReplaceTransform] };
}

function toArray(value: pulumi.CustomResourceOptions["dependsOn"]): pulumi.Input<pulumi.Resource>[] {
    if (value === undefined) {
        return [];
    }
    return Array.isArray(value) ? value : [value as pulumi.Input<pulumi.Resource>];
}

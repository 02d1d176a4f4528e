// The Cluster contract: what every provisioner returns and every CNI, load balancer, mesh and add-on takes.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** Network facts of a cluster, plain and validated, so they are known at preview. */
export interface ClusterNetwork {
    /** Pod CIDRs, IPv4 first, then IPv6 when dual-stack (e.g. `["10.1.0.0/16"]`). */
    readonly podCidrs: readonly string[];
    /** Service CIDRs, IPv4 first, then IPv6 when dual-stack. */
    readonly serviceCidrs: readonly string[];
    /** Node IPs (kubeadm: from config; kind: empty, the addresses are Docker's). */
    readonly nodeAddresses: readonly string[];
}

/** Where the API server is reached from outside the cluster: plain, so it is known at preview. */
export interface ApiEndpoint {
    /** Host name or IP (kind: the control-plane container's name on the Docker `kind` network). */
    readonly host: string;
    /** TCP port. */
    readonly port: number;
}

/**
 * A Kubernetes cluster as the rest of the project sees it. Nothing downstream knows whether it came
 * from kubeadm or kind: what a mesh needs of a cluster (an API address its peers reach, the CA) is here.
 */
export interface Cluster {
    /** DNS-1123 label, unique in the stack. */
    readonly name: string;
    /** Plain, validated network facts. */
    readonly network: ClusterNetwork;
    /** The API server as other clusters' nodes and pods reach it (member tokens, link kubeconfigs, peers). */
    readonly endpoint: ApiEndpoint;
    /** The cluster CA certificate (PEM; public), for kubeconfigs other clusters use to reach {@link endpoint}. */
    readonly caCertificate: pulumi.Output<string>;
    /**
     * The cluster's incarnation: changes exactly when the cluster is re-created (derived from the ID of the
     * resource that created it). It is the provider's `clusterIdentifier`, so a new incarnation replaces
     * every in-cluster resource while a re-minted credential only updates the provider.
     */
    readonly incarnation: pulumi.Output<string>;
    /** Provider for this cluster's in-cluster resources (`clusterIdentifier` = {@link incarnation}). */
    readonly provider: k8s.Provider;
    /** Admin kubeconfig for Pulumi's own access; always a secret Output. */
    readonly kubeconfig: pulumi.Output<string>;
    /** API server URL in {@link kubeconfig}: how Pulumi and the local wait scripts reach the cluster. */
    readonly apiServer: pulumi.Output<string>;
    /** What in-cluster resources must depend on: the API server answering. */
    readonly ready: readonly pulumi.Resource[];
    /**
     * What a check that vouches for every node must depend on (a DaemonSet rolled out on all of them, every
     * Node Ready): {@link ready} plus every node's join. kind creates all nodes at once, so there it is `ready`.
     */
    readonly joined: readonly pulumi.Resource[];
}

/** `https://host:port` of an endpoint (IPv6 hosts bracketed). */
export function endpointUrl(endpoint: ApiEndpoint): string {
    const host = endpoint.host.includes(":") ? `[${endpoint.host}]` : endpoint.host;
    return `https://${host}:${endpoint.port}`;
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
    const dependsOn = [...cluster.ready, ...toArray(extra.dependsOn)];
    return { ...extra, parent, provider: cluster.provider, dependsOn, deleteBeforeReplace: true };
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

/** Options of {@link clusterProvider}. */
export interface ClusterProviderArgs {
    /** The cluster's incarnation (see {@link Cluster.incarnation}); becomes `clusterIdentifier`. */
    readonly incarnation: pulumi.Input<string>;
    /** Admin kubeconfig (made secret here whatever the caller passes). */
    readonly kubeconfig: pulumi.Input<string>;
}

/**
 * The incarnation of cluster `name` created by `creator`: `<name>@<creator ID>`. Resource IDs are new
 * exactly when the resource is (re-)created, never on an in-place update.
 */
export function clusterIncarnation(name: string, creator: pulumi.CustomResource): pulumi.Output<string> {
    return pulumi.interpolate`${name}@${creator.id}`;
}

/** Creates the `@pulumi/kubernetes` Provider for a cluster the way the contract requires. */
export function clusterProvider(name: string, args: ClusterProviderArgs, parent: pulumi.Resource): k8s.Provider {
    return new k8s.Provider(
        name,
        {
            kubeconfig: pulumi.secret(args.kubeconfig),
            clusterIdentifier: args.incarnation,
            // No deleteUnreachable: with it, a refresh while the API is unreachable (tunnel down, VMs off, Docker
            // stopped) drops every in-cluster object from state, and the next `up` fails on AlreadyExists. Replacements
            // and destroy delete in-cluster objects before their cluster; for a cluster lost out of band, run
            // `PULUMI_K8S_DELETE_UNREACHABLE=true pulumi destroy` (docs/provisioners.md).
        },
        { parent },
    );
}

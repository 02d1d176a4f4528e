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
}

/** `https://host:port` of an endpoint (IPv6 hosts bracketed). */
export function endpointUrl(endpoint: ApiEndpoint): string {
    const host = endpoint.host.includes(":") ? `[${endpoint.host}]` : endpoint.host;
    return `https://${host}:${endpoint.port}`;
}

/** Resource options for an in-cluster resource of `cluster`: its provider, its parent, and `ready` as a dependency. */
export function inClusterOptions(
    cluster: Cluster,
    parent: pulumi.Resource,
    extra: pulumi.CustomResourceOptions = {},
): pulumi.CustomResourceOptions {
    const dependsOn = [...cluster.ready, ...toArray(extra.dependsOn)];
    return { ...extra, parent, provider: cluster.provider, dependsOn };
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
            // A destroyed or unreachable cluster must not block `pulumi destroy` of what ran in it.
            deleteUnreachable: true,
        },
        { parent },
    );
}

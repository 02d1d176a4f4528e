// The Cluster contract: what every provisioner returns and every CNI, load balancer, mesh and add-on takes.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** Network facts of a cluster, plain and validated, so they are known at preview. */
export interface ClusterNetwork {
    /** Pod CIDRs, IPv4 first, then IPv6 when dual-stack (e.g. `["10.1.0.0/16"]`). */
    readonly podCidrs: string[];
    /** Service CIDRs, IPv4 first, then IPv6 when dual-stack. */
    readonly serviceCidrs: string[];
    /** Node IPs (kubeadm: from config; kind and clusters made elsewhere: empty). */
    readonly nodeAddresses: string[];
}

/** Where the API server is reached from outside the cluster: plain, so it is known at preview. */
export interface ApiEndpoint {
    /** Host name or IP (kind: the control-plane container's name on the Docker `kind` network). */
    readonly host: string;
    /** TCP port. */
    readonly port: number;
}

/**
 * The Cluster contract (v3): a Kubernetes cluster as every CNI, load balancer, mesh and add-on takes it. Plain data
 * and Inputs only, so it crosses language boundaries, is what a stack exports, and a StackReference can rebuild it.
 * Nothing downstream knows whether it came from kubeadm, kind or elsewhere (`existingCluster`). Each component
 * builds its own `@pulumi/kubernetes` Provider from it (`clusterIdentifier` = `incarnation`) unless the
 * cluster came from this library's provisioners in the same program (their provider is reused) or the caller
 * passes one through `opts.providers` (single-cluster components). Readiness travels as data: in-cluster resources
 * wait for what `kubeconfig` depends on, checks that vouch for every node for what `nodeNames` depends on.
 */
export interface Cluster {
    /** DNS-1123 label, unique in the stack. */
    readonly name: string;
    /** Plain, validated network facts. */
    readonly network: ClusterNetwork;
    /** The API server as other clusters' nodes and pods reach it (member tokens, link kubeconfigs, peers). */
    readonly endpoint: ApiEndpoint;
    /** The cluster CA certificate (PEM; public), for kubeconfigs other clusters use to reach `endpoint`. */
    readonly caCertificate: pulumi.Input<string>;
    /**
     * The cluster's incarnation: changes exactly when the cluster is re-created (provisioners derive it from the ID
     * of the resource that created it). It is the provider's `clusterIdentifier`, so a new incarnation replaces
     * every in-cluster resource while a re-minted credential only updates the provider.
     */
    readonly incarnation: pulumi.Input<string>;
    /** Admin kubeconfig for Pulumi's own access (secret); resolves once the API server answers. */
    readonly kubeconfig: pulumi.Input<string>;
    /** API server URL in `kubeconfig`: how Pulumi and the local wait scripts reach the cluster. */
    readonly apiServer: pulumi.Input<string>;
    /** The nodes' Kubernetes names, resolving once every node has joined (default: resolves with `kubeconfig`). */
    readonly nodeNames?: pulumi.Input<string[]>;
}

/** `https://host:port` of an endpoint (IPv6 hosts bracketed). */
export function endpointUrl(endpoint: ApiEndpoint): string {
    const host = endpoint.host.includes(":") ? `[${endpoint.host}]` : endpoint.host;
    return `https://${host}:${endpoint.port}`;
}

/** Options of `clusterProvider`. */
export interface ClusterProviderArgs {
    /** The cluster's incarnation (see `Cluster.incarnation`); becomes `clusterIdentifier`. */
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

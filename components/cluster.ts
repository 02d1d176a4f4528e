// The Cluster contract: what every provisioner returns and every CNI, mesh and add-on takes.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** Network facts of a cluster, plain and validated, so they are known at preview. */
export interface ClusterNetwork {
    /** Pod CIDRs, one per IP family (e.g. `["10.1.0.0/16"]`). */
    readonly podCidrs: readonly string[];
    /** Service CIDR. */
    readonly serviceCidr: string;
    /** Node IPs (kubeadm: from config; kind: empty, the addresses are Docker's). */
    readonly nodeAddresses: readonly string[];
}

/**
 * A Kubernetes cluster as the rest of the project sees it. Nothing downstream knows whether it came
 * from kubeadm or kind.
 */
export interface Cluster {
    /** DNS-1123 label, unique in the stack. */
    readonly name: string;
    /** Plain, validated network facts. */
    readonly network: ClusterNetwork;
    /** Provider for this cluster's in-cluster resources (`clusterIdentifier` set to the name). */
    readonly provider: k8s.Provider;
    /** Admin kubeconfig; always a secret Output. */
    readonly kubeconfig: pulumi.Output<string>;
    /** API server URL reachable from the other clusters (not only from this machine). */
    readonly apiServer: pulumi.Output<string>;
    /** What in-cluster resources must depend on: the API server answering. */
    readonly ready: readonly pulumi.Resource[];
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
    /** Cluster name; also the provider's `clusterIdentifier`, so a re-minted kubeconfig never replaces it. */
    readonly clusterName: string;
    /** Admin kubeconfig (made secret here whatever the caller passes). */
    readonly kubeconfig: pulumi.Input<string>;
}

/** Creates the `@pulumi/kubernetes` Provider for a cluster the way the contract requires. */
export function clusterProvider(name: string, args: ClusterProviderArgs, parent: pulumi.Resource): k8s.Provider {
    return new k8s.Provider(
        name,
        {
            kubeconfig: pulumi.secret(args.kubeconfig),
            clusterIdentifier: args.clusterName,
            // A destroyed or unreachable cluster must not block `pulumi destroy` of what ran in it.
            deleteUnreachable: true,
        },
        { parent },
    );
}

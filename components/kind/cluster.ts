// KindCluster: a local kind cluster (Docker) driven by local.Commands, returning the Cluster contract.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ApiEndpoint, Cluster, ClusterNetwork, clusterIncarnation, clusterProvider } from "../cluster";
import { kubeconfigCluster } from "../shared/kubeconfig";
import {
    KIND_API_PORT,
    KindClusterArgs,
    ResolvedKindCluster,
    ResolvedKindClusterArgs,
    kindInternalHost,
    renderKindConfig,
    resolveKindCluster,
} from "./config";
import { renderKindCreate, renderKindDelete, renderKindKubeconfig } from "./scripts";
import { sha256 } from "../shared/shell";

/** The scripts are bash; local.Command would use /bin/sh otherwise. */
const BASH = ["/bin/bash", "-c"];

/** A kind cluster on this machine: created idempotently, deleted cleanly, kubeconfig read back as a secret. */
export class KindCluster extends pulumi.ComponentResource implements Cluster {
    /** Cluster name (the component's name). */
    readonly name: string;
    /** Pod/service subnets; node addresses are Docker's, hence empty. */
    readonly network: ClusterNetwork;
    /** `<name>-control-plane:6443`: where other kind clusters' nodes and pods reach the API on the Docker network. */
    readonly endpoint: ApiEndpoint;
    /** The CA kind generated (read from the kubeconfig; public). */
    readonly caCertificate: pulumi.Output<string>;
    /** `<name>@<ID of the create step>`: new whenever kind re-creates the cluster. */
    readonly incarnation: pulumi.Output<string>;
    /** Provider for in-cluster resources (`clusterIdentifier` = incarnation). */
    readonly provider: k8s.Provider;
    /** Kubeconfig for this machine (API on 127.0.0.1), secret. */
    readonly kubeconfig: pulumi.Output<string>;
    /** The loopback URL in the kubeconfig (`https://127.0.0.1:<port>`), for Pulumi's own access. */
    readonly apiServer: pulumi.Output<string>;
    /** The kubeconfig step (after create): in-cluster resources depend on it. */
    readonly ready: readonly pulumi.Resource[];
    /** Same as {@link ready}: `kind create` makes every node at once. */
    readonly joined: readonly pulumi.Resource[];
    /** The control-plane container's DNS name on the Docker `kind` network. */
    readonly internalHost: string;

    /** Raw arguments are checked and resolved here; resolved ones (see {@link ResolvedKindClusterArgs}) are used as they are. */
    constructor(name: string, args: KindClusterArgs | ResolvedKindClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        const cluster = resolvedCluster(name, args);
        super("multicluster:kind:KindCluster", name, { ...cluster }, opts);
        this.name = name;
        this.internalHost = kindInternalHost(name);
        this.network = kindNetwork(cluster);
        this.endpoint = { host: this.internalHost, port: KIND_API_PORT };
        // kind cannot change a cluster in place: a config change replaces it, deleting the old one first (same name).
        const triggers = [sha256(renderKindConfig(cluster))];
        const create = this.createCluster(name, cluster, triggers);
        const kubeconfig = this.createKubeconfigStep(name, cluster, triggers, create);
        this.kubeconfig = pulumi.secret(kubeconfig.stdout);
        // Server and CA are public facts of the kubeconfig; unsecret them so they can be shown and used in public values.
        const facts = this.kubeconfig.apply(kubeconfigCluster);
        this.apiServer = pulumi.unsecret(facts.apply((found) => found?.server ?? ""));
        this.caCertificate = pulumi.unsecret(facts.apply((found) => found?.caCertPem ?? ""));
        this.incarnation = clusterIncarnation(name, create);
        this.ready = [kubeconfig];
        this.joined = this.ready;
        this.provider = clusterProvider(`${name}-k8s`, { incarnation: this.incarnation, kubeconfig: this.kubeconfig }, this);
        this.registerOutputs({
            kubeconfig: this.kubeconfig,
            apiServer: this.apiServer,
            endpoint: this.endpoint,
            caCertificate: this.caCertificate,
            incarnation: this.incarnation,
        });
    }

    /** `kind create cluster` (and `kind delete cluster` on delete), replaced delete-first when `triggers` change. */
    private createCluster(name: string, cluster: ResolvedKindCluster, triggers: string[]): command.local.Command {
        return new command.local.Command(
            `${name}-cluster`,
            {
                create: renderKindCreate(cluster),
                delete: renderKindDelete(cluster),
                interpreter: BASH,
                triggers,
                addPreviousOutputInEnv: false,
            },
            { parent: this, deleteBeforeReplace: true },
        );
    }

    /** The step that exports the kubeconfig (secret stdout) once `create` has run. */
    private createKubeconfigStep(
        name: string,
        cluster: ResolvedKindCluster,
        triggers: string[],
        create: command.local.Command,
    ): command.local.Command {
        // The step also checks the pinned LoadBalancer addresses against the kind network: a change of them re-runs it.
        const addresses = cluster.networkAddresses.length > 0 ? [sha256(cluster.networkAddresses.join(","))] : [];
        return new command.local.Command(
            `${name}-kubeconfig`,
            {
                create: renderKindKubeconfig(cluster),
                interpreter: BASH,
                // The create step's ID: a re-created cluster (even by `--replace`, same config) has a new CA and API port.
                triggers: [...triggers, ...addresses, create.id],
                logging: "none",
                addPreviousOutputInEnv: false,
            },
            { parent: this, dependsOn: [create], additionalSecretOutputs: ["stdout", "stderr"] },
        );
    }
}

/** Pod and service CIDRs (IPv4 first, then IPv6 if dual-stack); kind nodes have no addresses known up front. */
function kindNetwork(cluster: ResolvedKindCluster): ClusterNetwork {
    return {
        podCidrs: [cluster.podCidr, ...(cluster.podCidrV6 ? [cluster.podCidrV6] : [])],
        serviceCidrs: [cluster.serviceCidr, ...(cluster.serviceCidrV6 ? [cluster.serviceCidrV6] : [])],
        nodeAddresses: [],
    };
}

/** The resolved cluster: raw arguments are checked and resolved (throws ConfigValidationError), resolved ones taken as they are. */
function resolvedCluster(name: string, args: KindClusterArgs | ResolvedKindClusterArgs): ResolvedKindCluster {
    if (!("resolved" in args)) {
        return resolveKindCluster(name, args);
    }
    if (args.resolved.name !== name) {
        throw new Error(`KindCluster "${name}": resolved arguments of cluster "${args.resolved.name}" given`);
    }
    return args.resolved;
}

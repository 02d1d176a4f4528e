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

/** What a KindCluster keeps out of the schema: its provider and the steps in-cluster resources wait for. */
interface KindClusterInternals {
    readonly provider: k8s.Provider;
    readonly ready: pulumi.Resource[];
}

const internals = new WeakMap<KindCluster, KindClusterInternals>();

/** Args that carry arguments resolved and checked already (from {@link KindCluster.fromResolved}), keyed by object. */
const resolvedArgs = new WeakMap<KindClusterArgs, ResolvedKindCluster>();

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
    /** Kubeconfig for this machine (API on 127.0.0.1), secret. */
    readonly kubeconfig: pulumi.Output<string>;
    /** The loopback URL in the kubeconfig (`https://127.0.0.1:<port>`), for Pulumi's own access. */
    readonly apiServer: pulumi.Output<string>;
    /** The control-plane container's DNS name on the Docker `kind` network. */
    readonly internalHost: string;

    /**
     * A KindCluster from arguments resolved and checked already (by `resolveKindCluster`, or by a stack that checked
     * the rules once when it loaded its config): the same resources and URNs as the constructor, without checking again.
     */
    static fromResolved(name: string, args: ResolvedKindClusterArgs, opts?: pulumi.ComponentResourceOptions): KindCluster {
        if (args.resolved.name !== name) {
            throw new Error(`KindCluster "${name}": resolved arguments of cluster "${args.resolved.name}" given`);
        }
        const marker: KindClusterArgs = {};
        resolvedArgs.set(marker, args.resolved);
        return new KindCluster(name, marker, opts);
    }

    /** Arguments are checked and resolved here (throws ConfigValidationError naming every problem). */
    constructor(name: string, args: KindClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        const cluster = resolvedArgs.get(args) ?? resolveKindCluster(name, args);
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
        const provider = clusterProvider(`${name}-k8s`, { incarnation: this.incarnation, kubeconfig: this.kubeconfig }, this);
        internals.set(this, { provider, ready: [kubeconfig] });
        this.registerOutputs({
            kubeconfig: this.kubeconfig,
            apiServer: this.apiServer,
            endpoint: this.endpoint,
            caCertificate: this.caCertificate,
            incarnation: this.incarnation,
        });
    }

    /** Provider for in-cluster resources (`clusterIdentifier` = incarnation); TypeScript only (not in the schema). */
    get provider(): k8s.Provider {
        return ownInternals(this).provider;
    }

    /** The kubeconfig step (after create): in-cluster resources depend on it. */
    get ready(): pulumi.Resource[] {
        return [...ownInternals(this).ready];
    }

    /** Same as {@link ready}: `kind create` makes every node at once. */
    get joined(): pulumi.Resource[] {
        return this.ready;
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

/** The internals of a constructed KindCluster. */
function ownInternals(cluster: KindCluster): KindClusterInternals {
    const found = internals.get(cluster);
    if (!found) {
        throw new Error(`internal: KindCluster "${cluster.name}" read before its constructor finished`);
    }
    return found;
}

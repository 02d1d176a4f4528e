// KindCluster: a local kind cluster (Docker) driven by local.Commands, returning the Cluster contract.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster, ClusterNetwork, clusterProvider } from "../cluster";
import { KindClusterArgs, kindInternalApiServer, kindInternalHost, renderKindConfig, resolveKindCluster } from "./config";
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
    /** Provider for in-cluster resources (`clusterIdentifier` = name). */
    readonly provider: k8s.Provider;
    /** Kubeconfig for this machine (API on 127.0.0.1), secret. */
    readonly kubeconfig: pulumi.Output<string>;
    /** `https://<name>-control-plane:6443`: the address other kind clusters use on the Docker network. */
    readonly apiServer: pulumi.Output<string>;
    /** The kubeconfig step (after create): in-cluster resources depend on it. */
    readonly ready: readonly pulumi.Resource[];
    /** The control-plane container's DNS name on the Docker `kind` network. */
    readonly internalHost: string;

    constructor(name: string, args: KindClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        const cluster = resolveKindCluster(name, args);
        super("multicluster:index:KindCluster", name, { ...cluster }, opts);
        this.name = name;
        this.internalHost = kindInternalHost(name);
        this.network = { podCidrs: [cluster.podCidr], serviceCidr: cluster.serviceCidr, nodeAddresses: [] };
        // kind cannot change a cluster in place: a config change replaces it, deleting the old one first (same name).
        const triggers = [sha256(renderKindConfig(cluster))];
        const create = new command.local.Command(`${name}-cluster`, {
            create: renderKindCreate(cluster),
            delete: renderKindDelete(cluster),
            interpreter: BASH,
            triggers,
            addPreviousOutputInEnv: false,
        }, { parent: this, deleteBeforeReplace: true });
        const kubeconfig = new command.local.Command(`${name}-kubeconfig`, {
            create: renderKindKubeconfig(cluster),
            interpreter: BASH,
            triggers,
            logging: "none",
            addPreviousOutputInEnv: false,
        }, { parent: this, dependsOn: [create], additionalSecretOutputs: ["stdout", "stderr"] });
        this.kubeconfig = pulumi.secret(kubeconfig.stdout);
        this.apiServer = pulumi.output(kindInternalApiServer(name));
        this.ready = [kubeconfig];
        this.provider = clusterProvider(`${name}-k8s`, { clusterName: name, kubeconfig: this.kubeconfig }, this);
        this.registerOutputs({ kubeconfig: this.kubeconfig, apiServer: this.apiServer, internalHost: this.internalHost });
    }
}

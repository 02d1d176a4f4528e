// KubeadmCluster: turns existing Linux VMs into a kubeadm cluster over SSH and returns the Cluster contract.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ApiEndpoint, Cluster, ClusterNetwork, clusterIncarnation, clusterProvider, endpointUrl } from "../cluster";
import { KubeadmClusterArgs, ResolvedKubeadmCluster, ResolvedKubeadmClusterArgs } from "./types";
import { renderKubeconfig } from "../shared/kubeconfig";
import { absentOutput, absentUnderMocks, whenComputed } from "../shared/mock-tolerance";
import { ADMIN_CERT, caCertHash } from "./pki";
import { resolveKubeadmCluster } from "./resolve";
import { kubeadmClusterWarnings } from "./validate";
import { ClusterSecrets, createClusterSecrets } from "./secrets";
import { certRenewalSteps } from "./cert-renewal";
import { ClusterView, laterView, plainView } from "./cluster-view";
import { plainArgs, unknownPaths } from "./inputs";
import { createSteps, required } from "./remote-steps";

/** What a KubeadmCluster carries for TypeScript callers beside its schema-typed outputs. */
interface Internals {
    /** Provider for in-cluster resources. */
    readonly provider: k8s.Provider;
    /** What in-cluster resources wait for. */
    readonly ready: readonly pulumi.Resource[];
    /** The wait-ready step and every node's join. */
    readonly joined: readonly pulumi.Resource[];
    /** Every remote step by role. */
    readonly steps: ReadonlyMap<string, command.remote.Command>;
}

const internals = new WeakMap<KubeadmCluster, Internals>();

/** Args handed in by `KubeadmCluster.fromResolved`: resolved and checked already, applied as they are. */
const preResolved = new WeakMap<KubeadmClusterArgs, ResolvedKubeadmClusterArgs>();

/**
 * A kubeadm cluster on existing VMs, reached over SSH: Pulumi generates the PKI and the join token, runs
 * prepare → place PKI → init → ensure token → join (and, beside them, wait ready) as remote steps, and mints the admin kubeconfig.
 * Hosts may be Outputs of the resources that create the VMs: the steps exist from construction, their scripts are
 * rendered (and the address rules checked) once the values are known.
 */
export class KubeadmCluster extends pulumi.ComponentResource implements Cluster {
    /** Cluster name (the component's name). */
    readonly name: string;
    /** Pod/service CIDRs and node IPs, plain (node IPs given as Outputs are left out). */
    readonly network: ClusterNetwork;
    /** The control-plane endpoint, as nodes, other clusters and their pods reach it. */
    readonly endpoint: ApiEndpoint;
    /** Cluster CA certificate (PEM, public); same as `caCertPem`. */
    readonly caCertificate: pulumi.Output<string>;
    /** `<name>@<ID of the init step>`: new whenever `kubeadm init` is replaced (a new cluster). */
    readonly incarnation: pulumi.Output<string>;
    /** Admin kubeconfig (group kubeadm:cluster-admins), secret; resolves once the API answers and any certificate renewal ran. */
    readonly kubeconfig: pulumi.Output<string>;
    /** The API URL Pulumi and the local wait scripts use (`apiServerUrl`, default the endpoint). */
    readonly apiServer: pulumi.Output<string>;
    /** Every node's Kubernetes name, control planes first; resolves once every node joined. */
    readonly nodeNames: pulumi.Output<string[]>;
    /** Cluster CA certificate (public). */
    readonly caCertPem: pulumi.Output<string>;
    /** kubeadm's CA pin (`sha256:<hex>`) that joins use. */
    readonly caCertHash: pulumi.Output<string>;

    /**
     * A cluster from arguments resolved and checked already (a stack checks the rules once when it loads its config):
     * nothing is checked again. The component and its children are named as with `KubeadmClusterArgs`.
     */
    static fromResolved(name: string, args: ResolvedKubeadmClusterArgs, opts?: pulumi.ComponentResourceOptions): KubeadmCluster {
        if (args.resolved.name !== name) {
            throw new Error(`KubeadmCluster "${name}": resolved arguments of cluster "${args.resolved.name}" given`);
        }
        const carrier: KubeadmClusterArgs = { controlPlanes: [], podCidr: args.resolved.podCidr, serviceCidr: args.resolved.serviceCidr };
        preResolved.set(carrier, args);
        return new KubeadmCluster(name, carrier, opts);
    }

    /** Arguments are checked here (those given as Outputs once known: see `KubeadmNodeArgs`), then wired. */
    constructor(name: string, args: KubeadmClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        const { view, privateKey, certificateRenewal } = clusterView(name, args, (cluster) => warnAbout(name, cluster));
        super("multicluster:kubeadm:KubeadmCluster", name, summary(view), opts);
        if (view.known) {
            warnAbout(name, view.shape, this);
        }
        this.name = name;
        this.network = clusterNetwork(view);
        const secrets = createClusterSecrets(name, this);
        this.endpoint = parseEndpoint(view.shape.controlPlaneEndpoint);
        this.caCertPem = secrets.caCertPem;
        this.caCertificate = secrets.caCertPem;
        this.caCertHash = whenComputed(secrets.caCertPem, caCertHash);
        const steps = createSteps(view, secrets, privateKey, this);
        const ready = required(steps, "ready");
        // In-cluster resources wait for a renewal, so none meets an API server that is restarting.
        const renewed = [ready, ...certRenewalSteps(view, certificateRenewal, steps, privateKey, this)];
        const joined = [ready, ...[...steps].filter(([role]) => role.endsWith("-join")).map(([, step]) => step)];
        const server = view.shape.apiServerUrl ?? endpointUrl(this.endpoint);
        this.apiServer = pulumi.output(server);
        this.kubeconfig = adminKubeconfig(name, server, secrets, renewed);
        this.nodeNames = pulumi.all(joined.map((step) => step.stdout)).apply(() => nodeNamesOf(view.shape));
        this.incarnation = clusterIncarnation(name, required(steps, "init"));
        const provider = clusterProvider(`${name}-k8s`, { incarnation: this.incarnation, kubeconfig: this.kubeconfig }, this);
        internals.set(this, { provider, ready: renewed, joined, steps });
        this.registerOutputs({
            kubeconfig: this.kubeconfig,
            apiServer: this.apiServer,
            endpoint: this.endpoint,
            caCertPem: this.caCertPem,
            caCertHash: this.caCertHash,
            incarnation: this.incarnation,
        });
    }

    /** Provider for in-cluster resources (`clusterIdentifier` = incarnation). */
    get provider(): k8s.Provider {
        return own(this).provider;
    }

    /** The wait-ready step and any certificate renewal: in-cluster resources depend on them. */
    get ready(): readonly pulumi.Resource[] {
        return own(this).ready;
    }

    /** The wait-ready step and every node's join. */
    get joined(): readonly pulumi.Resource[] {
        return own(this).joined;
    }

    /** Every remote step by role (`init`, `ready`, `<node>-join`, ...), for dependencies and review. */
    get steps(): ReadonlyMap<string, command.remote.Command> {
        return own(this).steps;
    }
}

function own(cluster: KubeadmCluster): Internals {
    const found = internals.get(cluster);
    if (found === undefined) {
        throw new Error(`internal: KubeadmCluster "${cluster.name}" is read before its constructor finished`);
    }
    return found;
}

/** How the cluster is wired: resolved args as they are, plain args checked now, Output-bearing args checked when known. */
function clusterView(
    name: string,
    args: KubeadmClusterArgs,
    warn: (cluster: ResolvedKubeadmCluster) => void,
): { view: ClusterView; privateKey?: pulumi.Input<string>; certificateRenewal: number } {
    const resolved = preResolved.get(args);
    if (resolved !== undefined) {
        return {
            view: plainView(resolved.resolved),
            privateKey: resolved.privateKey,
            certificateRenewal: resolved.certificateRenewal ?? 0,
        };
    }
    const plain = plainArgs(args);
    const unknown = unknownPaths(args);
    return {
        view: plain ? plainView(resolveKubeadmCluster(name, plain)) : laterView(name, args, unknown, warn),
        ...(args.ssh?.privateKey !== undefined ? { privateKey: args.ssh.privateKey } : {}),
        certificateRenewal: args.certificateRenewal ?? 0,
    };
}

/** The warnings of a resolved cluster, logged on the component when it exists. */
function warnAbout(name: string, cluster: ResolvedKubeadmCluster, resource?: pulumi.Resource): void {
    kubeadmClusterWarnings(cluster).forEach((entry) => pulumi.log.warn(`KubeadmCluster "${name}": ${entry.message}`, resource));
}

/** Every node's Kubernetes name, control planes first. */
function nodeNamesOf(cluster: ResolvedKubeadmCluster): string[] {
    return [...cluster.controlPlanes, ...cluster.workers].map((node) => node.name);
}

/** Pod/service CIDRs (IPv4 first, then IPv6 if dual-stack) and every node address known at construction. */
function clusterNetwork(view: ClusterView): ClusterNetwork {
    const cluster = view.shape;
    return {
        podCidrs: [cluster.podCidr, ...(cluster.podCidrV6 ? [cluster.podCidrV6] : [])],
        serviceCidrs: [cluster.serviceCidr, ...(cluster.serviceCidrV6 ? [cluster.serviceCidrV6] : [])],
        nodeAddresses: view.knownAddresses,
    };
}

/** The admin kubeconfig (secret), available once the wait-ready step (and any certificate renewal) has run. */
function adminKubeconfig(
    name: string,
    server: string,
    secrets: ClusterSecrets,
    ready: readonly command.remote.Command[],
): pulumi.Output<string> {
    return pulumi.secret(
        pulumi
            .all([secrets.caCertPem, secrets.admin.certPem, secrets.admin.keyPem, ...ready.map((step) => step.stdout)])
            .apply(([caCertPem, clientCertPem, clientKeyPem]) =>
                absentUnderMocks(caCertPem, clientCertPem, clientKeyPem)
                    ? absentOutput<string>()
                    : pulumi.output(
                          renderKubeconfig({
                              clusterName: name,
                              server,
                              caCertPem,
                              clientCertPem,
                              clientKeyPem,
                              userName: ADMIN_CERT.commonName,
                          }),
                      ),
            ),
    );
}

/** The component's recorded inputs: plain, reviewable facts (no secrets); node addresses given as Outputs once known. */
function summary(view: ClusterView): pulumi.Inputs {
    const cluster = view.shape;
    return {
        podCidr: cluster.podCidr,
        serviceCidr: cluster.serviceCidr,
        ...(cluster.podCidrV6 ? { podCidrV6: cluster.podCidrV6, serviceCidrV6: cluster.serviceCidrV6 } : {}),
        kubernetesVersion: cluster.kubernetesVersion,
        controlPlaneEndpoint: cluster.controlPlaneEndpoint,
        nodes: view.over((real) => [...real.controlPlanes, ...real.workers].map((node) => `${node.name} (${node.role}, ${node.address})`)),
    };
}

/** `host:port` or `[v6]:port` (validated by resolve) as an endpoint. */
function parseEndpoint(text: string): ApiEndpoint {
    const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(text);
    if (!match) {
        throw new Error(`internal: controlPlaneEndpoint ${text} was validated as host:port`);
    }
    return { host: match[1], port: Number(match[2]) };
}

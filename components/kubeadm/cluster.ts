// KubeadmCluster: turns existing Linux VMs into a kubeadm cluster over SSH and returns the Cluster contract.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ApiEndpoint, Cluster, ClusterNetwork, clusterIncarnation, clusterProvider, endpointUrl } from "../cluster";
import { KubeadmClusterArgs, ResolvedKubeadmCluster, ResolvedKubeadmClusterArgs } from "./types";
import { nodeConnection } from "./connection";
import { renderKubeconfig } from "../shared/kubeconfig";
import { absentOutput, absentUnderMocks, whenComputed } from "../shared/mock-tolerance";
import { ADMIN_CERT, caCertHash } from "./pki";
import { resolveKubeadmCluster } from "./resolve";
import { kubeadmClusterWarnings } from "./validate";
import { asRoot } from "./script-kit";
import { RemoteStep, planSteps } from "./steps";
import { ClusterSecrets, createClusterSecrets, stepStdin } from "./secrets";
import { CertRenewalArgs, certRenewalSteps } from "./cert-renewal";

/**
 * A kubeadm cluster on existing VMs, reached over SSH: Pulumi generates the PKI and the join token, runs
 * prepare → place PKI → init → ensure token → join (and, beside them, wait ready) as remote steps, and mints the admin kubeconfig.
 */
export class KubeadmCluster extends pulumi.ComponentResource implements Cluster {
    /** Cluster name (the component's name). */
    readonly name: string;
    /** Pod/service CIDRs and node IPs, plain. */
    readonly network: ClusterNetwork;
    /** The control-plane endpoint, as nodes, other clusters and their pods reach it. */
    readonly endpoint: ApiEndpoint;
    /** Cluster CA certificate (PEM, public); same as {@link caCertPem}. */
    readonly caCertificate: pulumi.Output<string>;
    /** `<name>@<ID of the init step>`: new whenever `kubeadm init` is replaced (a new cluster). */
    readonly incarnation: pulumi.Output<string>;
    /** Provider for in-cluster resources (`clusterIdentifier` = incarnation). */
    readonly provider: k8s.Provider;
    /** Admin kubeconfig (group kubeadm:cluster-admins), secret. */
    readonly kubeconfig: pulumi.Output<string>;
    /** The API URL Pulumi and the local wait scripts use (`apiServerUrl`, default the endpoint). */
    readonly apiServer: pulumi.Output<string>;
    /** The wait-ready step: in-cluster resources depend on it. */
    readonly ready: readonly pulumi.Resource[];
    /** The wait-ready step and every node's join. */
    readonly joined: readonly pulumi.Resource[];
    /** Cluster CA certificate (public). */
    readonly caCertPem: pulumi.Output<string>;
    /** kubeadm's CA pin (`sha256:<hex>`) that joins use. */
    readonly caCertHash: pulumi.Output<string>;
    /** Every remote step by role (`init`, `ready`, `<node>-join`, ...), for dependencies and review. */
    readonly steps: ReadonlyMap<string, command.remote.Command>;

    /** Raw arguments are checked and resolved here; resolved ones (see {@link ResolvedKubeadmClusterArgs}) are used as they are. */
    constructor(
        name: string,
        args: (KubeadmClusterArgs | ResolvedKubeadmClusterArgs) & CertRenewalArgs,
        opts?: pulumi.ComponentResourceOptions,
    ) {
        const { resolved: cluster, privateKey } = resolvedArgs(name, args);
        super("multicluster:kubeadm:KubeadmCluster", name, summary(cluster), opts);
        kubeadmClusterWarnings(cluster).forEach((entry) => pulumi.log.warn(`KubeadmCluster "${name}": ${entry.message}`, this));
        this.name = name;
        this.network = clusterNetwork(cluster);
        const secrets = createClusterSecrets(name, this);
        this.endpoint = parseEndpoint(cluster.controlPlaneEndpoint);
        this.caCertPem = secrets.caCertPem;
        this.caCertificate = secrets.caCertPem;
        this.caCertHash = whenComputed(secrets.caCertPem, caCertHash);
        const steps = this.createSteps(cluster, secrets, privateKey);
        this.steps = steps;
        const ready = required(steps, "ready");
        // In-cluster resources wait for a renewal, so none meets an API server that is restarting.
        this.ready = [ready, ...certRenewalSteps(cluster, args.certificateRenewal ?? 0, steps, privateKey, this)];
        this.joined = [ready, ...[...steps].filter(([role]) => role.endsWith("-join")).map(([, step]) => step)];
        const server = cluster.apiServerUrl ?? endpointUrl(this.endpoint);
        this.apiServer = pulumi.output(server);
        this.kubeconfig = adminKubeconfig(name, server, secrets, ready);
        this.incarnation = clusterIncarnation(name, required(steps, "init"));
        this.provider = clusterProvider(`${name}-k8s`, { incarnation: this.incarnation, kubeconfig: this.kubeconfig }, this);
        this.registerOutputs({
            kubeconfig: this.kubeconfig,
            apiServer: this.apiServer,
            endpoint: this.endpoint,
            caCertPem: this.caCertPem,
            caCertHash: this.caCertHash,
            incarnation: this.incarnation,
        });
    }

    /** Every planned remote step, each waiting on the resources of its `after` roles. */
    private createSteps(
        cluster: ResolvedKubeadmCluster,
        secrets: ClusterSecrets,
        privateKey: pulumi.Input<string> | undefined,
    ): Map<string, command.remote.Command> {
        const resources = new Map<string, pulumi.CustomResource>();
        const steps = new Map<string, command.remote.Command>();
        for (const step of planSteps(cluster)) {
            const created = this.remoteStep(cluster, step, stepStdin(cluster, step, secrets), resources, privateKey);
            resources.set(step.role, created);
            steps.set(step.role, created);
        }
        return steps;
    }

    /** One remote.Command for a step: script as root, secrets on stdin with logging off, real dependencies only. */
    private remoteStep(
        cluster: ResolvedKubeadmCluster,
        step: RemoteStep,
        stdin: pulumi.Output<string> | undefined,
        resources: ReadonlyMap<string, pulumi.CustomResource>,
        privateKey: pulumi.Input<string> | undefined,
    ): command.remote.Command {
        const secret = stdin !== undefined;
        return new command.remote.Command(
            `${cluster.name}-${step.role}`,
            {
                connection: nodeConnection(cluster.ssh, step.node, privateKey),
                create: asRoot(step.script),
                ...(step.deleteScript ? { delete: asRoot(step.deleteScript) } : {}),
                ...(stdin ? { stdin } : {}),
                triggers: [...step.triggers, ...step.rebuiltWith.map((role) => required(resources, role).id)],
                // Previous stdout would travel as SSH environment, which sshd rejects unless AcceptEnv allows it.
                addPreviousOutputInEnv: false,
                ...(secret ? { logging: "none" as const } : {}),
            },
            {
                parent: this,
                dependsOn: step.after.map((role) => required(resources, role)),
                deleteBeforeReplace: step.destructiveDelete,
                ...(secret ? { additionalSecretOutputs: ["stdout", "stderr"] } : {}),
            },
        );
    }
}

/** The resolved cluster and the SSH key: raw arguments are checked and resolved (throws ConfigValidationError), resolved ones taken as they are. */
function resolvedArgs(name: string, args: KubeadmClusterArgs | ResolvedKubeadmClusterArgs): ResolvedKubeadmClusterArgs {
    if (!("resolved" in args)) {
        return {
            resolved: resolveKubeadmCluster(name, args),
            ...(args.ssh?.privateKey !== undefined ? { privateKey: args.ssh.privateKey } : {}),
        };
    }
    if (args.resolved.name !== name) {
        throw new Error(`KubeadmCluster "${name}": resolved arguments of cluster "${args.resolved.name}" given`);
    }
    return args;
}

/** Pod/service CIDRs (IPv4 first, then IPv6 if dual-stack) and every node's address. */
function clusterNetwork(cluster: ResolvedKubeadmCluster): ClusterNetwork {
    return {
        podCidrs: [cluster.podCidr, ...(cluster.podCidrV6 ? [cluster.podCidrV6] : [])],
        serviceCidrs: [cluster.serviceCidr, ...(cluster.serviceCidrV6 ? [cluster.serviceCidrV6] : [])],
        nodeAddresses: [...cluster.controlPlanes, ...cluster.workers].map((node) => node.address),
    };
}

/** The admin kubeconfig (secret), available once the wait-ready step has run. */
function adminKubeconfig(name: string, server: string, secrets: ClusterSecrets, ready: command.remote.Command): pulumi.Output<string> {
    return pulumi.secret(
        pulumi
            .all([secrets.caCertPem, secrets.admin.certPem, secrets.admin.keyPem, ready.stdout])
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

/** The component's recorded inputs: plain, reviewable facts (no secrets). */
function summary(cluster: ResolvedKubeadmCluster): Record<string, unknown> {
    return {
        podCidr: cluster.podCidr,
        serviceCidr: cluster.serviceCidr,
        ...(cluster.podCidrV6 ? { podCidrV6: cluster.podCidrV6, serviceCidrV6: cluster.serviceCidrV6 } : {}),
        kubernetesVersion: cluster.kubernetesVersion,
        controlPlaneEndpoint: cluster.controlPlaneEndpoint,
        nodes: [...cluster.controlPlanes, ...cluster.workers].map((node) => `${node.name} (${node.role}, ${node.address})`),
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

function required<T>(map: ReadonlyMap<string, T>, role: string): T {
    const found = map.get(role);
    if (found === undefined) {
        throw new Error(`KubeadmCluster: step ${role} is referenced before it is declared`);
    }
    return found;
}

// KubeadmCluster: turns existing Linux VMs into a kubeadm cluster over SSH and returns the Cluster contract.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as tls from "@pulumi/tls";
import { ApiEndpoint, Cluster, ClusterNetwork, clusterIncarnation, clusterProvider, endpointUrl } from "../cluster";
import { KubeadmClusterArgs, ResolvedKubeadmCluster, ResolvedKubeadmClusterArgs } from "./args";
import { nodeConnection } from "./connection";
import { renderInitConfig, renderJoinConfig, renderTokenConfig } from "./kubeadm-config";
import { renderKubeconfig } from "../shared/kubeconfig";
import { ADMIN_CERT, CA_SPECS, CA_USES, CA_VALIDITY_HOURS, PKI_KEY, TOKEN_PARTS, bootstrapToken, caCertHash, renderPkiBundle } from "./pki";
import { resolveKubeadmCluster } from "./resolve";
import { kubeadmClusterWarnings } from "./validate";
import { asRoot } from "./script-kit";
import { RemoteStep, VERSION_PIN_ROLE, planSteps } from "./steps";
import { KubernetesVersionPin } from "./version-guard";

/** Secret material of the cluster, as Outputs (plain values only ever inside `apply`). */
interface ClusterSecrets {
    /** CA certificate (public). */
    readonly caCertPem: pulumi.Output<string>;
    /** The place-pki stdin. */
    readonly pkiBundle: pulumi.Output<string>;
    /** Bootstrap token `id.secret`. */
    readonly token: pulumi.Output<string>;
    /** Admin client certificate and key. */
    readonly admin: { readonly certPem: pulumi.Output<string>; readonly keyPem: pulumi.Output<string> };
}

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
    constructor(name: string, args: KubeadmClusterArgs | ResolvedKubeadmClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        const { resolved: cluster, privateKey } = resolvedArgs(name, args);
        super("multicluster:kubeadm:KubeadmCluster", name, summary(cluster), opts);
        kubeadmClusterWarnings(cluster).forEach((entry) => pulumi.log.warn(`KubeadmCluster "${name}": ${entry.message}`, this));
        this.name = name;
        this.network = {
            podCidrs: [cluster.podCidr, ...(cluster.podCidrV6 ? [cluster.podCidrV6] : [])],
            serviceCidrs: [cluster.serviceCidr, ...(cluster.serviceCidrV6 ? [cluster.serviceCidrV6] : [])],
            nodeAddresses: [...cluster.controlPlanes, ...cluster.workers].map((node) => node.address),
        };
        const secrets = this.createSecrets(name);
        this.endpoint = parseEndpoint(cluster.controlPlaneEndpoint);
        this.caCertPem = secrets.caCertPem;
        this.caCertificate = secrets.caCertPem;
        this.caCertHash = secrets.caCertPem.apply(caCertHash);
        const pin = new KubernetesVersionPin(
            `${name}-kubernetes-version`,
            { cluster: name, kubernetesVersion: cluster.kubernetesVersion },
            { parent: this },
        );
        const resources = new Map<string, pulumi.CustomResource>([[VERSION_PIN_ROLE, pin]]);
        const steps = new Map<string, command.remote.Command>();
        for (const step of planSteps(cluster)) {
            const created = this.remoteStep(cluster, step, this.stdinOf(cluster, step, secrets), resources, privateKey);
            resources.set(step.role, created);
            steps.set(step.role, created);
        }
        this.steps = steps;
        const ready = required(steps, "ready");
        this.ready = [ready];
        this.joined = [ready, ...[...steps].filter(([role]) => role.endsWith("-join")).map(([, step]) => step)];
        const server = cluster.apiServerUrl ?? endpointUrl(this.endpoint);
        this.apiServer = pulumi.output(server);
        this.kubeconfig = pulumi.secret(
            pulumi
                .all([secrets.caCertPem, secrets.admin.certPem, secrets.admin.keyPem, ready.stdout])
                .apply(([caCertPem, clientCertPem, clientKeyPem]) =>
                    renderKubeconfig({
                        clusterName: name,
                        server,
                        caCertPem,
                        clientCertPem,
                        clientKeyPem,
                        userName: ADMIN_CERT.commonName,
                    }),
                ),
        );
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

    /** The three CAs, the service-account key, the admin client certificate and the bootstrap token. */
    private createSecrets(name: string): ClusterSecrets {
        const opts = { parent: this };
        const pairs = CA_SPECS.map((spec) => {
            const key = new tls.PrivateKey(`${name}-${spec.role}-key`, { ...PKI_KEY }, opts);
            const cert = new tls.SelfSignedCert(
                `${name}-${spec.role}`,
                {
                    privateKeyPem: key.privateKeyPem,
                    subject: { commonName: spec.commonName },
                    isCaCertificate: true,
                    validityPeriodHours: CA_VALIDITY_HOURS,
                    allowedUses: CA_USES,
                },
                opts,
            );
            return { keyPem: key.privateKeyPem, certPem: cert.certPem };
        });
        const [ca, frontProxyCa, etcdCa] = pairs;
        const sa = new tls.PrivateKey(`${name}-sa-key`, { ...PKI_KEY }, opts);
        const adminKey = new tls.PrivateKey(`${name}-admin-key`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, opts);
        const request = new tls.CertRequest(
            `${name}-admin-csr`,
            {
                privateKeyPem: adminKey.privateKeyPem,
                subject: { commonName: ADMIN_CERT.commonName, organization: ADMIN_CERT.organization },
            },
            opts,
        );
        const adminCert = new tls.LocallySignedCert(
            `${name}-admin`,
            {
                certRequestPem: request.certRequestPem,
                caPrivateKeyPem: ca.keyPem,
                caCertPem: ca.certPem,
                validityPeriodHours: ADMIN_CERT.validityHours,
                earlyRenewalHours: ADMIN_CERT.earlyRenewalHours,
                allowedUses: [...ADMIN_CERT.uses],
            },
            opts,
        );
        const tokenId = new random.RandomPassword(`${name}-token-id`, { ...TOKEN_PARTS.id }, opts);
        const tokenSecret = new random.RandomPassword(`${name}-token-secret`, { ...TOKEN_PARTS.secret }, opts);
        const pkiBundle = pulumi
            .all([
                ca.certPem,
                ca.keyPem,
                frontProxyCa.certPem,
                frontProxyCa.keyPem,
                etcdCa.certPem,
                etcdCa.keyPem,
                sa.publicKeyPem,
                sa.privateKeyPem,
            ])
            .apply(([caCert, caKey, frontProxyCert, frontProxyKey, etcdCert, etcdKey, saPublic, saPrivate]) =>
                renderPkiBundle({
                    ca: { certPem: caCert, keyPem: caKey },
                    frontProxyCa: { certPem: frontProxyCert, keyPem: frontProxyKey },
                    etcdCa: { certPem: etcdCert, keyPem: etcdKey },
                    serviceAccount: { publicKeyPem: saPublic, privateKeyPem: saPrivate },
                }),
            );
        return {
            caCertPem: ca.certPem,
            pkiBundle: pulumi.secret(pkiBundle),
            token: pulumi.secret(pulumi.all([tokenId.result, tokenSecret.result]).apply(([id, secret]) => bootstrapToken(id, secret))),
            admin: { certPem: adminCert.certPem, keyPem: pulumi.secret(adminKey.privateKeyPem) },
        };
    }

    /** The secret stdin a step reads, built from only the material it needs. */
    private stdinOf(cluster: ResolvedKubeadmCluster, step: RemoteStep, secrets: ClusterSecrets): pulumi.Output<string> | undefined {
        switch (step.stdin) {
            case "none":
                return undefined;
            case "pki-bundle":
                return secrets.pkiBundle;
            case "init-config":
                return pulumi.secret(secrets.token.apply((token) => renderInitConfig(cluster, token)));
            case "token-config":
                return pulumi.secret(secrets.token.apply((token) => renderTokenConfig(cluster, token)));
            case "join-config":
                return pulumi.secret(
                    pulumi
                        .all([secrets.token, secrets.caCertPem.apply(caCertHash)])
                        .apply(([token, hash]) => renderJoinConfig(cluster, step.node, token, hash)),
                );
        }
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

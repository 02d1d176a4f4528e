// Inputs of KubeadmCluster (hosts, SSH, networks, versions) and their resolved form with every field decided.
import * as pulumi from "@pulumi/pulumi";

/** How a taint keeps pods off a node (an `as const` object, the form Pulumi's schema analyzer reads as an enum). */
export const TaintEffect = { NoSchedule: "NoSchedule", PreferNoSchedule: "PreferNoSchedule", NoExecute: "NoExecute" } as const;

/** How a taint keeps pods off a node. */
export type TaintEffect = (typeof TaintEffect)[keyof typeof TaintEffect];

/** A taint kubeadm sets when the node registers. */
export interface NodeTaint {
    /** Taint key. */
    readonly key: string;
    /** Taint value (optional). */
    readonly value?: string;
    /** Taint effect. */
    readonly effect: TaintEffect;
}

/**
 * One existing Linux VM (Ubuntu 22.04/24.04 or Debian 12) that becomes a node. `host`, `address`, `addressV6` and
 * `hostKey` may be Outputs of the resources that create the VMs: they are checked when known (an apply fails with
 * the rule's sentence); everything else is plain, known at preview.
 */
export interface KubeadmNodeArgs {
    /** Address or DNS name SSH connects to (checked when known). */
    readonly host: pulumi.Input<string>;
    /** The node's IP in the cluster network (kubelet `node-ip`); @default `host`, which must then be an IP (checked when known). */
    readonly address?: pulumi.Input<string>;
    /** The node's IPv6 address on a dual-stack cluster (added to kubelet `node-ip`); @default none (checked when known). */
    readonly addressV6?: pulumi.Input<string>;
    /** Kubernetes Node name (plain: known at preview, it names the node's steps); @default `<cluster>-cp-<n>` or `<cluster>-worker-<n>`. */
    readonly name?: string;
    /** Labels the kubelet sets at registration (outside the kubernetes.io / k8s.io namespaces); plain: known at preview. */
    readonly labels?: Record<string, string>;
    /** Taints set at registration; plain: known at preview. */
    readonly taints?: NodeTaint[];
    /** Expected SSH host key (authorized_keys format); unset means the host key is not verified (checked when known). */
    readonly hostKey?: pulumi.Input<string>;
}

/** SSH jump host every connection goes through. */
export interface SshBastionArgs {
    /** Address or DNS name of the bastion (may be an Output; checked when known). */
    readonly host: pulumi.Input<string>;
    /** SSH port; @default 22. */
    readonly port?: number;
    /** Login user; @default the nodes' user. */
    readonly user?: string;
    /** Expected SSH host key of the bastion (authorized_keys format; may be an Output, checked when known). */
    readonly hostKey?: pulumi.Input<string>;
}

/** How Pulumi reaches every node over SSH. */
export interface SshConnectionArgs {
    /** Login user, root or one with passwordless sudo; @default "root". */
    readonly user?: string;
    /** SSH port; @default 22. */
    readonly port?: number;
    /** Private key (made secret here); unset means the SSH agent ($SSH_AUTH_SOCK) is used. */
    readonly privateKey?: pulumi.Input<string>;
    /** Optional jump host. */
    readonly bastion?: SshBastionArgs;
}

/** A check every node must pass before anything is installed on it (run first in the prepare step). */
export interface NodePreflightCheck {
    /** Short name, e.g. "cn2-kernel" (letters, digits, '-'). */
    readonly name: string;
    /** Bash lines run as root under `set -euo pipefail` that exit non-zero with one sentence on stderr when the node does not qualify. */
    readonly script: string;
}

/**
 * Arguments of `KubeadmCluster`; the component's name is the cluster name. Node addresses may be Outputs
 * (see `KubeadmNodeArgs`); every other field is plain, known at preview, and checked at construction.
 */
export interface KubeadmClusterArgs {
    /** Control-plane hosts: 1, or 3 and more with `controlPlaneEndpoint`. The first runs `kubeadm init`. */
    readonly controlPlanes: KubeadmNodeArgs[];
    /** Worker hosts; @default none. */
    readonly workers?: KubeadmNodeArgs[];
    /**
     * `host:port` of the API for nodes and clients (a VIP or load balancer when HA); plain: known at preview;
     * @default first control plane `:6443`, required when that address is an Output.
     */
    readonly controlPlaneEndpoint?: string;
    /**
     * API URL Pulumi's provider and local wait scripts use (e.g. a tunnel through the bastion, or a public
     * name); @default `https://<controlPlaneEndpoint>`. Must serve a certificate valid for that name (see
     * docs/provisioners.md); other clusters keep using the endpoint.
     */
    readonly apiServerUrl?: string;
    /** Pod CIDR (`--pod-network-cidr`), unique across the clusters that are meshed. */
    readonly podCidr: string;
    /** Service CIDR (`--service-cidr`), unique across the clusters that are meshed. */
    readonly serviceCidr: string;
    /** IPv6 pod CIDR of a dual-stack cluster (with `serviceCidrV6`); @default IPv4 only. */
    readonly podCidrV6?: string;
    /** IPv6 service CIDR of a dual-stack cluster (with `podCidrV6`); @default IPv4 only. */
    readonly serviceCidrV6?: string;
    /** SSH connection settings. */
    readonly ssh?: SshConnectionArgs;
    /** Kubernetes version without `v`; @default the pin in components/versions.ts. Changing it upgrades the running cluster, one node at a time (see docs/day2.md). */
    readonly kubernetesVersion?: string;
    /** containerd: a `major.minor[.patch]` line of Docker's `containerd.io` or "distribution"; @default the pin. */
    readonly containerdVersion?: string;
    /** Leave out kube-proxy because the CNI replaces it; @default false. */
    readonly skipKubeProxy?: boolean;
    /** Checks every node must pass before the prepare step installs anything (e.g. a CNI's supported kernels). */
    readonly nodePreflight?: NodePreflightCheck[];
    /**
     * Rotation generation of the kubeadm certificates: raising it runs `kubeadm certs renew all` on every control
     * plane, one after the other, each restarting its static pods; @default 0 (nothing runs, no step exists).
     */
    readonly certificateRenewal?: number;
}

/** `KubeadmNodeArgs` with every value known: what the rules and the renderers read. */
export interface PlainKubeadmNodeArgs extends Omit<KubeadmNodeArgs, "host" | "address" | "addressV6" | "hostKey"> {
    /** Address or DNS name SSH connects to. */
    readonly host: string;
    /** The node's IP in the cluster network; @default `host`. */
    readonly address?: string;
    /** The node's IPv6 address on a dual-stack cluster. */
    readonly addressV6?: string;
    /** Expected SSH host key (authorized_keys format). */
    readonly hostKey?: string;
}

/** `SshBastionArgs` with every value known. */
export interface PlainSshBastionArgs extends Omit<SshBastionArgs, "host" | "hostKey"> {
    /** Address or DNS name of the bastion. */
    readonly host: string;
    /** Expected SSH host key of the bastion. */
    readonly hostKey?: string;
}

/** `SshConnectionArgs` with every value known but the private key (which stays an Input). */
export interface PlainSshConnectionArgs extends Omit<SshConnectionArgs, "bastion"> {
    /** Optional jump host. */
    readonly bastion?: PlainSshBastionArgs;
}

/** `KubeadmClusterArgs` with every value known (a stack's args, or a user's once the Outputs resolved). */
export interface PlainKubeadmClusterArgs extends Omit<KubeadmClusterArgs, "controlPlanes" | "workers" | "ssh"> {
    /** Control-plane hosts. */
    readonly controlPlanes: PlainKubeadmNodeArgs[];
    /** Worker hosts. */
    readonly workers?: PlainKubeadmNodeArgs[];
    /** SSH connection settings. */
    readonly ssh?: PlainSshConnectionArgs;
}

/** Where a node sits in the cluster. */
export type NodeRole = "control-plane" | "worker";

/** A node with every field decided. */
export interface ResolvedNode {
    /** Short key used in child resource names (`<cluster>-<key>-<step>`), unique in the cluster. */
    readonly key: string;
    /** Kubernetes Node name. */
    readonly name: string;
    /** Control plane or worker. */
    readonly role: NodeRole;
    /** SSH address. */
    readonly host: string;
    /** Node IP. */
    readonly address: string;
    /** Node IPv6 address (dual-stack). */
    readonly addressV6?: string;
    /** Labels set at registration (sorted by key when rendered). */
    readonly labels: Readonly<Record<string, string>>;
    /** Taints set at registration, including the control-plane taint where it applies. */
    readonly taints: readonly NodeTaint[];
    /** Expected SSH host key, if pinned. */
    readonly hostKey?: string;
}

/** SSH settings with defaults applied (the private key stays an Input, outside the pure config). */
export interface ResolvedSsh {
    /** Login user. */
    readonly user: string;
    /** SSH port. */
    readonly port: number;
    /** Jump host, with its user and port decided. */
    readonly bastion?: { readonly host: string; readonly port: number; readonly user: string; readonly hostKey?: string };
}

/** How containerd is installed. */
export type ContainerdSource = { readonly kind: "docker"; readonly line: string } | { readonly kind: "distribution" };

/** A kubeadm cluster with every field decided and validated: what the renderers take. */
export interface ResolvedKubeadmCluster {
    /** Cluster name (DNS-1123 label). */
    readonly name: string;
    /** Control planes; the first one runs `kubeadm init`. */
    readonly controlPlanes: readonly ResolvedNode[];
    /** Workers. */
    readonly workers: readonly ResolvedNode[];
    /** `host:port` of the API. */
    readonly controlPlaneEndpoint: string;
    /** API URL for Pulumi's own access, when it differs from the endpoint. */
    readonly apiServerUrl?: string;
    /** Pod CIDR. */
    readonly podCidr: string;
    /** Service CIDR. */
    readonly serviceCidr: string;
    /** IPv6 pod CIDR (dual-stack only). */
    readonly podCidrV6?: string;
    /** IPv6 service CIDR (dual-stack only). */
    readonly serviceCidrV6?: string;
    /** Kubernetes version without `v`. */
    readonly kubernetesVersion: string;
    /** containerd source and version line. */
    readonly containerd: ContainerdSource;
    /** Whether kube-proxy is left out. */
    readonly skipKubeProxy: boolean;
    /** Checks run first in every node's prepare step, in order. */
    readonly nodePreflight: readonly NodePreflightCheck[];
    /** SSH settings. */
    readonly ssh: ResolvedSsh;
}

/**
 * Arguments of `KubeadmCluster` that were resolved and checked already (by `resolveKubeadmCluster`, or by a
 * stack that checked the rules once when it loaded its config): `KubeadmCluster.fromResolved` applies them without
 * checking again.
 */
export interface ResolvedKubeadmClusterArgs {
    /** The cluster with every field decided; its name must be the component's name. */
    readonly resolved: ResolvedKubeadmCluster;
    /** Private key (made secret here); unset means the SSH agent ($SSH_AUTH_SOCK) is used. */
    readonly privateKey?: pulumi.Input<string>;
    /** Rotation generation of the kubeadm certificates (see `KubeadmClusterArgs.certificateRenewal`); @default 0. */
    readonly certificateRenewal?: number;
}

// Resolved, typed stack config: what stack programs and components receive (every field decided).
import { Versions } from "../../components/versions";
import { ParsedStackConfig } from "./schema";
import * as pulumi from "@pulumi/pulumi";

/** A Kubernetes taint applied at node registration. */
export interface Taint {
    /** Taint key. */
    readonly key: string;
    /** Taint value (optional). */
    readonly value?: string;
    /** Taint effect. */
    readonly effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
}

/** One VM of a kubeadm cluster. */
export interface HostConfig {
    /** Address or DNS name SSH connects to. */
    readonly host: string;
    /** The node's IPv4 address inside the cluster network (kubelet `node-ip`, kubeadm advertise address). */
    readonly address: string;
    /** The node's IPv6 address on a dual-stack cluster (added to kubelet `node-ip`). */
    readonly addressV6?: string;
    /** Kubernetes Node name. */
    readonly name: string;
    /** Labels applied at registration. */
    readonly labels: Readonly<Record<string, string>>;
    /** Taints applied at registration. */
    readonly taints: readonly Taint[];
    /** Expected SSH host key (authorized_keys format); unset means the host key is not verified. */
    readonly hostKey?: string;
}

/** Fields every cluster has, whatever its provisioner. */
export interface ClusterConfigBase {
    /** DNS-1123 label, unique in the stack. */
    readonly name: string;
    /** Mesh cluster ID (Cilium `cluster.id`), unique in the stack. */
    readonly id: number;
    /** True when the entry gave no `id` and the loader assigned it by list order (it moves when a cluster is inserted before it). */
    readonly idDefaulted: boolean;
    /** IPv4 pod CIDR (resolved from "auto" when asked). */
    readonly podCidr: string;
    /** IPv4 service CIDR (resolved from "auto" when asked). */
    readonly serviceCidr: string;
    /** IPv6 pod CIDR of a dual-stack cluster. */
    readonly podCidrV6?: string;
    /** IPv6 service CIDR of a dual-stack cluster. */
    readonly serviceCidrV6?: string;
    /** Pod CIDRs: IPv4, then IPv6 when dual-stack. */
    readonly podCidrs: readonly string[];
    /** Service CIDRs: IPv4, then IPv6 when dual-stack. */
    readonly serviceCidrs: readonly string[];
    /** LoadBalancer address pools (CIDRs or first-last ranges). */
    readonly loadBalancerPools: readonly string[];
    /** Whether kube-proxy is left out because the CNI replaces it. */
    readonly skipKubeProxy: boolean;
}

/** A cluster kubeadm builds on existing VMs over SSH. */
export interface KubeadmClusterConfig extends ClusterConfigBase {
    /** Provisioner discriminator. */
    readonly provisioner: "kubeadm";
    /** Control-plane hosts (1, or 3 and more). */
    readonly controlPlanes: readonly HostConfig[];
    /** `host:port` every node and client uses to reach the API server. */
    readonly controlPlaneEndpoint: string;
    /** True when {@link controlPlaneEndpoint} is the default (the first control plane on 6443), not from config. */
    readonly controlPlaneEndpointDefaulted: boolean;
    /** API URL for Pulumi's own access (a tunnel through the bastion, a public name); default the endpoint. */
    readonly apiServerUrl?: string;
    /** Worker hosts. */
    readonly workers: readonly HostConfig[];
    /** Rotation generations (`certificates`: kubeadm certificate renewal on every control plane). */
    readonly rotation?: { readonly certificates?: number };
}

/** A local kind cluster. */
export interface KindClusterConfig extends ClusterConfigBase {
    /** Provisioner discriminator. */
    readonly provisioner: "kind";
    /** Number of worker containers. */
    readonly workers: number;
}

/** A cluster of either provisioner. */
export type ClusterConfig = KubeadmClusterConfig | KindClusterConfig;

/** SSH settings for kubeadm hosts (the key itself is in {@link StackSecrets}). */
export interface SshConfig {
    /** Login user (needs passwordless sudo unless it is root). */
    readonly user: string;
    /** SSH port. */
    readonly port: number;
    /** Optional jump host. */
    readonly bastion?: { readonly host: string; readonly port: number; readonly user?: string; readonly hostKey?: string };
}

/** CNI choice and options, as the schema defines them. */
export type CniConfig = ParsedStackConfig["cni"];
/** Load-balancer choice and options, resolved (never unset). */
export type LoadBalancerConfig = NonNullable<ParsedStackConfig["loadBalancer"]>;
/** Mesh choice and options, as the schema defines them. */
export type MeshConfig = ParsedStackConfig["mesh"];
/** Ingress choice and options, as the schema defines them. */
export type IngressConfig = ParsedStackConfig["ingress"];
/** Auto-allocation settings. */
export type NetworkConfig = ParsedStackConfig["network"];

/** Secret config values, always as secret Outputs (never read during validation). */
export interface StackSecrets {
    /** SSH private key for kubeadm hosts; undefined means the SSH agent is used. */
    readonly sshPrivateKey?: pulumi.Output<string>;
    /** Every secret config key that is set, by short key (e.g. an area's registry password). */
    readonly byKey: Readonly<Record<string, pulumi.Output<string>>>;
}

/** The whole validated stack config. */
export interface StackConfig {
    /** Pulumi project name. */
    readonly project: string;
    /** Pulumi stack name. */
    readonly stack: string;
    /** Clusters in config order. */
    readonly clusters: readonly ClusterConfig[];
    /** SSH settings (defaults when unset). */
    readonly ssh: SshConfig;
    /** Pinned versions with config overrides applied. */
    readonly versions: Versions;
    /** The `versions` keys the stack file leaves unset, so their pinned defaults apply (unknown when absent: rules then name the value as set). */
    readonly defaultedVersions?: readonly (keyof Versions)[];
    /** Layer 2: CNI choice. */
    readonly cni: CniConfig;
    /** Layer 3: load-balancer choice (resolved from the CNI and the pools when unset). */
    readonly loadBalancer: LoadBalancerConfig;
    /** Layer 4: cross-cluster wiring choice. */
    readonly mesh: MeshConfig;
    /** Layer 5: ingress choice. */
    readonly ingress: IngressConfig;
    /** Auto-allocation settings. */
    readonly network: NetworkConfig;
}

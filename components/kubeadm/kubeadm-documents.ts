// The kubeadm.k8s.io/v1beta4 (and kubelet) configuration documents as TypeScript types, field by field.
import { NodeTaint } from "./types";

/** API version of every kubeadm document rendered here. */
export const KUBEADM_API = "kubeadm.k8s.io/v1beta4";

/** A `{name, value}` flag (v1beta4 replaced extraArgs maps by lists). */
export interface KubeadmArg {
    /** Flag name without dashes. */
    readonly name: string;
    /** Flag value. */
    readonly value: string;
}

/** `bootstrapTokens[]` entry. */
export interface BootstrapTokenSpec {
    /** `[a-z0-9]{6}.[a-z0-9]{16}`. */
    readonly token: string;
    /** Human-readable purpose. */
    readonly description: string;
    /** Lifetime, e.g. "24h0m0s". */
    readonly ttl: string;
    /** Token usages. */
    readonly usages: readonly string[];
    /** Groups the token authenticates as. */
    readonly groups: readonly string[];
}

/** `nodeRegistration`. */
export interface NodeRegistration {
    /** Node name. */
    readonly name: string;
    /** CRI socket. */
    readonly criSocket: string;
    /** Extra kubelet flags. */
    readonly kubeletExtraArgs: readonly KubeadmArg[];
    /** Taints (an empty list means none, not kubeadm's default). */
    readonly taints: readonly NodeTaint[];
}

/** `localAPIEndpoint`. */
export interface KubeadmApiEndpoint {
    /** Address the API server advertises. */
    readonly advertiseAddress: string;
    /** Port it binds. */
    readonly bindPort: number;
}

/** `InitConfiguration`. */
export interface InitConfiguration {
    /** API version. */
    readonly apiVersion: typeof KUBEADM_API;
    /** Kind. */
    readonly kind: "InitConfiguration";
    /** Tokens created at init. */
    readonly bootstrapTokens: readonly BootstrapTokenSpec[];
    /** This node's registration (absent in the token-only document). */
    readonly nodeRegistration?: NodeRegistration;
    /** This control plane's API endpoint (absent in the token-only document). */
    readonly localAPIEndpoint?: KubeadmApiEndpoint;
}

/** `ClusterConfiguration`. */
export interface ClusterConfiguration {
    /** API version. */
    readonly apiVersion: typeof KUBEADM_API;
    /** Kind. */
    readonly kind: "ClusterConfiguration";
    /** Cluster name (also in kubeconfigs). */
    readonly clusterName: string;
    /** `v`-prefixed Kubernetes version. */
    readonly kubernetesVersion: string;
    /** Shared API endpoint `host:port`. */
    readonly controlPlaneEndpoint: string;
    /** Certificates directory. */
    readonly certificatesDir: string;
    /** Pod and service ranges. */
    readonly networking: { readonly podSubnet: string; readonly serviceSubnet: string; readonly dnsDomain: string };
    /** Extra names in the API server certificate. */
    readonly apiServer: { readonly certSANs: readonly string[] };
    /** Per-node pod CIDR sizes, when kube-controller-manager's defaults (/24, /64) do not fit the pod ranges. */
    readonly controllerManager?: { readonly extraArgs: readonly KubeadmArg[] };
    /** kube-proxy add-on switch (kept in kubeadm-config, so upgrades remember it). */
    readonly proxy: { readonly disabled: boolean };
}

/** `KubeletConfiguration` (shared by all nodes through the kubelet-config ConfigMap). */
export interface KubeletConfiguration {
    /** API version. */
    readonly apiVersion: "kubelet.config.k8s.io/v1beta1";
    /** Kind. */
    readonly kind: "KubeletConfiguration";
    /** cgroup driver, matching containerd's SystemdCgroup. */
    readonly cgroupDriver: "systemd";
}

/** `JoinConfiguration`. */
export interface JoinConfiguration {
    /** API version. */
    readonly apiVersion: typeof KUBEADM_API;
    /** Kind. */
    readonly kind: "JoinConfiguration";
    /** Token discovery pinned to the CA (never unsafeSkipCAVerification). */
    readonly discovery: {
        readonly bootstrapToken: { readonly apiServerEndpoint: string; readonly token: string; readonly caCertHashes: readonly string[] };
    };
    /** This node's registration. */
    readonly nodeRegistration: NodeRegistration;
    /** Present when the node joins as a control plane (its CA files are pre-placed, so no certificateKey). */
    readonly controlPlane?: { readonly localAPIEndpoint: KubeadmApiEndpoint };
}

// Public API of the component library: `import { ... } from "@multicluster/pulumi"`.
export * from "./cluster";
export * from "./versions";
export * from "./network/allocator";
export * from "./network/cidr";
export * from "./network/plan";
export * from "./shared/shell";
export * from "./shared/validation";
export * from "./shared/yaml";
export { KubeadmCluster } from "./kubeadm/cluster";
export type { KubeadmClusterArgs, KubeadmNodeArgs, NodeTaint, SshBastionArgs, SshConnectionArgs } from "./kubeadm/args";
export { caCertHash } from "./kubeadm/pki";
export { renderKubeconfig } from "./shared/kubeconfig";
export type { KubeconfigInput } from "./shared/kubeconfig";
export { KindCluster } from "./kind/cluster";
export type { KindClusterArgs } from "./kind/config";

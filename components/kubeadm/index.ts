// The kubeadm area: KubeadmCluster (existing VMs over SSH) and the pure helpers a user needs.
export { KubeadmCluster } from "./cluster";
export type {
    KubeadmClusterArgs,
    KubeadmNodeArgs,
    NodePreflightCheck,
    NodeTaint,
    PlainKubeadmClusterArgs,
    PlainKubeadmNodeArgs,
    PlainSshBastionArgs,
    PlainSshConnectionArgs,
    ResolvedKubeadmCluster,
    ResolvedKubeadmClusterArgs,
    SshBastionArgs,
    SshConnectionArgs,
    TaintEffect,
} from "./types";
export { caCertHash } from "./pki";
export { defaultEndpoint, kubeadmClusterDefaults, kubeadmClusterIssues, resolveKubeadmCluster } from "./resolve";
export { kubeadmClusterWarnings } from "./validate";
export { defaultNodeName } from "./node-rules";
export { describeSteps, planSteps } from "./steps";
export type { RemoteStep } from "./steps";

// Public API of the component library: `import { ... } from "@multicluster/pulumi"`.
// The contract and the pins, then one barrel per area (each names its components, their Args and pure helpers).
export * from "./cluster";
export * from "./shared/cluster-access";
export * from "./existing-cluster";
export * from "./versions";
export * from "./network/allocator";
export * from "./network/cidr";
export * from "./network/plan";
export { ConfigValidationError, formatIssues, issue } from "./shared/validation";
export type { ValidationIssue } from "./shared/validation";
export { renderKubeconfig, renderTokenKubeconfig } from "./shared/kubeconfig";
export type { KubeconfigInput, TokenKubeconfigInput } from "./shared/kubeconfig";
export { SettingGuard, settingChangeFailures, settingGuardProvider } from "./shared/setting-guard";
export type { GuardedSetting, SettingGuardArgs } from "./shared/setting-guard";
export * from "./kubeadm";
export * from "./kind";
export * from "./cilium";
export * from "./antrea";
export * from "./avi";
export * from "./linkerd";
export * from "./metallb";
export * from "./ingress";
export * from "./contrail";
export * from "./export";

// The contrail area: CN2 central/distributed multi-cluster, Kubemanager allocation, node checks, VN/VNR helpers, the demo, and their pure modules.
export { ContrailMulticluster, checkContrailArgs } from "./multicluster";
export type { ContrailDistributedCluster, ContrailMulticlusterArgs } from "./types";
export { ContrailCrossClusterNetwork, mirrorWaitScript } from "./cross-cluster-network";
export type { ContrailCrossClusterNetworkArgs, CrossClusterSide } from "./cross-cluster-network";
export { ContrailDemo } from "./demo-app";
export type { ContrailDemoArgs, ContrailDemoMember } from "./demo-app";
export { CN2_DEMO_IMAGE, demoPod as contrailDemoPod } from "./demo";
export { demoProofScript as contrailDemoProofScript } from "./demo-proof";
export {
    FIRST_LISTENER_PORT,
    FIRST_ROUTE_TARGET,
    ROUTE_TARGET_STEP,
    allocateKubemanagers,
    allocationIssues,
    slotFromStackId,
} from "./allocation";
export type { AllocationRequest, KubemanagerAllocation } from "./allocation";
export { CONTROL_PLANE_SELECTOR, KUBECONFIG_FINGERPRINT_ANNOTATION, renderKubemanager } from "./kubemanager";
export type { KubemanagerInput, KubemanagerManifest, KubemanagerSpec } from "./kubemanager";
export {
    CENTRAL_KUBECONFIG_SECRET,
    CONTRAIL_NAMESPACES,
    KUBECONFIG_KEY,
    KUBEMANAGER_NAMESPACE,
    PULL_SECRET_NAME,
    kubemanagerName,
    mirroredNamespace,
    syncProbeNamespace,
    workloadKubeconfigSecretName,
} from "./names";
export { CONTRAIL_RELEASES, contrailImage, contrailRelease, manifestUrl, registryPrefixProblem } from "./release";
export type { ContrailManifestRole, ContrailRelease, PinnedManifest } from "./release";
export { CN2_23_4_KERNELS, KERNEL_RELEASE_PATTERN } from "./kernels";
export type { NodeOs, SupportedKernels } from "./kernels";
export { contrailNodePreflight, kernelPreflightScript, leftoverPreflightScript } from "./preflight";
export type { ContrailPreflightOptions } from "./preflight";
export {
    centralKubeconfigSecretManifest,
    dockerConfigJson,
    pullSecretManifest,
    registryAuthProblem,
    workloadKubeconfigSecretManifest,
} from "./secrets";
export {
    CORE_API_VERSION,
    FORWARDING_MODE_ANNOTATION,
    ISOLATED_NAMESPACE_LABEL,
    crossClusterNetwork,
    isolatedNamespace,
    virtualNetworkObjects,
    virtualNetworkRouterObject,
} from "./networks";
export type { IsolatedNamespaceSpec, NetworkSide, VirtualNetworkRouterSpec, VirtualNetworkSpec } from "./networks";
export { distributedNameProblem, registryIssues, releaseProblem, validateContrail } from "./validate";

// The contrail area: CN2 central/distributed multi-cluster, Kubemanager allocation, VN/VNR helpers, and their pure modules.
export { ContrailMulticluster, checkContrailArgs } from "./multicluster";
export type { ContrailDistributedCluster, ContrailMulticlusterArgs } from "./types";
export { ContrailCrossClusterNetwork, mirrorWaitScript } from "./network-wiring";
export type { ContrailCrossClusterNetworkArgs, CrossClusterSide } from "./network-wiring";
export { FIRST_LISTENER_PORT, FIRST_ROUTE_TARGET, ROUTE_TARGET_STEP, allocateKubemanagers, allocationIssues, slotFromStackId } from "./allocation";
export type { AllocationRequest, KubemanagerAllocation } from "./allocation";
export { CONTROL_PLANE_SELECTOR, renderKubemanager } from "./kubemanager";
export type { KubemanagerInput, KubemanagerManifest, KubemanagerSpec } from "./kubemanager";
export {
    CENTRAL_KUBECONFIG_SECRET, CONTRAIL_NAMESPACES, KUBECONFIG_KEY, KUBEMANAGER_NAMESPACE, PULL_SECRET_NAME,
    kubemanagerName, mirroredNamespace, workloadKubeconfigSecretName,
} from "./names";
export { CONTRAIL_RELEASES, contrailImage, contrailRelease, manifestUrl } from "./release";
export type { ContrailManifestRole, ContrailRelease, PinnedManifest } from "./release";
export { centralKubeconfigSecretManifest, dockerConfigJson, pullSecretManifest, workloadKubeconfigSecretManifest } from "./secrets";
export {
    CORE_API_VERSION, FORWARDING_MODE_ANNOTATION, ISOLATED_NAMESPACE_LABEL, crossClusterNetwork, isolatedNamespace,
    virtualNetworkObjects, virtualNetworkRouterObject,
} from "./networks";
export type { IsolatedNamespaceSpec, NetworkSide, VirtualNetworkRouterSpec, VirtualNetworkSpec } from "./networks";
export { distributedNameProblem, releaseProblem, validateContrail } from "./validate";

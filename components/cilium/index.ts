// The Cilium area: CNI install, shared CA, LB IPAM, Cluster Mesh, the global-service demo, and their pure helpers.
export { CiliumCa } from "./ca";
export type { CiliumCaArgs, CiliumCaPems, MeshCa } from "./ca";
export { CILIUM_CHART_LINES, SUPPORTED_CILIUM_LINES, ciliumChartLine, ciliumVersionProblem } from "./chart-facts";
export type { CiliumChartLine } from "./chart-facts";
export { CILIUM_CHART, CiliumInstall } from "./install";
export type { CiliumInstallArgs, CiliumInstallMesh } from "./install";
export { CiliumLoadBalancer } from "./load-balancer";
export type { CiliumLoadBalancerArgs } from "./load-balancer";
export { CiliumClusterMesh, checkMesh, meshGateTriggers, meshInstallArgs, meshInstallOf, meshPeers, meshPodCidrs } from "./cluster-mesh";
export type { CiliumClusterMeshArgs, CiliumMeshMember, MeshInstall } from "./cluster-mesh";
export { buildCiliumClusterMesh } from "./mesh-builder";
export type { BuiltCiliumClusterMesh, CiliumClusterMeshBuildArgs, CiliumMeshMemberInstall } from "./mesh-builder";
export { meshGuardArgs } from "./mesh-guard";
export type { MeshGuardKeys } from "./mesh-guard";
export { CiliumIngressAddress, INGRESS_SERVICE, ingressAddressScript } from "./ingress-check";
export type { CiliumIngressAddressArgs, IngressAddressOptions } from "./ingress-check";
export { loadBalancerPools, meshReservation } from "./manifests";
export type { PinnedAddress } from "./manifests";
export { poolIssues } from "./pool-checks";
export { ClusterMeshDemo, ClusterMeshDemoProof } from "./demo-app";
export type { ClusterMeshDemoArgs, ClusterMeshDemoProofArgs } from "./demo-app";
export { demoProofScript } from "./demo-proof";
export { CILIUM_NAMESPACE } from "./certs";
export { DEMO_NAMESPACE, clusterMeshDemoIngress, demoManifests } from "./demo";
export { GLOBAL_ANNOTATION, globalServiceAnnotations } from "./global-service";
export type { GlobalServiceOptions } from "./global-service";
export { MESH_DOMAIN, MESH_LOADBALANCER_PORT, peerClusters, peerUrl } from "./peers";
export type {
    CiliumDatapath,
    CiliumSettings,
    CiliumValues,
    MeshExposure,
    CiliumMeshExposure,
    MeshPeer,
    CiliumMeshPeer,
    PeerEndpoint,
} from "./types";
export {
    DEFAULT_CILIUM_SETTINGS,
    CiliumEncryption,
    CiliumMeshExposureType,
    CiliumNativeRoutes,
    CiliumRoutingMode,
    CiliumTunnelProtocol,
    resolveCiliumSettings,
} from "./types";
export { CiliumCniKind, ciliumCniFacts } from "./cni-facts";
export type { CiliumCniFacts } from "./cni-facts";
export { validateMesh } from "./validate";
export { validateCiliumSettings } from "./validate-settings";
export { LBIPAM_IPS_ANNOTATION, ciliumValues } from "./values";
export type { CiliumValuesInput, K8sServiceEndpoint, MeshValuesInput } from "./values";

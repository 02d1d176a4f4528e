// The Antrea area: the CNI install, the Multi-cluster ClusterSet, the ServiceExport helper, the demo, and their pure helpers.
export { AntreaInstall } from "./install";
export type { AntreaInstallArgs } from "./install";
export { AntreaClusterSet } from "./cluster-set/cluster-set";
export { antreaVersionOf, clusterIdOf, endpointIpTypeOf, leaderNamespaceOf, memberJoin, memberMcConfig } from "./cluster-set/types";
export { clusterSetArgsIssues, gatewayIssues, validateClusterSet } from "./cluster-set/validate";
export type { ClusterSetPeer, ClusterSetShape } from "./cluster-set/validate";
export { gatewayCandidates, memberFingerprint, peerExpectation, peersOf } from "./cluster-set/plan";
export type { AntreaClusterSetArgs, AntreaClusterSetLeader, AntreaClusterSetMember } from "./cluster-set/types";
export { antreaClusterSetArgs } from "./cluster-set/builder";
export type { AntreaClusterSetBuildArgs, AntreaInstallMember } from "./cluster-set/builder";
export { agentFactsOf, clusterSetAgentIssues } from "./cluster-set/agent-checks";
export type { ClusterSetAgentShape } from "./cluster-set/agent-checks";
export { AntreaMcController } from "./cluster-set/controller";
export type { AntreaMcControllerArgs } from "./cluster-set/controller";
export { AntreaMulticlusterDemo } from "./demo-app";
export type { AntreaMulticlusterDemoArgs, McDemoMember } from "./demo-app";
export { MC_DEMO_NAMESPACE, MC_DEMO_SERVICE, mcDemoProofScript, mcDemoServer } from "./demo";
export { IMPORTED_SERVICE_PREFIX, exportService, importedServiceName, serviceExportObject } from "./service-export";
export type { ServiceExportArgs, ServiceExportObject } from "./service-export";
export {
    CLUSTERSET_IMMUTABLE_PATHS,
    gatewayNodePatch,
    leaderClusterSet,
    memberAccessName,
    memberAccessObjects,
    memberClusterSet,
} from "./cluster-set/manifests";
export type { ClusterSetObject, MemberJoin } from "./cluster-set/manifests";
export { CHART_KEYS_VERSION, FEATURE_GATES, escapeHatchIssues } from "./chart-keys";
export { MC_CONFIG_KEY, ipv4Cidrs, leaderMcConfig, mcConfigChecksum, mcConfigMap, renderMcConfig } from "./cluster-set/mc-config";
export {
    SKIP_AWAIT_ANNOTATION,
    parseManifest,
    renameLeaderNamespace,
    splitReleaseManifest,
    withConfigChecksum,
    withInPlaceRollout,
} from "./release-edits";
export { controllerStartedLines, leaderCountsMemberScript, memberReadyScript, peersSeenScript } from "./cluster-set/health";
export type { GatewayCandidate, LeaderCountOptions, MemberGateOptions, PeerExpectation, PeersGateOptions } from "./cluster-set/health";
export { controllerReadyScript, leaderFirstScript, nodeRegisteredScript } from "./health";
export { REEXPORT_ANNOTATION, memberLeaveScript, reexportScript } from "./cluster-set/leave";
export type { ManifestObject, SplitManifest } from "./release-edits";
export {
    ANTREA_CHART,
    CLUSTERSET_API_VERSION,
    CLUSTERSET_CRD,
    GATEWAY_ANNOTATION,
    MEMBER_NAMESPACE,
    SERVICE_EXPORT_API_VERSION,
    antreaReleaseTag,
    releaseAssetUrl,
} from "./release";
export type { AntreaReleaseAsset } from "./release";
export type {
    AntreaAgentFacts,
    AntreaSettings,
    AntreaValues,
    EndpointIpType,
    MultiClusterConfigInput,
    MulticlusterAgentSettings,
} from "./types";
export { GatewayIpPrecedence, McTrafficEncryption, TrafficEncapMode, TunnelType } from "./types";
export { MIN_ANTREA_MAJOR, antreaVersionIssues, validateAntreaSettings, validateMulticlusterAgent } from "./validate";
export { DEFAULT_ANTREA_SETTINGS, DEFAULT_MULTICLUSTER_AGENT, antreaValues, resolveAntreaSettings } from "./values";
export type { AntreaValuesInput } from "./values";

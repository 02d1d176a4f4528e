// The Linkerd area: trust, per-cluster install, links (source mirrors target), export, traffic split, demo, and their pure helpers.
export { LinkerdTrust } from "./trust";
export type { LinkerdIssuerOutputs, LinkerdTrustArgs } from "./trust";
export { LinkerdCniKind } from "./types";
export type {
    LinkerdCni,
    LinkerdEndStages,
    LinkerdExtraValues,
    LinkerdGateway,
    LinkerdIssuer,
    LinkerdLinkEnd,
    LinkerdTrustMaterial,
} from "./types";
export {
    ANCHOR_COMMON_NAME,
    CA_USES as LINKERD_CA_USES,
    DEFAULT_LIFETIMES as LINKERD_DEFAULT_LIFETIMES,
    ISSUER_COMMON_NAME,
    anchorLifetimeProblem,
    expiresWithin,
    resolveLifetimes,
    validateTrust,
} from "./certs";
export type { TrustLifetimes } from "./certs";
export { LinkerdInstall, gatewayApiUrl } from "./install";
export type { LinkerdInstallArgs } from "./install";
export { LinkerdLink, everyOrderedPair, linkLinkerdClusters, mirrorsOf } from "./link";
export type { LinkClustersOptions, LinkPair, LinkableEnd, LinkerdLinkArgs } from "./link";
export { LinkerdDemo, LinkerdDemoProof } from "./demo-app";
export type { LinkerdDemoArgs, LinkerdDemoProofArgs } from "./demo-app";
export {
    CLUSTER_DOMAIN as LINKERD_CLUSTER_DOMAIN,
    EXPORT_LABEL as LINKERD_EXPORT_LABEL,
    EXPORT_VALUE as LINKERD_EXPORT_VALUE,
    GATEWAY as LINKERD_GATEWAY,
    LINKERD_CHARTS,
    LINKERD_HELM_REPO,
    LINKERD_NAMESPACE,
    MIN_EDGE_CHART,
    MIN_KUBERNETES,
    MULTICLUSTER_NAMESPACE,
    REMOTE_ACCESS_ACCOUNT,
    VIZ_NAMESPACE,
    edgeTag,
    gatewayIdentity,
} from "./constants";
export { exportLabels, exportedService, isExported, mirroredServiceName } from "./export";
export { HTTPROUTE_API_VERSION, apexService, splitIssues, splitRoute, splitWeights } from "./split";
export type { TrafficSplitInput } from "./split";
export { derivedGatewayIp, gatewayIpOf, gatewayIpProblem } from "./gateway-ip";
export {
    CREDENTIALS_SECRET_TYPE,
    LINK_API_VERSION,
    credentialsSecretName,
    credentialsSecrets,
    linkKubeconfig,
    linkManifest,
    remoteAccessTokenSecret,
} from "./link-manifests";
export type { CredentialsSecret, LinkManifest, LinkManifestInput } from "./link-manifests";
export { CREDENTIALS_HASH_ANNOTATION, controllerSelector, linkHealthScript } from "./health-link";
export type { LinkHealthOptions } from "./health-link";
export { linkCleanupScript, mirroredServicesSelector } from "./link-cleanup";
export type { LinkCleanupOptions } from "./link-cleanup";
export { PROXY_CONTAINER, REQUEST_TIMEOUT_SECONDS, gateScript } from "./gate-shell";
export type { GateScript } from "./gate-shell";
export {
    CONTROL_PLANE_DEPLOYMENTS,
    GATEWAY_SELECTOR,
    VIZ_DEPLOYMENTS,
    controlPlaneReadyScript,
    crdReadyScript,
    gateWarnings,
    installReadyScript,
} from "./health";
export {
    DEMO_NAMESPACE as LINKERD_DEMO_NAMESPACE,
    PODINFO,
    PODINFO_APEX,
    demoIngress,
    demoManifests as linkerdDemoManifests,
} from "./demo";
export type { DemoIngress, DemoManifests } from "./demo";
export { demoProofScript as linkerdDemoProofScript } from "./demo-proof";
export { controlPlaneNamespace, extensionNamespace, meshedNamespace } from "./namespaces";
export type { NamespaceManifest } from "./namespaces";
export {
    DEFAULT_CLUSTER_NETWORKS,
    OWNED_VALUE_PATHS,
    clusterNetworks,
    controlPlaneValues,
    crdsValues,
    linkerdValueIssues,
    multiclusterValues,
    vizValues,
} from "./values";
export type { ControlPlaneValuesInput, MulticlusterValuesInput } from "./values";
export {
    MAX_LINKED_NAME,
    annotationKeyIssues,
    cniIssues,
    gatewayAddressIssues,
    gatewayIpIssues,
    kubernetesVersionIssues,
    linkedNameIssues,
    linkerdVersionIssues,
    mirrorIssues,
    socketLbIssues,
} from "./validate";
export { LinkerdProxyRestart, proxyRestartScript } from "./proxy-restart";
export type { LinkerdProxyRestartArgs, ProxyRestartOptions } from "./proxy-restart";

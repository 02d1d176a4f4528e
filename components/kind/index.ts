// The kind area: KindCluster (a local kind cluster in Docker) and its pure config renderer.
export { KindCluster } from "./cluster";
export type { KindClusterArgs, KindConfig, ResolvedKindCluster, ResolvedKindClusterArgs } from "./config";
export {
    KIND_API_PORT,
    kindClusterDefaults,
    kindClusterIssues,
    kindConfig,
    kindInternalHost,
    nodeImageProblem,
    renderKindConfig,
    resolveKindCluster,
} from "./config";
export { AUTO_CIDR, withAutoCidrs } from "./auto-cidrs";
export type { AutoCidrArgs } from "./auto-cidrs";
export { KIND_NETWORK, ipv4Spans, kindNetworkCheckLines, networkAddressProblem } from "./network";
export type { Ipv4Span, KindNetworkCheck } from "./network";

// The metallb area: the MetalLB component (chart, pools after the webhook serves, L2 advertisement) and its pure helpers.
export { MetalLB } from "./metallb";
export type { MetalLBArgs } from "./metallb";
export {
    METALLB_API_VERSION,
    METALLB_CHART,
    METALLB_IPS_ANNOTATION,
    METALLB_NAMESPACE,
    addressPools,
    addressesWithout,
    l2Advertisement,
    metallbNamespace,
    metallbValues,
} from "./manifests";
export type { MetalLbManifest, ReservedAddress } from "./manifests";
export { METALLB_CRDS, WEBHOOK_SERVICE, webhookReadyScript } from "./health";
export { metallbIssues, overlappingPoolIssues } from "./validate";
export type { ClusterPools } from "./validate";

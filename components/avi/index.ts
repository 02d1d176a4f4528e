// The avi area: AKO per cluster (AviIngress), AMKO across clusters (AviGslb), and their pure helpers.
export { AviIngress } from "./ingress";
export type { AviIngressArgs } from "./ingress";
export { AviGslb, GSLB_MEMBERS_SECRET, gslbMembersSecretText } from "./gslb";
export type { AviGslbArgs, AviGslbMember } from "./gslb";
export { currentUser, gslbMembersKubeconfig } from "./kubeconfig";
export type { GslbMemberContext } from "./kubeconfig";
export type { AkoCniPlugin, AkoServiceType, AkoSettings, AviController, GslbPolicy, GslbSettings, NodeNetwork, VipNetwork } from "./types";
export { validateAko, validateController, validateGslb } from "./validate";
export type { AkoPaths, GslbPaths, GslbShape } from "./validate";
export { AKO_CHART, AKO_IMAGE_REPOSITORY, AMKO_CHART, akoValues, amkoValues } from "./values";
export type { AmkoMembership } from "./values";

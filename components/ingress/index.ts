// The ingress area: a maintained ingress controller (Traefik) meshed with Linkerd, ingress-nginx as a warned legacy option.
export { IngressController } from "./ingress";
export type { IngressControllerArgs } from "./ingress";
export {
    INGRESS_CONTROLLERS,
    IngressControllerKind,
    INGRESS_NGINX_RETIRED,
    ingressNginxValues,
    ingressServiceUrl,
    ingressValues,
    ownedIngressValueIssues,
    traefikValues,
} from "./values";
export type { IngressControllerSpec } from "./values";
export { ingressReadyScript } from "./health";
export type { IngressWaitOptions } from "./health";

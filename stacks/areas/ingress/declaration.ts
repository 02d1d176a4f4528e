// The config half of the ingress area: the maintained ingress controllers (Traefik, ingress-nginx) and their versions.
import { AreaDeclaration, kind, unless } from "../../config/schema/area";
import { ingressNginxIngressSchema, traefikIngressSchema } from "./schema";

/** Ingress controllers that are neither a CNI's nor AVI: `ingress.kind traefik` and `ingress-nginx`. */
export const ingressDeclaration = {
    name: "ingress",
    kinds: {
        ingress: [kind(traefikIngressSchema), kind(ingressNginxIngressSchema)],
    },
    versions: {
        traefik: (choices) =>
            unless(choices.ingress.kind === "traefik", `the stack installs no Traefik (ingress.kind is "${choices.ingress.kind}")`),
        ingressNginx: (choices) =>
            unless(
                choices.ingress.kind === "ingress-nginx",
                `the stack installs no ingress-nginx (ingress.kind is "${choices.ingress.kind}")`,
            ),
    },
} as const satisfies AreaDeclaration;

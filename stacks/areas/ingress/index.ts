// The ingress area as one object: Traefik and ingress-nginx per cluster.
import { Area } from "../area";
import { ingressBench } from "./bench";
import { ingressDeclaration } from "./declaration";
import { ingressNginxRow, traefikIngressRow } from "./rows";

/** Maintained ingress controllers. */
export const ingress = {
    name: "ingress",
    declaration: ingressDeclaration,
    rows: {
        ingress: { traefik: traefikIngressRow, "ingress-nginx": ingressNginxRow },
    },
    bench: ingressBench,
} as const satisfies Area;

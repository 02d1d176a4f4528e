// Schema branches of the ingress area: ingress controllers that are not part of a CNI or of AVI.
import { z } from "zod";
import { extraValues } from "../../config/schema/common";

/** `ingress: { kind: traefik }`: Traefik per cluster, meshed with Linkerd when the mesh is Linkerd (the default controller). */
export const traefikIngressSchema = z.strictObject({
    kind: z.literal("traefik"),
    meshed: z.boolean().optional(),
    values: extraValues,
});

/** `ingress: { kind: ingress-nginx }`: legacy only (retired upstream in March 2026); `up` warns. */
export const ingressNginxIngressSchema = z.strictObject({
    kind: z.literal("ingress-nginx"),
    meshed: z.boolean().optional(),
    values: extraValues,
});

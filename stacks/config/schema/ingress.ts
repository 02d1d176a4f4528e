// Schema branches of the ingress area: ingress controllers that are not part of a CNI or of AVI.
import { z } from "zod";

/** `ingress: { kind: none }`: no ingress controller. */
export const noIngressSchema = z.strictObject({ kind: z.literal("none") });

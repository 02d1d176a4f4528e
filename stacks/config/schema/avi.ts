// Schema branch of the AVI area: `ingress: { kind: avi }` (AKO per cluster, AMKO across clusters).
import { z } from "zod";

/** `ingress: { kind: avi, ... }`; off unless configured (needs an external AVI controller). */
export const aviIngressSchema = z.strictObject({
    kind: z.literal("avi"),
});

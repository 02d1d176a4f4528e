// Schema branch of the Linkerd area: `mesh: { kind: linkerd }` (control plane, multicluster links).
import { z } from "zod";

/** `mesh: { kind: linkerd, ... }`. */
export const linkerdMeshSchema = z.strictObject({
    kind: z.literal("linkerd"),
    links: z.array(z.strictObject({ from: z.string(), to: z.string() })).optional(),
    gatewayIps: z.record(z.string(), z.string()).default({}),
    demo: z.boolean().default(false),
});

// Schema branch of the Contrail area: `mesh: { kind: contrail }` (central and distributed clusters).
import { z } from "zod";

/** `mesh: { kind: contrail, ... }`. */
export const contrailMeshSchema = z.strictObject({
    kind: z.literal("contrail"),
    central: z.string().min(1),
});

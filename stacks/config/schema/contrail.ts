// Schema branch of the Contrail area: `mesh: { kind: contrail }` (one central cluster, every other cluster distributed).
import { z } from "zod";
import { REGISTRY_PREFIX_PATTERN } from "../../../components/contrail/release";
import { FIX_SEPARATOR } from "./common";

/** Explicit Kubemanager numbers of one distributed cluster (they win over the allocation rule). */
const distributedOverrideSchema = z.strictObject({
    listenerPort: z.number().int().min(1024).max(65535).optional(),
    constantRouteTargetNumber: z.number().int().min(1).max(4294967295).optional(),
    enableNad: z.boolean().optional(),
});

/**
 * `mesh: { kind: contrail, ... }`: `central` runs the CN2 controller and vRouter, every other cluster of the
 * stack is distributed (vRouter only, managed from the central cluster). The release is `versions.contrail`;
 * the registry credentials are the secret config key `contrailRegistryAuth`.
 */
export const contrailMeshSchema = z.strictObject({
    kind: z.literal("contrail"),
    central: z.string().min(1),
    registry: z.string().regex(REGISTRY_PREFIX_PATTERN,
        `is not an image registry prefix like registry.example.com/cn2${FIX_SEPARATOR}write host[:port]/path, without scheme or trailing slash`).optional(),
    distributed: z.record(z.string(), distributedOverrideSchema).default({}),
    readyTimeoutSeconds: z.number().int().min(60).max(7200).default(1200),
});

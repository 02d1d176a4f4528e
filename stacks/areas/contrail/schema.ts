// Schema branch of the Contrail area: `mesh: { kind: contrail }` (one central cluster, every other cluster distributed).
import { z } from "zod";
import { KERNEL_RELEASE_PATTERN } from "../../../components/contrail/kernels";
import { registryPrefixProblem } from "../../../components/contrail/release";
import { Problem } from "../../../components/network/value-checks";
import { FIX_SEPARATOR } from "../../config/schema/common";

/** A zod refinement from a single-value check, so shape and value errors come together. */
function checkedBy(check: (value: string) => Problem | undefined) {
    return (value: string, ctx: z.RefinementCtx) => {
        const found = check(value);
        if (found) {
            ctx.addIssue({ code: "custom", message: `${found.problem}${FIX_SEPARATOR}${found.fix}` });
        }
    };
}

/** Explicit Kubemanager numbers of one distributed cluster (they win over the allocation rule). */
const distributedOverrideSchema = z.strictObject({
    listenerPort: z.number().int().min(1024).max(65535).optional(),
    constantRouteTargetNumber: z.number().int().min(1).max(4294967295).optional(),
    enableNad: z.boolean().optional(),
});

/** A kernel release exactly as `uname -r` prints it (no glob: a kernel is accepted one by one, on purpose). */
const kernelRelease = z
    .string()
    .regex(
        KERNEL_RELEASE_PATTERN,
        `is not a kernel release as uname -r prints it${FIX_SEPARATOR}write it exactly, e.g. "6.8.0-49-generic" (no wildcards)`,
    );

/**
 * `mesh: { kind: contrail, ... }`: `central` runs the CN2 controller and vRouter, every other cluster of the
 * stack is distributed (vRouter only, managed from the central cluster). The release is `versions.contrail`;
 * the registry credentials are the secret config key `contrailRegistryAuth`.
 */
export const contrailMeshSchema = z.strictObject({
    kind: z.literal("contrail"),
    central: z.string().min(1),
    registry: z.string().min(1).superRefine(checkedBy(registryPrefixProblem)).optional(),
    distributed: z.record(z.string(), distributedOverrideSchema).default({}),
    readyTimeoutSeconds: z.number().int().min(60).max(7200).default(1200),
    /** Kernels the nodes may run although the release's vRouter is not published for them (each named on purpose). */
    allowUnsupportedKernels: z.array(kernelRelease).max(32).default([]),
    /** The seed's cross-cluster ping: a pod on the central cluster reaches a pod on every distributed cluster. */
    demo: z.boolean().default(false),
    /** Rotation generations: raising `tokens` re-mints every crosswise ServiceAccount token (docs/day2.md, Rotation). */
    rotation: z.strictObject({ tokens: z.number().int().min(0).optional() }).optional(),
});

// Schema branch of the Linkerd area: `mesh: { kind: linkerd }` (trust, control plane, multicluster links, demo).
import { z } from "zod";
import { extraValues } from "../../config/schema/common";
import { ANCHOR_PHASES } from "../../../components/linkerd/anchor-rotation";

/** Lifetimes of the trust anchor and the issuers, in hours. */
const trustSchema = z.strictObject({
    anchorValidityHours: z.number().int().positive().optional(),
    issuerValidityHours: z.number().int().positive().optional(),
    issuerRenewBeforeHours: z.number().int().min(0).optional(),
});

/** Rotation generations: raising one replaces that family of trust material on the next `up` (docs/day2.md, Rotation). */
const rotationSchema = z.strictObject({
    issuers: z.number().int().min(0).optional(),
    /** Trust-anchor roll through a bundle: the generation rolled to (from 1) and its phase, one `up` per phase (docs/day2.md, Rotation). */
    anchor: z.strictObject({ generation: z.number().int().min(0), phase: z.enum(ANCHOR_PHASES) }).optional(),
});

/** `mesh: { kind: linkerd, ... }`. */
export const linkerdMeshSchema = z.strictObject({
    kind: z.literal("linkerd"),
    links: z.array(z.strictObject({ from: z.string(), to: z.string() })).optional(),
    gatewayIps: z.record(z.string(), z.string()).default({}),
    demo: z.boolean().default(false),
    viz: z.boolean().optional(),
    trust: trustSchema.optional(),
    rotation: rotationSchema.optional(),
    values: z.strictObject({ controlPlane: extraValues, viz: extraValues, multicluster: extraValues }).optional(),
});

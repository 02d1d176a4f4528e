// Schema branch of the MetalLB area: `loadBalancer: { kind: metallb }`.
import { z } from "zod";
import { extraValues } from "../../config/schema/common";

/** `loadBalancer: { kind: metallb, ... }`: MetalLB pools from each cluster's `loadBalancerPools`. */
export const metallbLoadBalancerSchema = z.strictObject({
    kind: z.literal("metallb"),
    values: extraValues,
});

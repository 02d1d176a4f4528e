// Schema branches of the Antrea area: the `antrea` CNI and the Antrea Multi-cluster ClusterSet.
import { z } from "zod";
import { extraValues } from "./common";

/** `cni: { kind: antrea, ... }`. */
export const antreaCniSchema = z.strictObject({
    kind: z.literal("antrea"),
    trafficEncapMode: z.enum(["encap", "noEncap", "hybrid", "networkPolicyOnly"]).default("encap"),
    values: extraValues,
});

/** `mesh: { kind: antrea-multicluster, ... }`. */
export const antreaMeshSchema = z.strictObject({
    kind: z.literal("antrea-multicluster"),
    clusterSetId: z.string().min(1),
    leader: z.string().min(1),
    members: z.array(z.string()).optional(),
    namespace: z.string().default("antrea-multicluster"),
    podToPod: z.boolean().default(false),
    gatewayNodes: z.record(z.string(), z.string()).default({}),
    demo: z.boolean().default(false),
});

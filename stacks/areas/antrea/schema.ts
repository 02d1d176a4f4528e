// Schema branches of the Antrea area: the `antrea` CNI and the Antrea Multi-cluster ClusterSet.
import { z } from "zod";
import { extraValues } from "../../config/schema/common";

const DEFAULT_PORT_RANGE = "61000-62000";
const DEFAULT_COLLECTOR = "flow-aggregator/flow-aggregator:14739:grpc";

/** `cni.nodePortLocal`: Pod ports forwarded on the Node (AKO's NodePortLocal mode needs it). */
const nodePortLocalSchema = z.strictObject({
    enable: z.boolean().default(false),
    portRange: z.string().min(1).default(DEFAULT_PORT_RANGE),
});

/** `cni.flowExporter`: the static flow exporter destination. */
const flowExporterSchema = z.strictObject({
    enable: z.boolean().default(false),
    collectorAddress: z.string().default(DEFAULT_COLLECTOR),
});

/** `cni: { kind: antrea, ... }` (chart 2.7.0 keys are rendered from these; `values` is merged last). */
export const antreaCniSchema = z.strictObject({
    kind: z.literal("antrea"),
    trafficEncapMode: z.enum(["encap", "noEncap", "hybrid", "networkPolicyOnly"]).default("encap"),
    tunnelType: z.enum(["geneve", "vxlan", "gre", "stt"]).default("geneve"),
    nodePortLocal: nodePortLocalSchema.default({ enable: false, portRange: DEFAULT_PORT_RANGE }),
    egress: z.boolean().default(true),
    antreaPolicy: z.boolean().default(true),
    traceflow: z.boolean().default(true),
    flowExporter: flowExporterSchema.default({ enable: false, collectorAddress: DEFAULT_COLLECTOR }),
    prometheusMetrics: z.boolean().default(true),
    values: extraValues,
});

/** `mesh: { kind: antrea-multicluster, ... }`. */
export const antreaMeshSchema = z.strictObject({
    kind: z.literal("antrea-multicluster"),
    clusterSetId: z.string().min(1),
    leader: z.string().min(1),
    members: z.array(z.string()).optional(),
    namespace: z.string().default("antrea-multicluster"),
    clusterIds: z.record(z.string(), z.string()).default({}),
    podToPod: z.boolean().default(false),
    stretchedNetworkPolicy: z.boolean().default(false),
    trafficEncryption: z.enum(["none", "wireGuard"]).default("none"),
    /** Per member: its gateway Node, or its candidate Nodes (the controller elects a Ready one and fails over). */
    gatewayNodes: z.record(z.string(), z.union([z.string(), z.array(z.string()).min(1)])).default({}),
    /** Per member: its gateway's tunnel IP (one gateway Node), or a tunnel IP per candidate Node. */
    gatewayIps: z.record(z.string(), z.union([z.string(), z.record(z.string(), z.string())])).default({}),
    /** Which Node address becomes a gateway's tunnel IP: InternalIP (`private`) or ExternalIP (`public`). */
    gatewayIpPrecedence: z.enum(["private", "public"]).default("private"),
    /** UDP port of the cross-cluster WireGuard tunnels (only with trafficEncryption: wireGuard); unset: 51821. */
    wireGuardPort: z.number().optional(),
    demo: z.boolean().default(false),
    /** Rotation generations: raising `memberTokens` re-mints every member's token on the leader (docs/day2.md, Rotation). */
    rotation: z.strictObject({ memberTokens: z.number().int().min(0).optional() }).optional(),
});

// Schema branches of the Cilium area: the `cilium` CNI, Cilium Cluster Mesh, and the LB-IPAM load balancer.
import { z } from "zod";
import { cidrProblem } from "../../../components/network/value-checks";
import { FIX_SEPARATOR, extraValues } from "../../config/schema/common";

/** `cni: { kind: cilium, ... }`. */
export const ciliumCniSchema = z.strictObject({
    kind: z.literal("cilium"),
    kubeProxyReplacement: z.boolean().default(false),
    routingMode: z.enum(["tunnel", "native"]).default("tunnel"),
    tunnelProtocol: z.enum(["vxlan", "geneve"]).default("vxlan"),
    encryption: z.enum(["none", "wireguard"]).default("none"),
    hubble: z.boolean().default(true),
    l2Announcements: z.boolean().default(false),
    /** Native routing: `direct` (Cilium routes to nodes on one L2 segment) or `provided` (the network routes every pod CIDR). */
    nativeRoutes: z.enum(["direct", "provided"]).default("direct"),
    /** The one L2 subnet every node of every cluster is on (native routing with direct routes across kubeadm clusters). */
    nodeSubnet: z
        .string()
        .superRefine((value, ctx) => {
            const found = cidrProblem(value);
            if (found) {
                ctx.addIssue({ code: "custom", message: `${found.problem}${FIX_SEPARATOR}write the nodes' subnet, e.g. "172.26.0.0/24"` });
            }
        })
        .optional(),
    values: extraValues,
    /** Rotation generations: raising `ca` replaces the shared Cilium CA and every certificate it signs (docs/day2.md, Rotation). */
    rotation: z.strictObject({ ca: z.number().int().min(0).optional() }).optional(),
});

/** `mesh: { kind: cilium-clustermesh, ... }`. */
export const ciliumMeshSchema = z.strictObject({
    kind: z.literal("cilium-clustermesh"),
    exposure: z.enum(["NodePort", "LoadBalancer"]).default("NodePort"),
    /** NodePort exposure only: the clustermesh-apiserver's node port (default 32379, the chart's). */
    nodePort: z.number().int().min(30000).max(32767).optional(),
    maxConnectedClusters: z.union([z.literal(255), z.literal(511)]).default(255),
    apiServerIps: z.record(z.string(), z.string()).default({}),
    /** The rebel-base / x-wing global-service demo and its proof (with `ingress.kind: cilium`, also through the ingress). */
    demo: z.boolean().default(false),
    /** EndpointSlices for the remote backends of global Services that ask for them (headless global Services); default false. */
    syncEndpointSlices: z.boolean().optional(),
});

/** `loadBalancer: { kind: cilium-lb-ipam }`: Cilium LB IPAM pools from each cluster's `loadBalancerPools`. */
export const ciliumLoadBalancerSchema = z.strictObject({
    kind: z.literal("cilium-lb-ipam"),
});

/**
 * `ingress: { kind: cilium }`: Cilium's own Ingress controller (one shared LoadBalancer Service `cilium-ingress`);
 * `ips` pins its address per cluster (LB IPAM: kept out of the shared pool for it alone).
 */
export const ciliumIngressSchema = z.strictObject({
    kind: z.literal("cilium"),
    ips: z.record(z.string(), z.string()).optional(),
});

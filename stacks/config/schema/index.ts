// The zod schema of `Pulumi.<stack>.yaml` (namespace `multicluster`), composed from one branch file per area.
import { z } from "zod";
import { antreaCniSchema, antreaMeshSchema } from "./antrea";
import { aviIngressSchema } from "./avi";
import { ciliumCniSchema, ciliumIngressSchema, ciliumLoadBalancerSchema, ciliumMeshSchema } from "./cilium";
import { clusterSchema, hostSchema, networkSchema, sshSchema, versionsSchema } from "./common";
import { contrailMeshSchema } from "./contrail";
import { ingressNginxIngressSchema, noIngressSchema, traefikIngressSchema } from "./ingress";
import { linkerdMeshSchema } from "./linkerd";
import { metallbLoadBalancerSchema } from "./metallb";

export { FIX_SEPARATOR } from "./common";

const none = z.strictObject({ kind: z.literal("none") });

/** Layer 2, the CNI. */
export const cniSchema = z.discriminatedUnion("kind", [ciliumCniSchema, antreaCniSchema, none]);

/** Layer 3, the load balancer; unset means: Cilium LB IPAM with Cilium, MetalLB where pools are given, else none. */
export const loadBalancerSchema = z.discriminatedUnion("kind", [ciliumLoadBalancerSchema, metallbLoadBalancerSchema, none]);

/** Layer 4, the cross-cluster wiring. */
export const meshSchema = z.discriminatedUnion("kind", [none, ciliumMeshSchema, antreaMeshSchema, linkerdMeshSchema, contrailMeshSchema]);

/** Layer 5, the ingress controller. */
export const ingressSchema = z.discriminatedUnion("kind", [noIngressSchema, ciliumIngressSchema, aviIngressSchema, traefikIngressSchema, ingressNginxIngressSchema]);

/** The whole stack config (all keys of namespace `multicluster` except the secret ones). */
export const stackConfigSchema = z.strictObject({
    clusters: z.array(clusterSchema).min(1).max(511),
    ssh: sshSchema.optional(),
    versions: versionsSchema.default({}),
    cni: cniSchema.default({ kind: "none" }),
    loadBalancer: loadBalancerSchema.optional(),
    mesh: meshSchema.default({ kind: "none" }),
    ingress: ingressSchema.default({ kind: "none" }),
    network: networkSchema.default({ supernet: "10.64.0.0/10", podPrefix: 16, servicePrefix: 20 }),
});

/** Config as parsed by the schema (defaults applied, cross-field rules not yet checked). */
export type ParsedStackConfig = z.infer<typeof stackConfigSchema>;
/** A parsed cluster entry. */
export type ParsedCluster = z.infer<typeof clusterSchema>;
/** A parsed SSH host entry. */
export type ParsedHost = z.infer<typeof hostSchema>;

/**
 * Config keys whose value must be a secret (`pulumi config set --secret`): read as secret Outputs, never
 * validated by value, rejected when stored in plain text. Areas add theirs here.
 */
export const secretConfigKeys = ["sshPrivateKey", "contrailRegistryAuth", "aviPassword"] as const;

/** The config keys this project reads, in the order they are documented. */
export const configKeys = [
    "clusters", "ssh", "versions", "cni", "loadBalancer", "mesh", "ingress", "network", ...secretConfigKeys,
] as const;

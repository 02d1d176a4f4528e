// The zod schema of `Pulumi.<stack>.yaml` (namespace `multicluster`): shapes, enums, ranges, defaults.
import { z } from "zod";
import { Problem, cidrProblem, clusterNameProblem, poolProblem } from "../../components/network/value-checks";

/** Separates problem and fix inside a custom zod message (split again by the error formatter). */
export const FIX_SEPARATOR = "; fix: ";

/** A zod refinement from one of the network plan's single-value checks, so shape and value errors come together. */
function checkedBy(check: (value: string) => Problem | undefined) {
    return (value: string, ctx: z.RefinementCtx) => {
        const found = check(value);
        if (found) {
            ctx.addIssue({ code: "custom", message: `${found.problem}${FIX_SEPARATOR}${found.fix}` });
        }
    };
}

/** A literal "auto" or an aligned CIDR. */
const cidrOrAuto = z.string().min(1).superRefine((value, ctx) => (value === "auto" ? undefined : checkedBy(cidrProblem)(value, ctx)));

/** Labels and taints that kubeadm applies at registration. */
const nodeLabels = z.record(z.string(), z.string());

/** A Kubernetes taint as kubeadm's `nodeRegistration.taints` takes it. */
const taint = z.strictObject({
    key: z.string().min(1),
    value: z.string().optional(),
    effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]),
});

/** One VM reached over SSH. */
export const hostSchema = z.strictObject({
    host: z.string().min(1),
    address: z.string().optional(),
    name: z.string().optional(),
    labels: nodeLabels.optional(),
    taints: z.array(taint).optional(),
    hostKey: z.string().regex(/^(ssh|ecdsa)-[a-z0-9-]+ [A-Za-z0-9+/=]+/, "must be an authorized_keys line").optional(),
});

/** SSH bastion (jump host). */
const bastionSchema = z.strictObject({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(22),
    user: z.string().min(1).optional(),
});

/** SSH settings shared by all kubeadm hosts (the private key is the separate secret `sshPrivateKey`). */
export const sshSchema = z.strictObject({
    user: z.string().min(1).default("root"),
    port: z.number().int().min(1).max(65535).default(22),
    bastion: bastionSchema.optional(),
});

const commonClusterFields = {
    name: z.string().superRefine(checkedBy(clusterNameProblem)),
    id: z.number().int().optional(),
    podCidr: cidrOrAuto.default("auto"),
    serviceCidr: cidrOrAuto.default("auto"),
    loadBalancerPools: z.array(z.string().superRefine(checkedBy(poolProblem))).default([]),
    skipKubeProxy: z.boolean().optional(),
};

/** A cluster built by kubeadm on existing VMs. */
export const kubeadmClusterSchema = z.strictObject({
    ...commonClusterFields,
    provisioner: z.literal("kubeadm"),
    controlPlanes: z.array(hostSchema).min(1),
    controlPlaneEndpoint: z.string().optional(),
    workers: z.array(hostSchema).default([]),
});

/** A local kind cluster. */
export const kindClusterSchema = z.strictObject({
    ...commonClusterFields,
    provisioner: z.literal("kind"),
    workers: z.number().int().min(0).max(20).default(1),
});

/** Either provisioner. */
export const clusterSchema = z.discriminatedUnion("provisioner", [kubeadmClusterSchema, kindClusterSchema]);

const semver = /^\d+\.\d+\.\d+$/;
const versionMessage = (example: string) => `is not a version like ${example}${FIX_SEPARATOR}write it as ${example} (no leading "v")`;

/** Per-key overrides of the pinned versions. */
export const versionsSchema = z
    .strictObject({
        kubernetes: z.string().regex(semver, versionMessage("1.36.1")),
        kindNodeImage: z.string().regex(/^[^@\s]+:[^@\s]+@sha256:[0-9a-f]{64}$/,
            `is not pinned by digest${FIX_SEPARATOR}write it as kindest/node:v1.36.1@sha256:<64 hex digits> from the kind release notes`),
        cilium: z.string().regex(semver, versionMessage("1.20.0")),
        antrea: z.string().regex(semver, versionMessage("2.7.0")),
        linkerd: z.string().regex(semver, versionMessage("2026.8.3")),
        metallb: z.string().regex(semver, versionMessage("0.16.1")),
        containerd: z.string().min(1),
    })
    .partial();

/** Escape hatch: extra Helm values merged last. */
const extraValues = z.record(z.string(), z.unknown()).optional();

/** CNI choice and options. */
export const cniSchema = z.discriminatedUnion("kind", [
    z.strictObject({
        kind: z.literal("cilium"),
        kubeProxyReplacement: z.boolean().default(false),
        routingMode: z.enum(["tunnel", "native"]).default("tunnel"),
        tunnelProtocol: z.enum(["vxlan", "geneve"]).default("vxlan"),
        encryption: z.enum(["none", "wireguard"]).default("none"),
        hubble: z.boolean().default(true),
        ingressController: z.boolean().default(false),
        l2Announcements: z.boolean().default(false),
        values: extraValues,
    }),
    z.strictObject({
        kind: z.literal("antrea"),
        trafficEncapMode: z.enum(["encap", "noEncap", "hybrid", "networkPolicyOnly"]).default("encap"),
        values: extraValues,
    }),
    z.strictObject({ kind: z.literal("none") }),
]);

/** Cross-cluster wiring choice and options. */
export const meshSchema = z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("none") }),
    z.strictObject({
        kind: z.literal("cilium-clustermesh"),
        exposure: z.enum(["NodePort", "LoadBalancer"]).default("NodePort"),
        nodePort: z.number().int().min(30000).max(32767).default(32379),
        maxConnectedClusters: z.union([z.literal(255), z.literal(511)]).default(255),
        apiServerIps: z.record(z.string(), z.string()).default({}),
        demo: z.boolean().default(false),
    }),
    z.strictObject({
        kind: z.literal("antrea-multicluster"),
        clusterSetId: z.string().min(1),
        leader: z.string().min(1),
        members: z.array(z.string()).optional(),
        namespace: z.string().default("antrea-multicluster"),
        podToPod: z.boolean().default(false),
        gatewayNodes: z.record(z.string(), z.string()).default({}),
    }),
    z.strictObject({
        kind: z.literal("linkerd"),
        links: z.array(z.strictObject({ from: z.string(), to: z.string() })).optional(),
        gatewayIps: z.record(z.string(), z.string()).default({}),
    }),
    z.strictObject({
        kind: z.literal("contrail"),
        central: z.string().min(1),
    }),
]);

/** Supernet and block sizes for clusters whose CIDRs are "auto". */
export const networkSchema = z.strictObject({
    supernet: z.string().default("10.64.0.0/10"),
    podPrefix: z.number().int().min(8).max(28).default(16),
    servicePrefix: z.number().int().min(12).max(28).default(20),
});

/** The whole stack config (all keys of namespace `multicluster` except the secret `sshPrivateKey`). */
export const stackConfigSchema = z.strictObject({
    clusters: z.array(clusterSchema).min(1),
    ssh: sshSchema.optional(),
    versions: versionsSchema.default({}),
    cni: cniSchema.default({ kind: "none" }),
    mesh: meshSchema.default({ kind: "none" }),
    network: networkSchema.default({ supernet: "10.64.0.0/10", podPrefix: 16, servicePrefix: 20 }),
});

/** Config as parsed by the schema (defaults applied, cross-field rules not yet checked). */
export type ParsedStackConfig = z.infer<typeof stackConfigSchema>;
/** A parsed cluster entry. */
export type ParsedCluster = z.infer<typeof clusterSchema>;
/** A parsed SSH host entry. */
export type ParsedHost = z.infer<typeof hostSchema>;

/** The config keys this project reads, in the order they are documented. */
export const configKeys = ["clusters", "ssh", "sshPrivateKey", "versions", "cni", "mesh", "network"] as const;

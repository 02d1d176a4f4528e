// Schema parts every stack shares: clusters, hosts, SSH, versions, auto-allocation.
import { z } from "zod";
import { IpFamily } from "../../../components/network/cidr";
import { Problem, cidrProblem, clusterNameProblem, familyProblem, poolProblem } from "../../../components/network/value-checks";

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

/** A CIDR of one family: aligned, and of the family its key is for. */
function familyCidrProblem(family: IpFamily) {
    return (value: string): Problem | undefined => cidrProblem(value) ?? familyProblem(value, family);
}

/** A literal "auto" or an aligned IPv4 CIDR. */
const cidrOrAuto = z.string().min(1).superRefine((value, ctx) => (value === "auto" ? undefined : checkedBy(familyCidrProblem("ipv4"))(value, ctx)));

/** An aligned IPv6 CIDR (the second family of a dual-stack cluster). */
const ipv6Cidr = z.string().min(1).superRefine(checkedBy(familyCidrProblem("ipv6")));

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
    addressV6: z.string().optional(),
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
    podCidrV6: ipv6Cidr.optional(),
    serviceCidrV6: ipv6Cidr.optional(),
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

/** Escape hatch: extra Helm values merged last (keys the project owns are refused by the area's checks). */
export const extraValues = z.record(z.string(), z.unknown()).optional();

/** Supernet and block sizes for clusters whose CIDRs are "auto". */
export const networkSchema = z.strictObject({
    supernet: z.string().default("10.64.0.0/10"),
    podPrefix: z.number().int().min(8).max(28).default(16),
    servicePrefix: z.number().int().min(12).max(28).default(20),
});


// Schema parts every stack shares: clusters, hosts, SSH, versions, auto-allocation.
import { z } from "zod";
import { nodeImageProblem } from "../../../components/kind/config";
import {
    containerdProblem,
    hostKeyProblem,
    kubernetesVersionProblem,
    labelProblem,
    userProblem,
} from "../../../components/kubeadm/value-rules";
import { hostProblem, rangeUseProblem } from "../../../components/network/address-checks";
import { AUTO_NETWORK } from "../../../components/network/allocator";
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
const cidrOrAuto = z
    .string()
    .min(1)
    .superRefine((value, ctx) => (value === "auto" ? undefined : checkedBy(familyCidrProblem("ipv4"))(value, ctx)));

/** An aligned IPv6 CIDR (the second family of a dual-stack cluster). */
const ipv6Cidr = z
    .string()
    .min(1)
    .superRefine(checkedBy(familyCidrProblem("ipv6")));

/**
 * Labels kubeadm applies at registration, each checked here by KubeadmCluster's own rule so the message names its
 * quoted key path (`labels["bad key!"]`); the resolved config leaves a refused label out (stacks/config/resolve.ts).
 */
const nodeLabels = z.record(z.string(), z.string()).superRefine((labels, ctx) => {
    for (const [key, value] of Object.entries(labels)) {
        const found = labelProblem(key, value);
        if (found) {
            ctx.addIssue({ code: "custom", path: [key], message: `${found.problem}${FIX_SEPARATOR}${found.fix}` });
        }
    }
});

/** A Kubernetes taint as kubeadm's `nodeRegistration.taints` takes it. */
const taint = z.strictObject({
    key: z.string().min(1),
    value: z.string().optional(),
    effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]),
});

/**
 * One VM reached over SSH. Value rules (host, addresses, labels, taints, host key) are KubeadmCluster's own, run
 * on the resolved config with these paths (stacks/layers/provision.ts), so the library and the stack say the same.
 */
export const hostSchema = z.strictObject({
    host: z.string().min(1),
    address: z.string().optional(),
    addressV6: z.string().optional(),
    name: z.string().optional(),
    labels: nodeLabels.optional(),
    taints: z.array(taint).optional(),
    hostKey: z.string().optional(),
});

/** SSH bastion (jump host); checked even when no kubeadm cluster uses it. */
const bastionSchema = z.strictObject({
    host: z.string().min(1).superRefine(checkedBy(hostProblem)),
    port: z.number().int().min(1).max(65535).default(22),
    user: z.string().min(1).superRefine(checkedBy(userProblem)).optional(),
    hostKey: z.string().superRefine(checkedBy(hostKeyProblem)).optional(),
});

/** SSH settings shared by all kubeadm hosts (the private key is the separate secret `sshPrivateKey`). */
export const sshSchema = z.strictObject({
    user: z.string().min(1).superRefine(checkedBy(userProblem)).default("root"),
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
    apiServerUrl: z.string().optional(),
    workers: z.array(hostSchema).default([]),
    /** Rotation generations: raising `certificates` renews the kubeadm certificates on every control plane (docs/day2.md, Rotation). */
    rotation: z.strictObject({ certificates: z.number().int().min(0).optional() }).optional(),
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
        kubernetes: z.string().superRefine(checkedBy(kubernetesVersionProblem)),
        kindNodeImage: z.string().superRefine(checkedBy(nodeImageProblem)),
        cilium: z.string().regex(semver, versionMessage("1.20.0")),
        antrea: z.string().regex(semver, versionMessage("2.7.0")),
        ako: z.string().regex(semver, versionMessage("2.1.1")),
        amko: z.string().regex(semver, versionMessage("2.1.1")),
        linkerd: z.string().regex(semver, versionMessage("2026.8.3")),
        metallb: z.string().regex(semver, versionMessage("0.16.1")),
        gatewayApi: z.string().regex(semver, versionMessage("1.2.1")),
        traefik: z.string().regex(semver, versionMessage("41.3.0")),
        ingressNginx: z.string().regex(semver, versionMessage("4.15.1")),
        containerd: z.string().min(1).superRefine(checkedBy(containerdProblem)),
        contrail: z
            .string()
            .regex(/^\d+\.\d+$/, `is not a Contrail release like 23.4${FIX_SEPARATOR}write the release as major.minor, e.g. 23.4`),
    })
    .partial();

/** Escape hatch: extra Helm values merged last (keys the project owns are refused by the area's checks). */
export const extraValues = z.record(z.string(), z.unknown()).optional();

/** An aligned IPv4 supernet clear of special blocks; checked even when no cluster asks for "auto". */
const supernet = z
    .string()
    .min(1)
    .superRefine(
        checkedBy((value) => {
            const found = cidrProblem(value) ?? familyProblem(value, "ipv4") ?? rangeUseProblem(value);
            return (
                found && {
                    problem: found.problem,
                    fix: 'write an aligned IPv4 block that no node, pool or explicit range uses, e.g. "10.64.0.0/10"',
                }
            );
        }),
    );

/** Supernet and block sizes for clusters whose CIDRs are "auto" (the sizes a pod and a service range may have). */
export const networkSchema = z.strictObject({
    supernet: supernet.default(AUTO_NETWORK.supernet),
    podPrefix: z.number().int().min(8).max(24).default(AUTO_NETWORK.podPrefix),
    servicePrefix: z.number().int().min(12).max(28).default(AUTO_NETWORK.servicePrefix),
});

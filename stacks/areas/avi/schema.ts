// Schema branch of the AVI area: `ingress: { kind: avi }` (AKO per cluster, AMKO across clusters).
import { z } from "zod";
import { extraValues } from "../../config/schema/common";

/** The external AVI controller; AKO and AMKO stay off while `host` is empty. */
const controllerSchema = z.strictObject({
    host: z.string().default(""),
    version: z.string().default(""),
    username: z.string().min(1).default("admin"),
    tenant: z.string().min(1).default("admin"),
    cloudName: z.string().min(1).default("Default-Cloud"),
    serviceEngineGroup: z.string().min(1).default("Default-Group"),
    caCertificate: z.string().optional(),
});

/** A VIP network of the AVI cloud (AKO `NetworkSettings.vipNetworkList`). */
const vipNetworkSchema = z.strictObject({ name: z.string().min(1), cidr: z.string().min(1) });

/** A node network (AKO `NetworkSettings.nodeNetworkList`): where the Service Engines reach the Nodes. */
const nodeNetworkSchema = z.strictObject({ name: z.string().min(1), cidrs: z.array(z.string().min(1)).default([]) });

/** The GlobalDeploymentPolicy AMKO applies (chart `globalDeploymentPolicy`, CRD amko.vmware.com/v1alpha2). */
const policySchema = z.strictObject({
    appSelector: z.record(z.string(), z.string()).default({}),
    namespaceSelector: z.record(z.string(), z.string()).default({}),
    trafficSplit: z.record(z.string(), z.number()).default({}),
    ttl: z.number().int().optional(),
});

/** `ingress.gslb`: AMKO across the AKO clusters. */
const gslbSchema = z.strictObject({
    enabled: z.boolean().default(true),
    leader: z.string().min(1).optional(),
    members: z.array(z.string()).optional(),
    leaderController: z.string().optional(),
    amkoUuid: z.string().optional(),
    policy: policySchema.default({ appSelector: {}, namespaceSelector: {}, trafficSplit: {} }),
    values: extraValues,
});

const CONTROLLER_DEFAULTS = {
    host: "",
    version: "",
    username: "admin",
    tenant: "admin",
    cloudName: "Default-Cloud",
    serviceEngineGroup: "Default-Group",
};

/** `ingress: { kind: avi, ... }`; off unless `controller.host` is set (needs an external AVI controller). */
export const aviIngressSchema = z.strictObject({
    kind: z.literal("avi"),
    controller: controllerSchema.default(CONTROLLER_DEFAULTS),
    clusters: z.array(z.string()).optional(),
    serviceType: z.enum(["NodePortLocal", "ClusterIP", "NodePort"]).optional(),
    vipNetworks: z.array(vipNetworkSchema).default([]),
    nodeNetworks: z.array(nodeNetworkSchema).default([]),
    defaultDomain: z.string().optional(),
    values: extraValues,
    gslb: gslbSchema.optional(),
});

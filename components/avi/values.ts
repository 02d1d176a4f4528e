// Renders the AKO and AMKO chart values from typed settings (keys checked against the charts on branch release-2.1.1).
import * as pulumi from "@pulumi/pulumi";
import { HelmChartRef } from "../shared/helm";
import { mergeValues } from "../shared/values-merge";
import { AkoSettings, GslbPolicy, GslbSettings } from "./types";

/** AKO's published chart (OCI; Helm ≥ 3.8): release `ako` in avi-system. */
export const AKO_CHART: HelmChartRef = {
    chart: "oci://projects.packages.broadcom.com/ako/helm-charts/ako",
    repo: "oci://projects.packages.broadcom.com/ako/helm-charts",
    releaseName: "ako",
    namespace: "avi-system",
};

/** AMKO's published chart: release `amko` in avi-system (its GlobalDeploymentPolicy template hardcodes that namespace). */
export const AMKO_CHART: HelmChartRef = {
    chart: "oci://projects.packages.broadcom.com/ako/helm-charts/amko",
    repo: "oci://projects.packages.broadcom.com/ako/helm-charts",
    releaseName: "amko",
    namespace: "avi-system",
};

/** Where the AKO images come from (the in-repo chart defaults to a development registry: pinned here). */
export const AKO_IMAGE_REPOSITORY = "projects.packages.broadcom.com/ako/ako";
/** The AKO Gateway API image repository (only used with the GatewayAPI feature gate). */
export const AKO_GATEWAY_IMAGE_REPOSITORY = "projects.packages.broadcom.com/ako/ako-gateway-api";

/** AKO values of one cluster; `password` (secret) renders the chart's `avi-secret`. */
export function akoValues(settings: AkoSettings, password?: pulumi.Input<string>): Record<string, unknown> {
    const { controller } = settings;
    const rendered = {
        image: { repository: AKO_IMAGE_REPOSITORY },
        GatewayAPI: { image: { repository: AKO_GATEWAY_IMAGE_REPOSITORY } },
        AKOSettings: { primaryInstance: true, clusterName: settings.clusterName, cniPlugin: settings.cniPlugin },
        ControllerSettings: {
            controllerHost: controller.host,
            controllerVersion: controller.version,
            cloudName: controller.cloudName,
            serviceEngineGroupName: controller.serviceEngineGroup,
            tenantName: controller.tenant,
        },
        NetworkSettings: {
            vipNetworkList: settings.vipNetworks.map((network) => ({ networkName: network.name, cidr: network.cidr })),
            nodeNetworkList: settings.nodeNetworks.map((network) => ({ networkName: network.name, cidrs: [...network.cidrs] })),
            ...(settings.defaultDomain ? { defaultDomain: settings.defaultDomain } : {}),
        },
        L7Settings: { serviceType: settings.serviceType },
        avicredentials: {
            username: controller.username,
            ...(password !== undefined ? { password } : {}),
            ...(controller.caCertificate ? { certificateAuthorityData: controller.caCertificate } : {}),
        },
    };
    return mergeValues(rendered, settings.values ?? {});
}

/** One AMKO install's place in the federation. */
export interface AmkoMembership {
    /** This cluster's context name in `gslb-members`. */
    readonly currentContext: string;
    /** Every member's context, in order. */
    readonly contexts: readonly string[];
    /** True on exactly one member. */
    readonly isLeader: boolean;
}

/** Weight AMKO gives a member the GDP's `trafficSplit` does not list (`gslb/nodes/dq_ingestion.go` `GetObjTrafficRatio@release-2.1.1`). */
export const AMKO_DEFAULT_WEIGHT = 1;

/**
 * The GDP's `trafficSplit`: empty when no weight is given (AMKO then weighs every member alike); otherwise one
 * entry per member in member order, a member without a weight written with AMKO's own default, so the policy
 * says what AMKO does.
 */
export function trafficSplitOf(policy: GslbPolicy, contexts: readonly string[]): { cluster: string; weight: number }[] {
    if (Object.keys(policy.trafficSplit).length === 0) {
        return [];
    }
    return contexts.map((cluster) => ({ cluster, weight: policy.trafficSplit[cluster] ?? AMKO_DEFAULT_WEIGHT }));
}

function policyValues(policy: GslbPolicy, contexts: readonly string[]): Record<string, unknown> {
    const label = (selector: Readonly<Record<string, string>>) =>
        Object.keys(selector).length > 0 ? { label: { ...selector } } : undefined;
    const appSelector = label(policy.appSelector);
    const namespaceSelector = label(policy.namespaceSelector);
    const split = trafficSplitOf(policy, contexts);
    return {
        ...(appSelector ? { appSelector } : {}),
        ...(namespaceSelector ? { namespaceSelector } : {}),
        matchClusters: contexts.map((cluster) => ({ cluster })),
        ...(split.length > 0 ? { trafficSplit: split } : {}),
        ...(policy.ttl !== undefined ? { ttl: policy.ttl } : {}),
    };
}

/** AMKO values of one member (keys the templates read: `federation`, `configs`, `globalDeploymentPolicy`). */
export function amkoValues(settings: GslbSettings, membership: AmkoMembership, password?: pulumi.Input<string>): Record<string, unknown> {
    const { controller } = settings;
    const rendered = {
        federation: {
            currentCluster: membership.currentContext,
            currentClusterIsLeader: membership.isLeader,
            memberClusters: [...membership.contexts],
        },
        configs: {
            gslbLeaderController: controller.host,
            controllerVersion: controller.version,
            tenant: controller.tenant,
            memberClusters: membership.contexts.map((clusterContext) => ({ clusterContext })),
            ...(settings.amkoUuid ? { amkoUUID: settings.amkoUuid } : {}),
        },
        gslbLeaderCredentials: { username: controller.username, ...(password !== undefined ? { password } : {}) },
        globalDeploymentPolicy: policyValues(settings.policy, membership.contexts),
    };
    return mergeValues(rendered, settings.values ?? {});
}

// Renders one cluster's antrea chart values from typed settings (pure; keys checked against chart 2.7.0).
import { ApiEndpoint } from "../cluster";
import { withDefaults } from "../shared/defaults";
import { mergeValues } from "../shared/values-merge";
import { AntreaSettings, AntreaValues, MulticlusterAgentSettings, MulticlusterValues } from "./types";

/** Everything one cluster's values are rendered from. */
export interface AntreaValuesInput {
    /** Shared options. */
    readonly settings: AntreaSettings;
    /** Set when the cluster runs without kube-proxy: AntreaProxy proxies everything and agents use this API address. */
    readonly kubeApiServer?: ApiEndpoint;
    /** This cluster's Multi-cluster agent part (ClusterSet members only). */
    readonly multicluster?: MulticlusterAgentSettings;
}

/** `host:port` as the chart's `kubeAPIServerOverride` takes it (IPv6 hosts bracketed). */
function hostPort(endpoint: ApiEndpoint): string {
    const host = endpoint.host.includes(":") ? `[${endpoint.host}]` : endpoint.host;
    return `${host}:${endpoint.port}`;
}

function featureGates(settings: AntreaSettings, multicluster: boolean): Record<string, boolean> {
    return {
        Egress: settings.egress,
        AntreaPolicy: settings.antreaPolicy,
        Traceflow: settings.traceflow,
        FlowExporter: settings.flowExporter.enable,
        ...(multicluster ? { Multicluster: true } : {}),
    };
}

function multiclusterValues(agent: MulticlusterAgentSettings): MulticlusterValues {
    return {
        enableGateway: true,
        namespace: "",
        enableStretchedNetworkPolicy: agent.stretchedNetworkPolicy,
        enablePodToPodConnectivity: agent.podToPod,
        trafficEncryptionMode: agent.trafficEncryption,
        ...(agent.wireGuardPort !== undefined ? { wireGuard: { port: agent.wireGuardPort } } : {}),
    };
}

/**
 * The typed values of one cluster, then the `settings.values` escape hatch deep-merged last. Images are left
 * to the chart (`v<appVersion>` of the pinned chart), so the deprecated `image` map is never set.
 */
export function antreaValues(input: AntreaValuesInput): AntreaValues {
    const { settings } = input;
    const rendered: AntreaValues = {
        trafficEncapMode: settings.trafficEncapMode,
        tunnelType: settings.tunnelType,
        featureGates: featureGates(settings, input.multicluster !== undefined),
        antreaProxy: { enable: true, proxyAll: input.kubeApiServer !== undefined },
        ...(input.kubeApiServer ? { kubeAPIServerOverride: hostPort(input.kubeApiServer) } : {}),
        nodePortLocal: { enable: settings.nodePortLocal.enable, portRange: settings.nodePortLocal.portRange },
        flowExporter: { enable: settings.flowExporter.enable, flowCollectorAddr: settings.flowExporter.collectorAddress },
        agent: { enablePrometheusMetrics: settings.prometheusMetrics },
        controller: { enablePrometheusMetrics: settings.prometheusMetrics },
        ...(input.multicluster ? { multicluster: multiclusterValues(input.multicluster) } : {}),
    };
    return mergeValues(rendered, settings.values ?? {});
}

/** Antrea's defaults for every setting (chart 2.7.0), for library users that only change a few. */
export const DEFAULT_ANTREA_SETTINGS: AntreaSettings = {
    trafficEncapMode: "encap",
    tunnelType: "geneve",
    nodePortLocal: { enable: false, portRange: "61000-62000" },
    egress: true,
    antreaPolicy: true,
    traceflow: true,
    flowExporter: { enable: false, collectorAddress: "flow-aggregator/flow-aggregator:14739:grpc" },
    prometheusMetrics: true,
};

/** The Multi-cluster agent part a library user leaves out: no Pod-to-Pod, no stretched policies, no encryption. */
export const DEFAULT_MULTICLUSTER_AGENT: MulticlusterAgentSettings = {
    podToPod: false,
    stretchedNetworkPolicy: false,
    trafficEncryption: "none",
};

/** A library user's settings over {@link DEFAULT_ANTREA_SETTINGS} (complete settings pass through unchanged). */
export function resolveAntreaSettings(given: Partial<AntreaSettings> | undefined): AntreaSettings {
    return withDefaults(DEFAULT_ANTREA_SETTINGS, given);
}

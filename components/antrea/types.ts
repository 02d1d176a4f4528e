// Typed inputs of the Antrea area: CNI settings, the agent's Multi-cluster part, and the chart values this project sets.
import * as pulumi from "@pulumi/pulumi";
import { JsonObject } from "../shared/schema-types";

/** How Antrea carries Pod traffic between Nodes (chart `trafficEncapMode`). */
export const TrafficEncapMode = { encap: "encap", noEncap: "noEncap", hybrid: "hybrid", networkPolicyOnly: "networkPolicyOnly" } as const;
/** How Antrea carries Pod traffic between Nodes (chart `trafficEncapMode`). */
export type TrafficEncapMode = (typeof TrafficEncapMode)[keyof typeof TrafficEncapMode];

/** Overlay protocol in encap mode (chart `tunnelType`); every member of a ClusterSet must use the same one. */
export const TunnelType = { geneve: "geneve", vxlan: "vxlan", gre: "gre", stt: "stt" } as const;
/** Overlay protocol in encap mode (chart `tunnelType`); every member of a ClusterSet must use the same one. */
export type TunnelType = (typeof TunnelType)[keyof typeof TunnelType];

/** NodePortLocal: Pod ports forwarded on the Node (what AKO's NodePortLocal mode needs). */
export interface NodePortLocalSettings {
    /** Turn NodePortLocal on (chart `nodePortLocal.enable`; the feature gate was removed in Antrea 2.5). */
    readonly enable: boolean;
    /** `first-last` Node port range (chart `nodePortLocal.portRange`). */
    readonly portRange: string;
}

/** The static flow exporter destination (gate `FlowExporter` plus `flowExporter.enable`). */
export interface FlowExporterSettings {
    /** Export flows. */
    readonly enable: boolean;
    /** `<host>:[<port>][:<proto>]`, e.g. `flow-aggregator/flow-aggregator:14739:grpc`. */
    readonly collectorAddress: string;
}

/** Per-cluster Antrea options (the stack passes the same settings to every cluster). */
export interface AntreaSettings {
    /** Datapath mode. */
    readonly trafficEncapMode: TrafficEncapMode;
    /** Overlay protocol. */
    readonly tunnelType: TunnelType;
    /** NodePortLocal. */
    readonly nodePortLocal: NodePortLocalSettings;
    /** Feature gate `Egress`. */
    readonly egress: boolean;
    /** Feature gate `AntreaPolicy` (Antrea-native policies; stretched policies need it). */
    readonly antreaPolicy: boolean;
    /** Feature gate `Traceflow` (spelled `Traceflow`: the chart drops `TraceFlow` silently). */
    readonly traceflow: boolean;
    /** The flow exporter. */
    readonly flowExporter: FlowExporterSettings;
    /** `agent.enablePrometheusMetrics` and `controller.enablePrometheusMetrics`. */
    readonly prometheusMetrics: boolean;
    /** Escape hatch: extra chart values deep-merged last; keys the project owns are refused by validation. */
    readonly values?: JsonObject;
}

/** Cross-cluster traffic encryption between Multi-cluster Gateways (chart `multicluster.trafficEncryptionMode`). */
export const McTrafficEncryption = { none: "none", wireGuard: "wireGuard" } as const;
/** Cross-cluster traffic encryption between Multi-cluster Gateways (chart `multicluster.trafficEncryptionMode`). */
export type McTrafficEncryption = (typeof McTrafficEncryption)[keyof typeof McTrafficEncryption];

/** The agent side of Antrea Multi-cluster on a member cluster (rendered into the chart values). */
export interface MulticlusterAgentSettings {
    /** Pod-to-Pod connectivity across clusters (`multicluster.enablePodToPodConnectivity`). */
    readonly podToPod: boolean;
    /** Stretched Antrea-native policies (`multicluster.enableStretchedNetworkPolicy`; needs the gateway). */
    readonly stretchedNetworkPolicy: boolean;
    /** Encryption of cross-cluster tunnels. */
    readonly trafficEncryption: McTrafficEncryption;
    /** UDP port of the cross-cluster WireGuard tunnels (`multicluster.wireGuard.port`); unset: the chart's 51821. */
    readonly wireGuardPort?: number;
}

/**
 * What one cluster's Antrea enables, as data a ClusterSet checks and waits for: `AntreaInstall.agent`, or written
 * by hand for an Antrea installed elsewhere. Plain (known at preview) but for the two Outputs.
 */
export interface AntreaAgentFacts {
    /** The agents' Multi-cluster part (gate `Multicluster`, the gateway and its switches); unset: the gate is off. */
    readonly multicluster?: MulticlusterAgentSettings;
    /** Overlay protocol (the members of a ClusterSet must agree). */
    readonly tunnelType: TunnelType;
    /** SHA-256 of the chart values: a change re-runs the ClusterSet gates that vouch for these agents. */
    readonly valuesChecksum?: pulumi.Input<string>;
    /** Resolves once Antrea runs (agents and controller): the ClusterSet's objects in this cluster wait for it. */
    readonly ready?: pulumi.Input<string>;
}

/** The `multicluster` block of the chart values (v2.7.0 keys). */
export interface MulticlusterValues {
    /** Multi-cluster Gateway in the agent. */
    enableGateway: boolean;
    /** Namespace of the member antrea-mc-controller ("" = the agent's, kube-system). */
    namespace: string;
    /** Stretched policies. */
    enableStretchedNetworkPolicy: boolean;
    /** Pod-to-Pod connectivity. */
    enablePodToPodConnectivity: boolean;
    /** Cross-cluster encryption. */
    trafficEncryptionMode: McTrafficEncryption;
    /** Cross-cluster WireGuard tunnel port (only set when configured). */
    wireGuard?: { port: number };
}

/** The chart values this project renders (a subset of chart 2.7.0's values.yaml). */
export interface AntreaValues {
    /** Datapath mode. */
    trafficEncapMode: TrafficEncapMode;
    /** Overlay protocol. */
    tunnelType: TunnelType;
    /** Feature gates by their exact names in the chart's conf templates. */
    featureGates: Record<string, boolean>;
    /** AntreaProxy (always on; `proxyAll` when the cluster runs without kube-proxy). */
    antreaProxy: { enable: true; proxyAll: boolean };
    /** API server address agents use when there is no kube-proxy. */
    kubeAPIServerOverride?: string;
    /** NodePortLocal. */
    nodePortLocal: { enable: boolean; portRange: string };
    /** Flow exporter destination. */
    flowExporter: { enable: boolean; flowCollectorAddr: string };
    /** Agent metrics. */
    agent: { enablePrometheusMetrics: boolean };
    /** Controller metrics. */
    controller: { enablePrometheusMetrics: boolean };
    /** Multi-cluster agent settings (present on ClusterSet members only). */
    multicluster?: MulticlusterValues;
}

/** Which Node address becomes a gateway's tunnel IP: InternalIP (`private`) or ExternalIP (`public`). */
export const GatewayIpPrecedence = { private: "private", public: "public" } as const;
/** Which Node address becomes a gateway's tunnel IP: InternalIP (`private`) or ExternalIP (`public`). */
export type GatewayIpPrecedence = (typeof GatewayIpPrecedence)[keyof typeof GatewayIpPrecedence];

/** `endpointIPType` of antrea-mc-controller-config: what an imported Service's endpoints are. */
export type EndpointIpType = "ClusterIP" | "PodIP";

/** The `MultiClusterConfig` of one cluster's antrea-mc-controller (ConfigMap `antrea-mc-controller-config`). */
export interface MultiClusterConfigInput {
    /** This cluster's Service CIDR (exported for ClusterIP endpoints; auto-discovered when empty). */
    readonly serviceCidr: string;
    /** This cluster's Pod CIDRs (needed for Pod-to-Pod). */
    readonly podCidrs: readonly string[];
    /** Endpoint type of imported Services; the same in every member. */
    readonly endpointIpType: EndpointIpType;
    /** Stretched policies. */
    readonly stretchedNetworkPolicy: boolean;
    /** Which Node IP becomes the gateway IP: `private` (InternalIP) or `public` (ExternalIP). */
    readonly gatewayIpPrecedence: GatewayIpPrecedence;
}

// What the antrea chart reads (checked at v2.7.0) and which values the project owns: checks of the `values` escape hatch.
import { ValidationIssue, issue } from "../shared/validation";
import { OwnedValue, ownedMatch } from "../shared/owned-values";
import { imageValueIssues, leafPath, valueLeaves } from "../shared/values-merge";

/** The chart version the key lists below were read from (antrea@v2.7.0 build/charts/antrea). */
export const CHART_KEYS_VERSION = "2.7.0";

/** Top-level keys of values.yaml at v2.7.0. */
const TOP_LEVEL_KEYS = new Set([
    "image",
    "agentImage",
    "controllerImage",
    "trafficEncapMode",
    "podCIDRs",
    "tunnelType",
    "tunnelPort",
    "tunnelCsum",
    "trafficEncryptionMode",
    "enableBridgingMode",
    "disableTXChecksumOffload",
    "noSNAT",
    "snatFullyRandomPorts",
    "hostGateway",
    "transportInterface",
    "transportInterfaceCIDRs",
    "multicast",
    "defaultMTU",
    "packetInRate",
    "ovs",
    "wireGuard",
    "ipsec",
    "egress",
    "nodePortLocal",
    "antreaProxy",
    "nodeIPAM",
    "auditLogging",
    "kubeAPIServerOverride",
    "dnsServerOverride",
    "fqdnCacheMinTTL",
    "serviceCIDR",
    "serviceCIDRv6",
    "tlsCipherSuites",
    "tlsMinVersion",
    "clientCAFile",
    "featureGates",
    "secondaryNetwork",
    "agent",
    "controller",
    "flowExporter",
    "cni",
    "webhooks",
    "logVerbosity",
    "multicluster",
    "testing",
    "hostNetworkAcceleration",
    "hostNetworkMode",
]);

/** Feature gates the `featureGate` helper renders in conf/antrea-agent.conf or conf/antrea-controller.conf at v2.7.0. */
export const FEATURE_GATES = new Set([
    "AllAlpha",
    "AllBeta",
    "PreferSameTrafficDistribution",
    "CleanupStaleUDPSvcConntrack",
    "Traceflow",
    "PacketCapture",
    "AntreaPolicy",
    "FlowExporter",
    "NetworkPolicyStats",
    "Egress",
    "AntreaIPAM",
    "Multicast",
    "Multicluster",
    "SecondaryNetwork",
    "ServiceExternalIP",
    "TrafficControl",
    "IPsecCertAuth",
    "SupportBundleCollection",
    "L7NetworkPolicy",
    "LoadBalancerModeDSR",
    "EgressTrafficShaping",
    "EgressSeparateSubnet",
    "NodeNetworkPolicy",
    "NodeLatencyMonitor",
    "BGPPolicy",
    "NFTablesHostNetworkMode",
    "AntreaNodeConfig",
    "NodeIPAM",
    "ExternalNode",
    "AdminNetworkPolicy",
    "ClusterNetworkPolicy",
]);

/** Keys the chart never reads although guides use them (the seed's mistakes among them), with the right setting. */
const IGNORED_KEYS: Readonly<Record<string, string>> = {
    "multicluster.enable":
        "mesh.kind: antrea-multicluster (the chart key is multicluster.enableGateway; the agent option multicluster.enable was removed in Antrea 2.0)",
    enablePrometheusMetrics:
        "cni.prometheusMetrics (the chart keys are agent.enablePrometheusMetrics and controller.enablePrometheusMetrics)",
    "featureGates.AntreaProxy": "nothing: AntreaProxy is GA and always on (its gate left the chart in Antrea 2.5)",
    "featureGates.NodePortLocal": "cni.nodePortLocal.enable (the gate left the chart in Antrea 2.5)",
    image: "agentImage.tag and controllerImage.tag (a non-empty legacy `image` map switches the chart to repository:tag and breaks the image with `image.tag` alone)",
};

/** Keys the project renders from first-class settings, with the setting to use instead (`.*` owns a subtree). */
const OWNED_KEYS: readonly OwnedValue[] = [
    { key: "trafficEncapMode", setting: "cni.trafficEncapMode" },
    { key: "tunnelType", setting: "cni.tunnelType" },
    { key: "featureGates.Multicluster", setting: "mesh.kind: antrea-multicluster (every ClusterSet member gets the gate)" },
    { key: "featureGates.Egress", setting: "cni.egress" },
    { key: "featureGates.AntreaPolicy", setting: "cni.antreaPolicy" },
    { key: "featureGates.Traceflow", setting: "cni.traceflow" },
    { key: "featureGates.FlowExporter", setting: "cni.flowExporter.enable" },
    { key: "flowExporter.enable", setting: "cni.flowExporter.enable" },
    { key: "flowExporter.flowCollectorAddr", setting: "cni.flowExporter.collectorAddress" },
    { key: "nodePortLocal.*", setting: "cni.nodePortLocal" },
    { key: "antreaProxy.enable", setting: "nothing: AntreaProxy stays on (Services and NodePortLocal rely on it)" },
    { key: "antreaProxy.proxyAll", setting: "clusters[].skipKubeProxy" },
    { key: "kubeAPIServerOverride", setting: "clusters[].skipKubeProxy (the agents then use the cluster's API endpoint)" },
    { key: "agent.enablePrometheusMetrics", setting: "cni.prometheusMetrics" },
    { key: "controller.enablePrometheusMetrics", setting: "cni.prometheusMetrics" },
    { key: "multicluster.enableStretchedNetworkPolicy", setting: "mesh.stretchedNetworkPolicy" },
    { key: "multicluster.enablePodToPodConnectivity", setting: "mesh.podToPod" },
    { key: "multicluster.trafficEncryptionMode", setting: "mesh.trafficEncryption" },
    { key: "multicluster.*", setting: "mesh (kind antrea-multicluster), which sets the gateway and the member namespace" },
];

/** Options of {@link escapeHatchIssues}. */
export interface EscapeHatchOptions {
    /** Config path of the escape hatch, e.g. `cni.values`. */
    readonly path: string;
    /** Chart version in use: keys are checked against the chart only at {@link CHART_KEYS_VERSION}. */
    readonly version: string;
}

function unknownGateFix(gate: string): string {
    const match = [...FEATURE_GATES].find((known) => known.toLowerCase() === gate.toLowerCase());
    return match ? `write it as ${match}` : "use a gate name from the chart's conf templates, or remove it";
}

/** What a key of the escape hatch does not do, if anything: `dotted` is its path as values.yaml spells it, undefined when a key holds a dot. */
function keyProblem(
    keys: readonly string[],
    dotted: string | undefined,
    value: unknown,
    version: string,
): { problem: string; fix: string } | undefined {
    const ignored =
        dotted === undefined
            ? undefined
            : Object.entries(IGNORED_KEYS).find(([known]) => dotted === known || dotted.startsWith(`${known}.`));
    if (ignored) {
        return { problem: "is a key the antrea chart never reads, so it would be ignored silently", fix: `use ${ignored[1]}` };
    }
    const { owner, inside } = ownedMatch({ keys, value }, OWNED_KEYS);
    if (owner) {
        return { problem: "overrides a value the project renders from a first-class setting", fix: `set ${owner.setting} instead` };
    }
    if (inside.length > 0) {
        return {
            problem: `replaces a map that holds values the project renders (${inside.map((owned) => owned.key).join(", ")})`,
            fix: "set single keys under it instead",
        };
    }
    if (version !== CHART_KEYS_VERSION) {
        return undefined;
    }
    if (!TOP_LEVEL_KEYS.has(keys[0])) {
        return {
            problem: `is not a key of the antrea ${CHART_KEYS_VERSION} chart, which would ignore it silently`,
            fix: "remove it, or use a key from the chart's values.yaml",
        };
    }
    const gate = keys.length === 2 && keys[0] === "featureGates" ? keys[1] : undefined;
    return gate !== undefined && !FEATURE_GATES.has(gate)
        ? {
              problem: `is not a feature gate the antrea ${CHART_KEYS_VERSION} chart renders, so it would be dropped silently`,
              fix: unknownGateFix(gate),
          }
        : undefined;
}

/**
 * Problems of the `values` escape hatch: keys the chart never reads (the seed's `multicluster.enable`,
 * `featureGates.TraceFlow`, ...) and keys the project renders itself, each named with the setting to use instead,
 * and image values that would not pull. Each key is printed as written (`cni.values["a.b"]`).
 */
export function escapeHatchIssues(values: Readonly<Record<string, unknown>> | undefined, options: EscapeHatchOptions): ValidationIssue[] {
    const keyed = valueLeaves(values ?? {}).flatMap(({ keys, value }) => {
        const found = keyProblem(keys, keys.some((key) => key.includes(".")) ? undefined : keys.join("."), value, options.version);
        return found ? [issue(leafPath(options.path, keys), value, found.problem, found.fix)] : [];
    });
    return [...keyed, ...imageValueIssues(values, options.path, keyed)];
}

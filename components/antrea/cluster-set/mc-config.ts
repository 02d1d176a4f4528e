// The antrea-mc-controller configuration (ConfigMap `antrea-mc-controller-config`) and its checksum.
import { parseCidr } from "../../network/cidr";
import { sha256 } from "../../shared/shell";
import { toYaml } from "../../shared/yaml";
import { MC_CONFIG_MAP } from "../release";
import { MultiClusterConfigInput } from "../types";

/** Key of the controller configuration inside the ConfigMap (the Deployment mounts it by subPath). */
export const MC_CONFIG_KEY = "controller_manager_config.yaml";

/** Pod-template annotation the release manifests carry; setting it to the config's hash rolls the controller. */
export const CONFIG_CHECKSUM_ANNOTATION = "checksum/config";

/**
 * The leader's controller configuration: the release defaults (Pod CIDRs and endpoint types matter on members only),
 * except stretched policies, which the leader must run too: it alone registers the LabelIdentity export reconciler
 * (antrea@v2.7.0 multicluster/cmd/multicluster-controller/leader.go), and user-guide.md asks for the flag "for each
 * antrea-mc-controller running in the ClusterSet".
 */
export function leaderMcConfig(stretchedNetworkPolicy: boolean): MultiClusterConfigInput {
    return { serviceCidr: "", podCidrs: [], endpointIpType: "ClusterIP", stretchedNetworkPolicy, gatewayIpPrecedence: "private" };
}

/** The IPv4 ranges of a list, as the controller configuration carries them (Multi-cluster Gateways carry IPv4 only). */
export function ipv4Cidrs(cidrs: readonly string[]): string[] {
    return cidrs.filter((text) => parseCidr(text)?.family === "ipv4");
}

/**
 * The `MultiClusterConfig` text (antrea@v2.7.0 multiclusterconfig_types.go). Only IPv4 ranges are written:
 * Multi-cluster Gateways carry IPv4 only.
 */
export function renderMcConfig(input: MultiClusterConfigInput): string {
    const podCidrs = ipv4Cidrs(input.podCidrs);
    return toYaml({
        apiVersion: "multicluster.crd.antrea.io/v1alpha1",
        kind: "MultiClusterConfig",
        health: { healthProbeBindAddress: ":8080" },
        metrics: { bindAddress: "0" },
        webhook: { port: 9443 },
        serviceCIDR: ipv4Cidrs([input.serviceCidr])[0] ?? "",
        podCIDRs: podCidrs.length > 0 ? podCidrs : [""],
        gatewayIPPrecedence: input.gatewayIpPrecedence,
        endpointIPType: input.endpointIpType,
        enableStretchedNetworkPolicy: input.stretchedNetworkPolicy,
    });
}

/** The ConfigMap object the controller reads at start, in its namespace. */
export interface McConfigMap {
    /** Name, namespace and the release manifests' label. */
    readonly metadata: { name: string; namespace: string; labels: Record<string, string> };
    /** The configuration text. */
    readonly data: Record<string, string>;
}

/** Renders the ConfigMap of one controller. */
export function mcConfigMap(namespace: string, input: MultiClusterConfigInput): McConfigMap {
    return {
        metadata: { name: MC_CONFIG_MAP, namespace, labels: { app: "antrea" } },
        data: { [MC_CONFIG_KEY]: renderMcConfig(input) },
    };
}

/** SHA-256 of the configuration text: the Deployment's `checksum/config`, so a change rolls the pod. */
export function mcConfigChecksum(configMap: McConfigMap): string {
    return sha256(configMap.data[MC_CONFIG_KEY] ?? "");
}

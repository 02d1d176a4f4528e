// The cross-cluster traffic split: a non-exported apex Service and a Gateway API HTTPRoute over the local and mirrored backends.
import { ValidationIssue, capList, issue, keyPath } from "../shared/validation";
import { isExported, mirroredServiceName } from "./export";

/** API version of the HTTPRoute Linkerd edge reads (Gateway API standard channel, v1 since Linkerd 2.18). */
export const HTTPROUTE_API_VERSION = "gateway.networking.k8s.io/v1";

/** Inputs of a split. */
export interface TrafficSplitInput {
    /** Namespace of the services. */
    readonly namespace: string;
    /** The Service clients call; never exported, so no other cluster's gateway ever delivers traffic to it. */
    readonly apex: string;
    /** The exported Service every cluster runs (the backends: it here, its mirrors `<service>-<peer>` elsewhere). */
    readonly service: string;
    /** Service port. */
    readonly port: number;
    /** This cluster. */
    readonly local: string;
    /** Clusters this one mirrors whose copies of `service` take a share. */
    readonly peers: readonly string[];
    /** Weight per cluster (local and peers); @default equal shares of 100 (50/50 for two clusters). */
    readonly weights?: Readonly<Record<string, number>>;
    /** Labels of the apex Service (must not export it). */
    readonly apexLabels?: Readonly<Record<string, string>>;
}

/**
 * Why the split cannot loop (linkerd2#6569: a split on an exported service in two clusters sends gateway traffic
 * back and forth, "508 gateway loop detected"): the route's parent is the apex, which is never exported; its
 * backends are the exported `service` here and its mirrors, and a mirror delivers to the peer's `service`, which
 * has no route. Every request therefore crosses at most one gateway. These rules keep it so.
 */
export function splitIssues(input: TrafficSplitInput): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    const mirrors = input.peers.map((peer) => mirroredServiceName(input.service, peer));
    if (input.apex === input.service || mirrors.includes(input.apex)) {
        found.push(
            issue(
                "apex",
                input.apex,
                `is also a backend of the split (${capList([input.service, ...mirrors])}), so it would route to itself`,
                "give the apex its own name",
            ),
        );
    }
    if (isExported(input.apexLabels)) {
        found.push(
            issue(
                "apexLabels",
                input.apexLabels,
                "export the apex, so peers' gateways would deliver traffic that it splits again (a daisy-chain loop)",
                "export the backend service only, never the apex",
            ),
        );
    }
    if (input.peers.includes(input.local) || new Set(input.peers).size !== input.peers.length) {
        found.push(issue("peers", input.peers, "list this cluster or a peer twice", "list each other cluster once"));
    }
    const weights = splitWeights(input);
    for (const [cluster, weight] of Object.entries(weights)) {
        if (!Number.isInteger(weight) || weight < 0) {
            found.push(
                issue(keyPath("weights", cluster), weight, "is not a whole number of at least 0", "use integer weights, e.g. 50 and 50"),
            );
        }
    }
    if (Object.values(weights).every((weight) => weight === 0)) {
        found.push(issue("weights", input.weights, "are all 0, so no backend takes traffic", "give at least one cluster a weight"));
    }
    return found;
}

/** This cluster, then its peers by name (so listing peers in another order changes nothing). */
function splitClusters(input: Pick<TrafficSplitInput, "local" | "peers">): string[] {
    return [input.local, ...[...input.peers].sort()];
}

/** Weight per cluster: the given ones, else equal integer shares of 100 (the remainder to the first clusters). */
export function splitWeights(input: Pick<TrafficSplitInput, "local" | "peers" | "weights">): Record<string, number> {
    const clusters = splitClusters(input);
    if (input.weights) {
        return Object.fromEntries(clusters.map((cluster) => [cluster, input.weights?.[cluster] ?? 0]));
    }
    const share = Math.floor(100 / clusters.length);
    const rest = 100 - share * clusters.length;
    return Object.fromEntries(clusters.map((cluster, i) => [cluster, share + (i < rest ? 1 : 0)]));
}

/** The apex Service: same selector and port as the local backend (so it answers locally even before the route applies), not exported. */
export function apexService(input: TrafficSplitInput, selector: Readonly<Record<string, string>>): Record<string, unknown> {
    return {
        metadata: { name: input.apex, namespace: input.namespace, labels: { ...(input.apexLabels ?? {}) } },
        spec: { selector: { ...selector }, ports: [{ name: "http", port: input.port, targetPort: input.port }] },
    };
}

/** The HTTPRoute whose parent is the apex Service (group `core`, as Linkerd documents) and whose backends take their weights. */
export function splitRoute(input: TrafficSplitInput): Record<string, unknown> {
    const weights = splitWeights(input);
    const backend = (cluster: string) => ({
        name: cluster === input.local ? input.service : mirroredServiceName(input.service, cluster),
        port: input.port,
        weight: weights[cluster],
    });
    return {
        apiVersion: HTTPROUTE_API_VERSION,
        kind: "HTTPRoute",
        metadata: { name: input.apex, namespace: input.namespace },
        spec: {
            parentRefs: [{ name: input.apex, kind: "Service", group: "core", port: input.port }],
            rules: [{ backendRefs: splitClusters(input).map(backend) }],
        },
    };
}

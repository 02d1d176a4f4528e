// Helm values of the four Linkerd edge charts (keys checked against edge-26.8.3's values.yaml), as typed objects.
import { parseCidr, rangesOverlap } from "../network/cidr";
import { OwnedWording, ownedValueIssues as ownedIssuesOf } from "../shared/owned-values";
import { ValidationIssue, keyPath } from "../shared/validation";
import { imageValueIssues, mergeValues } from "../shared/values-merge";
import { GATEWAY, LINKERD_NAMESPACE } from "./constants";
import { LinkerdExtraValues } from "./types";

/** The chart default of `clusterNetworks`: destinations the proxy treats as in-cluster. */
export const DEFAULT_CLUSTER_NETWORKS = ["10.0.0.0/8", "100.64.0.0/10", "172.16.0.0/12", "192.168.0.0/16", "fd00::/8"] as const;

/** Value paths the project sets from its own inputs; the escape hatch may not override them. */
export const OWNED_VALUE_PATHS: Readonly<Record<keyof LinkerdExtraValues, readonly string[]>> = {
    controlPlane: ["identityTrustAnchorsPEM", "identity.issuer", "identity.externalCA", "clusterDomain", "identityTrustDomain"],
    viz: ["linkerdNamespace", "createNamespaceMetadataJob"],
    multicluster: [
        "controllers",
        "gateway.serviceAnnotations",
        "gateway.loadBalancerIP",
        "gateway.serviceType",
        "gateway.enabled",
        "gateway.port",
        "gateway.probe",
        "gateway.name",
        "remoteMirrorServiceAccount",
        "remoteMirrorServiceAccountName",
        "linkerdNamespace",
        "identityTrustDomain",
        "createNamespaceMetadataJob",
    ],
};

/** Linkerd's words for an escape-hatch key over what the project derives (one sentence for both findings). */
const LINKERD_WORDING: OwnedWording = {
    overrides: () => ({
        problem: "overrides a value the project derives (trust, gateway address or links)",
        fix: "remove it and use the matching mesh setting instead",
    }),
    replaces: () => ({
        problem: "overrides a value the project derives (trust, gateway address or links)",
        fix: "remove it and use the matching mesh setting instead",
    }),
};

/**
 * Issues for escape-hatch keys that would override (or replace the map of) what the project sets, each with the value
 * written, and for image values that would not pull (`path` is where the values sit in config).
 */
export function linkerdValueIssues(path: string, extra: LinkerdExtraValues | undefined): ValidationIssue[] {
    return (Object.keys(OWNED_VALUE_PATHS) as (keyof LinkerdExtraValues)[]).flatMap((chart) => {
        const at = keyPath(path, chart);
        const owned = ownedIssuesOf(
            extra?.[chart],
            OWNED_VALUE_PATHS[chart].map((key) => ({ key, setting: "mesh" })),
            at,
            { wording: LINKERD_WORDING },
        );
        return [...owned, ...imageValueIssues(extra?.[chart], at, owned)];
    });
}

/** `clusterNetworks`: the chart default plus any of the cluster's pod and service ranges it does not cover. */
export function clusterNetworks(podCidrs: readonly string[], serviceCidrs: readonly string[]): string {
    const defaults = DEFAULT_CLUSTER_NETWORKS.map((text) => parseCidr(text)!);
    const extra = [...podCidrs, ...serviceCidrs].filter((text) => {
        const cidr = parseCidr(text);
        return (
            cidr !== undefined &&
            !defaults.some((network) => rangesOverlap(network, cidr) && network.first <= cidr.first && cidr.last <= network.last)
        );
    });
    return [...DEFAULT_CLUSTER_NETWORKS, ...extra].join(",");
}

/** `linkerd-crds`: the Gateway API CRDs are installed separately (pinned release), never by this chart. */
export function crdsValues(): Record<string, unknown> {
    return { installGatewayAPI: false };
}

/** Inputs of {@link controlPlaneValues}; `S` is a plain string or an Output. */
export interface ControlPlaneValuesInput<S> {
    /** Trust anchor PEM (shared by every linked cluster). */
    readonly anchorPem: S;
    /** This cluster's issuer certificate PEM. */
    readonly issuerCertPem: S;
    /** This cluster's issuer key PEM (secret). */
    readonly issuerKeyPem: S;
    /** `clusterNetworks` (see {@link clusterNetworks}). */
    readonly clusterNetworks: string;
    /** Escape hatch merged last. */
    readonly extra?: Readonly<Record<string, unknown>>;
}

/** `linkerd-control-plane`: the shared anchor and this cluster's issuer (scheme `linkerd.io/tls`: the chart renders the Secret). */
export function controlPlaneValues<S>(input: ControlPlaneValuesInput<S>): Record<string, unknown> {
    return mergeValues(
        {
            identityTrustAnchorsPEM: input.anchorPem,
            identity: { issuer: { scheme: "linkerd.io/tls", tls: { crtPEM: input.issuerCertPem, keyPEM: input.issuerKeyPem } } },
            clusterNetworks: input.clusterNetworks,
        },
        input.extra ?? {},
    );
}

/** `linkerd-viz`: the namespace-metadata hook Job is off (the namespace is created with its labels instead). */
export function vizValues(extra: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
    return mergeValues({ linkerdNamespace: LINKERD_NAMESPACE, createNamespaceMetadataJob: false }, extra);
}

/** Inputs of {@link multiclusterValues}. */
export interface MulticlusterValuesInput {
    /** The gateway's LoadBalancer address (pinned); none: no gateway (no cluster mirrors this one). */
    readonly gatewayIp?: string;
    /** Annotations that make the cluster's load balancer assign exactly that address; none: `spec.loadBalancerIP` is set. */
    readonly gatewayIpAnnotations?: Readonly<Record<string, string>>;
    /** Clusters this cluster mirrors: one service-mirror controller each (`controllers[].link.ref.name`). */
    readonly mirrors: readonly string[];
    /** Escape hatch merged last. */
    readonly extra?: Readonly<Record<string, unknown>>;
}

/**
 * `linkerd-multicluster`: the gateway on its pinned LoadBalancer address, the remote-access ServiceAccount
 * other clusters' mirrors use, and one service-mirror controller per mirrored cluster, rendered by the chart
 * itself (edge's GitOps mode, the chart's `controllers` list, sorted by name so list order never matters).
 */
export function multiclusterValues(input: MulticlusterValuesInput): Record<string, unknown> {
    const annotations = input.gatewayIpAnnotations ?? {};
    const pinned = Object.keys(annotations).length > 0 ? { serviceAnnotations: { ...annotations } } : { loadBalancerIP: input.gatewayIp };
    const gateway =
        input.gatewayIp === undefined ? { enabled: false } : { enabled: true, name: GATEWAY.name, serviceType: "LoadBalancer", ...pinned };
    return mergeValues(
        {
            linkerdNamespace: LINKERD_NAMESPACE,
            createNamespaceMetadataJob: false,
            gateway,
            remoteMirrorServiceAccount: true,
            controllers: [...new Set(input.mirrors)].sort().map((name) => ({ link: { ref: { name } } })),
        },
        input.extra ?? {},
    );
}

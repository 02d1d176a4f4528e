// Names, labels, ports and version rules of Linkerd edge (linkerd/linkerd2 edge-26.8.3) that the area relies on.
import { HelmChartRef } from "../shared/helm";

/** Helm repository of Linkerd's edge releases (the only open-source release channel since 2.15). */
export const LINKERD_HELM_REPO = "https://helm.linkerd.io/edge";
/** Control-plane namespace (charts `linkerd-crds` and `linkerd-control-plane`). */
export const LINKERD_NAMESPACE = "linkerd";
/** Namespace of the viz extension. */
export const VIZ_NAMESPACE = "linkerd-viz";
/** Namespace of the multicluster extension: gateway, Links, credentials, service-mirror controllers. */
export const MULTICLUSTER_NAMESPACE = "linkerd-multicluster";
/** Cluster DNS domain (chart default `clusterDomain`). */
export const CLUSTER_DOMAIN = "cluster.local";
/** Identity trust domain (chart default: the cluster domain). */
export const TRUST_DOMAIN = "cluster.local";

/** The multicluster gateway: Service and Deployment name, ports, probe (chart `gateway.*` defaults). */
export const GATEWAY = { name: "linkerd-gateway", port: 4143, probePort: 4191, probePath: "/ready", probeSeconds: 3 } as const;
/** The ServiceAccount the chart creates for remote clusters' service mirrors (`remoteMirrorServiceAccountName`). */
export const REMOTE_ACCESS_ACCOUNT = "linkerd-service-mirror-remote-access-default";
/** Label that exports a Service to every linked cluster (the Link's default `selector`). */
export const EXPORT_LABEL = "mirror.linkerd.io/exported";
/** Value of {@link EXPORT_LABEL} for gateway-mode mirroring. */
export const EXPORT_VALUE = "true";
/** Pod annotation that asks the proxy injector for a Linkerd proxy. */
export const INJECT_ANNOTATION = "linkerd.io/inject";
/** Label that marks a Service as mirrored by a service-mirror controller. */
export const MIRRORED_SERVICE_LABEL = "mirror.linkerd.io/mirrored-service";
/** Label naming the cluster a mirrored object belongs to. */
export const CLUSTER_NAME_LABEL = "mirror.linkerd.io/cluster-name";

/** The four charts of an install, all in the edge repository and released with one version. */
export const LINKERD_CHARTS = {
    crds: { chart: "linkerd-crds", repo: LINKERD_HELM_REPO, releaseName: "linkerd-crds", namespace: LINKERD_NAMESPACE },
    controlPlane: {
        chart: "linkerd-control-plane",
        repo: LINKERD_HELM_REPO,
        releaseName: "linkerd-control-plane",
        namespace: LINKERD_NAMESPACE,
    },
    viz: { chart: "linkerd-viz", repo: LINKERD_HELM_REPO, releaseName: "linkerd-viz", namespace: VIZ_NAMESPACE },
    multicluster: {
        chart: "linkerd-multicluster",
        repo: LINKERD_HELM_REPO,
        releaseName: "linkerd-multicluster",
        namespace: MULTICLUSTER_NAMESPACE,
    },
} as const satisfies Record<string, HelmChartRef>;

/** The oldest edge chart whose service-mirror controllers come from chart values and whose Link is v1alpha3 (Linkerd 2.18). */
export const MIN_EDGE_CHART = "2025.4.4";
/** The oldest Kubernetes the pinned charts install on (`kubeVersion: ">=1.31.0-0"` in every edge-26.8.3 chart). */
export const MIN_KUBERNETES = "1.31.0";

/** The identity the gateway's proxy presents (chart template `gateway.yaml`, with the default names). */
export function gatewayIdentity(): string {
    return `${GATEWAY.name}.${MULTICLUSTER_NAMESPACE}.serviceaccount.identity.${LINKERD_NAMESPACE}.${TRUST_DOMAIN}`;
}

/** The edge release tag of an edge chart version (`2026.8.3` → `edge-26.8.3`, per `bin/compute-edge-version`). */
export function edgeTag(chartVersion: string): string {
    const [year, month, patch] = chartVersion.split(".");
    return `edge-${year.slice(-2)}.${month}.${patch}`;
}

/** Compares two dotted versions numerically (negative, 0, positive). */
export function compareVersions(a: string, b: string): number {
    const left = a.split(".").map(Number);
    const right = b.split(".").map(Number);
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
        const diff = (left[i] ?? 0) - (right[i] ?? 0);
        if (diff !== 0) {
            return diff;
        }
    }
    return 0;
}

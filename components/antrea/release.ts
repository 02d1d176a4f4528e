// Where Antrea's pinned artefacts live: the chart repository and the release assets of a tag (never `main`).
import { HelmChartRef } from "../shared/helm";

/** The Antrea chart: `https://charts.antrea.io`, chart `antrea`, release `antrea` in kube-system. */
export const ANTREA_CHART: HelmChartRef = {
    chart: "antrea",
    repo: "https://charts.antrea.io",
    releaseName: "antrea",
    namespace: "kube-system",
};

/** Release assets this project applies (antrea `hack/release/prepare-assets.sh`). */
export type AntreaReleaseAsset =
    | "antrea-crds.yml"
    | "antrea-multicluster-leader-global.yml"
    | "antrea-multicluster-leader-namespaced.yml"
    | "antrea-multicluster-member.yml";

/** The git tag of a chart version: `2.7.0` → `v2.7.0`. */
export function antreaReleaseTag(version: string): string {
    return version.startsWith("v") ? version : `v${version}`;
}

/** `https://github.com/antrea-io/antrea/releases/download/<tag>/<asset>`. */
export function releaseAssetUrl(version: string, asset: AntreaReleaseAsset): string {
    return `https://github.com/antrea-io/antrea/releases/download/${antreaReleaseTag(version)}/${asset}`;
}

/** Namespace the release generator bakes into the leader manifests (`generate-manifest.sh -n antrea-multicluster`). */
export const RELEASE_LEADER_NAMESPACE = "antrea-multicluster";

/** Namespace of the member antrea-mc-controller (hardcoded in `antrea-multicluster-member.yml`). */
export const MEMBER_NAMESPACE = "kube-system";

/** The ClusterSet CRD that both the leader-global and the member manifests carry (owned once per cluster). */
export const CLUSTERSET_CRD = "clustersets.multicluster.crd.antrea.io";

/** CRDs of the leader (leader-global manifest). */
export const LEADER_CRDS = [
    CLUSTERSET_CRD,
    "memberclusterannounces.multicluster.crd.antrea.io",
    "resourceexports.multicluster.crd.antrea.io",
    "resourceimports.multicluster.crd.antrea.io",
] as const;

/** CRDs of a member (member manifest). */
export const MEMBER_CRDS = [
    "clusterinfoimports.multicluster.crd.antrea.io",
    CLUSTERSET_CRD,
    "gateways.multicluster.crd.antrea.io",
    "labelidentities.multicluster.crd.antrea.io",
    "serviceexports.multicluster.x-k8s.io",
    "serviceimports.multicluster.x-k8s.io",
] as const;

/** API version of ClusterSet this project writes (v1alpha1 is still served but prunes `spec.clusterID`). */
export const CLUSTERSET_API_VERSION = "multicluster.crd.antrea.io/v1alpha2";

/** API version of ServiceExport (the MCS API group, as Antrea v2.7.0 serves it). */
export const SERVICE_EXPORT_API_VERSION = "multicluster.x-k8s.io/v1alpha1";

/** Node annotation that makes a Node a Multi-cluster Gateway candidate (`common/types.go`). */
export const GATEWAY_ANNOTATION = "multicluster.antrea.io/gateway";

/** Node annotation that overrides the gateway's tunnel IP. */
export const GATEWAY_IP_ANNOTATION = "multicluster.antrea.io/gateway-ip";

/** ServiceAccount annotation that binds a member token to its cluster ID (mandatory since v2.7.0). */
export const CLUSTER_ID_ANNOTATION = "multicluster.antrea.io/cluster-id";

/** Role in the leader namespace that member ServiceAccounts are bound to. */
export const MEMBER_ROLE = "antrea-mc-member-cluster-role";

/** Name of the antrea-mc-controller Deployment (leader and member manifests). */
export const MC_CONTROLLER = "antrea-mc-controller";

/** Name of the controller's ConfigMap. */
export const MC_CONFIG_MAP = "antrea-mc-controller-config";

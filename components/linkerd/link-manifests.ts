// What `linkerd multicluster link-gen` prints, as typed objects: the token Secret, the credentials Secrets and the Link.
import { renderTokenKubeconfig } from "../shared/kubeconfig";
import {
    CLUSTER_DOMAIN,
    EXPORT_LABEL,
    EXPORT_VALUE,
    GATEWAY,
    LINKERD_NAMESPACE,
    MULTICLUSTER_NAMESPACE,
    REMOTE_ACCESS_ACCOUNT,
    TRUST_DOMAIN,
    edgeTag,
    gatewayIdentity,
} from "./constants";

/** API version of the Link the pinned release serves and stores (`multicluster.linkerd.io/v1alpha3`, edge-25.3.3 on). */
export const LINK_API_VERSION = "multicluster.linkerd.io/v1alpha3";
/** Secret type of link credentials (`pkg/k8s/labels.go MirrorSecretType`). */
export const CREDENTIALS_SECRET_TYPE = "mirror.linkerd.io/remote-kubeconfig";

/** Object metadata as the typed k8s resources take it. */
export interface Metadata {
    /** Name. */
    readonly name: string;
    /** Namespace. */
    readonly namespace: string;
    /** Labels. */
    readonly labels?: Readonly<Record<string, string>>;
    /** Annotations. */
    readonly annotations?: Readonly<Record<string, string>>;
}

/** Name of the credentials Secret of a link to `target` (the Link's `clusterCredentialsSecret`). */
export function credentialsSecretName(target: string): string {
    return `cluster-credentials-${target}`;
}

/**
 * The token Secret a link creates on its target: a `kubernetes.io/service-account-token` Secret of the chart's
 * remote-access ServiceAccount, one per mirroring cluster, so unlinking one cluster revokes exactly its token.
 * The token controller fills in `data.token` and `data["ca.crt"]`; the provider waits for them.
 */
export function remoteAccessTokenSecret(source: string): { metadata: Metadata; type: string } {
    return {
        metadata: {
            name: `linkerd-remote-access-token-${source}`,
            namespace: MULTICLUSTER_NAMESPACE,
            labels: { "linkerd.io/extension": "multicluster", "mirror.linkerd.io/mirroring-cluster": source },
            annotations: { "kubernetes.io/service-account.name": REMOTE_ACCESS_ACCOUNT },
        },
        type: "kubernetes.io/service-account-token",
    };
}

/** Inputs of {@link linkKubeconfig}. */
export interface LinkKubeconfigInput {
    /** The target cluster's name (cluster and context entry). */
    readonly target: string;
    /** The target's API server URL as the source's pods reach it (the contract's `endpoint`). */
    readonly server: string;
    /** The target's cluster CA (PEM). */
    readonly caCertPem: string;
    /** The remote-access token (secret). */
    readonly token: string;
}

/** The kubeconfig the service mirror uses: the target's endpoint and CA, the remote-access token (secret). */
export function linkKubeconfig(input: LinkKubeconfigInput): string {
    return renderTokenKubeconfig({
        clusterName: input.target,
        server: input.server,
        caCertPem: input.caCertPem,
        token: input.token,
        userName: REMOTE_ACCESS_ACCOUNT,
    });
}

/** A credentials Secret of a link (`type: mirror.linkerd.io/remote-kubeconfig`, the kubeconfig under `kubeconfig`). */
export interface CredentialsSecret<S> {
    /** Name, namespace and, for the control plane's copy, the label and annotations its destination controller reads. */
    readonly metadata: Metadata;
    /** `mirror.linkerd.io/remote-kubeconfig`. */
    readonly type: string;
    /** The kubeconfig (secret). */
    readonly stringData: { readonly kubeconfig: S };
}

/**
 * The two credentials Secrets `link-gen` prints (multicluster/cmd/link-gen.go@edge-26.8.3, `getCreds` twice): one in
 * the multicluster namespace for the service mirror, and one in the control plane's namespace, labelled with the
 * cluster name and annotated with its trust and cluster domains, for the destination controller, which serves the
 * Link's remote-discovery and federated-service selectors from it (controller/api/destination/watcher/cluster_store.go).
 */
export function credentialsSecrets<S>(target: string, kubeconfig: S): [CredentialsSecret<S>, CredentialsSecret<S>] {
    const base = { type: CREDENTIALS_SECRET_TYPE, stringData: { kubeconfig } };
    return [
        { ...base, metadata: { name: credentialsSecretName(target), namespace: MULTICLUSTER_NAMESPACE } },
        {
            ...base,
            metadata: {
                name: credentialsSecretName(target),
                namespace: LINKERD_NAMESPACE,
                labels: { "multicluster.linkerd.io/cluster-name": target },
                annotations: {
                    "multicluster.linkerd.io/trust-domain": TRUST_DOMAIN,
                    "multicluster.linkerd.io/cluster-domain": CLUSTER_DOMAIN,
                },
            },
        },
    ];
}

/** A Link manifest. */
export interface LinkManifest {
    /** API version. */
    readonly apiVersion: string;
    /** Kind. */
    readonly kind: "Link";
    /** Name (the target cluster) and namespace. */
    readonly metadata: Metadata;
    /** Spec as the v1alpha3 CRD defines it (every value a string, as the CRD types them). */
    readonly spec: Record<string, unknown>;
}

/** Inputs of {@link linkManifest}. */
export interface LinkManifestInput {
    /** The target cluster's name. */
    readonly target: string;
    /** The target's pinned gateway address. */
    readonly gatewayIp: string;
    /** The pinned edge chart version (the `created-by` annotation `linkerd multicluster check` compares). */
    readonly chartVersion: string;
}

/**
 * The Link to `target` as `link-gen` of the matching CLI prints it for a LoadBalancer gateway, with two differences:
 * the gateway address is the pinned one (no read of the target's live Service), and the probe's timeout and failure
 * threshold are written out with the values the v1alpha3 CRD defaults them to (`30s`, `"3"`), which `link-gen` leaves
 * out (`extractProbeSpec`), so the stored object is the same.
 */
export function linkManifest(input: LinkManifestInput): LinkManifest {
    const labelSelector = (key: string, value: string) => ({ matchLabels: { [key]: value } });
    return {
        apiVersion: LINK_API_VERSION,
        kind: "Link",
        metadata: {
            name: input.target,
            namespace: MULTICLUSTER_NAMESPACE,
            annotations: { "linkerd.io/created-by": `linkerd/cli ${edgeTag(input.chartVersion)}` },
        },
        spec: {
            targetClusterName: input.target,
            targetClusterDomain: CLUSTER_DOMAIN,
            targetClusterLinkerdNamespace: LINKERD_NAMESPACE,
            clusterCredentialsSecret: credentialsSecretName(input.target),
            gatewayAddress: input.gatewayIp,
            gatewayPort: String(GATEWAY.port),
            gatewayIdentity: gatewayIdentity(),
            probeSpec: {
                path: GATEWAY.probePath,
                port: String(GATEWAY.probePort),
                period: `${GATEWAY.probeSeconds}s`,
                timeout: "30s",
                failureThreshold: "3",
            },
            selector: labelSelector(EXPORT_LABEL, EXPORT_VALUE),
            remoteDiscoverySelector: labelSelector(EXPORT_LABEL, "remote-discovery"),
            federatedServiceSelector: labelSelector("mirror.linkerd.io/federated", "member"),
            excludedAnnotations: [],
            excludedLabels: [],
        },
    };
}

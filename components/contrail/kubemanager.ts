// The Kubemanager custom resource the central cluster runs for one distributed cluster, as a typed object.
import { parseCidr } from "../network/cidr";
import { KubemanagerAllocation } from "./allocation";
import { KUBEMANAGER_NAMESPACE, kubemanagerName, workloadKubeconfigSecretName } from "./names";
import { ContrailRelease, contrailImage } from "./release";

/** Label of the nodes the Kubemanager pods run on (kubeadm's control-plane label; the seed's 22.2 used `master`). */
export const CONTROL_PLANE_SELECTOR = { "node-role.kubernetes.io/control-plane": "" } as const;

/**
 * Pod annotation (`spec.common.podAnnotations`, 23.4 CRD) carrying the fingerprint of the distributed cluster's
 * kubeconfig: a new kubeconfig changes the pods' template, so the Kubemanager restarts on the new credentials.
 */
export const KUBECONFIG_FINGERPRINT_ANNOTATION = "multicluster.pulumi.com/workload-kubeconfig";

/**
 * `spec` of a Kubemanager: the fields this project sets, named as in
 * `releases/23.4/ocp/100-configplane.juniper.net_kubemanagers.yaml` (v1).
 */
export interface KubemanagerSpec<T = string> {
    /** Pod template parts: the kubemanager container and where it runs. */
    readonly common: {
        /** The kubemanager container and its image. */
        readonly containers: readonly { readonly name: string; readonly image: string }[];
        /** Control-plane nodes only. */
        readonly nodeSelector: Readonly<Record<string, string>>;
        /** {@link KUBECONFIG_FINGERPRINT_ANNOTATION}. */
        readonly podAnnotations: Readonly<Record<string, T>>;
        /** Set only with a mirror: where the operator pulls the images it adds on its own. */
        readonly defaultContainerRegistry?: string;
    };
    /** The distributed cluster's name (pattern `^[a-z0-9]+[a-z0-9-]*[a-z0-9]+$`, at most 63 characters). */
    readonly clusterName: string;
    /** Secret in the Kubemanager's namespace holding the distributed cluster's kubeconfig (key `kubeconfig`). */
    readonly kubeconfigSecretName: string;
    /** NetworkAttachmentDefinition controller on (the CRD's default is true too). */
    readonly enableNad: boolean;
    /** Listener port, unique per Kubemanager. */
    readonly listenerPort: number;
    /** Route-target number, unique per Kubemanager. */
    readonly constantRouteTargetNumber: number;
    /** IPv4 pod subnet of the distributed cluster. */
    readonly podV4Subnet: string;
    /** IPv4 service subnet. */
    readonly serviceV4Subnet: string;
    /** IPv6 pod subnet (dual-stack only). */
    readonly podV6Subnet?: string;
    /** IPv6 service subnet (dual-stack only). */
    readonly serviceV6Subnet?: string;
}

/** A Kubemanager object; `T` is the type of the kubeconfig fingerprint (plain in goldens, an Output in resources). */
export interface KubemanagerManifest<T = string> {
    /** `configplane.juniper.net/v1` at 23.4. */
    readonly apiVersion: string;
    /** Always `Kubemanager`. */
    readonly kind: "Kubemanager";
    /** Name and namespace (`kubemanager-<cluster>` in `contrail`). */
    readonly metadata: {
        readonly name: string;
        readonly namespace: string;
        readonly annotations: Readonly<Record<string, string>>;
    };
    /** The spec. */
    readonly spec: KubemanagerSpec<T>;
}

/** What a Kubemanager is rendered from. */
export interface KubemanagerInput<T = string> {
    /** The release (API version, image tag). */
    readonly release: ContrailRelease;
    /** Image registry prefix; @default the release's. */
    readonly registry?: string;
    /** The distributed cluster's name. */
    readonly cluster: string;
    /** Pod CIDRs of the distributed cluster, IPv4 first then IPv6 (the Cluster contract's order). */
    readonly podCidrs: readonly string[];
    /** Service CIDRs, IPv4 first then IPv6. */
    readonly serviceCidrs: readonly string[];
    /** Its listenerPort and constantRouteTargetNumber. */
    readonly allocation: KubemanagerAllocation;
    /** @default true. */
    readonly enableNad?: boolean;
    /** Fingerprint of the kubeconfig in `workload-kubeconfig-<cluster>` (see `serviceAccountKubeconfig`). */
    readonly kubeconfigFingerprint: T;
}

/** The CIDR of a family from a contract list (undefined when the cluster has none of that family). */
export function cidrOfFamily(cidrs: readonly string[], family: "ipv4" | "ipv6"): string | undefined {
    return cidrs.find((cidr) => parseCidr(cidr)?.family === family);
}

/** Renders the Kubemanager of one distributed cluster (IPv6 subnets only when the cluster is dual-stack). */
export function renderKubemanager<T = string>(input: KubemanagerInput<T>): KubemanagerManifest<T> {
    const v4 = (cidrs: readonly string[], what: string): string => {
        const found = cidrOfFamily(cidrs, "ipv4");
        if (found === undefined) {
            throw new Error(`internal: cluster ${input.cluster} has no IPv4 ${what} CIDR (validated before rendering)`);
        }
        return found;
    };
    const podV6Subnet = cidrOfFamily(input.podCidrs, "ipv6");
    const serviceV6Subnet = cidrOfFamily(input.serviceCidrs, "ipv6");
    return {
        apiVersion: input.release.kubemanagerApiVersion,
        kind: "Kubemanager",
        metadata: {
            name: kubemanagerName(input.cluster),
            namespace: KUBEMANAGER_NAMESPACE,
            // Its status values are not documented; the stack's gates judge readiness instead of Pulumi's await.
            annotations: { "pulumi.com/skipAwait": "true" },
        },
        spec: {
            common: {
                containers: [
                    { name: "contrail-k8s-kubemanager", image: contrailImage(input.release, "contrail-k8s-kubemanager", input.registry) },
                ],
                nodeSelector: { ...CONTROL_PLANE_SELECTOR },
                podAnnotations: { [KUBECONFIG_FINGERPRINT_ANNOTATION]: input.kubeconfigFingerprint },
                ...(input.registry !== undefined && input.registry !== input.release.registry
                    ? { defaultContainerRegistry: input.registry }
                    : {}),
            },
            clusterName: input.cluster,
            kubeconfigSecretName: workloadKubeconfigSecretName(input.cluster),
            enableNad: input.enableNad ?? true,
            listenerPort: input.allocation.listenerPort,
            constantRouteTargetNumber: input.allocation.constantRouteTargetNumber,
            podV4Subnet: v4(input.podCidrs, "pod"),
            serviceV4Subnet: v4(input.serviceCidrs, "service"),
            ...(podV6Subnet !== undefined ? { podV6Subnet } : {}),
            ...(serviceV6Subnet !== undefined ? { serviceV6Subnet } : {}),
        },
    };
}

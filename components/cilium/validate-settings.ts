// Checks of Cilium settings: options that need kube-proxy replacement, and chart values the escape hatch may not override.
import { OwnedValue, ownedValueIssues } from "../shared/owned-values";
import { ValidationIssue, issue } from "../shared/validation";
import { imageValueIssues } from "../shared/values-merge";
import { CiliumSettings } from "./types";

/** Config keys the settings rules name (a stack maps `ingressController` to its `ingress.kind`). */
export interface SettingsKeys {
    /** Key of the ingress controller switch; @default "cni.ingressController". */
    readonly ingressController?: string;
    /** Key of the escape hatch; @default "cni.values". */
    readonly values?: string;
}

/** Chart values the project renders from first-class settings; `values` may not override them. */
export const CILIUM_OWNED_VALUES: readonly OwnedValue[] = [
    { key: "cluster.name", setting: "clusters[].name" },
    { key: "cluster.id", setting: "clusters[].id" },
    { key: "ipam.*", setting: "clusters[].podCidr and podCidrV6 (cluster-pool IPAM over each cluster's own range)" },
    { key: "ipv4.enabled", setting: "clusters[].podCidr" },
    { key: "ipv6.enabled", setting: "clusters[].podCidrV6" },
    { key: "kubeProxyReplacement", setting: "cni.kubeProxyReplacement" },
    { key: "k8sServiceHost", setting: "clusters[].skipKubeProxy (the agents then use the cluster's API endpoint)" },
    { key: "k8sServicePort", setting: "clusters[].skipKubeProxy (the agents then use the cluster's API endpoint)" },
    { key: "routingMode", setting: "cni.routingMode" },
    { key: "tunnelProtocol", setting: "cni.tunnelProtocol" },
    { key: "autoDirectNodeRoutes", setting: "cni.nativeRoutes" },
    { key: "ipv4NativeRoutingCIDR", setting: "cni.routingMode (native routing leaves exactly the mesh's pod CIDRs unmasqueraded)" },
    { key: "ipv6NativeRoutingCIDR", setting: "cni.routingMode (native routing leaves exactly the mesh's pod CIDRs unmasqueraded)" },
    { key: "ipMasqAgent.*", setting: "cni.routingMode (native routing leaves exactly the mesh's pod CIDRs unmasqueraded)" },
    { key: "encryption.enabled", setting: "cni.encryption" },
    { key: "encryption.type", setting: "cni.encryption" },
    { key: "hubble.enabled", setting: "cni.hubble" },
    { key: "hubble.relay.enabled", setting: "cni.hubble" },
    { key: "ingressController.enabled", setting: "ingress.kind: cilium" },
    { key: "ingressController.loadbalancerMode", setting: "ingress.kind: cilium (one shared LoadBalancer Service)" },
    {
        key: "ingressController.service.name",
        setting: "ingress.kind: cilium (the Service cilium-ingress that the LB-IPAM pool selects and the address check reads)",
    },
    {
        key: "ingressController.service.type",
        setting: "ingress.kind: cilium (cilium-ingress is a LoadBalancer Service; the address check waits for its address)",
    },
    { key: 'ingressController.service.annotations["lbipam.cilium.io/ips"]', setting: "ingress.ips (the pinned address of cilium-ingress)" },
    {
        key: "rollOutCiliumPods",
        setting: "the project's own setting (always on: a setting change rolls the agents, so the re-run gates see it applied)",
    },
    {
        key: "operator.rollOutPods",
        setting: "the project's own setting (always on: a setting change rolls the operator, so the re-run gates see it applied)",
    },
    { key: "l2announcements.enabled", setting: "cni.l2Announcements" },
    { key: "tls.ca.*", setting: "the shared CA Pulumi generates (every mesh cluster must trust the same one)" },
    { key: "clustermesh.*", setting: "mesh (kind cilium-clustermesh: exposure, nodePort, maxConnectedClusters, apiServerIps)" },
];

/** Chart values the project renders only under native routing in a Cluster Mesh (see `routingValues` in values.ts). */
export const CILIUM_NATIVE_MESH_OWNED_VALUES: readonly OwnedValue[] = [
    { key: "bpf.masquerade", setting: "cni.routingMode (native routing in a mesh needs BPF masquerading for its ip-masq-agent)" },
];

/** Every chart value the project renders for these settings: {@link CILIUM_OWNED_VALUES}, plus those of native routing in a mesh. */
export function ciliumOwnedValues(settings: Pick<CiliumSettings, "routingMode">, meshed: boolean): readonly OwnedValue[] {
    return settings.routingMode === "native" && meshed ? [...CILIUM_OWNED_VALUES, ...CILIUM_NATIVE_MESH_OWNED_VALUES] : CILIUM_OWNED_VALUES;
}

/** Options of {@link validateCiliumSettings}. */
export interface SettingsCheckOptions {
    /** Whether the clusters form a Cluster Mesh (native routing then needs BPF masquerading). */
    readonly meshed?: boolean;
}

/**
 * Options that need others (`cni.*` keys): in Cilium 1.20 both L2 announcements and the ingress
 * controller's eBPF NodePort are part of kube-proxy replacement (the chart no longer has `nodePort.enabled`),
 * and so is the BPF masquerading that exempts exactly a mesh's pod CIDRs in native routing. The escape hatch
 * may not override what the project renders.
 */
export function validateCiliumSettings(
    settings: CiliumSettings,
    keys: SettingsKeys = {},
    options: SettingsCheckOptions = {},
): ValidationIssue[] {
    const at = keys.values ?? "cni.values";
    const keyed = ownedValueIssues(settings.values, ciliumOwnedValues(settings, options.meshed ?? false), at);
    const owned = [...keyed, ...imageValueIssues(settings.values, at, keyed)];
    if (settings.kubeProxyReplacement) {
        return owned;
    }
    const ingressKey = keys.ingressController ?? "cni.ingressController";
    const found: ValidationIssue[] = [];
    if (settings.l2Announcements) {
        found.push(
            issue(
                "cni.l2Announcements",
                true,
                "needs cni.kubeProxyReplacement: true (L2 announcements are part of Cilium's kube-proxy replacement)",
                "set cni.kubeProxyReplacement: true, or announce the LoadBalancer IPs by BGP instead",
            ),
        );
    }
    if (settings.ingressController) {
        const value = ingressKey === "cni.ingressController" ? true : "cilium";
        found.push(
            issue(
                ingressKey,
                value,
                "needs cni.kubeProxyReplacement: true (the ingress controller needs the eBPF NodePort of kube-proxy replacement)",
                ingressKey === "cni.ingressController"
                    ? "set cni.kubeProxyReplacement: true, or set cni.ingressController: false"
                    : `set cni.kubeProxyReplacement: true, or choose another ${ingressKey}`,
            ),
        );
    }
    if (settings.routingMode === "native" && options.meshed) {
        found.push(
            issue(
                "cni.routingMode",
                "native",
                "in a Cluster Mesh needs cni.kubeProxyReplacement: true (exactly the mesh's pod CIDRs are exempted from masquerading by Cilium's BPF ip-masq-agent, and BPF masquerading is part of kube-proxy replacement)",
                "set cni.kubeProxyReplacement: true, or use routingMode: tunnel",
            ),
        );
    }
    return [...found, ...owned];
}

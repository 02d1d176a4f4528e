// Pure Cilium settings derived from the stack config: values inputs, peer addresses and config rules.
import { MESH_LOADBALANCER_PORT } from "../../components/cilium/peers";
import { KIND_API_PORT, kindInternalHost } from "../../components/kind/config";
import { CiliumSettings, MeshExposure, PeerEndpoint } from "../../components/cilium/types";
import { validateCiliumSettings } from "../../components/cilium/validate";
import { K8sServiceEndpoint } from "../../components/cilium/values";
import { ValidationIssue, issue } from "../../components/shared/validation";
import { ClusterConfig, MeshConfig, StackConfig } from "../config/types";

type CiliumCni = Extract<StackConfig["cni"], { kind: "cilium" }>;
type CiliumMesh = Extract<MeshConfig, { kind: "cilium-clustermesh" }>;

/** The Cilium settings the stack's `cni` section asks for. */
export function ciliumSettings(cni: CiliumCni): CiliumSettings {
    return {
        kubeProxyReplacement: cni.kubeProxyReplacement,
        routingMode: cni.routingMode,
        tunnelProtocol: cni.tunnelProtocol,
        encryption: cni.encryption,
        hubble: cni.hubble,
        ingressController: cni.ingressController,
        l2Announcements: cni.l2Announcements,
        ...(cni.values ? { values: cni.values } : {}),
    };
}

/** Where agents reach the API server when kube-proxy is skipped (undefined when kube-proxy runs). */
export function k8sServiceEndpoint(cluster: ClusterConfig): K8sServiceEndpoint | undefined {
    if (!cluster.skipKubeProxy) {
        return undefined;
    }
    if (cluster.provisioner === "kind") {
        return { host: kindInternalHost(cluster.name), port: KIND_API_PORT };
    }
    const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(cluster.controlPlaneEndpoint);
    if (!match) {
        throw new Error(`internal: controlPlaneEndpoint ${cluster.controlPlaneEndpoint} was validated as host:port`);
    }
    return { host: match[1], port: Number(match[2]) };
}

/**
 * How a cluster exposes its clustermesh-apiserver and where its peers reach it, from config only:
 * a pinned LB IP + 2379; or the NodePort on the kubeadm node IPs, or on kind's control-plane DNS name.
 */
export function meshAddress(
    config: ClusterConfig, nodeAddresses: readonly string[], mesh: CiliumMesh,
): { exposure: MeshExposure; endpoint: PeerEndpoint } {
    if (mesh.exposure === "LoadBalancer") {
        const ip = mesh.apiServerIps[config.name] ?? "";
        return { exposure: { type: "LoadBalancer", ip }, endpoint: { ips: [ip], port: MESH_LOADBALANCER_PORT } };
    }
    const exposure: MeshExposure = { type: "NodePort", nodePort: mesh.nodePort };
    if (config.provisioner === "kind") {
        return { exposure, endpoint: { address: kindInternalHost(config.name), port: mesh.nodePort } };
    }
    return { exposure, endpoint: { ips: [...nodeAddresses], port: mesh.nodePort } };
}

/** Whether the stack asks for the rebel-base / x-wing demo (`mesh.demo: true`). */
export function meshDemoEnabled(mesh: MeshConfig): boolean {
    return "demo" in mesh && mesh.demo === true;
}

/**
 * Cilium rules over the whole stack config (each issue names its key): option dependencies, and clusters
 * that skip kube-proxy without Cilium replacing it (they would have no Service proxy at all).
 */
export function ciliumConfigIssues(config: StackConfig): ValidationIssue[] {
    if (config.cni.kind !== "cilium") {
        return [];
    }
    const cni = config.cni;
    const unproxied = config.clusters.flatMap((cluster, index) => cluster.skipKubeProxy && !cni.kubeProxyReplacement
        ? [issue(`clusters[${index}].skipKubeProxy`, true, "leaves the cluster without any Service proxy because cni.kubeProxyReplacement is false",
            "set cni.kubeProxyReplacement: true, or skipKubeProxy: false")]
        : []);
    return [...validateCiliumSettings(ciliumSettings(cni)), ...unproxied];
}

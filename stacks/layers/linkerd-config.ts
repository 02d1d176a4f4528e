// Pure Linkerd facts and rules derived from the stack config: links, gateway addresses, and every check of the Linkerd row.
import { LBIPAM_IPS_ANNOTATION } from "../../components/cilium/values";
import { LinkPair, everyOrderedPair } from "../../components/linkerd/link";
import { gatewayIpOf, gatewayIpProblem } from "../../components/linkerd/gateway-ip";
import { PODINFO } from "../../components/linkerd/demo-manifests";
import { kubernetesVersionIssues, linkedNameIssues, linkerdVersionIssues } from "../../components/linkerd/validate";
import { ownedValueIssues } from "../../components/linkerd/values";
import { METALLB_IPS_ANNOTATION } from "../../components/metallb/manifests";
import { ValidationIssue, issue } from "../../components/shared/validation";
import { StackConfig } from "../config/types";
import { checkNamed, checkNamedKeys, meshOfAtLeastTwo } from "./checks";

/** The `mesh` section when it is Linkerd. */
export type LinkerdMesh = Extract<StackConfig["mesh"], { kind: "linkerd" }>;

/** The `mesh` section when it is Linkerd, else undefined. */
export function linkerdMeshOf(config: Pick<StackConfig, "mesh">): LinkerdMesh | undefined {
    return config.mesh.kind === "linkerd" ? config.mesh : undefined;
}

/** The links (`from` mirrors `to`): the configured ones, or every ordered pair. */
export function linkerdLinks(config: Pick<StackConfig, "clusters">, mesh: LinkerdMesh): LinkPair[] {
    return mesh.links ? mesh.links.map((link) => ({ from: link.from, to: link.to })) : everyOrderedPair(config.clusters.map((cluster) => cluster.name));
}

/** Clusters some link mirrors: they run a gateway. */
function targets(config: Pick<StackConfig, "clusters">, mesh: LinkerdMesh): Set<string> {
    return new Set(linkerdLinks(config, mesh).map((link) => link.to));
}

/** Gateway address per mirrored cluster: `mesh.gatewayIps`, else derived from the cluster's first pool. */
export function linkerdGatewayIps(config: Pick<StackConfig, "clusters" | "mesh">): Record<string, string> {
    const mesh = linkerdMeshOf(config);
    if (!mesh) {
        return {};
    }
    const mirrored = targets(config, mesh);
    return Object.fromEntries(config.clusters.filter((cluster) => mirrored.has(cluster.name)).flatMap((cluster) => {
        const ip = gatewayIpOf(mesh.gatewayIps[cluster.name], cluster.loadBalancerPools);
        return ip ? [[cluster.name, ip]] : [];
    }));
}

/** Annotations that make the stack's load balancer assign exactly `ip` (none: `spec.loadBalancerIP` is used). */
export function gatewayIpAnnotations(config: Pick<StackConfig, "loadBalancer">, ip: string): Record<string, string> {
    switch (config.loadBalancer.kind) {
        case "metallb":
            return { [METALLB_IPS_ANNOTATION]: ip };
        case "cilium-lb-ipam":
            return { [LBIPAM_IPS_ANNOTATION]: ip };
        default:
            return {};
    }
}

/** Link names, self-links and duplicates. */
function linkIssues(config: StackConfig, mesh: LinkerdMesh): ValidationIssue[] {
    const seen = new Set<string>();
    return (mesh.links ?? []).flatMap((link, i) => {
        const key = `${link.from}>${link.to}`;
        const duplicate = seen.has(key);
        seen.add(key);
        return [
            ...checkNamed(`mesh.links[${i}].from`, link.from, config),
            ...checkNamed(`mesh.links[${i}].to`, link.to, config),
            ...(link.from === link.to ? [issue(`mesh.links[${i}].to`, link.to, "is the same cluster as from", "link two different clusters")] : []),
            ...(duplicate ? [issue(`mesh.links[${i}]`, link, "is listed twice", "list each ordered pair once")] : []),
        ];
    });
}

/** Every mirrored cluster needs a gateway address inside its pools, a load balancer, and a name short enough. */
function gatewayIssues(config: StackConfig, mesh: LinkerdMesh): ValidationIssue[] {
    const mirrored = targets(config, mesh);
    return config.clusters.flatMap((cluster, index) => {
        const pinned = mesh.gatewayIps[cluster.name];
        const pinnedIssue = pinned === undefined ? undefined : gatewayIpProblem(pinned, cluster.loadBalancerPools);
        if (!mirrored.has(cluster.name)) {
            return pinnedIssue ? [issue(`mesh.gatewayIps.${cluster.name}`, pinned, pinnedIssue.problem, pinnedIssue.fix)] : [];
        }
        const found = [...linkedNameIssues(`clusters[${index}].name`, cluster.name)];
        if (pinnedIssue) {
            found.push(issue(`mesh.gatewayIps.${cluster.name}`, pinned, pinnedIssue.problem, pinnedIssue.fix));
        } else if (cluster.loadBalancerPools.length === 0) {
            found.push(issue(`clusters[${index}].loadBalancerPools`, [], "is empty, but other clusters mirror this one through its Linkerd gateway, which needs a LoadBalancer address",
                "add a pool from the node network (kind: the Docker network), or set mesh.gatewayIps for it"));
        }
        if (config.loadBalancer.kind === "none") {
            found.push(issue("loadBalancer.kind", "none", `leaves the Linkerd gateway of cluster ${cluster.name} without a LoadBalancer address`,
                'set loadBalancer.kind to "metallb" (or "cilium-lb-ipam" with Cilium), or give the clusters loadBalancerPools'));
        }
        if (mesh.demo && `${PODINFO}-${cluster.name}`.length > 63) {
            found.push(issue(`clusters[${index}].name`, cluster.name, `makes the demo's mirror name ${PODINFO}-${cluster.name} longer than 63 characters`,
                "shorten the cluster name, or turn mesh.demo off"));
        }
        return found;
    });
}

/** Versions the pinned charts need: an edge chart, and Kubernetes 1.31 or newer on every cluster. */
function versionIssues(config: StackConfig): ValidationIssue[] {
    const kindVersion = /:v(\d+\.\d+\.\d+)@/.exec(config.versions.kindNodeImage)?.[1];
    return [
        ...linkerdVersionIssues("versions.linkerd", config.versions.linkerd),
        ...(config.clusters.some((cluster) => cluster.provisioner === "kubeadm") ? kubernetesVersionIssues("versions.kubernetes", config.versions.kubernetes) : []),
        ...(config.clusters.some((cluster) => cluster.provisioner === "kind") ? kubernetesVersionIssues("versions.kindNodeImage", kindVersion) : []),
    ];
}

/**
 * Cilium's socket-level load balancing (on with kube-proxy replacement) hands pods the backend's IP at connect(),
 * so Linkerd never sees the Service and its HTTPRoute split does not apply (Linkerd "cluster configuration").
 */
function ciliumIssues(config: StackConfig): ValidationIssue[] {
    if (config.cni.kind !== "cilium" || !config.cni.kubeProxyReplacement) {
        return [];
    }
    const socketLb = (config.cni.values?.socketLB ?? {}) as Record<string, unknown>;
    const why = "with kubeProxyReplacement Cilium resolves Services in the pods' sockets, so Linkerd cannot route or split them";
    return socketLb.hostNamespaceOnly === true ? [] : [issue("cni.values.socketLB.hostNamespaceOnly", socketLb.hostNamespaceOnly,
        socketLb.hostNamespaceOnly === undefined ? `but ${why}` : `is not true, but ${why}`, "set cni.values.socketLB.hostNamespaceOnly: true")];
}

/**
 * Every Linkerd rule over the stack. The gateway and version rules run once the links name real, distinct
 * clusters (a broken link list is reported alone, as it changes which clusters need a gateway).
 */
export function linkerdConfigIssues(config: StackConfig): ValidationIssue[] {
    const mesh = linkerdMeshOf(config);
    if (!mesh) {
        return [];
    }
    const structural = [...meshOfAtLeastTwo(config), ...linkIssues(config, mesh), ...checkNamedKeys("mesh.gatewayIps", mesh.gatewayIps, config)];
    if (structural.length > 0) {
        return structural;
    }
    return [
        ...gatewayIssues(config, mesh), ...versionIssues(config), ...ciliumIssues(config), ...ownedValueIssues("mesh.values", mesh.values),
    ];
}

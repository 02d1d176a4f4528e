// Resolves KubeadmClusterArgs: every rule (validate.ts) checked once, then every default applied once (kubeadmClusterDefaults).
import { ConfigValidationError } from "../shared/validation";
import { defaultVersions } from "../versions";
import {
    ContainerdSource,
    NodeRole,
    NodeTaint,
    PlainKubeadmClusterArgs,
    PlainKubeadmNodeArgs,
    ResolvedKubeadmCluster,
    ResolvedNode,
} from "./types";
import { defaultNodeName } from "./node-rules";
import { kubeadmClusterIssues } from "./validate";

export { kubeadmClusterIssues } from "./validate";

/** The taint kubeadm puts on control planes; kept only when the cluster has workers to run the pods. */
export const CONTROL_PLANE_TAINT: NodeTaint = { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" };

/** Validates the arguments of cluster `name` and fills in every default; throws ConfigValidationError listing all problems. */
export function resolveKubeadmCluster(name: string, args: PlainKubeadmClusterArgs): ResolvedKubeadmCluster {
    const issues = kubeadmClusterIssues(name, args);
    if (issues.length > 0) {
        throw new ConfigValidationError(`KubeadmCluster "${name}"`, issues);
    }
    return kubeadmClusterDefaults(name, args);
}

/**
 * The arguments of cluster `name` with every default filled in, without checking any rule: for arguments already
 * checked by {@link kubeadmClusterIssues} (a stack checks them once when it loads its config).
 */
export function kubeadmClusterDefaults(name: string, args: PlainKubeadmClusterArgs): ResolvedKubeadmCluster {
    const workers = args.workers ?? [];
    const cpTaints = workers.length > 0 ? [CONTROL_PLANE_TAINT] : [];
    const controlPlanes = args.controlPlanes.map((node, i) => resolveNode(name, node, "control-plane", i, cpTaints));
    const resolvedWorkers = workers.map((node, i) => resolveNode(name, node, "worker", i, []));
    const ssh = args.ssh ?? {};
    const user = ssh.user ?? "root";
    const bastion = ssh.bastion && {
        host: ssh.bastion.host,
        port: ssh.bastion.port ?? 22,
        user: ssh.bastion.user ?? user,
        ...(ssh.bastion.hostKey ? { hostKey: ssh.bastion.hostKey } : {}),
    };
    return {
        name,
        controlPlanes,
        workers: resolvedWorkers,
        controlPlaneEndpoint: args.controlPlaneEndpoint ?? defaultEndpoint(controlPlanes),
        ...(args.apiServerUrl !== undefined ? { apiServerUrl: args.apiServerUrl.replace(/\/$/, "") } : {}),
        podCidr: args.podCidr,
        serviceCidr: args.serviceCidr,
        ...(args.podCidrV6 !== undefined ? { podCidrV6: args.podCidrV6 } : {}),
        ...(args.serviceCidrV6 !== undefined ? { serviceCidrV6: args.serviceCidrV6 } : {}),
        kubernetesVersion: args.kubernetesVersion ?? defaultVersions.kubernetes,
        containerd: containerdSource(args.containerdVersion ?? defaultVersions.containerd),
        skipKubeProxy: args.skipKubeProxy ?? false,
        nodePreflight: args.nodePreflight ?? [],
        ssh: { user, port: ssh.port ?? 22, ...(bastion ? { bastion } : {}) },
    };
}

function resolveNode(
    cluster: string,
    node: PlainKubeadmNodeArgs,
    role: NodeRole,
    index: number,
    roleTaints: readonly NodeTaint[],
): ResolvedNode {
    const name = node.name ?? defaultNodeName(cluster, role, index);
    const own = node.taints ?? [];
    const taints = [...roleTaints.filter((taint) => !own.some((o) => o.key === taint.key)), ...own];
    const key = name.startsWith(`${cluster}-`) ? name.slice(cluster.length + 1) : name;
    return {
        key,
        name,
        role,
        host: node.host,
        address: node.address ?? node.host,
        ...(node.addressV6 !== undefined ? { addressV6: node.addressV6 } : {}),
        labels: node.labels ?? {},
        taints,
        ...(node.hostKey ? { hostKey: node.hostKey } : {}),
    };
}

/** The default `controlPlaneEndpoint`: the first control plane's address on port 6443 (IPv6 bracketed). */
export function defaultEndpoint(controlPlanes: readonly Pick<ResolvedNode, "address">[]): string {
    const first = controlPlanes[0]?.address ?? "";
    return first.includes(":") ? `[${first}]:6443` : `${first}:6443`;
}

function containerdSource(version: string): ContainerdSource {
    return version === "distribution" ? { kind: "distribution" } : { kind: "docker", line: version };
}

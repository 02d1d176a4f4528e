// Resolves KubeadmClusterArgs: applies defaults and collects every problem before anything is declared.
import { parseAddress, parseCidr, rangesOverlap } from "../network/cidr";
import { cidrProblem, clusterNameProblem, familyProblem } from "../network/plan";
import { ValidationErrors } from "../shared/validation";
import { defaultVersions } from "../versions";
import { ContainerdSource, KubeadmClusterArgs, KubeadmNodeArgs, NodeRole, NodeTaint, ResolvedKubeadmCluster, ResolvedNode } from "./args";

/** The taint kubeadm puts on control planes; kept only when the cluster has workers to run the pods. */
export const CONTROL_PLANE_TAINT: NodeTaint = { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" };

/** Oldest Kubernetes minor whose kubeadm reads kubeadm.k8s.io/v1beta4. */
const MIN_MINOR = 31;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const labelKey = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const labelValue = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
/** Labels in the kubernetes.io / k8s.io namespaces a kubelet may still set on itself (NodeRestriction). */
const kubeletAllowed = /^(kubernetes\.io\/(hostname|arch|os)|beta\.kubernetes\.io\/(arch|os|instance-type)|node\.kubernetes\.io\/.+|kubelet\.kubernetes\.io\/.+|topology\.kubernetes\.io\/(region|zone)|failure-domain\.beta\.kubernetes\.io\/(region|zone))$/;

/** Validates the arguments of cluster `name` and fills in every default; throws ConfigValidationError listing all problems. */
export function resolveKubeadmCluster(name: string, args: KubeadmClusterArgs): ResolvedKubeadmCluster {
    const errors = new ValidationErrors();
    const nameProblem = clusterNameProblem(name);
    if (nameProblem) {
        errors.addIssue("name", name, nameProblem.problem, nameProblem.fix);
    }
    const workers = args.workers ?? [];
    const cpTaints = workers.length > 0 ? [CONTROL_PLANE_TAINT] : [];
    const controlPlanes = args.controlPlanes.map((node, i) => resolveNode(name, node, "control-plane", i, cpTaints, errors));
    const resolvedWorkers = workers.map((node, i) => resolveNode(name, node, "worker", i, [], errors));
    checkUnique(controlPlanes, resolvedWorkers, errors);
    const controlPlaneEndpoint = resolveEndpoint(args, controlPlanes, errors);
    if (args.apiServerUrl !== undefined && !/^https:\/\/[^\s/?#]+(:\d{1,5})?\/?$/.test(args.apiServerUrl)) {
        errors.addIssue("apiServerUrl", args.apiServerUrl, "is not an https URL of a host", 'write it as e.g. "https://127.0.0.1:16443"');
    }
    checkNetworks(args, errors);
    const kubernetesVersion = args.kubernetesVersion ?? defaultVersions.kubernetes;
    checkKubernetesVersion(kubernetesVersion, errors);
    const containerd = resolveContainerd(args.containerdVersion ?? defaultVersions.containerd, errors);
    const ssh = args.ssh ?? {};
    const port = ssh.port ?? 22;
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
        errors.addIssue("ssh.port", port, "is not a TCP port", "use a number from 1 to 65535");
    }
    errors.throwIfAny(`KubeadmCluster "${name}"`);
    const user = ssh.user ?? "root";
    const bastion = ssh.bastion && {
        host: ssh.bastion.host, port: ssh.bastion.port ?? 22, user: ssh.bastion.user ?? user,
        ...(ssh.bastion.hostKey ? { hostKey: ssh.bastion.hostKey } : {}),
    };
    return {
        name, controlPlanes, workers: resolvedWorkers, controlPlaneEndpoint,
        ...(args.apiServerUrl !== undefined ? { apiServerUrl: args.apiServerUrl.replace(/\/$/, "") } : {}),
        podCidr: args.podCidr, serviceCidr: args.serviceCidr,
        ...(args.podCidrV6 !== undefined ? { podCidrV6: args.podCidrV6 } : {}),
        ...(args.serviceCidrV6 !== undefined ? { serviceCidrV6: args.serviceCidrV6 } : {}),
        kubernetesVersion, containerd,
        skipKubeProxy: args.skipKubeProxy ?? false, ssh: { user, port, ...(bastion ? { bastion } : {}) },
    };
}

function resolveNode(
    cluster: string, node: KubeadmNodeArgs, role: NodeRole, index: number, roleTaints: readonly NodeTaint[], errors: ValidationErrors,
): ResolvedNode {
    const group = role === "control-plane" ? "controlPlanes" : "workers";
    const path = `${group}[${index}]`;
    const name = node.name ?? `${cluster}-${role === "control-plane" ? "cp" : "worker"}-${index + 1}`;
    if (name.length > 253 || !dns1123Subdomain.test(name)) {
        errors.addIssue(`${path}.name`, name, "is not a valid Kubernetes node name (DNS-1123 subdomain)", "use lowercase letters, digits, '-' and '.'");
    }
    const address = node.address ?? node.host;
    if (!parseAddress(address)) {
        errors.addIssue(`${path}.address`, address, "is not an IP address, and kubeadm needs the node's IP",
            `set ${path}.address to the node's IP (host may stay a DNS name for SSH)`);
    }
    if (node.addressV6 !== undefined && parseAddress(node.addressV6)?.family !== "ipv6") {
        errors.addIssue(`${path}.addressV6`, node.addressV6, "is not an IPv6 address", "set it to the node's IPv6 address, or leave it out");
    }
    const labels = node.labels ?? {};
    Object.entries(labels).forEach(([key, value]) => checkLabel(`${path}.labels`, key, value, errors));
    const own = node.taints ?? [];
    const taints = [...roleTaints.filter((taint) => !own.some((o) => o.key === taint.key)), ...own];
    const key = name.startsWith(`${cluster}-`) ? name.slice(cluster.length + 1) : name;
    return {
        key, name, role, host: node.host, address, ...(node.addressV6 !== undefined ? { addressV6: node.addressV6 } : {}),
        labels, taints, ...(node.hostKey ? { hostKey: node.hostKey } : {}),
    };
}

function checkLabel(path: string, key: string, value: string, errors: ValidationErrors): void {
    if (!labelKey.test(key) || !labelValue.test(value)) {
        errors.addIssue(`${path}.${key}`, value, "is not a valid Kubernetes label", "use a key like example.com/role and a value of at most 63 letters, digits, '-', '_' or '.'");
        return;
    }
    const prefix = key.includes("/") ? key.slice(0, key.indexOf("/")) : "";
    const restricted = /(^|\.)(kubernetes\.io|k8s\.io)$/.test(prefix);
    if (restricted && !kubeletAllowed.test(key)) {
        errors.addIssue(`${path}.${key}`, value, "cannot be set by the kubelet at registration (NodeRestriction forbids kubernetes.io and k8s.io labels)",
            "use a label in your own namespace, e.g. node-role.example.com/worker");
    }
}

function checkUnique(controlPlanes: readonly ResolvedNode[], workers: readonly ResolvedNode[], errors: ValidationErrors): void {
    const located = [
        ...controlPlanes.map((node, i) => ({ node, path: `controlPlanes[${i}]` })),
        ...workers.map((node, i) => ({ node, path: `workers[${i}]` })),
    ];
    const seen = new Map<string, string>();
    for (const { node, path } of located) {
        const checks: [string, string, string][] = [["name", "node name", node.name], ["address", "node address", node.address]];
        if (!seen.has(`node name:${node.name}`)) {
            checks.push(["name", "resource name (the node name without the cluster prefix)", node.key]);
        }
        for (const [field, what, value] of checks) {
            const id = `${what}:${value}`;
            const first = seen.get(id);
            if (first !== undefined) {
                errors.addIssue(`${path}.${field}`, value, `repeats the ${what} of ${first}`, "give every node its own name and address");
            } else {
                seen.set(id, path);
            }
        }
    }
}

function resolveEndpoint(args: KubeadmClusterArgs, controlPlanes: readonly ResolvedNode[], errors: ValidationErrors): string {
    const count = controlPlanes.length;
    if (count === 0 || count === 2) {
        errors.addIssue("controlPlanes", count, "is not a valid control-plane count (etcd needs 1 member, or 3 and more for quorum)", "give 1 control plane, or 3 or more");
    }
    const endpoint = args.controlPlaneEndpoint;
    if (endpoint !== undefined) {
        if (!/^[A-Za-z0-9.-]+:\d{1,5}$/.test(endpoint) && !/^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(endpoint)) {
            errors.addIssue("controlPlaneEndpoint", endpoint, "is not host:port", 'write it as e.g. "10.0.0.100:6443" or "api.example.internal:6443"');
        }
        return endpoint;
    }
    if (count > 1) {
        errors.addIssue("controlPlaneEndpoint", undefined, "but several control planes need a shared endpoint (a VIP or load balancer)", 'set it to "<vip>:6443"');
    }
    const first = controlPlanes[0]?.address ?? "";
    return first.includes(":") ? `[${first}]:6443` : `${first}:6443`;
}

/**
 * The ranges: aligned, pods and services disjoint. The primary pair is one family (IPv4, or IPv6 for an
 * IPv6-only cluster); a dual-stack cluster adds an IPv6 pair to an IPv4 primary pair, both ranges together.
 */
function checkNetworks(args: KubeadmClusterArgs, errors: ValidationErrors): void {
    const dual = args.podCidrV6 !== undefined || args.serviceCidrV6 !== undefined;
    const primary = dual ? "ipv4" : parseCidr(args.podCidr)?.family ?? "ipv4";
    const families = [
        { family: primary, pod: ["podCidr", args.podCidr], service: ["serviceCidr", args.serviceCidr] },
        { family: "ipv6", pod: ["podCidrV6", args.podCidrV6], service: ["serviceCidrV6", args.serviceCidrV6] },
    ] as const;
    for (const { family, pod, service } of families) {
        checkPair(family, pod, service, errors);
    }
}

function checkPair(
    family: "ipv4" | "ipv6", pod: readonly [string, string | undefined], service: readonly [string, string | undefined], errors: ValidationErrors,
): void {
    const [podKey, podCidr] = pod;
    const [serviceKey, serviceCidr] = service;
    if ((podCidr === undefined) !== (serviceCidr === undefined)) {
        errors.addIssue(podCidr === undefined ? podKey : serviceKey, undefined,
            "but a dual-stack cluster needs both an IPv6 pod and an IPv6 service range", "set podCidrV6 and serviceCidrV6 together, or neither");
    }
    for (const [key, value] of [[podKey, podCidr], [serviceKey, serviceCidr]] as const) {
        const problem = value === undefined ? undefined : cidrProblem(value) ?? familyProblem(value, family);
        if (problem) {
            errors.addIssue(key, value, problem.problem, problem.fix);
        }
    }
    const pods = podCidr === undefined ? undefined : parseCidr(podCidr);
    const services = serviceCidr === undefined ? undefined : parseCidr(serviceCidr);
    if (pods && services && rangesOverlap(pods, services)) {
        errors.addIssue(serviceKey, serviceCidr, `overlaps ${podKey} ${podCidr}`, "give pods and services disjoint ranges");
    }
}

function checkKubernetesVersion(version: string, errors: ValidationErrors): void {
    const match = /^1\.(\d+)\.\d+$/.exec(version);
    if (!match || Number(match[1]) < MIN_MINOR) {
        errors.addIssue("kubernetesVersion", version, `is not a Kubernetes release from 1.${MIN_MINOR}.0 on (kubeadm.k8s.io/v1beta4)`,
            `use a version like ${defaultVersions.kubernetes}, without the leading v`);
    }
}

function resolveContainerd(version: string, errors: ValidationErrors): ContainerdSource {
    if (version === "distribution") {
        return { kind: "distribution" };
    }
    if (!/^\d+\.\d+(\.\d+)?$/.test(version)) {
        errors.addIssue("containerdVersion", version, 'is neither a containerd.io version line like "2.2" nor "distribution"', 'use e.g. "2.2" (Docker\'s containerd.io 2.2.x)');
    }
    return { kind: "docker", line: version };
}

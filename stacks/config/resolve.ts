// Fills in what config leaves open: "auto" CIDRs, mesh IDs, node names/addresses, the API endpoint.
import { allocateBlocks } from "../../components/network/allocator";
import { IpRange, parseAddress, parseCidr, parseRange } from "../../components/network/cidr";
import { ValidationIssue, issue } from "../../components/shared/validation";
import { ParsedCluster, ParsedHost, ParsedStackConfig } from "./schema";
import { ClusterConfig, HostConfig } from "./types";

/** The literal that asks for an allocated block. */
export const AUTO = "auto";

/** Resolves every cluster in order; problems are appended to `found`. */
export function resolveClusters(parsed: ParsedStackConfig, found: ValidationIssue[]): ClusterConfig[] {
    const ids = assignMeshIds(parsed.clusters);
    const cidrs = assignCidrs(parsed, found);
    const skipDefault = parsed.cni.kind === "cilium" && parsed.cni.kubeProxyReplacement;
    return parsed.clusters.map((cluster, index) => {
        const { podCidr, serviceCidr } = cidrs[index];
        if ((cluster.podCidrV6 === undefined) !== (cluster.serviceCidrV6 === undefined)) {
            const missing = cluster.podCidrV6 === undefined ? "podCidrV6" : "serviceCidrV6";
            found.push(issue(`clusters[${index}].${missing}`, undefined, "but a dual-stack cluster needs both an IPv6 pod and an IPv6 service range",
                "set podCidrV6 and serviceCidrV6 together, or neither"));
        }
        const base = {
            name: cluster.name,
            id: ids[index],
            podCidr,
            serviceCidr,
            ...(cluster.podCidrV6 !== undefined ? { podCidrV6: cluster.podCidrV6 } : {}),
            ...(cluster.serviceCidrV6 !== undefined ? { serviceCidrV6: cluster.serviceCidrV6 } : {}),
            podCidrs: [podCidr, ...(cluster.podCidrV6 !== undefined ? [cluster.podCidrV6] : [])],
            serviceCidrs: [serviceCidr, ...(cluster.serviceCidrV6 !== undefined ? [cluster.serviceCidrV6] : [])],
            loadBalancerPools: cluster.loadBalancerPools,
            skipKubeProxy: cluster.skipKubeProxy ?? skipDefault,
        };
        if (cluster.provisioner === "kind") {
            return { ...base, provisioner: "kind", workers: cluster.workers };
        }
        const path = `clusters[${index}]`;
        const controlPlanes = cluster.controlPlanes.map((host, i) =>
            resolveHost(host, `${path}.controlPlanes[${i}]`, `${cluster.name}-cp-${i + 1}`, found));
        const workers = cluster.workers.map((host, i) =>
            resolveHost(host, `${path}.workers[${i}]`, `${cluster.name}-worker-${i + 1}`, found));
        const endpoint = resolveEndpoint(cluster.controlPlaneEndpoint, controlPlanes, path, found);
        checkIpv6Addresses(cluster, path, found);
        return { ...base, provisioner: "kubeadm", controlPlanes, workers, controlPlaneEndpoint: endpoint };
    });
}

/** Explicit IDs are kept; the rest get the lowest ID not used by this or an earlier cluster. */
function assignMeshIds(clusters: readonly ParsedCluster[]): number[] {
    const used = new Set<number>();
    return clusters.map((cluster) => {
        let id = cluster.id;
        if (id === undefined) {
            id = 1;
            while (used.has(id)) {
                id++;
            }
        }
        used.add(id);
        return id;
    });
}

/** Ranges a cluster occupies explicitly: its non-auto CIDRs, pools and node IPs. */
function explicitRanges(cluster: ParsedCluster): IpRange[] {
    const texts = [cluster.podCidr, cluster.serviceCidr, cluster.podCidrV6, cluster.serviceCidrV6]
        .filter((text): text is string => text !== undefined && text !== AUTO);
    const blocks = texts.map(parseCidr).filter((cidr): cidr is NonNullable<typeof cidr> => !!cidr);
    const pools = cluster.loadBalancerPools.map(parseRange).filter((r): r is IpRange => !!r);
    const hosts = cluster.provisioner === "kubeadm" ? [...cluster.controlPlanes, ...cluster.workers] : [];
    const nodes = hosts
        .map((host) => parseAddress(host.address ?? host.host))
        .filter((a): a is NonNullable<typeof a> => !!a)
        .map((a) => ({ family: a.family, first: a.value, last: a.value }));
    return [...blocks, ...pools, ...nodes];
}

/**
 * "auto" CIDRs are allocated in cluster order; each avoids the explicit ranges of its own and of
 * earlier clusters only, so appending a cluster never moves an existing cluster's block (a later
 * explicit range that collides is reported as an overlap instead).
 */
function assignCidrs(parsed: ParsedStackConfig, found: ValidationIssue[]): { podCidr: string; serviceCidr: string }[] {
    const { supernet, podPrefix, servicePrefix } = parsed.network;
    const taken: IpRange[] = [];
    return parsed.clusters.map((cluster, index) => {
        taken.push(...explicitRanges(cluster));
        const result = { podCidr: cluster.podCidr, serviceCidr: cluster.serviceCidr };
        for (const field of ["podCidr", "serviceCidr"] as const) {
            if (cluster[field] !== AUTO) {
                continue;
            }
            const label = `clusters[${index}].${field}`;
            const prefix = field === "podCidr" ? podPrefix : servicePrefix;
            const outcome = allocateBlocks(supernet, [{ label, prefix }], taken);
            if (outcome.ok) {
                result[field] = outcome.blocks[0].canonical;
                taken.push(outcome.blocks[0]);
            } else {
                found.push(issue(label, AUTO, `cannot be allocated: ${outcome.reason}`,
                    "widen network.supernet, raise network.podPrefix/servicePrefix, or give this cluster explicit ranges"));
            }
        }
        return result;
    });
}

/** Node IPv6 addresses: IPv6, and only on a dual-stack cluster (an IPv4 cluster has no IPv6 node network). */
function checkIpv6Addresses(cluster: Extract<ParsedCluster, { provisioner: "kubeadm" }>, path: string, found: ValidationIssue[]): void {
    const hosts = [
        ...cluster.controlPlanes.map((host, i) => ({ host, at: `${path}.controlPlanes[${i}].addressV6` })),
        ...cluster.workers.map((host, i) => ({ host, at: `${path}.workers[${i}].addressV6` })),
    ];
    for (const { host, at } of hosts.filter((entry) => entry.host.addressV6 !== undefined)) {
        const value = host.addressV6 ?? "";
        if (parseAddress(value)?.family !== "ipv6") {
            found.push(issue(at, value, "is not an IPv6 address", "set it to the node's IPv6 address, or leave it out"));
        } else if (cluster.podCidrV6 === undefined) {
            found.push(issue(at, value, "is an IPv6 node address on an IPv4-only cluster", `set ${path}.podCidrV6 and serviceCidrV6 to make the cluster dual-stack, or leave it out`));
        }
    }
}

const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function resolveHost(host: ParsedHost, path: string, defaultName: string, found: ValidationIssue[]): HostConfig {
    const name = host.name ?? defaultName;
    if (host.name !== undefined && (host.name.length > 253 || !dns1123Subdomain.test(host.name))) {
        found.push(issue(`${path}.name`, host.name, "is not a valid Kubernetes node name (DNS-1123 subdomain)",
            "use lowercase letters, digits, '-' and '.'"));
    }
    const address = host.address ?? host.host;
    if (!parseAddress(address)) {
        const key = host.address === undefined ? `${path}.host` : `${path}.address`;
        found.push(issue(key, address, "is not an IP address, and kubeadm needs the node's IP",
            `set ${path}.address to the node's IP (host may stay a DNS name for SSH)`));
    }
    return {
        host: host.host,
        address,
        ...(host.addressV6 !== undefined ? { addressV6: host.addressV6 } : {}),
        name,
        labels: host.labels ?? {},
        taints: host.taints ?? [],
        ...(host.hostKey ? { hostKey: host.hostKey } : {}),
    };
}

function resolveEndpoint(
    endpoint: string | undefined,
    controlPlanes: readonly HostConfig[],
    path: string,
    found: ValidationIssue[],
): string {
    if (controlPlanes.length === 2) {
        found.push(issue(`${path}.controlPlanes`, controlPlanes.map((cp) => cp.host),
            "has 2 hosts, and etcd needs 1 or at least 3 members for quorum", "use 1 control plane, or 3 or more"));
    }
    if (endpoint !== undefined) {
        if (!/^[A-Za-z0-9.-]+:\d{1,5}$/.test(endpoint) && !/^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(endpoint)) {
            found.push(issue(`${path}.controlPlaneEndpoint`, endpoint, "is not host:port",
                'write it as e.g. "10.0.0.100:6443" or "api.example.internal:6443"'));
        }
        return endpoint;
    }
    if (controlPlanes.length > 1) {
        found.push(issue(`${path}.controlPlaneEndpoint`, undefined,
            "but several control planes need a shared endpoint (a VIP or load balancer)",
            `set ${path}.controlPlaneEndpoint to "<vip>:6443"`));
    }
    const first = controlPlanes[0]?.address ?? "";
    return first.includes(":") ? `[${first}]:6443` : `${first}:6443`;
}

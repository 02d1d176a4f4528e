// Fills in what config leaves open: "auto" CIDRs, mesh IDs, node names/addresses, the API endpoint.
import { allocateBlocks } from "../../components/network/allocator";
import { defaultEndpoint } from "../../components/kubeadm/resolve";
import { defaultNodeName } from "../../components/kubeadm/node-rules";
import { IpRange, parseAddress, parseCidr, parseRange } from "../../components/network/cidr";
import { ValidationIssue, issue } from "../../components/shared/validation";
import { replacesKubeProxy } from "./capabilities";
import { ParsedCluster, ParsedHost, ParsedStackConfig } from "./schema";
import { ClusterConfig, HostConfig } from "./types";

/** The literal that asks for an allocated block. */
export const AUTO = "auto";

/** The sections cluster resolution reads: the clusters, the auto-range network, and the CNI (its kube-proxy default). */
export type NetworkSections = Pick<ParsedStackConfig, "clusters" | "network" | "cni">;

/**
 * Resolves every cluster in order; problems are appended to `found`. An "auto" range no block is left for stays
 * unresolved: the first is reported here, and the later ones are added to `unresolved`, so no later rule reports on them.
 */
export function resolveClusters(parsed: NetworkSections, found: ValidationIssue[], unresolved: Set<string> = new Set()): ClusterConfig[] {
    const ids = assignMeshIds(parsed.clusters);
    const cidrs = assignCidrs(parsed, found, unresolved);
    const skipDefault = replacesKubeProxy(parsed.cni);
    return parsed.clusters.map((cluster, index) => {
        const { podCidr, serviceCidr } = cidrs[index];
        const base = {
            name: cluster.name,
            id: ids[index],
            idDefaulted: cluster.id === undefined,
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
        // Node rules (names, addresses, labels, ...) are KubeadmCluster's own, run once by stacks/layers/provision.ts at these keys.
        const controlPlanes = cluster.controlPlanes.map((host, i) => resolveHost(host, defaultNodeName(cluster.name, "control-plane", i)));
        const workers = cluster.workers.map((host, i) => resolveHost(host, defaultNodeName(cluster.name, "worker", i)));
        return {
            ...base,
            provisioner: "kubeadm",
            controlPlanes,
            workers,
            controlPlaneEndpoint: cluster.controlPlaneEndpoint ?? defaultEndpoint(controlPlanes),
            controlPlaneEndpointDefaulted: cluster.controlPlaneEndpoint === undefined,
            ...(cluster.apiServerUrl !== undefined ? { apiServerUrl: cluster.apiServerUrl } : {}),
            ...(cluster.rotation !== undefined ? { rotation: cluster.rotation } : {}),
        };
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
    const texts = [cluster.podCidr, cluster.serviceCidr, cluster.podCidrV6, cluster.serviceCidrV6].filter(
        (text): text is string => text !== undefined && text !== AUTO,
    );
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
 * explicit range that collides is reported as an overlap instead). A supernet too small is one problem per
 * kind of range, at the first "auto" that finds no room, naming the others it leaves without a block.
 */
function assignCidrs(
    parsed: NetworkSections,
    found: ValidationIssue[],
    unresolved: Set<string>,
): { podCidr: string; serviceCidr: string }[] {
    const { supernet, podPrefix, servicePrefix } = parsed.network;
    const taken: IpRange[] = [];
    const unplaced = new Map<string, { reason: string; labels: string[] }>();
    const assigned = parsed.clusters.map((cluster, index) => {
        taken.push(...explicitRanges(cluster));
        const result = { podCidr: cluster.podCidr, serviceCidr: cluster.serviceCidr };
        for (const field of ["podCidr", "serviceCidr"] as const) {
            const label = `clusters[${index}].${field}`;
            if (cluster[field] !== AUTO) {
                continue;
            }
            const outcome = allocateBlocks(supernet, [{ label, prefix: field === "podCidr" ? podPrefix : servicePrefix }], taken);
            if (outcome.ok) {
                result[field] = outcome.blocks[0].canonical;
                taken.push(outcome.blocks[0]);
            } else {
                const entry = unplaced.get(field) ?? { reason: outcome.reason, labels: [] };
                unplaced.set(field, { ...entry, labels: [...entry.labels, label] });
            }
        }
        return result;
    });
    // The later ones are that same problem: counted in its sentence, and unresolved so that no later rule reports them.
    [...unplaced.values()].forEach(({ labels }) => labels.slice(1).forEach((label) => unresolved.add(label)));
    found.push(
        ...[...unplaced].map(([field, { reason, labels }]) =>
            issue(
                labels[0],
                AUTO,
                `cannot be allocated: ${reason}${labels.length > 1 ? `, and neither can the "auto" ${field} of ${labels.length - 1} later cluster${labels.length > 2 ? "s" : ""}` : ""}`,
                `widen network.supernet, raise network.podPrefix/servicePrefix, or give ${labels.length > 1 ? "these clusters" : "this cluster"} explicit ranges`,
            ),
        ),
    );
    return assigned;
}

/** A host with its defaults. */
function resolveHost(host: ParsedHost, defaultName: string): HostConfig {
    return {
        host: host.host,
        address: host.address ?? host.host,
        ...(host.addressV6 !== undefined ? { addressV6: host.addressV6 } : {}),
        name: host.name ?? defaultName,
        labels: host.labels ?? {},
        taints: host.taints ?? [],
        ...(host.hostKey !== undefined ? { hostKey: host.hostKey } : {}),
    };
}

// kind cluster inputs, their validation, and the kind.x-k8s.io/v1alpha4 Cluster config as a typed object.
import { parseCidr, rangesOverlap } from "../network/cidr";
import { cidrProblem, clusterNameProblem, familyProblem } from "../network/plan";
import { ValidationErrors } from "../shared/validation";
import { toYaml } from "../shared/yaml";
import { defaultVersions } from "../versions";

/** Arguments of {@link KindCluster}; the component's name is the kind cluster name. */
export interface KindClusterArgs {
    /** Pod subnet, unique across the clusters that are meshed. */
    readonly podCidr: string;
    /** Service subnet, unique across the clusters that are meshed. */
    readonly serviceCidr: string;
    /** IPv6 pod subnet of a dual-stack cluster (with {@link serviceCidrV6}); @default IPv4 only. */
    readonly podCidrV6?: string;
    /** IPv6 service subnet of a dual-stack cluster (with {@link podCidrV6}); @default IPv4 only. */
    readonly serviceCidrV6?: string;
    /** Worker containers; @default 1. Changing it recreates the cluster (kind cannot add nodes). */
    readonly workers?: number;
    /** Node image pinned by digest; @default the pin in components/versions.ts. */
    readonly nodeImage?: string;
    /** Leave out kube-proxy (`kubeProxyMode: none`) because the CNI replaces it; @default false. */
    readonly skipKubeProxy?: boolean;
    /** Leave out kindnet because a CNI component installs one; @default true. */
    readonly disableDefaultCni?: boolean;
}

/** A kind cluster with every field decided. */
export interface ResolvedKindCluster {
    /** Cluster name. */
    readonly name: string;
    /** Pod subnet. */
    readonly podCidr: string;
    /** Service subnet. */
    readonly serviceCidr: string;
    /** IPv6 pod subnet (dual-stack only). */
    readonly podCidrV6?: string;
    /** IPv6 service subnet (dual-stack only). */
    readonly serviceCidrV6?: string;
    /** Worker count. */
    readonly workers: number;
    /** Node image, pinned by digest. */
    readonly nodeImage: string;
    /** kube-proxy mode. */
    readonly kubeProxyMode: "iptables" | "none";
    /** Whether kindnet is left out. */
    readonly disableDefaultCni: boolean;
}

/** One node of a kind config. */
export interface KindNode {
    /** Node role. */
    readonly role: "control-plane" | "worker";
    /** Node image. */
    readonly image: string;
}

/** kind's `Cluster` config (the fields this project sets). */
export interface KindConfig {
    /** Kind. */
    readonly kind: "Cluster";
    /** API version. */
    readonly apiVersion: "kind.x-k8s.io/v1alpha4";
    /** Cluster name. */
    readonly name: string;
    /** Networking: loopback API, subnets, CNI and kube-proxy switches. */
    readonly networking: {
        readonly ipFamily?: "dual";
        readonly apiServerAddress: string;
        readonly podSubnet: string;
        readonly serviceSubnet: string;
        readonly disableDefaultCNI: boolean;
        readonly kubeProxyMode: "iptables" | "none";
    };
    /** One control plane, then the workers. */
    readonly nodes: readonly KindNode[];
}

/** Most workers a local cluster may have (as the stack schema allows). */
export const MAX_KIND_WORKERS = 20;

/** Validates the arguments of kind cluster `name` and fills in defaults; throws ConfigValidationError listing all problems. */
export function resolveKindCluster(name: string, args: KindClusterArgs): ResolvedKindCluster {
    const errors = new ValidationErrors();
    const nameProblem = clusterNameProblem(name);
    if (nameProblem) {
        errors.addIssue("name", name, nameProblem.problem, nameProblem.fix);
    }
    const ranges = [
        ["podCidr", args.podCidr, "ipv4"], ["serviceCidr", args.serviceCidr, "ipv4"],
        ["podCidrV6", args.podCidrV6, "ipv6"], ["serviceCidrV6", args.serviceCidrV6, "ipv6"],
    ] as const;
    for (const [key, value, family] of ranges) {
        const problem = value === undefined ? undefined : cidrProblem(value) ?? familyProblem(value, family);
        if (problem) {
            errors.addIssue(key, value, problem.problem, problem.fix);
        }
    }
    if ((args.podCidrV6 === undefined) !== (args.serviceCidrV6 === undefined)) {
        errors.addIssue(args.podCidrV6 === undefined ? "podCidrV6" : "serviceCidrV6", undefined,
            "but a dual-stack cluster needs both an IPv6 pod and an IPv6 service range", "set podCidrV6 and serviceCidrV6 together, or neither");
    }
    const pods = parseCidr(args.podCidr);
    const services = parseCidr(args.serviceCidr);
    if (pods && services && rangesOverlap(pods, services)) {
        errors.addIssue("serviceCidr", args.serviceCidr, `overlaps podCidr ${args.podCidr}`, "give pods and services disjoint ranges");
    }
    const workers = args.workers ?? 1;
    if (!Number.isInteger(workers) || workers < 0 || workers > MAX_KIND_WORKERS) {
        errors.addIssue("workers", workers, `is not a worker count from 0 to ${MAX_KIND_WORKERS}`, "use a whole number in that range");
    }
    const nodeImage = args.nodeImage ?? defaultVersions.kindNodeImage;
    if (!/^[^@\s]+:[^@\s]+@sha256:[0-9a-f]{64}$/.test(nodeImage)) {
        errors.addIssue("nodeImage", nodeImage, "is not pinned by digest", "use image:tag@sha256:<digest> from the kind release notes");
    }
    errors.throwIfAny(`KindCluster "${name}"`);
    return {
        name, podCidr: args.podCidr, serviceCidr: args.serviceCidr,
        ...(args.podCidrV6 !== undefined && args.serviceCidrV6 !== undefined ? { podCidrV6: args.podCidrV6, serviceCidrV6: args.serviceCidrV6 } : {}),
        workers, nodeImage,
        kubeProxyMode: args.skipKubeProxy ? "none" : "iptables", disableDefaultCni: args.disableDefaultCni ?? true,
    };
}

/** The kind config object of a resolved cluster. */
export function kindConfig(cluster: ResolvedKindCluster): KindConfig {
    const worker: KindNode = { role: "worker", image: cluster.nodeImage };
    return {
        kind: "Cluster",
        apiVersion: "kind.x-k8s.io/v1alpha4",
        name: cluster.name,
        networking: {
            ...(cluster.podCidrV6 ? { ipFamily: "dual" as const } : {}),
            // Loopback for this machine; other clusters use the in-Docker-network address instead.
            apiServerAddress: "127.0.0.1",
            podSubnet: cluster.podCidrV6 ? `${cluster.podCidr},${cluster.podCidrV6}` : cluster.podCidr,
            serviceSubnet: cluster.serviceCidrV6 ? `${cluster.serviceCidr},${cluster.serviceCidrV6}` : cluster.serviceCidr,
            disableDefaultCNI: cluster.disableDefaultCni,
            kubeProxyMode: cluster.kubeProxyMode,
        },
        nodes: [{ role: "control-plane", image: cluster.nodeImage }, ...Array.from({ length: cluster.workers }, () => worker)],
    };
}

/** The kind config as YAML (deterministic). */
export function renderKindConfig(cluster: ResolvedKindCluster): string {
    return toYaml(kindConfig(cluster));
}

/** The port kind's API server listens on inside the Docker network. */
export const KIND_API_PORT = 6443;

/** The control-plane container's name, which is its DNS name on the Docker `kind` network. */
export function kindInternalHost(name: string): string {
    return `${name}-control-plane`;
}

/** The API server URL other kind clusters reach (what `kind get kubeconfig --internal` reports). */
export function kindInternalApiServer(name: string): string {
    return `https://${kindInternalHost(name)}:${KIND_API_PORT}`;
}

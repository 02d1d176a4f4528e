// kind cluster inputs, their validation, and the kind.x-k8s.io/v1alpha4 Cluster config as a typed object.
import { clusterRangeIssues } from "../network/range-checks";
import { Problem, clusterNameProblem } from "../network/value-checks";
import { ConfigValidationError, PathMapper, ValidationIssue, issue, ownPaths } from "../shared/validation";
import { credentialsProblem, imageReferenceProblem } from "../shared/value-kinds";
import { toYaml } from "../shared/yaml";
import { defaultVersions } from "../versions";
import { networkAddressProblem } from "./network";
import { withAutoCidrs } from "./auto-cidrs";

/** Arguments of `KindCluster`; the component's name is the kind cluster name. Every field is plain: known at preview (it shapes the kind config). */
export interface KindClusterArgs {
    /** Pod subnet, unique across the clusters that are meshed; "auto" or absent: 10.64.0.0/16 (see `withAutoCidrs`). */
    readonly podCidr?: string;
    /** Service subnet, unique across the clusters that are meshed; "auto" or absent: 10.65.0.0/20 (see `withAutoCidrs`). */
    readonly serviceCidr?: string;
    /** IPv6 pod subnet of a dual-stack cluster (with `serviceCidrV6`); default: IPv4 only. */
    readonly podCidrV6?: string;
    /** IPv6 service subnet of a dual-stack cluster (with `podCidrV6`); default: IPv4 only. */
    readonly serviceCidrV6?: string;
    /** Worker containers; default: 1. Changing it recreates the cluster (kind cannot add nodes). */
    readonly workers?: number;
    /** Node image pinned by digest; default: the pin in components/versions.ts. */
    readonly nodeImage?: string;
    /** Leave out kube-proxy (`kubeProxyMode: none`) because the CNI replaces it; default: false. */
    readonly skipKubeProxy?: boolean;
    /** Leave out kindnet because a CNI component installs one; default: true. */
    readonly disableDefaultCni?: boolean;
    /**
     * LoadBalancer addresses, ranges or CIDRs that will be handed out in this cluster (MetalLB or Cilium LB IPAM pools):
     * right after create, each must lie in the Docker `kind` network's IPv4 subnet, or the step stops naming that
     * subnet; default: none (nothing checked).
     */
    readonly networkAddresses?: string[];
    /** How failures name the setting that holds `networkAddresses`; default: "networkAddresses". */
    readonly networkAddressesKey?: string;
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
    /** LoadBalancer addresses checked against the Docker `kind` network after create (may be empty). */
    readonly networkAddresses: readonly string[];
    /** The setting that holds them, for messages. */
    readonly networkAddressesKey: string;
}

/**
 * Arguments of `KindCluster.fromResolved`, resolved and checked already (by `resolveKindCluster`, or by a stack
 * that checked the rules once when it loaded its config): the component applies them without checking again.
 */
export interface ResolvedKindClusterArgs {
    /** The cluster with every field decided; its name must be the component's name. */
    readonly resolved: ResolvedKindCluster;
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

/** Where a kind node image comes from, as the fixes name it. */
const KIND_EXAMPLE = "kindest/node:v1.36.1@sha256:<64 hex digits>";

/**
 * A kind node image: credentials first (never shown), then a well-formed reference with a tag (the shared image
 * grammar), then pinned by digest (the stack schema checks `versions.kindNodeImage` with it).
 */
export function nodeImageProblem(image: string): Problem | undefined {
    const credentials = credentialsProblem(image);
    if (credentials) {
        return credentials;
    }
    const name = image.slice(image.lastIndexOf("/") + 1).split("@")[0];
    if (imageReferenceProblem(image) !== undefined || !name.includes(":")) {
        return {
            problem: "is not an image reference (registry/name:tag@sha256:<digest>, without spaces, quotes or shell characters)",
            fix: `copy the image reference from the kind release notes, e.g. ${KIND_EXAMPLE}`,
        };
    }
    return imageReferenceProblem(image, { digest: true }) === undefined
        ? undefined
        : { problem: "is not pinned by digest", fix: `write it as ${KIND_EXAMPLE} from the kind release notes` };
}

/**
 * Every problem of the arguments of KindCluster `name` (empty when sound), each at the key `at` gives its path (the
 * component's own paths by default; a stack passes its config keys, so the sentences name them from the start).
 */
export function kindClusterIssues(name: string, given: KindClusterArgs, at: PathMapper = ownPaths): ValidationIssue[] {
    const args = withAutoCidrs(given);
    const found: ValidationIssue[] = [];
    const nameProblem = clusterNameProblem(name);
    if (nameProblem) {
        found.push(issue(at("name"), name, nameProblem.problem, nameProblem.fix));
    }
    found.push(...clusterRangeIssues(args, {}, at));
    const workers = args.workers ?? 1;
    if (!Number.isInteger(workers) || workers < 0 || workers > MAX_KIND_WORKERS) {
        found.push(
            issue(at("workers"), workers, `is not a worker count from 0 to ${MAX_KIND_WORKERS}`, "use a whole number in that range"),
        );
    }
    const nodeImage = args.nodeImage ?? defaultVersions.kindNodeImage;
    const imageProblem = nodeImageProblem(nodeImage);
    if (imageProblem) {
        found.push(issue(at("nodeImage"), nodeImage, imageProblem.problem, imageProblem.fix));
    }
    (args.networkAddresses ?? []).forEach((address, i) => {
        const problem = networkAddressProblem(address);
        if (problem) {
            found.push(issue(at(`networkAddresses[${i}]`), address, problem.problem, problem.fix));
        }
    });
    return found;
}

/** Validates the arguments of kind cluster `name` and fills in defaults; throws ConfigValidationError listing all problems. */
export function resolveKindCluster(name: string, args: KindClusterArgs): ResolvedKindCluster {
    const issues = kindClusterIssues(name, args);
    if (issues.length > 0) {
        throw new ConfigValidationError(`KindCluster "${name}"`, issues);
    }
    return kindClusterDefaults(name, args);
}

/**
 * The arguments of kind cluster `name` with every default filled in, without checking any rule: for arguments
 * already checked by {@link kindClusterIssues} (a stack checks them once when it loads its config).
 */
export function kindClusterDefaults(name: string, given: KindClusterArgs): ResolvedKindCluster {
    const args = withAutoCidrs(given);
    return {
        name,
        podCidr: args.podCidr,
        serviceCidr: args.serviceCidr,
        ...(args.podCidrV6 !== undefined && args.serviceCidrV6 !== undefined
            ? { podCidrV6: args.podCidrV6, serviceCidrV6: args.serviceCidrV6 }
            : {}),
        workers: args.workers ?? 1,
        nodeImage: args.nodeImage ?? defaultVersions.kindNodeImage,
        kubeProxyMode: args.skipKubeProxy ? "none" : "iptables",
        disableDefaultCni: args.disableDefaultCni ?? true,
        networkAddresses: [...(args.networkAddresses ?? [])],
        networkAddressesKey: args.networkAddressesKey ?? "networkAddresses",
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

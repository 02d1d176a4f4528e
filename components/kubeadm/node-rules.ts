// Rules on each node of KubeadmClusterArgs (name, addresses, labels, taints, host key) and on what nodes must not share.
import { addressUseProblem, hostProblem } from "../network/address-checks";
import { parseAddress } from "../network/cidr";
import { Problem } from "../network/value-checks";
import { PathMapper, ValidationIssue, issue, keyPath } from "../shared/validation";
import { NodeRole, NodeTaint, PlainKubeadmClusterArgs, PlainKubeadmNodeArgs } from "./types";
import { hostKeyProblem, labelProblem, taintKeyProblem, taintValueProblem } from "./value-rules";

const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A node's default name: `<cluster>-cp-<n>` or `<cluster>-worker-<n>`. */
export function defaultNodeName(cluster: string, role: NodeRole, index: number): string {
    return `${cluster}-${role === "control-plane" ? "cp" : "worker"}-${index + 1}`;
}

/** A node as the rules read it: plain values, from arguments or resolved. */
export type NodeFacts = Omit<PlainKubeadmNodeArgs, "labels" | "taints"> & {
    /** Labels set at registration. */
    readonly labels?: Readonly<Record<string, string>>;
    /** Taints set at registration. */
    readonly taints?: readonly NodeTaint[];
};

/** One node with its path (`controlPlanes[0]`), role and decided name and address. */
export interface LocatedNode {
    /** Component path of the node, e.g. `controlPlanes[0]`. */
    readonly path: string;
    /** The node's arguments. */
    readonly node: NodeFacts;
    /** Control plane or worker. */
    readonly role: NodeRole;
    /** The node name, given or default. */
    readonly name: string;
    /** The node address (`address`, else `host`). */
    readonly address: string;
}

/** The nodes of a cluster, as arguments or resolved (a resolved node is a node argument with every field set). */
export type ClusterNodes = Pick<PlainKubeadmClusterArgs, "podCidrV6" | "serviceCidrV6"> & {
    /** Control planes. */
    readonly controlPlanes: readonly NodeFacts[];
    /** Workers. */
    readonly workers?: readonly NodeFacts[];
};

/** Every node of the args with its component path. */
export function locatedNodes(cluster: string, args: ClusterNodes): LocatedNode[] {
    const group = (nodes: readonly NodeFacts[], key: string, role: NodeRole) =>
        nodes.map((node, i) => ({
            path: `${key}[${i}]`,
            node,
            role,
            name: node.name ?? defaultNodeName(cluster, role, i),
            address: node.address ?? node.host,
        }));
    return [...group(args.controlPlanes, "controlPlanes", "control-plane"), ...group(args.workers ?? [], "workers", "worker")];
}

/** The issue of `found` at `path`, if any. */
export const located = (path: string, value: unknown, found: Problem | undefined): ValidationIssue[] =>
    found ? [issue(path, value, found.problem, found.fix)] : [];

/** Name, addresses, labels, taints and host key of one node; `primary` is the family of the cluster's pod range. */
export function nodeIssues(entry: LocatedNode, dualStack: boolean, primary: "ipv4" | "ipv6", at: PathMapper): ValidationIssue[] {
    const { node, name, address } = entry;
    const path = (field: string) => at(`${entry.path}.${field}`);
    const addressPath = path(node.address === undefined ? "host" : "address");
    return [
        ...nodeNameIssues(path("name"), name),
        ...located(path("host"), node.host, hostProblem(node.host)),
        ...addressFamilyIssues(entry, addressPath, dualStack, primary, at),
        ...located(addressPath, address, addressUseProblem(address)),
        ...addressV6Issues(path("addressV6"), node.addressV6, dualStack, at),
        ...labelAndTaintIssues(node, path),
        ...(node.hostKey !== undefined ? located(path("hostKey"), node.hostKey, hostKeyProblem(node.hostKey)) : []),
    ];
}

/** A node name is a DNS-1123 subdomain of at most 253 characters. */
function nodeNameIssues(path: string, name: string): ValidationIssue[] {
    if (name.length <= 253 && dns1123Subdomain.test(name)) {
        return [];
    }
    return [issue(path, name, "is not a valid Kubernetes node name (DNS-1123 subdomain)", "use lowercase letters, digits, '-' and '.'")];
}

/** The node's address is an IP of the cluster's primary family (IPv4 on a dual-stack cluster), reported at `addressPath`. */
function addressFamilyIssues(
    entry: LocatedNode,
    addressPath: string,
    dualStack: boolean,
    primary: "ipv4" | "ipv6",
    at: PathMapper,
): ValidationIssue[] {
    const { node, address } = entry;
    const path = (field: string) => at(`${entry.path}.${field}`);
    const parsed = parseAddress(address);
    if (!parsed && (node.address !== undefined || !hostProblem(node.host))) {
        return [
            issue(
                addressPath,
                address,
                "is not an IP address, and kubeadm needs the node's IP",
                `set ${path("address")} to the node's IP (host may stay a DNS name for SSH)`,
            ),
        ];
    } else if (parsed?.family === "ipv6" && dualStack) {
        return [
            issue(
                addressPath,
                address,
                "is an IPv6 address where a dual-stack node needs its IPv4 address",
                `give the IPv4 address here and the IPv6 one in ${path("addressV6")}`,
            ),
        ];
    } else if (parsed && parsed.family !== primary) {
        const [own, other] = parsed.family === "ipv6" ? ["IPv6", "IPv4"] : ["IPv4", "IPv6"];
        return [
            issue(
                addressPath,
                address,
                `is an ${own} address on an ${other} cluster (${at("podCidr")} is ${other})`,
                `give the node's ${other} address here${parsed.family === "ipv6" ? ` (an IPv6 one goes in ${path("addressV6")} on a dual-stack cluster)` : ""}`,
            ),
        ];
    }
    return [];
}

/** Each label (key and value) and each taint (key, and value when set) of a node. */
function labelAndTaintIssues(node: NodeFacts, path: (field: string) => string): ValidationIssue[] {
    return [
        ...Object.entries(node.labels ?? {}).flatMap(([key, value]) =>
            located(keyPath(path("labels"), key), value, labelProblem(key, value)),
        ),
        ...(node.taints ?? []).flatMap((taint, i) => [
            ...located(path(`taints[${i}].key`), taint.key, taintKeyProblem(taint.key)),
            ...(taint.value === undefined ? [] : located(path(`taints[${i}].value`), taint.value, taintValueProblem(taint.value))),
        ]),
    ];
}

/** `addressV6`: an IPv6 address, only on a dual-stack cluster, usable as a node address. */
function addressV6Issues(path: string, value: string | undefined, dualStack: boolean, at: PathMapper): ValidationIssue[] {
    if (value === undefined) {
        return [];
    }
    if (parseAddress(value)?.family !== "ipv6") {
        return [issue(path, value, "is not an IPv6 address", "set it to the node's IPv6 address, or leave it out")];
    }
    if (!dualStack) {
        return [
            issue(
                path,
                value,
                "is an IPv6 node address on an IPv4-only cluster",
                `set ${at("podCidrV6")} and ${at("serviceCidrV6")} to make the cluster dual-stack, or leave it out`,
            ),
        ];
    }
    return located(path, value, addressUseProblem(value));
}

/** What must be unique per node: its name, the resource key derived from it, its SSH host and its addresses. */
function uniqueValues(cluster: string, entry: LocatedNode, at: PathMapper): { path: string; what: string; value: string }[] {
    const { node, name, address } = entry;
    const path = at(entry.path);
    const key = name.startsWith(`${cluster}-`) ? name.slice(cluster.length + 1) : name;
    return [
        { path: `${path}.name`, what: "node name", value: name },
        { path: `${path}.name`, what: "resource name (the node name without the cluster prefix)", value: key },
        ...(node.address !== undefined ? [{ path: `${path}.host`, what: "SSH host", value: node.host }] : []),
        { path: node.address === undefined ? `${path}.host` : `${path}.address`, what: "address", value: address },
        ...(node.addressV6 !== undefined ? [{ path: `${path}.addressV6`, what: "address", value: node.addressV6 }] : []),
    ];
}

/** Duplicates of a node's name and of its resource key are one problem, reported once. */
const groupOf = (what: string): string => (what === "address" || what === "SSH host" ? what : "name");

/** Node names, resource keys, SSH hosts and addresses are unique in the cluster (one issue per node and kind). */
export function uniquenessIssues(cluster: string, nodes: readonly LocatedNode[], at: PathMapper): ValidationIssue[] {
    const seen = new Map<string, string>();
    const found: ValidationIssue[] = [];
    for (const entry of nodes) {
        const reported = new Set<string>();
        for (const { path, what, value } of uniqueValues(cluster, entry, at)) {
            const first = seen.get(`${what}:${value}`);
            if (first === undefined) {
                seen.set(`${what}:${value}`, path);
            } else if (!reported.has(groupOf(what))) {
                reported.add(groupOf(what));
                found.push(
                    what === "address"
                        ? issue(path, value, `is already the address of ${first}`, "list every node once, with its own address")
                        : issue(
                              path,
                              value,
                              `repeats the ${what} of ${first.replace(/\.(name|host)$/, "")}`,
                              "give every node its own name and address",
                          ),
                );
            }
        }
    }
    return found;
}

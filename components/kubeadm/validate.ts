// Every rule on KubeadmClusterArgs, as issues at the keys a PathMapper gives (the component's own paths by default).
import { addressUseProblem, endpointProblem, hostProblem, splitHostPort } from "../network/address-checks";
import { parseAddress, parseCidr } from "../network/cidr";
import { clusterRangeIssues } from "../network/range-checks";
import { Problem, clusterNameProblem } from "../network/value-checks";
import { PathMapper, ValidationIssue, issue, keyPath, ownPaths } from "../shared/validation";
import { defaultVersions } from "../versions";
import { KubeadmClusterArgs, KubeadmNodeArgs, NodePreflightCheck, NodeRole, SshBastionArgs } from "./args";
import { SCRIPT_DELIMITER } from "./script-kit";
import {
    containerdForKubernetesProblem,
    containerdProblem,
    hostKeyProblem,
    kubernetesVersionProblem,
    labelProblem,
    taintKeyProblem,
    taintValueProblem,
    userProblem,
} from "./value-rules";

const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A node's default name: `<cluster>-cp-<n>` or `<cluster>-worker-<n>`. */
export function defaultNodeName(cluster: string, role: NodeRole, index: number): string {
    return `${cluster}-${role === "control-plane" ? "cp" : "worker"}-${index + 1}`;
}

/** One node with its path (`controlPlanes[0]`), role and decided name and address. */
interface LocatedNode {
    readonly path: string;
    readonly node: KubeadmNodeArgs;
    readonly role: NodeRole;
    readonly name: string;
    readonly address: string;
}

/** The nodes of a cluster, as arguments or resolved (a resolved node is a node argument with every field set). */
type ClusterNodes = Pick<KubeadmClusterArgs, "controlPlanes" | "workers" | "podCidrV6" | "serviceCidrV6">;

/** Every node of the args with its component path. */
function locatedNodes(cluster: string, args: ClusterNodes): LocatedNode[] {
    const group = (nodes: readonly KubeadmNodeArgs[], key: string, role: NodeRole) =>
        nodes.map((node, i) => ({
            path: `${key}[${i}]`,
            node,
            role,
            name: node.name ?? defaultNodeName(cluster, role, i),
            address: node.address ?? node.host,
        }));
    return [...group(args.controlPlanes, "controlPlanes", "control-plane"), ...group(args.workers ?? [], "workers", "worker")];
}

const located = (path: string, value: unknown, found: Problem | undefined): ValidationIssue[] =>
    found ? [issue(path, value, found.problem, found.fix)] : [];

/** Name, addresses, labels, taints and host key of one node; `primary` is the family of the cluster's pod range. */
function nodeIssues(entry: LocatedNode, dualStack: boolean, primary: "ipv4" | "ipv6", at: PathMapper): ValidationIssue[] {
    const { node, name, address } = entry;
    const path = (field: string) => at(`${entry.path}.${field}`);
    const found: ValidationIssue[] = [];
    if (name.length > 253 || !dns1123Subdomain.test(name)) {
        found.push(
            issue(
                path("name"),
                name,
                "is not a valid Kubernetes node name (DNS-1123 subdomain)",
                "use lowercase letters, digits, '-' and '.'",
            ),
        );
    }
    found.push(...located(path("host"), node.host, hostProblem(node.host)));
    const addressPath = path(node.address === undefined ? "host" : "address");
    const parsed = parseAddress(address);
    if (!parsed && (node.address !== undefined || !hostProblem(node.host))) {
        found.push(
            issue(
                addressPath,
                address,
                "is not an IP address, and kubeadm needs the node's IP",
                `set ${path("address")} to the node's IP (host may stay a DNS name for SSH)`,
            ),
        );
    } else if (parsed?.family === "ipv6" && dualStack) {
        found.push(
            issue(
                addressPath,
                address,
                "is an IPv6 address where a dual-stack node needs its IPv4 address",
                `give the IPv4 address here and the IPv6 one in ${path("addressV6")}`,
            ),
        );
    } else if (parsed && parsed.family !== primary) {
        const [own, other] = parsed.family === "ipv6" ? ["IPv6", "IPv4"] : ["IPv4", "IPv6"];
        found.push(
            issue(
                addressPath,
                address,
                `is an ${own} address on an ${other} cluster (${at("podCidr")} is ${other})`,
                `give the node's ${other} address here${parsed.family === "ipv6" ? ` (an IPv6 one goes in ${path("addressV6")} on a dual-stack cluster)` : ""}`,
            ),
        );
    }
    found.push(...located(addressPath, address, addressUseProblem(address)));
    found.push(...addressV6Issues(path("addressV6"), node.addressV6, dualStack, at));
    Object.entries(node.labels ?? {}).forEach(([key, value]) =>
        found.push(...located(keyPath(path("labels"), key), value, labelProblem(key, value))),
    );
    (node.taints ?? []).forEach((taint, i) =>
        found.push(
            ...located(path(`taints[${i}].key`), taint.key, taintKeyProblem(taint.key)),
            ...(taint.value === undefined ? [] : located(path(`taints[${i}].value`), taint.value, taintValueProblem(taint.value))),
        ),
    );
    if (node.hostKey !== undefined) {
        found.push(...located(path("hostKey"), node.hostKey, hostKeyProblem(node.hostKey)));
    }
    return found;
}

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
function uniquenessIssues(cluster: string, nodes: readonly LocatedNode[], at: PathMapper): ValidationIssue[] {
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

/** The shared endpoint `host:port`; an IPv6 address without brackets (`fd00::1:6443`) is named as such, with the bracketed form to write. */
function controlPlaneEndpointProblem(text: string): Problem | undefined {
    if (parseAddress(text)?.family !== "ipv6") {
        return endpointProblem(text);
    }
    const [host, port] = [text.slice(0, text.lastIndexOf(":")), text.slice(text.lastIndexOf(":") + 1)];
    const split = /^\d{1,5}$/.test(port) && parseAddress(host)?.family === "ipv6";
    return {
        problem: "is an IPv6 address without brackets, so no port can be told apart from it",
        fix: `write the address in brackets, then the port: "[${split ? host : text}]:${split ? port : 6443}"`,
    };
}

/** The control-plane count and the shared endpoint. */
function endpointIssues(args: KubeadmClusterArgs, at: PathMapper): ValidationIssue[] {
    const count = args.controlPlanes.length;
    const found: ValidationIssue[] = [];
    if (count === 2) {
        found.push(
            issue(
                at("controlPlanes"),
                args.controlPlanes.map((node) => node.host),
                "has 2 hosts, and etcd needs 1 or at least 3 members for quorum",
                "use 1 control plane, or 3 or more",
            ),
        );
    } else if (count === 0) {
        found.push(issue(at("controlPlanes"), [], "is empty, and a cluster needs a control plane", "list 1 control plane, or 3 or more"));
    }
    if (args.controlPlaneEndpoint !== undefined) {
        found.push(
            ...located(at("controlPlaneEndpoint"), args.controlPlaneEndpoint, controlPlaneEndpointProblem(args.controlPlaneEndpoint)),
        );
    } else if (count > 1) {
        found.push(
            issue(
                at("controlPlaneEndpoint"),
                undefined,
                "but several control planes need a shared endpoint (a VIP or load balancer)",
                `set ${at("controlPlaneEndpoint")} to "<vip>:6443"`,
            ),
        );
    }
    if (args.apiServerUrl !== undefined) {
        found.push(...located(at("apiServerUrl"), args.apiServerUrl, apiServerUrlProblem(args.apiServerUrl)));
    }
    return found;
}

/** `https://<host>[:<port>]` for Pulumi's own access. */
export function apiServerUrlProblem(url: string): Problem | undefined {
    const match = /^https:\/\/([^/?#\s]+?)\/?$/.exec(url);
    const parts = match && (splitHostPort(match[1]) ?? { host: match[1].replace(/^\[(.*)\]$/, "$1"), port: 443 });
    if (!parts || hostProblem(parts.host) || parts.port < 1 || parts.port > 65535) {
        return {
            problem: "is not an https URL of a host (and port)",
            fix: 'write it as e.g. "https://127.0.0.1:16443" or "https://api.example.com:6443"',
        };
    }
    return undefined;
}

/** SSH user, port and bastion. */
function sshIssues(args: KubeadmClusterArgs, at: PathMapper): ValidationIssue[] {
    const ssh = args.ssh ?? {};
    const found: ValidationIssue[] = [];
    const port = (path: string, value: number) =>
        Number.isInteger(value) && value >= 1 && value <= 65535
            ? []
            : [issue(at(path), value, "is not a TCP port", "use a number from 1 to 65535")];
    found.push(
        ...(ssh.user === undefined ? [] : located(at("ssh.user"), ssh.user, userProblem(ssh.user))),
        ...port("ssh.port", ssh.port ?? 22),
    );
    const bastion: SshBastionArgs | undefined = ssh.bastion;
    if (bastion) {
        found.push(
            ...located(at("ssh.bastion.host"), bastion.host, hostProblem(bastion.host)),
            ...port("ssh.bastion.port", bastion.port ?? 22),
        );
        found.push(...(bastion.user === undefined ? [] : located(at("ssh.bastion.user"), bastion.user, userProblem(bastion.user))));
        found.push(
            ...(bastion.hostKey === undefined ? [] : located(at("ssh.bastion.hostKey"), bastion.hostKey, hostKeyProblem(bastion.hostKey))),
        );
    }
    return found;
}

/** Kubernetes version and containerd line. */
function versionIssues(args: KubeadmClusterArgs, at: PathMapper): ValidationIssue[] {
    const kubernetes = args.kubernetesVersion ?? defaultVersions.kubernetes;
    const containerd = args.containerdVersion ?? defaultVersions.containerd;
    const lineProblem = containerdProblem(containerd);
    return [
        ...located(at("kubernetesVersion"), kubernetes, kubernetesVersionProblem(kubernetes)),
        ...located(at("containerdVersion"), containerd, lineProblem ?? containerdForKubernetesProblem(containerd, kubernetes)),
    ];
}

/** Node preflight checks: a short unique name each, and a script that fits in the prepare step. */
function preflightIssues(checks: readonly NodePreflightCheck[], at: PathMapper): ValidationIssue[] {
    const seen = new Set<string>();
    return checks.flatMap((check, i) => {
        const found: ValidationIssue[] = [];
        if (!/^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/.test(check.name) || check.name.length > 63) {
            found.push(
                issue(
                    at(`nodePreflight[${i}].name`),
                    check.name,
                    "is not a short check name (letters, digits and '-', at most 63)",
                    'use a name like "cn2-kernel"',
                ),
            );
        } else if (seen.has(check.name)) {
            found.push(
                issue(
                    at(`nodePreflight[${i}].name`),
                    check.name,
                    "names another check too",
                    "give every node preflight check its own name",
                ),
            );
        }
        seen.add(check.name);
        if (check.script.trim() === "" || check.script.split("\n").includes(SCRIPT_DELIMITER)) {
            found.push(
                issue(
                    at(`nodePreflight[${i}].script`),
                    check.name,
                    `is empty or contains the line ${SCRIPT_DELIMITER}, which ends the remote script early`,
                    "give bash lines that exit non-zero with one sentence on stderr when the node does not qualify",
                ),
            );
        }
        return found;
    });
}

/**
 * Valid but risky arguments, as sentences with the component's paths (never stop `pulumi up`): a node of a dual-stack
 * cluster without `addressV6` gets `--node-ip=<IPv4>` only, and a kubelet without a cloud provider then registers no
 * IPv6 address at all (the IPv4,IPv6 pair is what dual-stack bare-metal nodes need).
 */
export function kubeadmClusterWarnings(args: ClusterNodes): ValidationIssue[] {
    if (args.podCidrV6 === undefined && args.serviceCidrV6 === undefined) {
        return [];
    }
    return locatedNodes("", args)
        .filter((entry) => entry.node.addressV6 === undefined)
        .map(({ path, address }) =>
            issue(
                `${path}.addressV6`,
                undefined,
                `on a dual-stack cluster, so the kubelet registers the node with ${address} only (--node-ip): ` +
                    "the Node, its host-network pods and kube-proxy's IPv6 NodePorts get no IPv6 address",
                `set ${path}.addressV6 to the node's IPv6 address`,
            ),
        );
}

/** Every problem of the arguments of KubeadmCluster `name` (empty when sound), each at the key `at` gives (a stack passes its config keys). */
export function kubeadmClusterIssues(name: string, args: KubeadmClusterArgs, at: PathMapper = ownPaths): ValidationIssue[] {
    const nodes = locatedNodes(name, args);
    const dual = args.podCidrV6 !== undefined || args.serviceCidrV6 !== undefined;
    const primary = dual ? "ipv4" : (parseCidr(args.podCidr)?.family ?? "ipv4");
    return [
        ...located(at("name"), name, clusterNameProblem(name)),
        ...endpointIssues(args, at),
        ...nodes.flatMap((entry) => nodeIssues(entry, dual, primary, at)),
        ...uniquenessIssues(name, nodes, at),
        ...clusterRangeIssues(args, { ipv6Only: true }, at),
        ...sshIssues(args, at),
        ...versionIssues(args, at),
        ...preflightIssues(args.nodePreflight ?? [], at),
    ];
}

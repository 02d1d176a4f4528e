// Every rule on KubeadmClusterArgs, as issues at the keys a PathMapper gives (the component's own paths by default).
import { endpointProblem, hostProblem, splitHostPort } from "../network/address-checks";
import { parseAddress, parseCidr } from "../network/cidr";
import { clusterRangeIssues } from "../network/range-checks";
import { Problem, clusterNameProblem } from "../network/value-checks";
import { PathMapper, ValidationIssue, issue, ownPaths } from "../shared/validation";
import { defaultVersions } from "../versions";
import { NodePreflightCheck, PlainKubeadmClusterArgs, PlainSshBastionArgs } from "./types";
import { ClusterNodes, locatedNodes, located, nodeIssues, uniquenessIssues } from "./node-rules";
import { SCRIPT_DELIMITER } from "./script-kit";
import { containerdForKubernetesProblem, containerdProblem, hostKeyProblem, kubernetesVersionProblem, userProblem } from "./value-rules";

/** A node's default name, re-exported from where it has always been importable. */

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
function endpointIssues(args: PlainKubeadmClusterArgs, at: PathMapper): ValidationIssue[] {
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
function sshIssues(args: PlainKubeadmClusterArgs, at: PathMapper): ValidationIssue[] {
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
    const bastion: PlainSshBastionArgs | undefined = ssh.bastion;
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
function versionIssues(args: PlainKubeadmClusterArgs, at: PathMapper): ValidationIssue[] {
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
export function kubeadmClusterIssues(name: string, args: PlainKubeadmClusterArgs, at: PathMapper = ownPaths): ValidationIssue[] {
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

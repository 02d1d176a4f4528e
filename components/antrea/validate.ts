// Checks before anything is created: Antrea settings, the escape hatch, and a ClusterSet's IDs, members and CIDRs.
import { hostProblem } from "../network/address-checks";
import { parseAddress, parseCidr, rangesOverlap } from "../network/cidr";
import { Problem, clusterNameProblem } from "../network/value-checks";
import { ValidationIssue, issue } from "../shared/validation";
import { escapeHatchIssues } from "./chart-keys";
import { MEMBER_NAMESPACE } from "./release";
import { AntreaSettings, MulticlusterAgentSettings } from "./types";

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Options of {@link validateAntreaSettings}. */
export interface SettingsCheckOptions {
    /** Config path of the settings, e.g. `cni` (messages name `cni.nodePortLocal.portRange`). */
    readonly path: string;
    /** Chart version in use. */
    readonly version: string;
}

function portRangeIssue(range: string, path: string): ValidationIssue[] {
    const match = /^(\d+)-(\d+)$/.exec(range);
    const [first, last] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
    if (match && first >= 1 && first < last && last <= 65535) {
        return [];
    }
    return [issue(path, range, "is not a port range first-last with 1 <= first < last <= 65535", 'write it like "61000-62000"')];
}

/** Oldest Antrea the rendered keys and objects fit: 2.x charts (`antreaProxy.enable`, `flowExporter.enable`, no gates removed in 2.5 needed). */
export const MIN_ANTREA_MAJOR = 2;

/** An issue unless the Antrea version is one whose chart keys and Multi-cluster objects this project renders. */
export function antreaVersionIssues(version: string, path: string): ValidationIssue[] {
    const major = Number(/^v?(\d+)\./.exec(version)?.[1] ?? NaN);
    if (major >= MIN_ANTREA_MAJOR) {
        return [];
    }
    return [issue(path, version, `is older than Antrea ${MIN_ANTREA_MAJOR}.0, whose chart keys and ClusterSet v1alpha2 this project renders (1.x needs ClusterClaims and other keys)`,
        "use a 2.x release (2.7.0 is pinned)")];
}

/** Transports the agent's flow exporter speaks (Antrea 2.7 `ParseFlowCollectorAddr`). */
const COLLECTOR_PROTOCOLS = ["tcp", "udp", "tls", "grpc"];
const COLLECTOR_FIX = 'write it as <host>[:<port>][:<proto>], e.g. "flow-aggregator/flow-aggregator:14739:grpc", "10.0.0.5:4739:tls" or "[fd00::5]:4739:tcp"';

/** A collector host: an IP address (IPv6 in brackets) or DNS name, or `<namespace>/<service>` for an in-cluster Service. */
function collectorHostOk(host: string, bracketed: boolean): boolean {
    if (bracketed) {
        return parseAddress(host) !== undefined;
    }
    const service = /^([^/]+)\/([^/]+)$/.exec(host);
    return service ? !clusterNameProblem(service[1]) && !clusterNameProblem(service[2]) : host !== "" && !hostProblem(host);
}

/**
 * What is wrong with a flow collector address, by the agent's own parser (Antrea 2.7 `ParseFlowCollectorAddr`):
 * `<host>`, `<host>:<port>` or `<host>:[<port>]:<proto>`, an IPv6 host in brackets and followed by a port.
 */
export function collectorAddressProblem(text: string): Problem | undefined {
    const bracketed = /^\[([^\]]*)\]:(.*)$/.exec(text);
    const [host, ...rest] = bracketed ? [bracketed[1], ...bracketed[2].split(":")] : text.split(":");
    const [port, proto] = rest;
    let problem: string | undefined;
    if (rest.length > 2 || (text.startsWith("[") && !bracketed) || (!bracketed && parseAddress(text)?.family === "ipv6")) {
        problem = "is not <host>[:<port>][:<proto>] (an IPv6 host goes in brackets, followed by :<port>)";
    } else if (!collectorHostOk(host, !!bracketed)) {
        problem = "has a host that is not an IP address, a DNS name or <namespace>/<service>";
    } else if (port !== undefined && !(port === "" && proto !== undefined) && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
        problem = "has a port that is not a number from 1 to 65535";
    } else if (proto !== undefined && !COLLECTOR_PROTOCOLS.includes(proto)) {
        problem = `has a protocol other than ${COLLECTOR_PROTOCOLS.join(", ")}`;
    }
    return problem === undefined ? undefined : { problem, fix: COLLECTOR_FIX };
}

function collectorIssues(flowExporter: AntreaSettings["flowExporter"], path: string): ValidationIssue[] {
    const address = flowExporter.collectorAddress;
    if (address.trim() === "") {
        return flowExporter.enable ? [issue(path, address, "is empty while the flow exporter is on",
            'give the collector as "<host>:[<port>][:<proto>]", e.g. "flow-aggregator/flow-aggregator:14739:grpc"')] : [];
    }
    const problem = collectorAddressProblem(address);
    return problem ? [issue(path, address, problem.problem, problem.fix)] : [];
}

/** Problems of one cluster's Antrea settings, including the escape hatch. */
export function validateAntreaSettings(settings: AntreaSettings, options: SettingsCheckOptions): ValidationIssue[] {
    return [
        ...portRangeIssue(settings.nodePortLocal.portRange, `${options.path}.nodePortLocal.portRange`),
        ...collectorIssues(settings.flowExporter, `${options.path}.flowExporter.collectorAddress`),
        ...escapeHatchIssues(settings.values, { path: `${options.path}.values`, version: options.version }),
    ];
}

/** Config paths the Multi-cluster agent rules name. */
export interface AgentCheckPaths {
    /** Path of the CNI settings (`cni`). */
    readonly cni: string;
    /** Path of the Multi-cluster settings (`mesh`). */
    readonly mesh: string;
}

/** Rules that tie the CNI settings to Antrea Multi-cluster on the ClusterSet's members. */
export function validateMulticlusterAgent(settings: AntreaSettings, agent: MulticlusterAgentSettings, paths: AgentCheckPaths): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    if (settings.trafficEncapMode === "networkPolicyOnly") {
        found.push(issue(`${paths.cni}.trafficEncapMode`, settings.trafficEncapMode,
            "needs extra Antrea configuration for the Multi-cluster Gateway (upstream docs/multicluster/policy-only-mode.md) that this project does not render",
            "use encap, noEncap or hybrid on ClusterSet members"));
    }
    if (agent.stretchedNetworkPolicy && !settings.antreaPolicy) {
        found.push(issue(`${paths.mesh}.stretchedNetworkPolicy`, true, `needs ${paths.cni}.antreaPolicy: true (stretched policies are Antrea-native policies)`,
            `set ${paths.cni}.antreaPolicy: true, or ${paths.mesh}.stretchedNetworkPolicy: false`));
    }
    const intraCluster = settings.values?.trafficEncryptionMode;
    if (intraCluster !== undefined && intraCluster !== "none") {
        found.push(issue(`${paths.cni}.values.trafficEncryptionMode`, intraCluster,
            "encrypts traffic inside a cluster, which Antrea does not support together with the Multi-cluster Gateway",
            `remove it; encrypt cross-cluster traffic with ${paths.mesh}.trafficEncryption: wireGuard instead`));
    }
    return found;
}

/** One cluster of a ClusterSet, as the checks see it. */
export interface ClusterSetPeer {
    /** Cluster name (unique in the stack). */
    readonly name: string;
    /** Antrea cluster ID. */
    readonly clusterId: string;
    /** Config path of the cluster ID (`mesh.clusterIds.east`, or where the default came from). */
    readonly idPath: string;
    /** Config path of the cluster, for CIDR messages (`members[1]`). */
    readonly path: string;
    /** Pod CIDRs. */
    readonly podCidrs: readonly string[];
    /** Service CIDRs. */
    readonly serviceCidrs: readonly string[];
}

/** What {@link validateClusterSet} checks. */
export interface ClusterSetShape {
    /** ClusterSet ID (the ClusterSet name in every cluster). */
    readonly clusterSetId: string;
    /** Leader namespace. */
    readonly namespace: string;
    /** The leader; absent when it names no cluster (reported elsewhere), so every other rule still runs. */
    readonly leader?: ClusterSetPeer;
    /** The members (the leader among them when it is dual-role), with the config path of each entry. */
    readonly members: readonly (ClusterSetPeer & { readonly memberPath: string })[];
    /** Config paths of the ID and namespace settings. */
    readonly paths: { readonly clusterSetId: string; readonly namespace: string };
    /** Check CIDR overlaps (a stack's network plan already does, for every cluster). */
    readonly checkCidrs: boolean;
}

function checkIds(shape: ClusterSetShape): ValidationIssue[] {
    const all = [...(shape.leader ? [shape.leader] : []), ...shape.members];
    const peers = all.filter((peer, i) => all.findIndex((other) => other.name === peer.name) === i);
    const found: ValidationIssue[] = [];
    peers.forEach((peer, i) => {
        const problem = clusterNameProblem(peer.clusterId);
        if (problem) {
            found.push(issue(peer.idPath, peer.clusterId, `is not a valid Antrea cluster ID: it ${problem.problem}`, problem.fix));
            return;
        }
        const same = peers.slice(0, i).find((other) => other.clusterId === peer.clusterId);
        const pair = peers.slice(0, i).find((other) => other.clusterId.startsWith(`${peer.clusterId}-`) || peer.clusterId.startsWith(`${other.clusterId}-`));
        if (same) {
            found.push(issue(peer.idPath, peer.clusterId, `is already the cluster ID of ${same.name}`, "give every cluster of the ClusterSet its own ID"));
        } else if (pair) {
            found.push(issue(peer.idPath, peer.clusterId, `forms a dash-prefix pair with the cluster ID "${pair.clusterId}" of ${pair.name}, which Antrea 2.7 rejects (export names would collide)`,
                "choose IDs where neither is the other plus \"-...\", e.g. east1 and east2"));
        }
    });
    return found;
}

function checkMembersUnique(shape: ClusterSetShape): ValidationIssue[] {
    return shape.members.flatMap((member, i) => {
        const first = shape.members.findIndex((other) => other.name === member.name);
        return first < i ? [issue(member.memberPath, member.name, `is already listed as ${shape.members[first].memberPath}`, "list every member once")] : [];
    });
}

function checkCidrs(shape: ClusterSetShape): ValidationIssue[] {
    const blocks = shape.members.flatMap((member) => [
        ...member.podCidrs.map((text, j) => ({ member, path: `${member.path}.podCidrs[${j}]`, text, cidr: parseCidr(text) })),
        ...member.serviceCidrs.map((text, j) => ({ member, path: `${member.path}.serviceCidrs[${j}]`, text, cidr: parseCidr(text) })),
    ]);
    return blocks.flatMap((block, i) => {
        const clash = blocks.slice(0, i).find((other) => other.member.name !== block.member.name && other.cidr && block.cidr && rangesOverlap(other.cidr, block.cidr));
        return clash ? [issue(block.path, block.text, `overlaps ${clash.path} "${clash.text}" of ${clash.member.name}`,
            "give every ClusterSet member its own pod and service ranges")] : [];
    });
}

/** Every problem of a ClusterSet's identity and membership, each as one sentence naming the key. */
export function validateClusterSet(shape: ClusterSetShape): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    if (shape.clusterSetId.length > 253 || !DNS1123_SUBDOMAIN.test(shape.clusterSetId)) {
        found.push(issue(shape.paths.clusterSetId, shape.clusterSetId, "is not a valid ClusterSet name (a DNS-1123 subdomain: lowercase letters, digits, '-' and '.')",
            'use e.g. "tanzuhispano"'));
    }
    const namespace = clusterNameProblem(shape.namespace);
    if (namespace) {
        found.push(issue(shape.paths.namespace, shape.namespace, `is not a namespace name: it ${namespace.problem}`, namespace.fix));
    } else if (shape.namespace === MEMBER_NAMESPACE) {
        found.push(issue(shape.paths.namespace, shape.namespace, "is where the member antrea-mc-controller runs, so the leader's would clash with it",
            'use a namespace of its own, e.g. "antrea-multicluster"'));
    }
    return [...found, ...checkMembersUnique(shape), ...checkIds(shape), ...(shape.checkCidrs ? checkCidrs(shape) : [])];
}

// Checks of a ClusterSet before anything is created: IDs, members, CIDRs, gateways, version, for stacks and library users.
import { Cluster } from "../../cluster";
import { parseCidr } from "../../network/cidr";
import { earlierOverlaps } from "../../network/overlaps";
import { clusterNameProblem } from "../../network/value-checks";
import { dnsSubdomainProblem } from "../../shared/value-kinds";
import { ValidationIssue, issue, keyPath } from "../../shared/validation";
import { AntreaClusterSetArgs, AntreaClusterSetMember, antreaVersionOf, clusterIdOf, leaderNamespaceOf } from "./types";
import { MEMBER_NAMESPACE } from "../release";
import { antreaVersionIssues, gatewayIpProblem } from "../validate";
import { clusterSetAgentIssues } from "./agent-checks";

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
        const pair = peers
            .slice(0, i)
            .find((other) => other.clusterId.startsWith(`${peer.clusterId}-`) || peer.clusterId.startsWith(`${other.clusterId}-`));
        if (same) {
            found.push(
                issue(
                    peer.idPath,
                    peer.clusterId,
                    `is already the cluster ID of ${same.name}`,
                    "give every cluster of the ClusterSet its own ID",
                ),
            );
        } else if (pair) {
            found.push(
                issue(
                    peer.idPath,
                    peer.clusterId,
                    `forms a dash-prefix pair with the cluster ID "${pair.clusterId}" of ${pair.name}, which Antrea 2.7 rejects (export names would collide)`,
                    'choose IDs where neither is the other plus "-...", e.g. east1 and east2',
                ),
            );
        }
    });
    return found;
}

function checkMembersUnique(shape: ClusterSetShape): ValidationIssue[] {
    return shape.members.flatMap((member, i) => {
        const first = shape.members.findIndex((other) => other.name === member.name);
        return first < i
            ? [issue(member.memberPath, member.name, `is already listed as ${shape.members[first].memberPath}`, "list every member once")]
            : [];
    });
}

function checkCidrs(shape: ClusterSetShape): ValidationIssue[] {
    const blocks = shape.members.flatMap((member) => [
        ...member.podCidrs.map((text, j) => ({ member, path: `${member.path}.podCidrs[${j}]`, text, cidr: parseCidr(text) })),
        ...member.serviceCidrs.map((text, j) => ({ member, path: `${member.path}.serviceCidrs[${j}]`, text, cidr: parseCidr(text) })),
    ]);
    return earlierOverlaps(
        blocks,
        (block) => block.cidr,
        (other, block) => other.member.name !== block.member.name,
    ).map(({ entry: block, earlier: clash }) =>
        issue(
            block.path,
            block.text,
            `overlaps ${clash.path} "${clash.text}" of ${clash.member.name}`,
            "give every ClusterSet member its own pod and service ranges",
        ),
    );
}

/** Every problem of a ClusterSet's identity and membership, each as one sentence naming the key. */
export function validateClusterSet(shape: ClusterSetShape): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    if (dnsSubdomainProblem(shape.clusterSetId)) {
        found.push(
            issue(
                shape.paths.clusterSetId,
                shape.clusterSetId,
                "is not a valid ClusterSet name (a DNS-1123 subdomain: lowercase letters, digits, '-' and '.')",
                'use e.g. "tanzuhispano"',
            ),
        );
    }
    const namespace = clusterNameProblem(shape.namespace);
    if (namespace) {
        found.push(issue(shape.paths.namespace, shape.namespace, `is not a namespace name: it ${namespace.problem}`, namespace.fix));
    } else if (shape.namespace === MEMBER_NAMESPACE) {
        found.push(
            issue(
                shape.paths.namespace,
                shape.namespace,
                "is where the member antrea-mc-controller runs, so the leader's would clash with it",
                'use a namespace of its own, e.g. "antrea-multicluster"',
            ),
        );
    }
    return [...found, ...checkMembersUnique(shape), ...checkIds(shape), ...(shape.checkCidrs ? checkCidrs(shape) : [])];
}

function peer(entry: { readonly cluster: Cluster; readonly clusterId?: string }, path: string): ClusterSetPeer {
    return {
        name: entry.cluster.name,
        clusterId: clusterIdOf(entry),
        idPath: `${path}.clusterId`,
        path,
        podCidrs: entry.cluster.network.podCidrs,
        serviceCidrs: entry.cluster.network.serviceCidrs,
    };
}

/** Problems of one member's gateway candidates and pinned IPs (Node names are DNS subdomains; IPs IPv4 and reachable). */
export function gatewayIssues(member: Pick<AntreaClusterSetMember, "gatewayNodes" | "gatewayIps">, path: string): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    if (member.gatewayNodes.length === 0) {
        found.push(issue(`${path}.gatewayNodes`, [], "is empty", "name at least one Node to annotate as Multi-cluster Gateway"));
    }
    member.gatewayNodes.forEach((node, i) => {
        const problem = dnsSubdomainProblem(node);
        if (problem) {
            found.push(
                issue(
                    `${path}.gatewayNodes[${i}]`,
                    node,
                    `is not a Node name: it ${problem.problem}`,
                    "use the Node's name as kubectl get nodes shows it",
                ),
            );
        } else if (member.gatewayNodes.indexOf(node) < i) {
            found.push(issue(`${path}.gatewayNodes[${i}]`, node, "is listed twice", "list every gateway Node once"));
        }
    });
    for (const [node, ip] of Object.entries(member.gatewayIps ?? {})) {
        const problem = gatewayIpProblem(ip);
        const at = keyPath(`${path}.gatewayIps`, node);
        if (!member.gatewayNodes.includes(node)) {
            found.push(issue(at, ip, "pins the IP of a Node that is not a gateway candidate", "key it by one of the gatewayNodes"));
        } else if (problem) {
            found.push(issue(at, ip, problem.problem, problem.fix));
        }
    }
    return found;
}

/** Every problem of the args (IDs, prefix pairs, duplicate members, overlapping CIDRs, member count, gateways, members' Antrea, version, bound). */
export function clusterSetArgsIssues(args: AntreaClusterSetArgs): ValidationIssue[] {
    const found = validateClusterSet({
        clusterSetId: args.clusterSetId,
        namespace: leaderNamespaceOf(args),
        leader: peer(args.leader, "leader"),
        members: args.members.map((member, i) => ({ ...peer(member, `members[${i}]`), memberPath: `members[${i}].cluster` })),
        paths: { clusterSetId: "clusterSetId", namespace: "namespace" },
        checkCidrs: true,
    });
    found.push(...antreaVersionIssues(antreaVersionOf(args), "version"));
    if (args.members.length < 2) {
        found.push(
            issue(
                "members",
                args.members.map((member) => member.cluster.name),
                "has fewer than 2 members, and a ClusterSet connects at least 2",
                "add a member (the leader may be one)",
            ),
        );
    }
    args.members.forEach((member, i) => found.push(...gatewayIssues(member, `members[${i}]`)));
    found.push(...clusterSetAgentIssues(args));
    const timeout = args.healthTimeoutSeconds;
    if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 1)) {
        found.push(issue("healthTimeoutSeconds", timeout, "is not a whole number of seconds above 0", "use e.g. 600"));
    }
    return found;
}

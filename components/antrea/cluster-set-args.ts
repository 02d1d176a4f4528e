// AntreaClusterSet inputs, their defaults, and the checks a library user gets before anything is created.
import * as pulumi from "@pulumi/pulumi";
import { Cluster, endpointUrl } from "../cluster";
import { ValidationIssue, issue } from "../shared/validation";
import { MemberJoin } from "./clusterset-objects";
import { RELEASE_LEADER_NAMESPACE } from "./release";
import { EndpointIpType, MultiClusterConfigInput } from "./types";
import { ClusterSetPeer, antreaVersionIssues, validateClusterSet } from "./validate";

/** The leader of a ClusterSet. */
export interface AntreaClusterSetLeader {
    /** The leader cluster (also a member when it is listed among the members: dual-role). */
    readonly cluster: Cluster;
    /** Its Antrea cluster ID; @default the cluster name. */
    readonly clusterId?: string;
    /** What the leader's objects wait for besides the cluster (its AntreaInstall). */
    readonly dependsOn?: readonly pulumi.Resource[];
}

/** One member of a ClusterSet. */
export interface AntreaClusterSetMember {
    /** The member cluster (Antrea installed with the Multicluster gate and the gateway). */
    readonly cluster: Cluster;
    /** Its Antrea cluster ID; @default the cluster name. Immutable once created. */
    readonly clusterId?: string;
    /** The Node annotated as Multi-cluster Gateway. */
    readonly gatewayNode: string;
    /** Tunnel IP of the gateway when the Node's InternalIP is not what the other gateways reach. */
    readonly gatewayIp?: string;
    /** What the member's objects wait for besides the cluster (its AntreaInstall). */
    readonly dependsOn?: readonly pulumi.Resource[];
}

/** Inputs of {@link AntreaClusterSet}. */
export interface AntreaClusterSetArgs {
    /** ClusterSet ID: the name of the ClusterSet in every cluster. Immutable once created. */
    readonly clusterSetId: string;
    /** Antrea version (`versions.antrea`): the release whose Multi-cluster manifests are applied. */
    readonly version: string;
    /** Leader namespace; @default "antrea-multicluster". */
    readonly namespace?: string;
    /** The leader. */
    readonly leader: AntreaClusterSetLeader;
    /** The members, at least 2 (the leader's cluster among them makes it dual-role). */
    readonly members: readonly AntreaClusterSetMember[];
    /** Pod-to-Pod mode: imported Services get the exporters' Pod IPs (`endpointIPType: PodIP`); @default false. */
    readonly podToPod?: boolean;
    /** Stretched Antrea-native policies; @default false. */
    readonly stretchedNetworkPolicy?: boolean;
    /** Gateway IP from the Node's InternalIP (`private`) or ExternalIP (`public`); @default "private". */
    readonly gatewayIpPrecedence?: "private" | "public";
    /** Bound of each wait and gate; @default 600 s. */
    readonly healthTimeoutSeconds?: number;
}

/** The leader namespace in use. */
export function leaderNamespaceOf(args: Pick<AntreaClusterSetArgs, "namespace">): string {
    return args.namespace ?? RELEASE_LEADER_NAMESPACE;
}

/** A cluster's Antrea ID in use. */
export function clusterIdOf(entry: { readonly cluster: Cluster; readonly clusterId?: string }): string {
    return entry.clusterId ?? entry.cluster.name;
}

/** The endpoint type the members' controllers use. */
export function endpointIpTypeOf(args: Pick<AntreaClusterSetArgs, "podToPod">): EndpointIpType {
    return args.podToPod ? "PodIP" : "ClusterIP";
}

/** A member's controller configuration: its own CIDRs, the shared endpoint type and policy switch. */
export function memberMcConfig(args: AntreaClusterSetArgs, member: AntreaClusterSetMember): MultiClusterConfigInput {
    return {
        serviceCidr: member.cluster.network.serviceCidrs[0] ?? "",
        podCidrs: member.cluster.network.podCidrs,
        endpointIpType: endpointIpTypeOf(args),
        stretchedNetworkPolicy: args.stretchedNetworkPolicy ?? false,
        gatewayIpPrecedence: args.gatewayIpPrecedence ?? "private",
    };
}

/** What a member's ClusterSet points at: the leader API from the Cluster contract (reachable from member Nodes). */
export function memberJoin(args: AntreaClusterSetArgs, member: AntreaClusterSetMember): MemberJoin {
    return {
        clusterSetId: args.clusterSetId,
        memberId: clusterIdOf(member),
        leaderId: clusterIdOf(args.leader),
        leaderServer: endpointUrl(args.leader.cluster.endpoint),
        leaderNamespace: leaderNamespaceOf(args),
    };
}

function peer(entry: { readonly cluster: Cluster; readonly clusterId?: string }, path: string): ClusterSetPeer {
    return {
        name: entry.cluster.name, clusterId: clusterIdOf(entry), idPath: `${path}.clusterId`, path,
        podCidrs: entry.cluster.network.podCidrs, serviceCidrs: entry.cluster.network.serviceCidrs,
    };
}

/** Every problem of the args (IDs, prefix pairs, duplicate members, overlapping CIDRs, member count, gateways). */
export function clusterSetArgsIssues(args: AntreaClusterSetArgs): ValidationIssue[] {
    const found = validateClusterSet({
        clusterSetId: args.clusterSetId,
        namespace: leaderNamespaceOf(args),
        leader: peer(args.leader, "leader"),
        members: args.members.map((member, i) => ({ ...peer(member, `members[${i}]`), memberPath: `members[${i}].cluster` })),
        paths: { clusterSetId: "clusterSetId", namespace: "namespace" },
        checkCidrs: true,
    });
    found.push(...antreaVersionIssues(args.version, "version"));
    if (args.members.length < 2) {
        found.push(issue("members", args.members.map((member) => member.cluster.name), "has fewer than 2 members, and a ClusterSet connects at least 2",
            "add a member (the leader may be one)"));
    }
    args.members.forEach((member, i) => {
        if (member.gatewayNode.trim() === "") {
            found.push(issue(`members[${i}].gatewayNode`, member.gatewayNode, "is empty", "name the Node to annotate as Multi-cluster Gateway"));
        }
    });
    return found;
}

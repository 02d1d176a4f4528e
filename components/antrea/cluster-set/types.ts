// AntreaClusterSet inputs and their defaults.
import * as pulumi from "@pulumi/pulumi";
import { Cluster, endpointUrl } from "../../cluster";
import { ClusterAccess } from "../../shared/cluster-access";
import { MemberJoin } from "./manifests";
import { RELEASE_LEADER_NAMESPACE } from "../release";
import { defaultVersions } from "../../versions";
import { AntreaAgentFacts, EndpointIpType, GatewayIpPrecedence, McTrafficEncryption, MultiClusterConfigInput } from "../types";

/** The leader of a ClusterSet. */
export interface AntreaClusterSetLeader {
    /** The leader cluster as plain data or a provisioner (also a member when it is listed among the members: dual-role). */
    readonly cluster: Cluster;
    /** Its Antrea cluster ID (plain: known at preview); @default the cluster name. */
    readonly clusterId?: string;
    /** Its Antrea (`AntreaInstall.agent`): the leader's objects wait for `ready`; @default nothing to wait for. */
    readonly antrea?: AntreaAgentFacts;
}

/** One member of a ClusterSet. */
export interface AntreaClusterSetMember {
    /** The member cluster as plain data or a provisioner. */
    readonly cluster: Cluster;
    /** Its Antrea cluster ID (plain: known at preview); @default the cluster name. Immutable once created. */
    readonly clusterId?: string;
    /** The Nodes annotated as Multi-cluster Gateway candidates (the controller elects one Ready Node, failing over). */
    readonly gatewayNodes: string[];
    /** Tunnel IP per candidate Node, when the Node's IP is not what the other gateways reach (`gateway-ip` annotation). */
    readonly gatewayIps?: Record<string, string>;
    /**
     * What its Antrea enables (`AntreaInstall.agent`): checked against the ClusterSet at construction (the
     * Multicluster gate, the same switches and tunnel type); its objects wait for `ready`, its gates re-run on `valuesChecksum`.
     */
    readonly antrea: AntreaAgentFacts;
}

/** A ClusterSet cluster as the component wires it: its access and what its objects wait for besides the cluster. */
export interface WiredEntry {
    /** The cluster with its provider and readiness. */
    readonly cluster: ClusterAccess;
    /** Its Antrea's readiness and the ClusterSet's `opts.dependsOn`. */
    readonly dependsOn: pulumi.Input<pulumi.Resource>[];
}

/** The leader, wired. */
export type WiredLeader = AntreaClusterSetLeader & WiredEntry;

/** A member, wired. */
export type WiredMember = AntreaClusterSetMember & WiredEntry;

/** The args with every cluster wired: what the ClusterSet's parts are built from. */
export interface WiredClusterSetArgs extends AntreaClusterSetArgs {
    /** The leader, wired. */
    readonly leader: WiredLeader;
    /** The members, wired. */
    readonly members: WiredMember[];
}

/** Inputs of {@link AntreaClusterSet}. */
export interface AntreaClusterSetArgs {
    /** ClusterSet ID: the name of the ClusterSet in every cluster (plain: known at preview). Immutable once created. */
    readonly clusterSetId: string;
    /** Antrea version whose Multi-cluster manifests are applied (plain: known at preview); @default `defaultVersions.antrea` (components/versions.ts). */
    readonly version?: string;
    /** Leader namespace; @default "antrea-multicluster". */
    readonly namespace?: string;
    /** The leader. */
    readonly leader: AntreaClusterSetLeader;
    /** The members, at least 2 (the leader's cluster among them makes it dual-role). */
    readonly members: AntreaClusterSetMember[];
    /** Pod-to-Pod mode: imported Services get the exporters' Pod IPs (`endpointIPType: PodIP`); every member's agents must agree; @default false. */
    readonly podToPod?: boolean;
    /** Stretched Antrea-native policies; every member's agents must agree; @default false. */
    readonly stretchedNetworkPolicy?: boolean;
    /** Gateway IP from the Node's InternalIP (`private`) or ExternalIP (`public`); @default "private". */
    readonly gatewayIpPrecedence?: GatewayIpPrecedence;
    /** How the members' agents encrypt cross-cluster traffic, as they do (`wireGuard`: the peers gate checks every peer's key); @default "none". */
    readonly trafficEncryption?: McTrafficEncryption;
    /** Bound of each wait and gate; @default 600 s. */
    readonly healthTimeoutSeconds?: number;
    /** Rotation generation of the member tokens: raising it replaces every member's token Secret on the leader; @default 0. */
    readonly tokenGeneration?: number;
}

/** The Antrea version in use. */
export function antreaVersionOf(args: Pick<AntreaClusterSetArgs, "version">): string {
    return args.version ?? defaultVersions.antrea;
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

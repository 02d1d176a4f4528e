// AntreaClusterSet inputs and their defaults.
import * as pulumi from "@pulumi/pulumi";
import { Cluster, endpointUrl } from "../../cluster";
import { MemberJoin } from "./manifests";
import { RELEASE_LEADER_NAMESPACE } from "../release";
import { defaultVersions } from "../../versions";
import { EndpointIpType, GatewayIpPrecedence, McTrafficEncryption, MultiClusterConfigInput } from "../types";

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
    /** The Nodes annotated as Multi-cluster Gateway candidates (the controller elects one Ready Node, failing over). */
    readonly gatewayNodes: readonly string[];
    /** Tunnel IP per candidate Node, when the Node's IP is not what the other gateways reach (`gateway-ip` annotation). */
    readonly gatewayIps?: Readonly<Record<string, string>>;
    /** What the member's objects wait for besides the cluster (its AntreaInstall). */
    readonly dependsOn?: readonly pulumi.Resource[];
    /** Checksum of its Antrea agent values (`AntreaInstall.valuesChecksum`): a change re-runs its gates. */
    readonly agentValuesChecksum?: pulumi.Input<string>;
}

/** Inputs of {@link AntreaClusterSet}. */
export interface AntreaClusterSetArgs {
    /** ClusterSet ID: the name of the ClusterSet in every cluster. Immutable once created. */
    readonly clusterSetId: string;
    /** Antrea version whose Multi-cluster manifests are applied; @default `defaultVersions.antrea` (components/versions.ts). */
    readonly version?: string;
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
    readonly gatewayIpPrecedence?: GatewayIpPrecedence;
    /** How the members' agents encrypt cross-cluster traffic (`wireGuard`: the peers gate checks every peer's key); @default "none". */
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

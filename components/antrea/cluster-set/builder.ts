// antreaClusterSetArgs: a ClusterSet's data args from AntreaInstall instances, for TypeScript users.
import { AntreaInstall } from "../install";
import { AntreaClusterSetArgs, AntreaClusterSetMember } from "./types";

/** A ClusterSet member given by its install. */
export interface AntreaInstallMember extends Omit<AntreaClusterSetMember, "cluster" | "antrea"> {
    /** The member's install (its cluster and `agent` are copied). */
    readonly install: AntreaInstall;
}

/** The ClusterSet's args with installs in place of clusters and Antrea facts. */
export interface AntreaClusterSetBuildArgs extends Omit<AntreaClusterSetArgs, "leader" | "members"> {
    /** The leader's install, and its cluster ID when it is not the cluster name. */
    readonly leader: { readonly install: AntreaInstall; readonly clusterId?: string };
    /** The members, by their installs. */
    readonly members: AntreaInstallMember[];
}

/**
 * The data args of an `AntreaClusterSet` over `AntreaInstall`s: each cluster as its install was given it and the
 * install's `agent` as its `antrea`; the ClusterSet's Pod-to-Pod, stretched-policy and encryption switches default
 * to the first member's (the ClusterSet still refuses members that disagree).
 */
export function antreaClusterSetArgs(args: AntreaClusterSetBuildArgs): AntreaClusterSetArgs {
    const { leader, members, ...rest } = args;
    const first = members[0]?.install.agent.multicluster;
    const member = ({ install, ...entry }: AntreaInstallMember): AntreaClusterSetMember => ({
        ...entry,
        cluster: install.cluster,
        antrea: install.agent,
    });
    return {
        ...rest,
        podToPod: rest.podToPod ?? first?.podToPod,
        stretchedNetworkPolicy: rest.stretchedNetworkPolicy ?? first?.stretchedNetworkPolicy,
        trafficEncryption: rest.trafficEncryption ?? first?.trafficEncryption,
        leader: { cluster: leader.install.cluster, clusterId: leader.clusterId, antrea: leader.install.agent },
        members: members.map(member),
    };
}

// The cross-component rule of a ClusterSet: every member's Antrea enables what the ClusterSet needs of it.
import { PathMapper, ValidationIssue, issue, ownPaths, showValue } from "../../shared/validation";
import { AntreaAgentFacts, AntreaSettings, McTrafficEncryption, MulticlusterAgentSettings } from "../types";

/** What the rule reads of a ClusterSet (`AntreaClusterSetArgs` is one): its switches and each member's Antrea. */
export interface ClusterSetAgentShape {
    /** Pod-to-Pod; @default false. */
    readonly podToPod?: boolean;
    /** Stretched policies; @default false. */
    readonly stretchedNetworkPolicy?: boolean;
    /** Cross-cluster encryption; @default "none". */
    readonly trafficEncryption?: McTrafficEncryption;
    /** The members: their cluster's name and what their Antrea enables. */
    readonly members: readonly { readonly cluster: { readonly name: string }; readonly antrea: AntreaAgentFacts }[];
}

/** The facts of an install's agents: its Multi-cluster part (absent: the gate is off) and its overlay protocol. */
export function agentFactsOf(settings: Pick<AntreaSettings, "tunnelType">, multicluster?: MulticlusterAgentSettings): AntreaAgentFacts {
    return { ...(multicluster ? { multicluster } : {}), tunnelType: settings.tunnelType };
}

/** The ClusterSet switches every member's agents must share, with the ClusterSet's defaults. */
function switchesOf(
    args: ClusterSetAgentShape,
): Pick<MulticlusterAgentSettings, "podToPod" | "stretchedNetworkPolicy" | "trafficEncryption"> {
    return {
        podToPod: args.podToPod ?? false,
        stretchedNetworkPolicy: args.stretchedNetworkPolicy ?? false,
        trafficEncryption: args.trafficEncryption ?? "none",
    };
}

/** One member without the gate, or whose switches disagree with the ClusterSet's. */
function memberIssues(args: ClusterSetAgentShape, i: number, at: PathMapper): ValidationIssue[] {
    const member = args.members[i];
    const own = `members[${i}].antrea`;
    const name = member.cluster.name;
    const agent = member.antrea.multicluster;
    if (agent === undefined) {
        return [
            issue(
                at(`${own}.multicluster`),
                undefined,
                `(the Antrea of cluster ${name} runs without the Multicluster feature gate and the Multi-cluster Gateway), so the ClusterSet's gates would wait out their timeout`,
                `give the AntreaInstall of cluster ${name} multicluster: {} and pass its agent as ${at(own)}`,
            ),
        ];
    }
    const wanted = switchesOf(args);
    return (["podToPod", "stretchedNetworkPolicy", "trafficEncryption"] as const)
        .filter((key) => agent[key] !== wanted[key])
        .map((key) =>
            issue(
                at(`${own}.multicluster.${key}`),
                agent[key],
                `disagrees with ${at(key)} = ${showValue(wanted[key])}, which the agents of every member must share (Antrea 2.7 Multi-cluster user guide)`,
                `set multicluster.${key}: ${showValue(wanted[key])} on the AntreaInstall of cluster ${name}, or ${at(key)}: ${showValue(agent[key])} on the ClusterSet`,
            ),
        );
}

/** Members whose overlay protocol differs from the first member's. */
function tunnelIssues(args: ClusterSetAgentShape, at: PathMapper): ValidationIssue[] {
    const [first, ...rest] = args.members;
    return rest.flatMap((member, j) =>
        first !== undefined && member.antrea.tunnelType !== first.antrea.tunnelType
            ? [
                  issue(
                      at(`members[${j + 1}].antrea.tunnelType`),
                      member.antrea.tunnelType,
                      `differs from ${at("members[0].antrea.tunnelType")} = ${showValue(first.antrea.tunnelType)} of cluster ${first.cluster.name}, and the Multi-cluster Gateways of a ClusterSet tunnel with one protocol`,
                      "install Antrea with the same settings.tunnelType in every member",
                  ),
              ]
            : [],
    );
}

/**
 * What every member's Antrea must enable for the ClusterSet to connect (Antrea 2.7 docs/multicluster/user-guide.md):
 * the agents' `Multicluster` gate with the Gateway, the ClusterSet's Pod-to-Pod, stretched-policy and encryption
 * switches, and one tunnel type. Without it the ClusterSet registers and then waits out its gates at `up`.
 */
export function clusterSetAgentIssues(args: ClusterSetAgentShape, at: PathMapper = ownPaths): ValidationIssue[] {
    return [...args.members.flatMap((_, i) => memberIssues(args, i, at)), ...tunnelIssues(args, at)];
}

// Pure plan of a ClusterSet's gates: what each member's gates check, and the values whose change must re-run them.
import * as pulumi from "@pulumi/pulumi";
import { sha256 } from "../../shared/shell";
import { stableJson } from "../../shared/helm";
import { AntreaClusterSetArgs, AntreaClusterSetMember, antreaVersionOf, clusterIdOf, endpointIpTypeOf, memberMcConfig } from "./types";
import { GatewayCandidate, PeerExpectation } from "./health";
import { ipv4Cidrs } from "./mc-config";

/** A member's gateway candidates with their pinned IPs, in config order. */
export function gatewayCandidates(member: AntreaClusterSetMember): GatewayCandidate[] {
    return member.gatewayNodes.map((node) => {
        const ip = member.gatewayIps?.[node];
        return ip === undefined ? { node } : { node, ip };
    });
}

/** What every other member must import from `member`: its ID, CIDRs as its controller exports them, pinned gateway IPs. */
export function peerExpectation(args: AntreaClusterSetArgs, member: AntreaClusterSetMember): PeerExpectation {
    const config = memberMcConfig(args, member);
    const pinned = gatewayCandidates(member).map((candidate) => candidate.ip);
    return {
        clusterId: clusterIdOf(member),
        serviceCidr: ipv4Cidrs([config.serviceCidr])[0] ?? "",
        podCidrs: ipv4Cidrs(config.podCidrs),
        // Only when every candidate is pinned is the exported IP known; otherwise the Node's address decides.
        gatewayIps: pinned.every((ip): ip is string => ip !== undefined) ? pinned : [],
    };
}

/** The other members of a ClusterSet, as `member` must see them. */
export function peersOf(args: AntreaClusterSetArgs, member: AntreaClusterSetMember): PeerExpectation[] {
    return args.members.filter((other) => other.cluster.name !== member.cluster.name).map((other) => peerExpectation(args, other));
}

/** Checksums of the controllers a member's gates vouch for. */
export interface ControllerChecksums {
    /** The member's controller configuration. */
    readonly member: string;
    /** The leader's controller configuration. */
    readonly leader: string;
}

/**
 * Everything a member's gates vouch for, as one hash: the release, both controllers' configurations, the member's
 * agent values, its gateways, the ClusterSet identity and both clusters' incarnations. Any change re-runs its gates
 * and the demo proofs that rely on it, so a gate is never green for a state it did not see.
 */
export function memberFingerprint(
    args: AntreaClusterSetArgs,
    member: AntreaClusterSetMember,
    checksums: ControllerChecksums,
): pulumi.Output<string> {
    const plain = {
        version: antreaVersionOf(args),
        clusterSetId: args.clusterSetId,
        leaderId: clusterIdOf(args.leader),
        memberId: clusterIdOf(member),
        endpointIpType: endpointIpTypeOf(args),
        trafficEncryption: args.trafficEncryption ?? "none",
        gateways: gatewayCandidates(member),
        controllers: checksums,
    };
    return pulumi
        .all([member.cluster.incarnation, args.leader.cluster.incarnation, member.antrea.valuesChecksum ?? ""])
        .apply(([memberIncarnation, leaderIncarnation, agent]) =>
            sha256(stableJson({ ...plain, memberIncarnation, leaderIncarnation, agent })),
        );
}

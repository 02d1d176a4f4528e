// One ClusterSet member: its access on the leader, its controller, its token copy, gateway Node, ClusterSet and gates.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { inClusterOptions } from "../cluster";
import { clusterScript } from "../shared/kubectl-wait";
import { AntreaClusterSetArgs, AntreaClusterSetMember, clusterIdOf, memberJoin, memberMcConfig } from "./cluster-set-args";
import { clusterSetResource, leaderCountsMember, memberLeave } from "./cluster-set-parts";
import { gatewayNodePatch, memberClusterSet } from "./clusterset-objects";
import { AntreaMcController } from "./controller";
import { memberReadyScript, nodeRegisteredScript } from "./health";
import { createLeaderAccess, createMemberToken } from "./member-access";
import { CLUSTERSET_CRD, MEMBER_CRDS, MEMBER_NAMESPACE } from "./release";

/** What a member is built from. */
export interface MemberContext {
    /** The ClusterSet's args. */
    readonly args: AntreaClusterSetArgs;
    /** This member. */
    readonly member: AntreaClusterSetMember;
    /** Leader namespace. */
    readonly namespace: string;
    /** Bound of each wait. */
    readonly timeout: number;
    /** Text of the pinned member manifest. */
    readonly memberManifest: pulumi.Output<string>;
    /** The leader's CRDs (a dual-role member leaves the ClusterSet CRD to them). */
    readonly leaderCrds: pulumi.Resource;
    /** The leader namespace and serving controller (the member Role exists). */
    readonly leaderObjects: readonly pulumi.Resource[];
    /** The leader's ClusterSet (drains must finish before it is deleted). */
    readonly leaderClusterSet: pulumi.Resource;
    /** Name prefix of the member's objects on the leader. */
    readonly access: string;
}

/** A built member. */
export interface BuiltMember {
    /** Its controller. */
    readonly controller: AntreaMcController;
    /** Its token Secret in kube-system. */
    readonly token: k8s.core.v1.Secret;
    /** Its ClusterSet. */
    readonly clusterSet: k8s.apiextensions.CustomResource;
    /** Its ClusterSet Ready gate, then the leader's count of it. */
    readonly gates: readonly command.local.Command[];
}

function memberController(name: string, context: MemberContext, parent: pulumi.Resource): AntreaMcController {
    const { args, member } = context;
    const dualRole = member.cluster.name === args.leader.cluster.name;
    return new AntreaMcController(name, {
        cluster: member.cluster, role: "member", namespace: MEMBER_NAMESPACE, manifest: context.memberManifest,
        config: memberMcConfig(args, member), crds: MEMBER_CRDS, timeoutSeconds: context.timeout,
        webhooks: [{ kind: "validatingwebhookconfiguration", name: "antrea-mc-validating-webhook-configuration" }],
        // In a dual-role cluster the ClusterSet CRD is the leader's (byte-identical in both assets): owned once.
        ...(dualRole ? { skipCrds: [CLUSTERSET_CRD] } : {}),
        dependsOn: [...(member.dependsOn ?? []), ...(dualRole ? [context.leaderCrds] : [])],
    }, { parent });
}

/**
 * Builds one member. Its ClusterSet comes after its token Secret and its serving controller; the leader-side
 * drain (`-leave`) sits between them so that destroy deletes the member's ClusterSet, drains it on the leader, and
 * only then removes its token, access objects and controller. Nothing here waits on another member.
 */
export function buildMember(name: string, context: MemberContext, parent: pulumi.Resource): BuiltMember {
    const { args, member } = context;
    const cluster = member.cluster;
    const memberId = clusterIdOf(member);
    const access = createLeaderAccess(context.access, {
        leader: args.leader.cluster, namespace: context.namespace, memberId, dependsOn: context.leaderObjects,
    }, parent);
    const controller = memberController(name, context, parent);
    const token = createMemberToken(`${name}-token`, cluster, memberId, access.tokenSecret, parent);
    const gatewayNode = clusterScript(`${name}-gateway-node`, {
        cluster, script: nodeRegisteredScript(cluster.name, member.gatewayNode, context.timeout), dependsOn: member.dependsOn,
    }, parent);
    const gateway = new k8s.core.v1.NodePatch(`${name}-gateway`, gatewayNodePatch(member.gatewayNode, member.gatewayIp),
        inClusterOptions(cluster, parent, { dependsOn: [...(member.dependsOn ?? []), gatewayNode] }));
    const leave = memberLeave(`${context.access}-leave`, {
        leader: args.leader.cluster, namespace: context.namespace, memberId, timeoutSeconds: context.timeout,
        dependsOn: [context.leaderClusterSet, access.serviceAccount, access.tokenSecret, access.roleBinding, token, ...controller.ready],
    }, parent);
    const clusterSet = clusterSetResource(`${name}-clusterset`, cluster, memberClusterSet(memberJoin(args, member)),
        [...controller.ready, token, leave], parent);
    const memberGate = clusterScript(`${name}-health`, {
        cluster,
        script: memberReadyScript({ cluster: cluster.name, clusterSetId: args.clusterSetId, timeoutSeconds: context.timeout }),
        dependsOn: [clusterSet, gateway],
        triggers: [controller.configChecksum],
    }, parent);
    const leaderGate = leaderCountsMember(`${context.access}-health`, args, member,
        { dependsOn: [memberGate], triggers: [controller.configChecksum] }, context.timeout, parent);
    return { controller, token, clusterSet, gates: [memberGate, leaderGate] };
}

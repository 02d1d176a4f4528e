// One ClusterSet member: its access on the leader, its controller, its token copy, gateway Nodes, ClusterSet and gates.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { inClusterOptions } from "../../shared/cluster-access";
import { clusterScript } from "../../shared/kubectl-wait";
import { WiredClusterSetArgs, WiredMember, antreaVersionOf, clusterIdOf, memberJoin, memberMcConfig } from "./types";
import { clusterSetResource, memberGates, memberLeave } from "./parts";
import { gatewayNodePatch, memberClusterSet } from "./manifests";
import { AntreaMcController } from "./controller";
import { leaderFirstScript, nodeRegisteredScript } from "../health";
import { createLeaderAccess, createMemberToken } from "./member-access";
import { CLUSTERSET_CRD, MEMBER_CRDS, MEMBER_NAMESPACE, antreaReleaseTag } from "../release";
import { tokenRollout } from "./token-rotation";

/** What a member is built from. */
export interface MemberContext {
    /** The ClusterSet's args, every cluster wired. */
    readonly args: WiredClusterSetArgs;
    /** This member, wired. */
    readonly member: WiredMember;
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
    /** Every member's fingerprint by cluster name (this member's gates re-run on its own; its peers gate on all). */
    readonly fingerprints: Readonly<Record<string, pulumi.Output<string>>>;
}

/** A built member. */
export interface BuiltMember {
    /** Its controller. */
    readonly controller: AntreaMcController;
    /** Its token Secret in kube-system. */
    readonly token: k8s.core.v1.Secret;
    /** Its ClusterSet. */
    readonly clusterSet: k8s.apiextensions.CustomResource;
    /** Its gates (ClusterSet connected with a Gateway; peers imported; re-export; the leader counts it Ready). */
    readonly gates: readonly command.local.Command[];
}

function memberController(
    name: string,
    context: MemberContext,
    leaderFirst: command.local.Command,
    parent: pulumi.Resource,
): AntreaMcController {
    const { args, member } = context;
    const dualRole = member.cluster.name === args.leader.cluster.name;
    return new AntreaMcController(
        name,
        {
            cluster: member.cluster,
            role: "member",
            namespace: MEMBER_NAMESPACE,
            manifest: context.memberManifest,
            config: memberMcConfig(args, member),
            crds: MEMBER_CRDS,
            timeoutSeconds: context.timeout,
            webhooks: [{ kind: "validatingwebhookconfiguration", name: "antrea-mc-validating-webhook-configuration" }],
            // In a dual-role cluster the ClusterSet CRD is the leader's (byte-identical in both assets): owned once.
            ...(dualRole ? { skipCrds: [CLUSTERSET_CRD] } : {}),
            dependsOn: [...member.dependsOn, ...(dualRole ? [context.leaderCrds] : [])],
            controllerDependsOn: [leaderFirst],
        },
        { parent },
    );
}

/** The member's gateway candidates: one wait for their Nodes, then one NodePatch each (the first keeps `-gateway`). */
function gatewayPatches(name: string, context: MemberContext, parent: pulumi.Resource): k8s.core.v1.NodePatch[] {
    const { member } = context;
    const registered = clusterScript(
        `${name}-gateway-node`,
        {
            cluster: member.cluster,
            script: nodeRegisteredScript(member.cluster.name, member.gatewayNodes, context.timeout),
            dependsOn: member.dependsOn,
        },
        parent,
    );
    return member.gatewayNodes.map(
        (node, i) =>
            new k8s.core.v1.NodePatch(
                i === 0 ? `${name}-gateway` : `${name}-gateway-${node}`,
                gatewayNodePatch(node, member.gatewayIps?.[node]),
                inClusterOptions(member.cluster, parent, { dependsOn: [...member.dependsOn, registered] }),
            ),
    );
}

/** The `-leader-first` wait: the leader's controller runs this ClusterSet's release before the member's is applied. */
function leaderFirstGate(name: string, context: MemberContext, parent: pulumi.Resource): command.local.Command {
    const { args } = context;
    return clusterScript(
        `${name}-leader-first`,
        {
            cluster: args.leader.cluster,
            script: leaderFirstScript({
                cluster: args.leader.cluster.name,
                namespace: context.namespace,
                member: context.member.cluster.name,
                tag: antreaReleaseTag(antreaVersionOf(args)),
                timeoutSeconds: context.timeout,
            }),
        },
        parent,
    );
}

/** The restart of the member's controller after its token is minted again (absent at generation 0). */
function memberTokenRollout(name: string, context: MemberContext, dependsOn: pulumi.Resource[], parent: pulumi.Resource) {
    const generation = context.args.tokenGeneration ?? 0;
    const options = {
        cluster: context.member.cluster,
        namespace: MEMBER_NAMESPACE,
        generation,
        timeoutSeconds: context.timeout,
        dependsOn,
    };
    return tokenRollout(`${name}-token-rollout`, options, parent);
}

/**
 * Builds one member. Its controller is applied once the leader's controller runs the same release (leader first on
 * upgrades); its ClusterSet comes after its token Secret and its serving controller; the leader-side drain (`-leave`)
 * sits between them so that destroy deletes the member's ClusterSet, drains it on the leader, and only then removes
 * its token, access objects and controller. Nothing here waits on another member's resources.
 */
export function buildMember(name: string, context: MemberContext, parent: pulumi.Resource): BuiltMember {
    const { args, member } = context;
    const cluster = member.cluster;
    const memberId = clusterIdOf(member);
    const access = createLeaderAccess(
        context.access,
        {
            leader: args.leader.cluster,
            namespace: context.namespace,
            memberId,
            dependsOn: context.leaderObjects,
            generation: args.tokenGeneration,
        },
        parent,
    );
    const leaderFirst = leaderFirstGate(name, context, parent);
    const controller = memberController(name, context, leaderFirst, parent);
    const token = createMemberToken(`${name}-token`, cluster, memberId, access.tokenSecret, parent);
    const rollout = memberTokenRollout(name, context, [token, ...controller.ready], parent);
    const gateways = gatewayPatches(name, context, parent);
    const leave = memberLeave(
        `${context.access}-leave`,
        {
            leader: args.leader.cluster,
            namespace: context.namespace,
            memberId,
            timeoutSeconds: context.timeout,
            dependsOn: [
                context.leaderClusterSet,
                access.serviceAccount,
                access.tokenSecret,
                access.roleBinding,
                token,
                ...controller.ready,
            ],
        },
        parent,
    );
    const clusterSet = clusterSetResource(
        `${name}-clusterset`,
        cluster,
        memberClusterSet(memberJoin(args, member)),
        [...controller.ready, token, leave],
        parent,
    );
    const gates = memberGates(name, { ...context, dependsOn: [clusterSet, ...gateways, ...(rollout ? [rollout] : [])] }, parent);
    return { controller, token, clusterSet, gates };
}

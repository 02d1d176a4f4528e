// Parts of a ClusterSet: pinned asset downloads, ClusterSet resources, a member's destroy-time drain and its gates.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../../cluster";
import { inClusterOptions, requireClusterAccess } from "../../shared/cluster-access";
import { clusterScript, kubectlScriptPreamble } from "../../shared/kubectl-wait";
import { requireTool, scriptPreamble, sh } from "../../shared/shell";
import { WiredClusterSetArgs, WiredMember, clusterIdOf, endpointIpTypeOf, leaderNamespaceOf } from "./types";
import { gatewayCandidates, peerExpectation, peersOf } from "./plan";
import { CLUSTERSET_IMMUTABLE_PATHS, ClusterSetObject } from "./manifests";
import { leaderCountsMemberScript, memberReadyScript, peersSeenScript } from "./health";
import { memberLeaveScript, reexportScript } from "./leave";
import { AntreaReleaseAsset, releaseAssetUrl } from "../release";

/** A local command that downloads one pinned release asset (stdout: the manifest; never `main`, never vendored). */
export function fetchAsset(name: string, version: string, asset: AntreaReleaseAsset, parent: pulumi.Resource): command.local.Command {
    const url = releaseAssetUrl(version, asset);
    const script = [
        scriptPreamble(`Downloads ${asset} of Antrea ${version} (pinned release asset).`, { inheritPath: true }).trimEnd(),
        requireTool("curl", "curl is required on the machine running pulumi"),
        `curl -fsSL --retry 3 --retry-delay 2 ${sh(url)}`,
        "",
    ].join("\n");
    return new command.local.Command(
        name,
        {
            create: script,
            interpreter: ["bash", "-c"],
            logging: "stderr",
            addPreviousOutputInEnv: false,
            triggers: [url],
        },
        { parent },
    );
}

/** A ClusterSet custom resource: replaced (deleted first: one per namespace) when an ID the webhook freezes changes. */
export function clusterSetResource(
    name: string,
    cluster: Cluster,
    object: ClusterSetObject,
    dependsOn: readonly pulumi.Resource[],
    parent: pulumi.Resource,
): k8s.apiextensions.CustomResource {
    return new k8s.apiextensions.CustomResource(
        name,
        { ...object },
        {
            ...inClusterOptions(cluster, parent, { dependsOn: [...dependsOn] }),
            replaceOnChanges: [...CLUSTERSET_IMMUTABLE_PATHS],
            deleteBeforeReplace: true,
        },
    );
}

/** Inputs of {@link memberLeave}. */
export interface MemberLeaveArgs {
    /** The leader cluster. */
    readonly leader: Cluster;
    /** Leader namespace. */
    readonly namespace: string;
    /** The member's cluster ID. */
    readonly memberId: string;
    /** Bound of each wait. */
    readonly timeoutSeconds: number;
    /** What must outlive the drain: the leader ClusterSet, the member's access objects and its controller. */
    readonly dependsOn: readonly pulumi.Resource[];
}

/**
 * The destroy-time drain of one member on the leader: a command whose delete (after the member's ClusterSet is
 * gone, before the leader's ClusterSet, access objects and CRDs) clears the member's announcement and exports.
 */
export function memberLeave(name: string, args: MemberLeaveArgs, parent: pulumi.Resource): command.local.Command {
    const create = [
        ...kubectlScriptPreamble(`Member ${args.memberId} joined the ClusterSet on leader ${args.leader.name}; its drain runs on delete.`),
        `echo ${sh(`member ${args.memberId} is registered for draining`)}`,
        "",
    ].join("\n");
    return new command.local.Command(
        name,
        {
            create,
            delete: memberLeaveScript({
                cluster: args.leader.name,
                namespace: args.namespace,
                memberId: args.memberId,
                timeoutSeconds: args.timeoutSeconds,
            }),
            interpreter: ["bash", "-c"],
            stdin: pulumi.secret(args.leader.kubeconfig),
            logging: "none",
            addPreviousOutputInEnv: false,
        },
        { parent, dependsOn: [...requireClusterAccess(args.leader).ready, ...args.dependsOn] },
    );
}

/** What a member's gates are built from. */
export interface MemberGateContext {
    /** The ClusterSet's args, every cluster wired. */
    readonly args: WiredClusterSetArgs;
    /** This member, wired. */
    readonly member: WiredMember;
    /** Leader namespace. */
    readonly namespace: string;
    /** Bound of each gate. */
    readonly timeout: number;
    /** Name prefix of the member's objects on the leader. */
    readonly access: string;
    /** Every member's fingerprint by cluster name. */
    readonly fingerprints: Readonly<Record<string, pulumi.Output<string>>>;
    /** What the first gate waits for: the member's ClusterSet and gateway annotations. */
    readonly dependsOn: readonly pulumi.Resource[];
}

/** The member's `-health` gate: connected now to the leader, a Gateway elected, re-run when its fingerprint changes. */
function memberHealthGate(name: string, context: MemberGateContext, parent: pulumi.Resource): command.local.Command {
    const { args, member, timeout } = context;
    return clusterScript(
        `${name}-health`,
        {
            cluster: member.cluster,
            script: memberReadyScript({
                cluster: member.cluster.name,
                clusterSetId: args.clusterSetId,
                leaderId: clusterIdOf(args.leader),
                gateways: gatewayCandidates(member),
                serviceCidr: peerExpectation(args, member).serviceCidr,
                timeoutSeconds: timeout,
            }),
            dependsOn: context.dependsOn,
            triggers: [context.fingerprints[member.cluster.name]],
        },
        parent,
    );
}

/** The leader's `<access>-health` gate: the leader counts the member Ready, after the member's own health gate. */
function leaderCountsGate(context: MemberGateContext, memberGate: command.local.Command, parent: pulumi.Resource): command.local.Command {
    const { args, member } = context;
    return clusterScript(
        `${context.access}-health`,
        {
            cluster: args.leader.cluster,
            script: leaderCountsMemberScript({
                cluster: args.leader.cluster.name,
                namespace: leaderNamespaceOf(args),
                clusterSetId: args.clusterSetId,
                memberId: clusterIdOf(member),
                timeoutSeconds: context.timeout,
            }),
            dependsOn: [memberGate],
            triggers: [context.fingerprints[member.cluster.name]],
        },
        parent,
    );
}

/**
 * A member's gates, each re-run when anything it vouches for changes (its fingerprint; the peers gate also on every
 * peer's): `-health` (connected now, Gateway elected), `-peers-check` (every peer's ClusterInfo imported), `-reexport`
 * (ServiceExports re-exported under the current endpoint type) and, on the leader, `<access>-health` (counted Ready).
 */
export function memberGates(name: string, context: MemberGateContext, parent: pulumi.Resource): command.local.Command[] {
    const { args, member, timeout } = context;
    const cluster = member.cluster;
    const own = context.fingerprints[cluster.name];
    const memberGate = memberHealthGate(name, context, parent);
    const peers = args.members.filter((other) => other.cluster.name !== cluster.name);
    const peersGate = clusterScript(
        `${name}-peers-check`,
        {
            cluster,
            script: peersSeenScript({
                cluster: cluster.name,
                peers: peersOf(args, member),
                wireGuard: args.trafficEncryption === "wireGuard",
                timeoutSeconds: timeout,
            }),
            dependsOn: [memberGate],
            triggers: [own, ...peers.map((other) => context.fingerprints[other.cluster.name])],
        },
        parent,
    );
    const reexport = clusterScript(
        `${name}-reexport`,
        {
            cluster,
            script: reexportScript({ cluster: cluster.name, endpointIpType: endpointIpTypeOf(args) }),
            dependsOn: [memberGate],
        },
        parent,
    );
    return [memberGate, peersGate, reexport, leaderCountsGate(context, memberGate, parent)];
}

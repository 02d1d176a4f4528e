// Parts of a ClusterSet: pinned asset downloads, ClusterSet resources, a member's destroy-time drain and leader gate.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster, inClusterOptions } from "../cluster";
import { clusterScript, kubectlScriptPreamble } from "../shared/kubectl-wait";
import { requireTool, scriptPreamble, sh } from "../shared/shell";
import { AntreaClusterSetArgs, AntreaClusterSetMember, clusterIdOf, leaderNamespaceOf } from "./cluster-set-args";
import { CLUSTERSET_IMMUTABLE_PATHS, ClusterSetObject } from "./clusterset-objects";
import { leaderCountsMemberScript, memberLeaveScript } from "./health";
import { AntreaReleaseAsset, releaseAssetUrl } from "./release";

/** A local command that downloads one pinned release asset (stdout: the manifest; never `main`, never vendored). */
export function fetchAsset(name: string, version: string, asset: AntreaReleaseAsset, parent: pulumi.Resource): command.local.Command {
    const url = releaseAssetUrl(version, asset);
    const script = [
        scriptPreamble(`Downloads ${asset} of Antrea ${version} (pinned release asset).`, { inheritPath: true }).trimEnd(),
        requireTool("curl", "curl is required on the machine running pulumi"),
        `curl -fsSL --retry 3 --retry-delay 2 ${sh(url)}`,
        "",
    ].join("\n");
    return new command.local.Command(name, {
        create: script, interpreter: ["bash", "-c"], logging: "stderr", addPreviousOutputInEnv: false, triggers: [url],
    }, { parent });
}

/** A ClusterSet custom resource: replaced (deleted first: one per namespace) when an ID the webhook freezes changes. */
export function clusterSetResource(name: string, cluster: Cluster, object: ClusterSetObject, dependsOn: readonly pulumi.Resource[], parent: pulumi.Resource): k8s.apiextensions.CustomResource {
    return new k8s.apiextensions.CustomResource(name, { ...object }, {
        ...inClusterOptions(cluster, parent, { dependsOn: [...dependsOn] }),
        replaceOnChanges: [...CLUSTERSET_IMMUTABLE_PATHS],
        deleteBeforeReplace: true,
    });
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
    const create = [...kubectlScriptPreamble(`Member ${args.memberId} joined the ClusterSet on leader ${args.leader.name}; its drain runs on delete.`),
        `echo ${sh(`member ${args.memberId} is registered for draining`)}`, ""].join("\n");
    return new command.local.Command(name, {
        create,
        delete: memberLeaveScript({ cluster: args.leader.name, namespace: args.namespace, memberId: args.memberId, timeoutSeconds: args.timeoutSeconds }),
        interpreter: ["bash", "-c"],
        stdin: pulumi.secret(args.leader.kubeconfig),
        logging: "none",
        addPreviousOutputInEnv: false,
    }, { parent, dependsOn: [...args.leader.ready, ...args.dependsOn] });
}

/** The leader gate for one member (the leader's ClusterSet counts it Ready). */
export function leaderCountsMember(name: string, args: AntreaClusterSetArgs, member: AntreaClusterSetMember,
    gate: { readonly dependsOn: readonly pulumi.Resource[]; readonly triggers: readonly pulumi.Input<unknown>[] }, timeout: number,
    parent: pulumi.Resource): command.local.Command {
    return clusterScript(name, {
        cluster: args.leader.cluster,
        script: leaderCountsMemberScript({
            cluster: args.leader.cluster.name, namespace: leaderNamespaceOf(args), clusterSetId: args.clusterSetId,
            memberId: clusterIdOf(member), timeoutSeconds: timeout,
        }),
        dependsOn: gate.dependsOn,
        triggers: gate.triggers,
    }, parent);
}

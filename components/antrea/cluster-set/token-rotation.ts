// After a member token is re-minted: restart the member's antrea-mc-controller, which reads its token Secret only at start.
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../../cluster";
import { clusterScript, kubectlScriptPreamble } from "../../shared/kubectl-wait";
import { inSlices, sh } from "../../shared/shell";
import { deadlineLines } from "../health";
import { MC_CONTROLLER } from "../release";

/** Options of {@link tokenRolloutScript}. */
export interface TokenRolloutOptions {
    /** The member cluster (messages). */
    readonly cluster: string;
    /** Namespace of the member controller (kube-system). */
    readonly namespace: string;
    /** The token generation this restart follows (messages). */
    readonly generation: number;
    /** Bound of the rollout wait in seconds. */
    readonly timeoutSeconds: number;
}

/**
 * Restarts the member controller and waits (bounded) for the rollout. antrea@v2.7.0's member ClusterSet reconciler
 * reads the leader's token Secret only when it builds the leader client (`createRemoteCommonArea`,
 * member/clusterset_controller.go) and watches no Secret, so a re-minted token reaches it only through a new pod.
 * A re-run (same generation, the script interrupted) restarts again, which is harmless.
 */
export function tokenRolloutScript(options: TokenRolloutOptions): string {
    const t = options.timeoutSeconds;
    const where = `cluster ${options.cluster}`;
    const deployment = `deployment/${MC_CONTROLLER}`;
    const lines = [
        ...kubectlScriptPreamble(`Restarts the member antrea-mc-controller in ${where} for member-token generation ${options.generation}.`),
        ...deadlineLines(t),
        `kubectl -n ${sh(options.namespace)} rollout restart ${deployment} >/dev/null || fail ${sh(`${where}: the member ${MC_CONTROLLER} in ${options.namespace} could not be restarted (is the member controller installed?)`)}`,
        `${inSlices(`the member ${MC_CONTROLLER} in ${where}`, '"$(left)"', `kubectl -n ${sh(options.namespace)} rollout status ${deployment}`)} || fail ${sh(`${where}: the restarted member ${MC_CONTROLLER} is not rolled out after ${t}s`)}`,
        `echo ${sh(`the member ${MC_CONTROLLER} in ${where} runs with member-token generation ${options.generation}`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

/** Inputs of {@link tokenRollout}. */
export interface TokenRolloutArgs {
    /** The member cluster. */
    readonly cluster: Cluster;
    /** Namespace of the member controller. */
    readonly namespace: string;
    /** The member-token generation; 0 declares nothing. */
    readonly generation: number;
    /** Bound of the rollout wait in seconds. */
    readonly timeoutSeconds: number;
    /** What the restart waits for (the member's refreshed token copy, its controller). */
    readonly dependsOn: readonly pulumi.Resource[];
}

/**
 * The restart after a token rotation (`<name>`), only once the generation is raised above 0 (so a stack that never
 * rotates keeps its resources); it waits for the member's refreshed token copy and re-runs when the generation changes.
 */
export function tokenRollout(name: string, args: TokenRolloutArgs, parent: pulumi.Resource): command.local.Command | undefined {
    if (args.generation <= 0) {
        return undefined;
    }
    const script = tokenRolloutScript({
        cluster: args.cluster.name,
        namespace: args.namespace,
        generation: args.generation,
        timeoutSeconds: args.timeoutSeconds,
    });
    return clusterScript(name, { cluster: args.cluster, script, dependsOn: args.dependsOn, triggers: [String(args.generation)] }, parent);
}

// The anchors, on the same latency table: the seeds' by-hand order (every step one after another, plus the manual
// steps the guides add), and the Cilium CLI flow (`cilium clustermesh enable`, then pairwise `connect` upgrades).
import { StackConfig } from "../../stacks/config/types";
import { stepId } from "./ideal-graph";
import { LatencyModel } from "./model";

/** A manual step a seed guide adds, how often, and its latency class. */
export interface ManualStep {
    /** What the guide does. */
    readonly what: string;
    /** How many times for `n` clusters. */
    readonly times: (n: number) => number;
    /** Latency classes it costs, one after another. */
    readonly costs: readonly (keyof LatencyModel)[];
}

const perCluster = (n: number) => n;
const perPair = (n: number) => (n * (n - 1)) / 2;
const perOrderedPair = (n: number) => n * (n - 1);
const perMember = (n: number) => Math.max(n - 1, 0);

/** The manual steps each seed adds beyond what the program declares (seeds 000–004). */
export const manualSteps: Readonly<Record<string, readonly ManualStep[]>> = {
    "cilium-clustermesh": [
        { what: "cilium clustermesh enable (Helm upgrade, apiserver rollout) per cluster", times: perCluster, costs: ["helmOther", "podsReady"] },
        { what: "cilium clustermesh connect per pair (Helm upgrade of both releases)", times: perPair, costs: ["helmOther", "helmOther"] },
        { what: "delete the agent and operator pods per cluster (seed 004, CA mismatch)", times: perCluster, costs: ["podsReady", "podsReady"] },
    ],
    "antrea-multicluster": [
        { what: "create and copy a member token Secret per member (seed 000/001)", times: perMember, costs: ["kubernetesObject", "kubernetesObject"] },
        { what: "edit antrea-mc-controller-config and rollout restart per cluster (seed 000)", times: perCluster, costs: ["kubernetesObject", "podsReady"] },
    ],
    linkerd: [
        { what: "linkerd multicluster link | kubectl apply per ordered pair (seed 003)", times: perOrderedPair, costs: ["localOther", "kubernetesObject"] },
    ],
    contrail: [
        { what: "copy kubeconfig Secrets crosswise per distributed cluster (seed 002)", times: perMember, costs: ["kubernetesObject", "kubernetesObject"] },
    ],
};

/** The by-hand anchor: every ideal step one after another, plus the guide's manual steps. */
export function byHandSeconds(config: StackConfig, idealSequentialSeconds: number, model: LatencyModel): number {
    const n = config.clusters.length;
    const extra = (manualSteps[config.mesh.kind] ?? [])
        .reduce((sum, step) => sum + step.times(n) * step.costs.reduce((s, cost) => s + model[cost], 0), 0);
    return idealSequentialSeconds + extra;
}

/** Rounds of pairwise connects when no cluster takes part in two at once (a round-robin schedule of K_n). */
export function connectRounds(n: number): number {
    return n < 2 ? 0 : n % 2 === 0 ? n - 1 : n;
}

/** The Cilium CLI flow, timed. */
export interface CliFlow {
    /** When every cluster runs Cilium (and has its pools with LoadBalancer exposure), s: the same start as the program's mesh. */
    readonly readySeconds: number;
    /** Pairwise connect rounds. */
    readonly rounds: number;
    /** Total, s. */
    readonly seconds: number;
}

/**
 * The CLI flow from the moment every cluster runs Cilium (taken from the ideal graph): `enable` in every cluster
 * at once (a Helm upgrade and the apiserver rollout), then the pairwise `connect`s — each upgrades both
 * releases in turn, and a release takes one upgrade at a time, so they run in round-robin rounds — then
 * `cilium clustermesh status` everywhere. (The CLI's `--connection-mode mesh` is left out: the issue asks
 * for the pairwise flow the seed uses.)
 */
export function ciliumCliFlow(config: StackConfig, idealFinish: ReadonlyMap<string, number>, model: LatencyModel): CliFlow | undefined {
    if (config.mesh.kind !== "cilium-clustermesh") {
        return undefined;
    }
    const loadBalanced = config.mesh.exposure === "LoadBalancer";
    const readySeconds = Math.max(...config.clusters.map((cluster) => Math.max(
        idealFinish.get(stepId(cluster.name, "cni.running")) ?? 0,
        loadBalanced ? idealFinish.get(stepId(cluster.name, "loadBalancer.objects")) ?? 0 : 0,
    )));
    const rounds = connectRounds(config.clusters.length);
    const seconds = readySeconds + model.helmOther + model.podsReady + rounds * 2 * model.helmOther + model.healthGate;
    return { readySeconds, rounds, seconds };
}

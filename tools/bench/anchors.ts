// The anchors, on the same latency table: the seeds' by-hand order (every step one after another, plus the manual
// steps the guides add), and the Cilium CLI flow (`cilium clustermesh enable`, then pairwise `connect` upgrades).
import { LatencyClass, ManualStep } from "../../stacks/areas/bench";
import { StackConfig } from "../../stacks/config/types";
import { stepId } from "./ideal-graph";
import { LatencyModel } from "./model";
import { findMeshKindSpec, meshKinds } from "./synthetic";

export type { ManualStep } from "../../stacks/areas/bench";

/** Every latency class a manual step may cost is one of the model's. */
const sameClasses: [Exclude<LatencyClass, keyof LatencyModel>, Exclude<keyof LatencyModel, LatencyClass>] extends [never, never] ? true : never = true;
void sameClasses;

/** The manual steps each seed adds beyond what the program declares (seeds 000–004), by mesh kind. */
export const manualSteps: Readonly<Record<string, readonly ManualStep[]>> = Object.fromEntries(meshKinds
    .flatMap((spec) => (spec.manualSteps ? [[spec.kind, spec.manualSteps]] : [])));

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
    if (findMeshKindSpec(config.mesh.kind)?.cliFlow !== true) {
        return undefined;
    }
    const loadBalanced = "exposure" in config.mesh && config.mesh.exposure === "LoadBalancer";
    const readySeconds = Math.max(...config.clusters.map((cluster) => Math.max(
        idealFinish.get(stepId(cluster.name, "cni.running")) ?? 0,
        loadBalanced ? idealFinish.get(stepId(cluster.name, "loadBalancer.objects")) ?? 0 : 0,
    )));
    const rounds = connectRounds(config.clusters.length);
    const seconds = readySeconds + model.helmOther + model.podsReady + rounds * 2 * model.helmOther + model.healthGate;
    return { readySeconds, rounds, seconds };
}

// The cluster as KubeadmCluster wires it: the graph decided at construction, the values (scripts, hosts) plain or known later.
import * as pulumi from "@pulumi/pulumi";
import { KubeadmClusterArgs, ResolvedKubeadmCluster, ResolvedNode } from "./types";
import { RemoteStep, planSteps } from "./steps";
import { kubeadmClusterDefaults, resolveKubeadmCluster } from "./resolve";
import { constructionIssues, refuse, resolvedValues, standInArgs } from "./inputs";

/** Renders something over the cluster's real values and their planned steps. */
export type ClusterRender<T> = (cluster: ResolvedKubeadmCluster, steps: readonly RemoteStep[]) => pulumi.Input<T>;

/** A cluster whose resource graph is known at construction, and whose values may be known only later. */
export interface ClusterView {
    /** Names, roles, counts and every plain value (stand-ins where a value is an Output): what decides the graph. */
    readonly shape: ResolvedKubeadmCluster;
    /** The steps planned from {@link shape}: which exist, their roles, nodes (by key) and dependencies. */
    readonly steps: readonly RemoteStep[];
    /** True when every value was known at construction ({@link over} then returns plain values). */
    readonly known: boolean;
    /** Node addresses known at construction (all of them unless some are Outputs), control planes first. */
    readonly knownAddresses: string[];
    /** `render` over the real cluster: plain when every value was, else an Output (rules checked there first). */
    over<T>(render: ClusterRender<T>): pulumi.Input<T>;
}

/** A cluster whose values are all known (resolved and checked already). */
export function plainView(cluster: ResolvedKubeadmCluster): ClusterView {
    const steps = planSteps(cluster);
    return {
        shape: cluster,
        steps,
        known: true,
        knownAddresses: [...cluster.controlPlanes, ...cluster.workers].map((node) => node.address),
        over: (render) => render(cluster, steps),
    };
}

/**
 * A cluster of cluster `name` with some values given as Outputs: the rules that can run do so now (throws
 * ConfigValidationError), the graph comes from stand-ins, and everything else is rendered once the values resolve,
 * after every rule ran over them (an apply that throws ConfigValidationError with the rule's sentence); `warn` gets
 * the resolved cluster then.
 */
export function laterView(
    name: string,
    args: KubeadmClusterArgs,
    unknown: readonly string[],
    warn: (cluster: ResolvedKubeadmCluster) => void,
): ClusterView {
    refuse(name, constructionIssues(name, args, unknown));
    const shape = kubeadmClusterDefaults(name, standInArgs(args));
    const real = resolvedValues(args).apply((values) => {
        const cluster = resolveKubeadmCluster(name, values);
        warn(cluster);
        return { cluster, steps: planSteps(cluster) };
    });
    const nodes = [...args.controlPlanes, ...(args.workers ?? [])].map((node) => node.address ?? node.host);
    return {
        shape,
        steps: planSteps(shape),
        known: false,
        knownAddresses: nodes.filter((address): address is string => typeof address === "string"),
        over: <T>(render: ClusterRender<T>) =>
            real.apply(({ cluster, steps }) => pulumi.output(render(cluster, steps)) as pulumi.Output<T>),
    };
}

/** The step of `role` in a plan. */
export function stepByRole(steps: readonly RemoteStep[], role: string): RemoteStep {
    const found = steps.find((step) => step.role === role);
    if (found === undefined) {
        throw new Error(`internal: KubeadmCluster step ${role} is not in the plan of the resolved values`);
    }
    return found;
}

/** The node of `key` in a cluster. */
export function nodeByKey(cluster: ResolvedKubeadmCluster, key: string): ResolvedNode {
    const found = [...cluster.controlPlanes, ...cluster.workers].find((node) => node.key === key);
    if (found === undefined) {
        throw new Error(`internal: KubeadmCluster node ${key} is not in the resolved values`);
    }
    return found;
}

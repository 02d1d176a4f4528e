// The upgrade steps of a kubeadm cluster: one per node, first control plane, then the others, then each worker, in a chain.
import type { RemoteStep } from "./steps";
import { ResolvedKubeadmCluster, ResolvedNode } from "./types";
import { renderUpgrade } from "./upgrade-scripts";

/** Role of a node's upgrade step (the resource is `<cluster>-upgrade-<node key>`). */
export const upgradeRole = (node: ResolvedNode): string => `upgrade-${node.key}`;

/**
 * One upgrade step per node, chained so that one node at a time is drained: the first control plane (`kubeadm
 * upgrade apply`, after the cluster is ready), the other control planes, then the workers (`kubeadm upgrade node`),
 * each after its own join and the previous node's upgrade. Each also waits for its prepare step, which points apt at
 * the version's package repository. The version is in the script text only: a change updates (re-runs) the step,
 * never replaces it, and a new cluster's steps find every node at the version and do nothing.
 */
export function planUpgrades(cluster: ResolvedKubeadmCluster): RemoteStep[] {
    const [first, ...others] = cluster.controlPlanes;
    const steps: RemoteStep[] = [upgradeStep(cluster, first, "apply", ["ready"])];
    for (const node of [...others, ...cluster.workers]) {
        const previous = steps[steps.length - 1].role;
        steps.push(upgradeStep(cluster, node, "node", [`${node.key}-join`, previous]));
    }
    return steps;
}

function upgradeStep(cluster: ResolvedKubeadmCluster, node: ResolvedNode, mode: "apply" | "node", after: string[]): RemoteStep {
    const joined = mode === "apply" ? "init" : `${node.key}-join`;
    return {
        role: upgradeRole(node),
        node,
        script: renderUpgrade(cluster, node, mode),
        stdin: node.role === "worker" ? "admin-kubeconfig" : "none",
        after: [`${node.key}-prepare`, ...after],
        destructiveDelete: false,
        triggers: [node.name, node.host, node.address],
        // A rebuilt node (or cluster) runs its upgrade step again: a no-op at the version, but never a stale record.
        rebuiltWith: [...new Set(["init", joined])],
    };
}

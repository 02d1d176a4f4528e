// The remote steps of a kubeadm cluster as data: what runs where, with which stdin, after what. Reads as the runbook.
import { ResolvedKubeadmCluster, ResolvedNode } from "./types";
import { renderPrepareNode, renderReleaseNode } from "./scripts-node";
import { renderEnsureToken, renderInit, renderPlacePki, renderRemovePki, renderWaitReady } from "./scripts-control-plane";
import { renderJoin, renderNodeRegistered, renderNodeRemoval, renderReset } from "./scripts-join";
import { renderNodeDeletion, renderNodeDeregistration } from "./scripts-removal";
import { planUpgrades, upgradeRole } from "./upgrade-steps";

/** Secret material a step reads on stdin (the component turns it into a secret Output). */
export type StepStdin = "none" | "pki-bundle" | "init-config" | "token-config" | "join-config" | "admin-kubeconfig";

/** One remote step: a `remote.Command` named `<cluster>-<role>`. */
export interface RemoteStep {
    /** Unique role in the cluster, the child name suffix. */
    readonly role: string;
    /** Node the command runs on (its SSH connection). */
    readonly node: ResolvedNode;
    /** Create script (idempotent; re-run whenever an input changes). */
    readonly script: string;
    /** Delete script, if deleting the resource must undo something. */
    readonly deleteScript?: string;
    /** What travels on stdin. */
    readonly stdin: StepStdin;
    /** Roles this step waits on (real dependencies only). */
    readonly after: readonly string[];
    /** The delete path is destructive on the same host, so a replacement must delete first. */
    readonly destructiveDelete: boolean;
    /** Values whose change replaces the step (where it runs, and for whom). */
    readonly triggers: readonly string[];
    /**
     * Steps whose replacement replaces this one too: their resource IDs join the triggers, so a deleteBeforeReplace
     * of theirs deletes this step first (Pulumi deletes property dependents that would be replaced before it).
     */
    readonly rebuiltWith: readonly string[];
}

const identity = (node: ResolvedNode): string[] => [node.name, node.host, node.address];

/** A step as planned: the defaults `withDefaults` fills in may be left out. */
type StepDraft = Omit<RemoteStep, "triggers" | "destructiveDelete" | "rebuiltWith"> &
    Partial<Pick<RemoteStep, "destructiveDelete" | "rebuiltWith">>;

/** Fills a step's defaults: not destructive, replaced when its node's identity changes, rebuilt with nothing. */
const withDefaults = (draft: StepDraft): RemoteStep => ({
    destructiveDelete: false,
    triggers: identity(draft.node),
    rebuiltWith: [],
    ...draft,
});

/** Plans every step of `cluster`, in runbook order. */
export function planSteps(cluster: ResolvedKubeadmCluster): RemoteStep[] {
    const [first, ...otherControlPlanes] = cluster.controlPlanes;
    const joining = [...otherControlPlanes, ...cluster.workers];
    // The first control plane's upgrade goes before the joins, which wait for it: a node joins at the cluster's version.
    const [firstUpgrade, ...upgrades] = planUpgrades(cluster);
    return [
        ...planNodeSetup(cluster),
        ...planBootstrap(cluster, first, joining),
        firstUpgrade,
        ...planJoins(cluster, first, joining),
        ...upgrades,
    ];
}

/** Every node is prepared in parallel; control planes get the PKI in parallel with that. */
function planNodeSetup(cluster: ResolvedKubeadmCluster): RemoteStep[] {
    const prepare = [...cluster.controlPlanes, ...cluster.workers].map((node) =>
        withDefaults({
            role: `${node.key}-prepare`,
            node,
            script: renderPrepareNode(cluster, node),
            deleteScript: renderReleaseNode(cluster, node),
            stdin: "none",
            after: [],
            destructiveDelete: true,
        }),
    );
    const pki = cluster.controlPlanes.map((node) =>
        withDefaults({
            role: `${node.key}-pki`,
            node,
            script: renderPlacePki(cluster, node),
            deleteScript: renderRemovePki(cluster, node),
            stdin: "pki-bundle",
            after: [],
            destructiveDelete: true,
        }),
    );
    return [...prepare, ...pki];
}

/** `kubeadm init` on the first control plane, its readiness wait, and the join token when anything joins. */
function planBootstrap(cluster: ResolvedKubeadmCluster, first: ResolvedNode, joining: readonly ResolvedNode[]): RemoteStep[] {
    const steps = [
        withDefaults({
            role: "init",
            node: first,
            script: renderInit(cluster),
            deleteScript: renderReset(cluster, first),
            stdin: "init-config",
            after: [`${first.key}-prepare`, `${first.key}-pki`],
            destructiveDelete: true,
        }),
        // A replaced init is a new cluster: everything that vouches for it or belongs to it is rebuilt with it.
        withDefaults({
            role: "ready",
            node: first,
            script: renderWaitReady(cluster),
            stdin: "none",
            after: ["init"],
            rebuiltWith: ["init"],
        }),
    ];
    if (joining.length > 0) {
        // `kubeadm init` returns once the API serves and the admin binding exists, so the token needs init, not `ready`.
        steps.push(
            withDefaults({
                role: "token",
                node: first,
                script: renderEnsureToken(cluster, joining),
                stdin: "token-config",
                after: ["init"],
                rebuiltWith: ["init"],
            }),
        );
    }
    return steps;
}

/** etcd grows one member at a time, so control planes join in sequence; workers join in parallel. */
function planJoins(cluster: ResolvedKubeadmCluster, first: ResolvedNode, joining: readonly ResolvedNode[]): RemoteStep[] {
    const steps: RemoteStep[] = [];
    let previousControlPlane: string | undefined;
    for (const node of joining) {
        const own = node.role === "control-plane" ? [`${node.key}-prepare`, `${node.key}-pki`] : [`${node.key}-prepare`];
        const sequence = node.role === "control-plane" && previousControlPlane ? [previousControlPlane] : [];
        steps.push(
            deregisterStep(cluster, first, node),
            withDefaults({
                role: `${node.key}-join`,
                node,
                script: renderJoin(cluster, node),
                deleteScript: renderReset(cluster, node),
                stdin: "join-config",
                after: [...own, "token", upgradeRole(first), ...sequence, `${node.key}-deregister`],
                destructiveDelete: true,
                rebuiltWith: ["init"],
            }),
            cleanupStep(cluster, first, node),
        );
        if (node.role === "control-plane") {
            previousControlPlane = `${node.key}-join`;
        }
    }
    return steps;
}

/**
 * Runs on the first control plane before `node` joins; its delete, which runs after the join's reset (Pulumi deletes
 * dependents first), deletes the Node: `kubeadm reset` of a control plane needs its Node to remove its etcd member.
 * Replaced when the node moves, so a moved node's Node is drained and deleted before the new host joins.
 */
function deregisterStep(cluster: ResolvedKubeadmCluster, first: ResolvedNode, node: ResolvedNode): RemoteStep {
    return {
        role: `${node.key}-deregister`,
        node: first,
        script: renderNodeDeregistration(cluster, node),
        deleteScript: renderNodeDeletion(cluster, node),
        stdin: "none",
        after: ["init"],
        destructiveDelete: true,
        triggers: [...identity(first), ...identity(node)],
        rebuiltWith: ["init"],
    };
}

/** Runs on the first control plane: confirms `node` registered, and drains it on delete (before its reset). */
function cleanupStep(cluster: ResolvedKubeadmCluster, first: ResolvedNode, node: ResolvedNode): RemoteStep {
    return {
        role: `${node.key}-cleanup`,
        node: first,
        script: renderNodeRegistered(cluster, node),
        deleteScript: renderNodeRemoval(cluster, node),
        // Rebuilt with its join: the node is drained before its join's delete resets it (the deregister step
        // deletes the Node after that reset).
        stdin: "none",
        after: [`${node.key}-join`],
        destructiveDelete: true,
        triggers: [...identity(first), ...identity(node)],
        rebuiltWith: ["init", `${node.key}-join`],
    };
}

/** A plain-text runbook of the steps (role, node, stdin, dependencies), for review and golden tests. */
export function describeSteps(steps: readonly RemoteStep[]): string {
    return (
        steps
            .map((step) => {
                const flags = [
                    step.stdin !== "none" ? `stdin=${step.stdin} (secret, logging off)` : "",
                    step.deleteScript ? (step.destructiveDelete ? "delete (deleteBeforeReplace)" : "delete") : "",
                    step.rebuiltWith.length ? `rebuilt with ${step.rebuiltWith.join(", ")}` : "",
                ]
                    .filter(Boolean)
                    .join(", ");
                const after = step.after.length ? ` after ${step.after.join(", ")}` : "";
                return `${step.role} on ${step.node.name}${after}${flags ? ` [${flags}]` : ""}`;
            })
            .join("\n") + "\n"
    );
}

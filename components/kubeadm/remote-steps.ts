// The planned steps as remote.Command resources under a KubeadmCluster: graph from the plan, scripts over the real values.
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { ClusterView, nodeByKey, stepByRole } from "./cluster-view";
import { nodeConnection } from "./connection";
import { asRoot } from "./script-kit";
import { RemoteStep } from "./steps";
import { ClusterSecrets, stepStdin } from "./secrets";

type ConnectionArgs = command.types.input.remote.ConnectionArgs;

/** Every planned remote step (`<cluster>-<role>`), each waiting on the resources of its `after` roles. */
export function createSteps(
    view: ClusterView,
    secrets: ClusterSecrets,
    privateKey: pulumi.Input<string> | undefined,
    parent: pulumi.Resource,
): Map<string, command.remote.Command> {
    const steps = new Map<string, command.remote.Command>();
    for (const step of view.steps) {
        steps.set(step.role, remoteStep(view, step, secrets, steps, privateKey, parent));
    }
    return steps;
}

/** The SSH connection to the node of `key`, over the real values (secret when it holds the key). */
export function connectionTo(view: ClusterView, key: string, privateKey: pulumi.Input<string> | undefined): pulumi.Input<ConnectionArgs> {
    const connection = view.over((cluster) => nodeConnection(cluster.ssh, nodeByKey(cluster, key), privateKey));
    return privateKey === undefined || view.known ? connection : pulumi.secret(connection);
}

/** One remote.Command for a step: script as root, secrets on stdin with logging off, real dependencies only. */
function remoteStep(
    view: ClusterView,
    step: RemoteStep,
    secrets: ClusterSecrets,
    resources: ReadonlyMap<string, pulumi.CustomResource>,
    privateKey: pulumi.Input<string> | undefined,
    parent: pulumi.Resource,
): command.remote.Command {
    const secret = step.stdin !== "none";
    const real = <T>(pick: (planned: RemoteStep) => pulumi.Input<T>): pulumi.Input<T> =>
        view.over((_, steps) => pick(stepByRole(steps, step.role)));
    const stdin = secret ? view.over((cluster, steps) => stepStdin(cluster, stepByRole(steps, step.role), secrets) ?? "") : undefined;
    return new command.remote.Command(
        `${view.shape.name}-${step.role}`,
        {
            connection: connectionTo(view, step.node.key, privateKey),
            create: real((planned) => asRoot(planned.script)),
            ...(step.deleteScript ? { delete: real((planned) => asRoot(planned.deleteScript ?? "")) } : {}),
            ...(stdin !== undefined ? { stdin: view.known ? stdin : pulumi.secret(stdin) } : {}),
            triggers: [
                ...step.triggers.map((_, i) => real((planned) => planned.triggers[i])),
                ...step.rebuiltWith.map((role) => required(resources, role).id),
            ],
            // Previous stdout would travel as SSH environment, which sshd rejects unless AcceptEnv allows it.
            addPreviousOutputInEnv: false,
            ...(secret ? { logging: "none" as const } : {}),
        },
        {
            parent,
            dependsOn: step.after.map((role) => required(resources, role)),
            deleteBeforeReplace: step.destructiveDelete,
            ...(secret ? { additionalSecretOutputs: ["stdout", "stderr"] } : {}),
        },
    );
}

/** The resource of `role`, declared earlier. */
export function required<T>(map: ReadonlyMap<string, T>, role: string): T {
    const found = map.get(role);
    if (found === undefined) {
        throw new Error(`KubeadmCluster: step ${role} is referenced before it is declared`);
    }
    return found;
}

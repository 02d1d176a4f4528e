// Certificate renewal on `up`: one remote step per control plane, one control plane at a time, when the generation is raised.
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { renderCertRenewal } from "./cert-renewal-script";
import { ClusterView, nodeByKey } from "./cluster-view";
import { connectionTo } from "./remote-steps";
import { asRoot } from "./script-kit";

/** The renewal setting of a KubeadmCluster (now {@link KubeadmClusterArgs.certificateRenewal}), kept for importers. */
export interface CertRenewalArgs {
    /**
     * Rotation generation of the kubeadm certificates: raising it runs `kubeadm certs renew all` on every control
     * plane, one after the other, each restarting its static pods; @default 0 (nothing runs, no step exists).
     */
    readonly certificateRenewal?: number;
}

/**
 * The renewal steps (`<cluster>-<node key>-cert-renewal`), chained control plane by control plane, each after the
 * cluster is ready and its node joined; none while the generation is 0, so a stack that never renews keeps its
 * resources. A raised generation is the steps' trigger: each runs once per generation (the node records it too).
 */
export function certRenewalSteps(
    view: ClusterView,
    generation: number,
    steps: ReadonlyMap<string, pulumi.Resource>,
    privateKey: pulumi.Input<string> | undefined,
    parent: pulumi.Resource,
): command.remote.Command[] {
    if (generation <= 0) {
        return [];
    }
    const renewals: command.remote.Command[] = [];
    for (const { key } of view.shape.controlPlanes) {
        const after = [steps.get("ready"), steps.get(`${key}-join`), renewals[renewals.length - 1]];
        renewals.push(
            new command.remote.Command(
                `${view.shape.name}-${key}-cert-renewal`,
                {
                    connection: connectionTo(view, key, privateKey),
                    create: view.over((cluster) => asRoot(renderCertRenewal(cluster, nodeByKey(cluster, key), generation))),
                    triggers: [generation],
                    addPreviousOutputInEnv: false,
                },
                { parent, dependsOn: after.filter((resource): resource is pulumi.Resource => resource !== undefined) },
            ),
        );
    }
    return renewals;
}

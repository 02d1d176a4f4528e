// The gates of one distributed cluster: every node Ready under the vRouter, and the Kubemanager syncing a probe namespace.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { inClusterOptions } from "../shared/cluster-access";
import { clusterScript } from "../shared/kubectl-wait";
import { sha256 } from "../shared/shell";
import { nodesReadyScript } from "./health";
import { nodeList } from "./cluster-wiring";
import { syncProbeNamespace } from "./names";
import { MANAGED_BY } from "./secrets";
import { kubemanagerSyncScript } from "./health-sync";
import type { DistributedWiringArgs } from "./distributed-wiring";

/** What re-runs a gate (besides a re-created cluster): the release and the registry in use. */
export function releaseTriggers(args: DistributedWiringArgs): string[] {
    return [args.release.version, args.release.commit, args.registry];
}

/**
 * The `-nodes-ready` gate on the distributed cluster (after every join). It re-runs when the release, what the
 * vRouter apply writes, the Kubemanager (its spec carries the kubeconfig's fingerprint) or the other cluster changes.
 */
export function nodesReadyGate(
    name: string,
    args: DistributedWiringArgs,
    vrouter: command.local.Command,
    specHash: pulumi.Output<string>,
    parent: pulumi.Resource,
): command.local.Command {
    const { cluster, central } = args;
    const vrouterScript = pulumi.output(vrouter.create).apply((script) => sha256(script ?? ""));
    return clusterScript(
        `${name}-nodes-ready`,
        {
            cluster,
            script: nodesReadyScript({
                cluster: cluster.name,
                timeoutSeconds: args.timeoutSeconds,
                nodes: cluster.network.nodeAddresses.length,
            }),
            dependsOn: [vrouter, ...cluster.joined],
            triggers: [...releaseTriggers(args), vrouterScript, specHash, central.cluster.incarnation, nodeList(cluster)],
        },
        parent,
    );
}

/** What the sync gate follows: the Kubemanager, its spec hash and the nodes gate. */
export interface SyncGateInputs {
    /** The Kubemanager on the central cluster. */
    readonly kubemanager: k8s.apiextensions.CustomResource;
    /** The SHA-256 of its spec. */
    readonly specHash: pulumi.Output<string>;
    /** The distributed cluster's `-nodes-ready` gate. */
    readonly nodesReady: command.local.Command;
}

/** The `-sync-probe` namespace (named after the last change to follow) and the `-synced` gate: the Kubemanager mirrors it. */
export function syncGate(
    name: string,
    args: DistributedWiringArgs,
    inputs: SyncGateInputs,
    parent: pulumi.Resource,
): command.local.Command {
    const { cluster, central } = args;
    const { kubemanager, specHash, nodesReady } = inputs;
    const nonce = pulumi.all([specHash, cluster.incarnation, central.cluster.incarnation]).apply((parts) => sha256(parts.join("\n")));
    const probe = new k8s.core.v1.Namespace(
        `${name}-sync-probe`,
        { metadata: { name: nonce.apply(syncProbeNamespace), labels: { ...MANAGED_BY } } },
        inClusterOptions(cluster, parent, { dependsOn: [nodesReady] }),
    );
    return clusterScript(
        `${name}-synced`,
        {
            cluster: central.cluster,
            script: probe.metadata.name.apply((probeNamespace) =>
                kubemanagerSyncScript({
                    cluster: central.cluster.name,
                    distributed: cluster.name,
                    timeoutSeconds: args.timeoutSeconds,
                    probeNamespace,
                    cidrs: [...cluster.network.podCidrs, ...cluster.network.serviceCidrs],
                }),
            ),
            dependsOn: [kubemanager, nodesReady, probe],
            triggers: [...releaseTriggers(args), specHash, cluster.incarnation],
        },
        parent,
    );
}

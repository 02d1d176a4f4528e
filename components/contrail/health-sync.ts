// The gate that a distributed cluster's Kubemanager syncs it now: a fresh probe namespace mirrored, the cluster's Subnets in Success.
import { sh } from "../shared/shell";
import { GateOptions, gateOpening, waitUntil } from "./gate-kit";
import { subnetLines } from "./health";
import { KUBEMANAGER_NAMESPACE, kubemanagerName, mirroredNamespace } from "./names";

/** Options of {@link kubemanagerSyncScript}. */
export interface SyncGateOptions extends GateOptions {
    /** The distributed cluster. */
    readonly distributed: string;
    /**
     * The probe namespace created on the distributed cluster after the last change the Kubemanager must follow (a
     * re-created cluster, new credentials, a new spec): its name changes with every such change.
     */
    readonly probeNamespace: string;
    /** The distributed cluster's pod and service ranges, whose Subnets CN2 must have made. */
    readonly cidrs: readonly string[];
}

/**
 * Central cluster: Kubemanager `kubemanager-<d>` mirrors the probe namespace (so it watches the cluster as it is now,
 * with the credentials it has now: a mirror namespace left from an earlier incarnation proves nothing), and the
 * distributed cluster's pod and service Subnets reached state Success.
 */
export function kubemanagerSyncScript(options: SyncGateOptions): string {
    const manager = `${KUBEMANAGER_NAMESPACE}/${kubemanagerName(options.distributed)}`;
    const mirror = mirroredNamespace(options.distributed, options.probeNamespace);
    const lines = [
        ...gateOpening(
            `Waits until Kubemanager ${manager} on central cluster ${options.cluster} syncs distributed cluster ${options.distributed} as it is now.`,
            options,
        ),
        waitUntil(
            `kubectl get namespace ${sh(mirror)} >/dev/null 2>&1`,
            `Kubemanager ${manager} did not mirror namespace ${options.probeNamespace} of cluster ${options.distributed} as ${mirror}, ` +
                `so it does not follow that cluster since its last change (re-created, new credentials or a new spec)`,
        ),
        ...subnetLines(`a range of distributed cluster ${options.distributed}`, options.cidrs),
        `echo ${sh(`central cluster ${options.cluster} syncs cluster ${options.distributed}: ${mirror} mirrored, its Subnets in state Success`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

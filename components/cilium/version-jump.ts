// The pre-upgrade check of a Cilium release at `pulumi up`: the running agents' version against the new one.
import { GateOptions } from "../shared/kubectl-wait";
import { versionJumpScript } from "../shared/version-jump";
import { CILIUM_NAMESPACE } from "./certs";

/** Options of {@link ciliumVersionJumpScript}. */
export interface CiliumVersionJumpOptions extends GateOptions {
    /** The chart version about to be applied. */
    readonly version: string;
}

/**
 * Before the release changes (cilium@v1.20.0 Documentation/operations/upgrade-warning.rst: "Always perform rollbacks
 * and upgrades between one minor release at a time"): the image tag of the agents (DaemonSet kube-system/cilium,
 * container `cilium-agent`, chart 1.20.0 `cilium-agent/daemonset.yaml`) is at most one minor from `version`, in its major line.
 */
export function ciliumVersionJumpScript(options: CiliumVersionJumpOptions): string {
    return versionJumpScript({
        ...options,
        product: "Cilium",
        workload: "ds cilium",
        namespace: CILIUM_NAMESPACE,
        container: "cilium-agent",
        maxAbove: 1,
        maxBelow: 1,
        sameMajor: true,
        rule: "upgrade one minor at a time",
    });
}

// The pre-upgrade check of an Antrea release at `pulumi up`: the running controller's version against the new one.
import { GateOptions } from "../shared/kubectl-wait";
import { versionJumpScript } from "../shared/version-jump";
import { ANTREA_CHART } from "./release";

/** Options of {@link antreaVersionJumpScript}. */
export interface AntreaVersionJumpOptions extends GateOptions {
    /** The chart version about to be applied. */
    readonly version: string;
}

/**
 * Before the CRDs and the release change (antrea@v2.7.0 docs/versioning.md: "we only recommend Antrea upgrades to a
 * new release up to 4 minor versions newer"): the image tag of the controller (Deployment kube-system/antrea-controller,
 * container `antrea-controller`, chart `controller/deployment.yaml`) is at most four minors below `version`. Downgrades
 * and other majors are not covered there, so not refused.
 */
export function antreaVersionJumpScript(options: AntreaVersionJumpOptions): string {
    return versionJumpScript({
        ...options,
        product: "Antrea",
        workload: "deploy antrea-controller",
        namespace: ANTREA_CHART.namespace,
        container: "antrea-controller",
        maxAbove: 4,
        sameMajor: false,
        rule: "upgrade at most four minors at a time",
    });
}

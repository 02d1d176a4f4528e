// Local bash gates (one overall deadline each, one sentence on failure): CN2 running, the deployer up, nodes Ready under the vRouter, a Kubemanager syncing.
import { kubectlScriptPreamble, rolloutLine, waitForCrdLines } from "../shared/kubectl-wait";
import { sh, waitFor } from "../shared/shell";
import { DEPLOYER, KUBEMANAGER_NAMESPACE, kubemanagerName, mirroredNamespace } from "./names";

/** Default bound of each gate: CN2 pulls large images on first install. */
export const DEFAULT_CONTRAIL_WAIT_SECONDS = 1200;

/** CRD of the Kubemanager (registered by the central deployer's crdloader). */
export const KUBEMANAGER_CRD = "kubemanagers.configplane.juniper.net";
/** CRD of the Vrouter (both crdloaders register it). */
export const VROUTER_CRD = "vrouters.dataplane.juniper.net";
/** CRD of the ContrailCertificateManager. */
export const CERT_MANAGER_CRD = "contrailcertificatemanagers.configplane.juniper.net";
/** The Job of the central manifest that applies the controller's custom resources. */
export const APPLY_CONTRAIL_JOB = { name: "apply-contrail", namespace: "contrail" } as const;
/** The vRouter DaemonSet every cluster has (named after the `contrail-vrouter-masters` Vrouter). */
export const VROUTER_MASTERS = "contrail-vrouter-masters";

/** Options of a gate. */
export interface GateOptions {
    /** The cluster checked. */
    readonly cluster: string;
    /** Overall bound in seconds. */
    readonly timeoutSeconds: number;
}

/** Preamble, the deadline, `remaining` (seconds left, at least 1) and `fail <what>` (one sentence, exit 1). */
function opening(purpose: string, options: GateOptions): string[] {
    return [
        ...kubectlScriptPreamble(purpose),
        `cluster=${sh(options.cluster)}`,
        `gate_deadline=$((SECONDS + ${options.timeoutSeconds}))`,
        "remaining() { local left=$((gate_deadline - SECONDS)); echo $((left > 1 ? left : 1)); }",
        `fail() { echo "cluster $cluster: $1 within ${options.timeoutSeconds}s" >&2; exit 1; }`,
    ];
}

/** A line that runs a kubectl wait with the time left and fails with `what` if it does not succeed. */
function gated(command: string, what: string): string {
    return `${command.replace(/--timeout=\d+s/, '--timeout="$(remaining)s"')} || fail ${sh(what)}`;
}

/** Lines: the deployer rolled out. */
function deployerLines(): string[] {
    return [gated(rolloutLine(DEPLOYER, 1), "the CN2 deployer contrail-deploy/contrail-k8s-deployer did not roll out")];
}

/** Lines: every vRouter DaemonSet rolled out, then every node Ready (the vRouter is the CNI). */
function vrouterLines(options: GateOptions): string[] {
    return [
        waitFor(`kubectl -n contrail get daemonset ${VROUTER_MASTERS} >/dev/null 2>&1`,
            { what: `DaemonSet contrail/${VROUTER_MASTERS} in cluster ${options.cluster}`, timeoutSeconds: options.timeoutSeconds, intervalSeconds: 5 }),
        "while read -r ds; do",
        '  kubectl -n contrail rollout status "$ds" --timeout="$(remaining)s" || fail "vRouter $ds did not roll out"',
        "done < <(kubectl -n contrail get daemonset -o name | grep '/contrail-vrouter-')",
        gated("kubectl wait --for=condition=Ready node --all --timeout=1s", "not every node is Ready under the vRouter"),
    ];
}

/** Central cluster: deployer up, CRDs established, the controller job done, vRouters rolled out, nodes Ready. */
export function centralRunningScript(options: GateOptions): string {
    const t = options.timeoutSeconds;
    const lines = [
        ...opening(`Waits until CN2 runs in central cluster ${options.cluster}: deployer, CRDs, controller job, vRouters, nodes Ready.`, options),
        ...deployerLines(),
        ...waitForCrdLines([KUBEMANAGER_CRD, VROUTER_CRD], options.cluster, t),
        waitFor(`kubectl -n ${APPLY_CONTRAIL_JOB.namespace} get job ${APPLY_CONTRAIL_JOB.name} >/dev/null 2>&1`,
            { what: `Job ${APPLY_CONTRAIL_JOB.namespace}/${APPLY_CONTRAIL_JOB.name} in cluster ${options.cluster}`, timeoutSeconds: t, intervalSeconds: 5 }),
        gated(`kubectl -n ${APPLY_CONTRAIL_JOB.namespace} wait --for=condition=complete job/${APPLY_CONTRAIL_JOB.name} --timeout=1s`,
            "the job contrail/apply-contrail (the controller's custom resources) did not complete"),
        ...vrouterLines(options),
        'echo "CN2 runs in central cluster $cluster: deployer, controller and vRouters up, every node Ready"',
    ];
    return `${lines.join("\n")}\n`;
}

/** Distributed cluster, before its Kubemanager: the deployer up and the CRDs it registers established. */
export function deployerRunningScript(options: GateOptions & { readonly crds: readonly string[] }): string {
    const lines = [
        ...opening(`Waits until the CN2 deployer runs in distributed cluster ${options.cluster} and registered its CRDs.`, options),
        ...deployerLines(),
        ...waitForCrdLines(options.crds, options.cluster, options.timeoutSeconds),
        'echo "the CN2 deployer runs in distributed cluster $cluster"',
    ];
    return `${lines.join("\n")}\n`;
}

/** Distributed cluster, at the end: vRouters rolled out and every node Ready under them. */
export function nodesReadyScript(options: GateOptions): string {
    const lines = [
        ...opening(`Waits until every node of distributed cluster ${options.cluster} is Ready under the CN2 vRouter.`, options),
        ...vrouterLines(options),
        'echo "every node of distributed cluster $cluster is Ready under the CN2 vRouter"',
    ];
    return `${lines.join("\n")}\n`;
}

/** Central cluster: the distributed cluster's Kubemanager mirrored its `default` namespace (the sync works). */
export function kubemanagerSyncScript(options: GateOptions & { readonly distributed: string }): string {
    const mirror = mirroredNamespace(options.distributed, "default");
    const lines = [
        ...kubectlScriptPreamble(`Waits until Kubemanager ${kubemanagerName(options.distributed)} on central cluster ${options.cluster} mirrors namespace default of ${options.distributed}.`),
        waitFor(`kubectl get namespace ${sh(mirror)} >/dev/null 2>&1`, {
            what: `Kubemanager ${KUBEMANAGER_NAMESPACE}/${kubemanagerName(options.distributed)} on central cluster ${options.cluster} to mirror cluster ${options.distributed} (namespace ${mirror})`,
            timeoutSeconds: options.timeoutSeconds, intervalSeconds: 5,
        }),
        `echo ${sh(`central cluster ${options.cluster} mirrors cluster ${options.distributed} (namespace ${mirror} exists)`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

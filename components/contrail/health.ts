// Local bash gates, one overall deadline each and one sentence on failure: CN2 running centrally, a deployer up, every node Ready under the vRouter.
import { parseCidr } from "../network/cidr";
import { rolloutCommand } from "../shared/kubectl-wait";
import { inSlicesCall, progressCall, sh } from "../shared/shell";
import { GateOptions, crdLines, gateOpening, gated, waitUntil } from "./gate-kit";
import { DEPLOYER } from "./names";

export type { GateOptions } from "./gate-kit";

/** Default bound of each gate: CN2 pulls large images on first install. */
export const DEFAULT_CONTRAIL_WAIT_SECONDS = 1200;

/** CRD of the Kubemanager (registered by the central deployer's crdloader). */
export const KUBEMANAGER_CRD = "kubemanagers.configplane.juniper.net";
/** CRD of the Vrouter (both crdloaders register it). */
export const VROUTER_CRD = "vrouters.dataplane.juniper.net";
/** CRD of the ContrailCertificateManager. */
export const CERT_MANAGER_CRD = "contrailcertificatemanagers.configplane.juniper.net";
/** The Job of the central manifest that applies the controller's custom resources (`backoffLimit: 4`). */
export const APPLY_CONTRAIL_JOB = { name: "apply-contrail", namespace: "contrail" } as const;
/** The vRouter DaemonSet every cluster has (named after the `contrail-vrouter-masters` Vrouter). */
export const VROUTER_MASTERS = "contrail-vrouter-masters";
/** CN2's Subnet resource (served by CN2's own API server, `kubectl get subnet -A` in seed 002). */
export const SUBNET_RESOURCE = "subnets.core.contrail.juniper.net";

/** A gate over every node of a cluster. */
export interface NodesGateOptions extends GateOptions {
    /** How many nodes the cluster has (the Cluster contract's node addresses): fewer registered is not Ready. */
    readonly nodes: number;
}

/** Lines: the deployer rolled out (after a restart, its new pods). */
function deployerLines(): string[] {
    return [gated(rolloutCommand(DEPLOYER), "the CN2 deployer contrail-deploy/contrail-k8s-deployer did not roll out")];
}

/** Lines: the job that applies the controller's resources completed, and fails at once when the Job failed. */
function applyJobLines(): string[] {
    const job = `${APPLY_CONTRAIL_JOB.namespace}/${APPLY_CONTRAIL_JOB.name}`;
    return [
        `job_state() { kubectl -n ${APPLY_CONTRAIL_JOB.namespace} get job ${APPLY_CONTRAIL_JOB.name} -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}' 2>/dev/null || true; }`,
        'state="$(job_state)"',
        'until [[ " $state " == *" Complete "* ]]; do',
        '  if [[ " $state " == *" Failed "* ]]; then',
        `    fail ${sh(`the job ${job} (the controller's custom resources) failed; kubectl -n ${APPLY_CONTRAIL_JOB.namespace} logs job/${APPLY_CONTRAIL_JOB.name} says why`)}`,
        "  fi",
        `  ((SECONDS < gate_deadline)) || late ${sh(`the job ${job} (the controller's custom resources) did not complete`)}`,
        `  ${progressCall('"$gate"', `"job ${job}: \${state:-no condition yet}"`)}`,
        "  sleep 5",
        '  state="$(job_state)"',
        "done",
    ];
}

/** Lines: every vRouter DaemonSet rolled out, all `nodes` registered, every node Ready (the vRouter is the CNI). */
function vrouterLines(options: NodesGateOptions): string[] {
    return [
        waitUntil(
            `kubectl -n contrail get daemonset ${VROUTER_MASTERS} >/dev/null 2>&1`,
            `DaemonSet contrail/${VROUTER_MASTERS} did not appear`,
        ),
        "while read -r ds; do",
        `  ${inSlicesCall('"$gate"', '"$(remaining)"', 'kubectl -n contrail rollout status "$ds"')} || late "vRouter $ds did not roll out"`,
        "done < <(kubectl -n contrail get daemonset -o name | grep '/contrail-vrouter-')",
        waitUntil(`(($(kubectl get nodes --no-headers | wc -l) >= ${options.nodes}))`, `fewer than ${options.nodes} nodes registered`),
        gated("kubectl wait --for=condition=Ready node --all", "not every node is Ready under the vRouter"),
    ];
}

/**
 * Lines: CN2 made a Subnet for each of a cluster's pod and service ranges and it reached state Success (what seed
 * 002 checks with `kubectl get subnet -A`). The row is matched by its CIDR column (CN2 prints IPv6 in canonical
 * form) and its STATE column, whatever the printer columns' JSON paths are (CN2 does not publish those CRDs).
 */
export function subnetLines(of: string, cidrs: readonly string[]): string[] {
    return [
        `subnet_ready() { kubectl get ${SUBNET_RESOURCE} -A --no-headers 2>/dev/null | awk -v cidr="$1" '{ has = ok = 0; for (i = 1; i <= NF; i++) { if ($i == cidr) has = 1; if ($i == "Success") ok = 1 } if (has && ok) found = 1 } END { exit !found }'; }`,
        ...cidrs
            .map((text) => parseCidr(text)?.canonical ?? text)
            .map((cidr) =>
                waitUntil(
                    `subnet_ready ${sh(cidr)}`,
                    `CN2 has no Subnet ${cidr} (${of}) in state Success (kubectl get subnet -A shows what it made)`,
                ),
            ),
    ];
}

/** Central cluster: deployer up, CRDs established, the controller job done, vRouters rolled out, nodes Ready, its Subnets. */
export function centralRunningScript(options: NodesGateOptions & { readonly cidrs: readonly string[] }): string {
    const lines = [
        ...gateOpening(
            `Waits until CN2 runs in central cluster ${options.cluster}: deployer, CRDs, controller job, vRouters, ${options.nodes} nodes Ready, Subnets.`,
            options,
        ),
        ...deployerLines(),
        ...crdLines([KUBEMANAGER_CRD, VROUTER_CRD]),
        ...applyJobLines(),
        ...vrouterLines(options),
        ...subnetLines(`a range of cluster ${options.cluster}`, options.cidrs),
        `echo ${sh(`CN2 runs in central cluster ${options.cluster}: deployer, controller and vRouters up, ${options.nodes} nodes Ready, its Subnets in state Success`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

/** Distributed cluster, before its Kubemanager: the deployer (re)started and up, the CRDs it registers established. */
export function deployerRunningScript(options: GateOptions & { readonly crds: readonly string[] }): string {
    const lines = [
        ...gateOpening(`Waits until the CN2 deployer runs in distributed cluster ${options.cluster} and registered its CRDs.`, options),
        ...deployerLines(),
        ...crdLines(options.crds),
        'echo "the CN2 deployer runs in distributed cluster $cluster"',
    ];
    return `${lines.join("\n")}\n`;
}

/** Distributed cluster, at the end: vRouters rolled out and every node (all of them registered) Ready under them. */
export function nodesReadyScript(options: NodesGateOptions): string {
    const lines = [
        ...gateOpening(
            `Waits until all ${options.nodes} nodes of distributed cluster ${options.cluster} are Ready under the CN2 vRouter.`,
            options,
        ),
        ...vrouterLines(options),
        `echo ${sh(`all ${options.nodes} nodes of distributed cluster ${options.cluster} are Ready under the CN2 vRouter`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

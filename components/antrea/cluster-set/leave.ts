// Day-2 scripts of a member: its destroy-time drain on the leader, and the re-export after an endpoint type change.
import { GateOptions, kubectlScriptPreamble } from "../../shared/kubectl-wait";
import { inSlices, progressLine, sh } from "../../shared/shell";
import { deadlineLines } from "../health";
import { EndpointIpType } from "../types";

/** Options of {@link memberLeaveScript}. */
export interface LeaveOptions extends GateOptions {
    /** Leader namespace. */
    readonly namespace: string;
    /** The leaving member's cluster ID. */
    readonly memberId: string;
}

/**
 * Runs when a member leaves (its ClusterSet was just deleted), before the leader's access objects, ClusterSet and
 * CRDs go: waits for the member's MemberClusterAnnounce to disappear (its controller removes it), removes what is
 * left, then deletes the member's ResourceExports while the leader controller still runs to clear their finalizers
 * (the CRD-cleanup trap of the upstream install guide). A leader that does not answer is retried until the deadline,
 * then the drain fails loudly: leaving the announcement would make the leader's webhook deny its ClusterSet's delete
 * (antrea@v2.7.0 multicluster/cmd/multicluster-controller/clusterset_webhook.go).
 */
export function memberLeaveScript(options: LeaveOptions): string {
    const t = options.timeoutSeconds;
    const where = `leader ${options.cluster}`;
    const exports = `{range .items[?(@.spec.clusterID=="${options.memberId}")]}{.metadata.name}{"\\n"}{end}`;
    const lines = [
        ...kubectlScriptPreamble(`Drains member ${options.memberId} from the ClusterSet on ${where}.`),
        ...deadlineLines(t),
        `k() { kubectl -n ${sh(options.namespace)} "$@"; }`,
        `mca=${sh(`member-announce-from-${options.memberId}`)}`,
        "until kubectl version --request-timeout=10s >/dev/null 2>&1; do",
        `  late && fail ${sh(`${where} did not answer for ${t}s, so member ${options.memberId} was not drained (its MemberClusterAnnounce and ResourceExports may remain); run destroy again once the leader answers, or, if the leader is gone for good, remove this resource from the state with pulumi state delete`)}`,
        `  ${progressLine(`the API of leader cluster ${options.cluster}`, "'not answering yet'")}`,
        "  sleep 5",
        "done",
        'kubectl get crd memberclusterannounces.multicluster.crd.antrea.io >/dev/null 2>&1 || { echo "no leader CRDs: nothing to drain"; exit 0; }',
        // The member's controller deletes its own announcement as its ClusterSet goes: give it a minute, then remove it here.
        "mca_wait=$((SECONDS + 60)); (( mca_wait < deadline )) || mca_wait=$deadline",
        'while k get memberclusterannounces.multicluster.crd.antrea.io "$mca" >/dev/null 2>&1 && (( SECONDS < mca_wait )); do ' +
            `${progressLine(`the MemberClusterAnnounce of member ${options.memberId} in cluster ${options.cluster}`, "'still there'")}; sleep 5; done`,
        `${inSlices(`the MemberClusterAnnounce of member ${options.memberId} in cluster ${options.cluster}`, '"$(left)"', 'k delete memberclusterannounces.multicluster.crd.antrea.io "$mca" --ignore-not-found --wait=true')} >/dev/null || fail ${sh(`${where}: the MemberClusterAnnounce of member ${options.memberId} was not removed within ${t}s (is the leader antrea-mc-controller running?)`)}`,
        `listing="$(k get resourceexports.multicluster.crd.antrea.io -o jsonpath=${sh(exports)})" || fail ${sh(`${where}: its ResourceExports cannot be listed`)}`,
        'mapfile -t stale <<<"$listing"',
        'for name in "${stale[@]}"; do',
        '  [[ -n "$name" ]] || continue',
        `  ${inSlices(`the ResourceExports of member ${options.memberId} in cluster ${options.cluster}`, '"$(left)"', 'k delete resourceexports.multicluster.crd.antrea.io "$name" --ignore-not-found --wait=true')} >/dev/null || fail ${sh(`${where}: a ResourceExport of member ${options.memberId} was not removed within ${t}s (is the leader antrea-mc-controller running?):`)}" $name"`,
        "done",
        `echo ${sh(`member ${options.memberId} left the ClusterSet on ${where}`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

/** Annotation a re-export writes on every ServiceExport (its value: the endpoint type exported under). */
export const REEXPORT_ANNOTATION = "antrea-clusterset.multicluster.local/endpoint-ip-type";

/** Options of {@link reexportScript}. */
export interface ReexportOptions {
    /** The member cluster (the script runs against it). */
    readonly cluster: string;
    /** The endpoint type the member's controller now runs with. */
    readonly endpointIpType: EndpointIpType;
}

/**
 * Re-exports every ServiceExport of a member under its controller's current `endpointIPType` (user-guide.md "Multi-cluster
 * Service": "Existing ServiceExports should be re-exported after changing endpointIPType"). The restarted controller
 * skips ServiceExports it sees before it is connected (antrea@v2.7.0 member/serviceexport_controller.go Reconcile,
 * `checkRemoteCommonArea`), so each one is annotated with the type: the change of resource version makes it reconcile
 * again, now connected and with empty caches, and rewrite the member's Service and Endpoints ResourceExports.
 */
export function reexportScript(options: ReexportOptions): string {
    const list = '{range .items[*]}{.metadata.namespace}{" "}{.metadata.name}{"\\n"}{end}';
    const lines = [
        ...kubectlScriptPreamble(
            `Re-exports every ServiceExport of member ${options.cluster} with endpointIPType ${options.endpointIpType}.`,
        ),
        `listing="$(kubectl get serviceexports.multicluster.x-k8s.io -A -o jsonpath=${sh(list)})" || { echo ${sh(`cluster ${options.cluster}: its ServiceExports cannot be listed`)} >&2; exit 1; }`,
        'mapfile -t exports <<<"$listing"',
        "count=0",
        'for entry in "${exports[@]}"; do',
        '  [[ -n "$entry" ]] || continue',
        '  read -r namespace name <<<"$entry"',
        `  kubectl -n "$namespace" annotate serviceexports.multicluster.x-k8s.io "$name" ${sh(`${REEXPORT_ANNOTATION}=${options.endpointIpType}`)} --overwrite >/dev/null`,
        "  count=$((count + 1))",
        "done",
        `echo ${sh(`cluster ${options.cluster}: re-exported`)}" $count "${sh(`ServiceExport(s) with endpointIPType ${options.endpointIpType}`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

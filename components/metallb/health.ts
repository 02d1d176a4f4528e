// The MetalLB wait: CRDs established, controller and speakers rolled out, and the validating webhook actually answering.
import { kubectlScriptPreamble, rolloutLine, waitForCrdLines } from "../shared/kubectl-wait";
import { sh, waitFor } from "../shared/shell";
import { METALLB_API_VERSION, METALLB_NAMESPACE } from "./manifests";

/** CRDs of the objects this area creates. */
export const METALLB_CRDS = ["ipaddresspools.metallb.io", "l2advertisements.metallb.io"] as const;
/** The Service behind `metallb-webhook-configuration` (chart `webhooks.yaml`). */
export const WEBHOOK_SERVICE = "metallb-webhook-service";

/** Options of {@link webhookReadyScript}. */
export interface WebhookWaitOptions {
    /** Cluster name, for messages. */
    readonly cluster: string;
    /** Bound of each wait in seconds. */
    readonly timeoutSeconds: number;
}

/**
 * Waits until pools can be created (the known race: metallb#1540, #1597, #2486 — pools applied right after the
 * chart fail with "failed calling webhook ... connection refused"): CRDs established, controller and speakers
 * rolled out, the webhook Service has endpoints, and a server-side dry run of an L2Advertisement passes the
 * webhook (dry runs call validating webhooks and store nothing).
 */
export function webhookReadyScript(options: WebhookWaitOptions): string {
    const t = options.timeoutSeconds;
    const probe = JSON.stringify({ apiVersion: METALLB_API_VERSION, kind: "L2Advertisement", metadata: { name: "webhook-probe", namespace: METALLB_NAMESPACE } });
    const lines = [
        ...kubectlScriptPreamble(`Waits until the MetalLB webhook serves in cluster ${options.cluster}, so pools can be created.`),
        ...waitForCrdLines(METALLB_CRDS, options.cluster, t),
        rolloutLine({ kind: "deployment", name: "metallb-controller", namespace: METALLB_NAMESPACE }, t),
        rolloutLine({ kind: "daemonset", name: "metallb-speaker", namespace: METALLB_NAMESPACE }, t),
        waitFor(`[[ -n "$(kubectl -n ${METALLB_NAMESPACE} get endpoints ${WEBHOOK_SERVICE} -o jsonpath='{.subsets[*].addresses[*].ip}' 2>/dev/null)" ]]`, {
            what: `the MetalLB webhook Service of cluster ${options.cluster} to have endpoints`, timeoutSeconds: t, intervalSeconds: 3,
        }),
        `probe=${sh(probe)}`,
        waitFor(`printf '%s\\n' "$probe" | kubectl create --dry-run=server -f - >/dev/null 2>&1`, {
            what: `the MetalLB webhook of cluster ${options.cluster} to accept a dry-run L2Advertisement`, timeoutSeconds: t, intervalSeconds: 3,
        }),
        `echo ${sh(`the MetalLB webhook serves in cluster ${options.cluster}`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

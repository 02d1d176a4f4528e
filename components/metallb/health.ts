// The MetalLB gate: CRDs established, controller and speakers rolled out, and the validating webhook actually answering.
import { GateOptions } from "../shared/kubectl-wait";
import { CRD_FUNCTION, DS_ROLLED_OUT_FUNCTION, ROLLED_OUT_FUNCTION, gateScript } from "../linkerd/gate-shell";
import { sh } from "../shared/shell";
import { METALLB_API_VERSION, METALLB_NAMESPACE } from "./manifests";

/** CRDs of the objects this area creates. */
export const METALLB_CRDS = ["ipaddresspools.metallb.io", "l2advertisements.metallb.io"] as const;
/** The Service behind `metallb-webhook-configuration` (chart `webhooks.yaml`). */
export const WEBHOOK_SERVICE = "metallb-webhook-service";

/** Options of {@link webhookReadyScript}. */
export type WebhookWaitOptions = GateOptions;

/**
 * Waits until pools can be created (the known race: metallb#1540, #1597, #2486 — pools applied right after the
 * chart fail with "failed calling webhook ... connection refused"): CRDs established, controller and speakers
 * rolled out, the webhook Service has endpoints, and a server-side dry run of an L2Advertisement passes the
 * webhook (dry runs call validating webhooks and store nothing). One deadline, every kubectl call bounded.
 */
export function webhookReadyScript(options: WebhookWaitOptions): string {
    const probe = JSON.stringify({
        apiVersion: METALLB_API_VERSION,
        kind: "L2Advertisement",
        metadata: { name: "webhook-probe", namespace: METALLB_NAMESPACE },
    });
    return gateScript({
        cluster: options.cluster,
        timeoutSeconds: options.timeoutSeconds,
        purpose: `Waits until the MetalLB webhook serves in cluster ${options.cluster}, so pools can be created.`,
        failure: "the MetalLB webhook does not serve",
        setup: [
            ...CRD_FUNCTION,
            ...ROLLED_OUT_FUNCTION,
            ...DS_ROLLED_OUT_FUNCTION,
            `probe=${sh(probe)}`,
            "webhook_answers() {",
            `  [[ -n "$(kc -n ${METALLB_NAMESPACE} get endpoints ${WEBHOOK_SERVICE} -o jsonpath='{.subsets[*].addresses[*].ip}' 2>/dev/null)" ]] ||`,
            `    { pending="the webhook Service ${METALLB_NAMESPACE}/${WEBHOOK_SERVICE} has no endpoints yet"; return 1; }`,
            "  printf '%s\\n' \"$probe\" | kc create --dry-run=server -f - >/dev/null 2>&1 ||",
            '    { pending="the webhook does not accept a dry-run L2Advertisement yet"; return 1; }',
            "}",
        ],
        checks: [
            ...METALLB_CRDS.map((crd) => `crd_established ${crd}`),
            `rolled_out ${METALLB_NAMESPACE} metallb-controller`,
            `ds_rolled_out ${METALLB_NAMESPACE} metallb-speaker`,
            "webhook_answers",
        ],
        after: [`echo ${sh(`the MetalLB webhook serves in cluster ${options.cluster}`)}`],
    });
}

// The ingress gate: controller rolled out, every pod carrying a Linkerd proxy when meshed, its LoadBalancer Service addressed.
import { GateOptions } from "../shared/kubectl-wait";
import { MESHED_FUNCTION, ROLLED_OUT_FUNCTION, gateScript } from "../linkerd/gate-shell";
import { sh } from "../shared/shell";
import { INGRESS_CONTROLLERS, IngressControllerKind } from "./values";

/** Options of {@link ingressReadyScript}. */
export interface IngressWaitOptions extends GateOptions {
    /** The controller. */
    readonly kind: IngressControllerKind;
    /** Whether its pods must carry a Linkerd proxy. */
    readonly meshed: boolean;
}

/**
 * Waits until the controller serves: rolled out, (meshed) every pod with Linkerd's proxy as a native sidecar or a
 * container, and a LoadBalancer address on its Service; bounded, one sentence naming the cluster on failure.
 */
export function ingressReadyScript(options: IngressWaitOptions): string {
    const spec = INGRESS_CONTROLLERS[options.kind];
    const ns = spec.chart.namespace;
    return gateScript({
        cluster: options.cluster,
        timeoutSeconds: options.timeoutSeconds,
        purpose: `Waits until the ${options.kind} ingress controller serves in cluster ${options.cluster}.`,
        failure: `the ${options.kind} ingress controller does not serve`,
        setup: [
            ...ROLLED_OUT_FUNCTION,
            ...(options.meshed ? MESHED_FUNCTION : []),
            "addressed() {",
            `  address="$(kc -n ${ns} get service ${spec.service} -o jsonpath='{.status.loadBalancer.ingress[0].ip}' 2>/dev/null)" || address=""`,
            `  [[ -n "$address" ]] || { pending=${sh(`the load balancer has not given ${ns}/${spec.service} an address`)}; return 1; }`,
            "}",
        ],
        checks: [
            `rolled_out ${ns} ${spec.deployment}`,
            ...(options.meshed ? [`meshed ${ns} ${sh(spec.podSelector)} ${sh(options.kind)}`] : []),
            "addressed",
        ],
        after: [`echo "cluster $cluster: the ${options.kind} ingress controller serves on $address${options.meshed ? ", meshed" : ""}"`],
    });
}

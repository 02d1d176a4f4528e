// The ingress wait: controller rolled out, its pod carrying a Linkerd proxy when meshed, its LoadBalancer Service addressed.
import { kubectlScriptPreamble, rolloutLine } from "../shared/kubectl-wait";
import { sh, waitFor } from "../shared/shell";
import { INGRESS_CONTROLLERS, IngressControllerKind } from "./controllers";

/** Options of {@link ingressReadyScript}. */
export interface IngressWaitOptions {
    /** Cluster name, for messages. */
    readonly cluster: string;
    /** The controller. */
    readonly kind: IngressControllerKind;
    /** Whether its pods must carry a Linkerd proxy. */
    readonly meshed: boolean;
    /** Bound of each wait in seconds. */
    readonly timeoutSeconds: number;
}

/** Waits until the controller serves; bounded, one sentence naming the cluster on failure. */
export function ingressReadyScript(options: IngressWaitOptions): string {
    const spec = INGRESS_CONTROLLERS[options.kind];
    const ns = spec.chart.namespace;
    const t = options.timeoutSeconds;
    const meshCheck = options.meshed ? [
        `containers="$(kubectl -n ${ns} get pods -l ${sh(spec.podSelector)} -o jsonpath='{.items[*].spec.containers[*].name}')"`,
        `[[ " $containers " == *" linkerd-proxy "* ]] || { echo ${sh(`cluster ${options.cluster}: the ${options.kind} pods carry no Linkerd proxy; is the proxy injector serving?`)} >&2; exit 1; }`,
    ] : [];
    const lines = [
        ...kubectlScriptPreamble(`Waits until the ${options.kind} ingress controller serves in cluster ${options.cluster}.`),
        rolloutLine({ kind: "deployment", name: spec.deployment, namespace: ns }, t),
        ...meshCheck,
        waitFor(`[[ -n "$(kubectl -n ${ns} get service ${spec.service} -o jsonpath='{.status.loadBalancer.ingress[*].ip}')" ]]`, {
            what: `a LoadBalancer address for ${ns}/${spec.service} in cluster ${options.cluster}`, timeoutSeconds: t, intervalSeconds: 5,
        }),
        `address="$(kubectl -n ${ns} get service ${spec.service} -o jsonpath='{.status.loadBalancer.ingress[0].ip}')"`,
        `echo "cluster ${options.cluster}: the ${options.kind} ingress controller serves on $address${options.meshed ? ", meshed" : ""}"`,
    ];
    return `${lines.join("\n")}\n`;
}

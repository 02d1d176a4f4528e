// Local bash waits of an install: the control plane serving (before anything meshed starts), then the extensions and the gateway's pinned address.
import { kubectlScriptPreamble, rolloutLine, waitForCrdLines } from "../shared/kubectl-wait";
import { sh, waitFor } from "../shared/shell";
import { GATEWAY, LINKERD_NAMESPACE, MULTICLUSTER_NAMESPACE, VIZ_NAMESPACE } from "./constants";

/** Deployments of `linkerd-control-plane` (edge-26.8.3 templates). */
export const CONTROL_PLANE_DEPLOYMENTS = ["linkerd-identity", "linkerd-destination", "linkerd-proxy-injector"] as const;
/** Deployments of `linkerd-viz` with its bundled Prometheus (edge-26.8.3 templates). */
export const VIZ_DEPLOYMENTS = ["metrics-api", "prometheus", "tap", "tap-injector", "web"] as const;
/** CRDs objects of this area are created from: Links (multicluster chart) and HTTPRoutes (Gateway API). */
export const LINK_CRD = "links.multicluster.linkerd.io";
/** The Gateway API HTTPRoute CRD the traffic split uses. */
export const HTTPROUTE_CRD = "httproutes.gateway.networking.k8s.io";

/** Options of the install waits. */
export interface InstallWaitOptions {
    /** Cluster name, for messages. */
    readonly cluster: string;
    /** Bound of each wait in seconds. */
    readonly timeoutSeconds: number;
}

/**
 * Waits until the control plane serves: identity, destination and the proxy injector rolled out. Extensions and
 * meshed workloads wait for this, because the injector's webhook fails open and would let their pods start
 * without a proxy (the gateway and the service mirrors do not work without one, linkerd2#10751).
 */
export function controlPlaneReadyScript(options: InstallWaitOptions): string {
    const t = options.timeoutSeconds;
    const lines = [
        ...kubectlScriptPreamble(`Waits until the Linkerd control plane serves in cluster ${options.cluster}.`),
        ...waitForCrdLines([HTTPROUTE_CRD, "servers.policy.linkerd.io"], options.cluster, t),
        ...CONTROL_PLANE_DEPLOYMENTS.map((name) => rolloutLine({ kind: "deployment", name, namespace: LINKERD_NAMESPACE }, t)),
        `echo ${sh(`the Linkerd control plane serves in cluster ${options.cluster}`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

/** Waits until the Link CRD is established (the multicluster release registers it). */
export function crdReadyScript(options: InstallWaitOptions): string {
    const lines = [
        ...kubectlScriptPreamble(`Waits until the Link CRD is established in cluster ${options.cluster}.`),
        ...waitForCrdLines([LINK_CRD], options.cluster, options.timeoutSeconds),
        `echo ${sh(`the Link CRD is established in cluster ${options.cluster}`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

/** Options of {@link installReadyScript}. */
export interface InstallReadyOptions extends InstallWaitOptions {
    /** Whether viz is installed. */
    readonly viz: boolean;
    /** The gateway's pinned LoadBalancer address; none: the cluster runs no gateway. */
    readonly gatewayIp?: string;
}

/**
 * Waits until the extensions run, the gateway pod carries its proxy, and the load balancer gave the gateway
 * Service exactly its pinned address (what every peer's Link points at).
 */
export function installReadyScript(options: InstallReadyOptions): string {
    const t = options.timeoutSeconds;
    const gateway = options.gatewayIp === undefined ? [] : gatewayLines(options.cluster, options.gatewayIp, t);
    const lines = [
        ...kubectlScriptPreamble(`Waits until Linkerd multicluster${options.viz ? " and viz run" : " runs"} in cluster ${options.cluster}.`),
        ...(options.viz ? VIZ_DEPLOYMENTS.map((name) => rolloutLine({ kind: "deployment", name, namespace: VIZ_NAMESPACE }, t)) : []),
        ...gateway,
        `echo ${sh(`Linkerd multicluster runs in cluster ${options.cluster}${options.gatewayIp ? `; the gateway answers on ${options.gatewayIp}` : " (no gateway)"}`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

/** The gateway rolled out, meshed, and on its pinned address. */
function gatewayLines(cluster: string, gatewayIp: string, t: number): string[] {
    const gateway = `${MULTICLUSTER_NAMESPACE}/${GATEWAY.name}`;
    return [
        rolloutLine({ kind: "deployment", name: GATEWAY.name, namespace: MULTICLUSTER_NAMESPACE }, t),
        `containers="$(kubectl -n ${MULTICLUSTER_NAMESPACE} get pods -l app=${GATEWAY.name} -o jsonpath='{.items[*].spec.containers[*].name}')"`,
        `[[ " $containers " == *" linkerd-proxy "* ]] || { echo ${sh(`cluster ${cluster}: the gateway pod ${gateway} has no Linkerd proxy; delete it so the injector meshes its replacement`)} >&2; exit 1; }`,
        `gateway_ip=${sh(gatewayIp)}`,
        waitFor(`[[ " $(kubectl -n ${MULTICLUSTER_NAMESPACE} get service ${GATEWAY.name} -o jsonpath='{.status.loadBalancer.ingress[*].ip}' 2>/dev/null) " == *" $gateway_ip "* ]]`, {
            what: `the load balancer of cluster ${cluster} to assign ${gatewayIp} to ${gateway} (is the address in a pool and free?)`,
            timeoutSeconds: t, intervalSeconds: 5,
        }),
    ];
}

// The gates of an install: the control plane serving (before anything meshed starts), then the extensions running, the
// gateway meshed and on its pinned address. Each is one bounded gate (gate-shell.ts) with every kubectl call bounded.
import { GateOptions } from "../shared/kubectl-wait";
import { sh } from "../shared/shell";
import { GATEWAY, LINKERD_NAMESPACE, MULTICLUSTER_NAMESPACE, VIZ_NAMESPACE } from "./constants";
import { CRD_FUNCTION, EXPIRY_FUNCTION, MESHED_FUNCTION, ROLLED_OUT_FUNCTION, expiryLines, gateScript } from "./gate-shell";

/** Deployments of `linkerd-control-plane` (edge-26.8.3 templates). */
export const CONTROL_PLANE_DEPLOYMENTS = ["linkerd-identity", "linkerd-destination", "linkerd-proxy-injector"] as const;
/** Deployments of `linkerd-viz` with its bundled Prometheus (edge-26.8.3 templates). */
export const VIZ_DEPLOYMENTS = ["metrics-api", "prometheus", "tap", "tap-injector", "web"] as const;
/** CRDs objects of this area are created from: Links (multicluster chart) and HTTPRoutes (Gateway API). */
export const LINK_CRD = "links.multicluster.linkerd.io";
/** The Gateway API HTTPRoute CRD the traffic split uses. */
export const HTTPROUTE_CRD = "httproutes.gateway.networking.k8s.io";
/** Pod selector of the multicluster gateway (`app: {{.Values.gateway.name}}`, multicluster/charts/linkerd-multicluster/templates/gateway.yaml). */
export const GATEWAY_SELECTOR = `app=${GATEWAY.name}`;
/** What a gate's stdout line starts with when the program should show it as a warning. */
export const WARNING_PREFIX = "warning: ";

/** Options of the install waits. */
export type InstallWaitOptions = GateOptions;

/**
 * Waits until the control plane serves: the HTTPRoute and Server CRDs established, identity, destination and the proxy
 * injector rolled out. Extensions and meshed workloads wait for this, because the injector's webhook fails open and would
 * let their pods start without a proxy (the gateway and the service mirrors do not work without one, linkerd2#10751).
 * Then it reads the live issuer certificate and trust anchors and prints a `warning:` line for each inside Linkerd's
 * 60-day expiry window (the program shows those lines as warnings).
 */
export function controlPlaneReadyScript(options: InstallWaitOptions): string {
    return gateScript({
        cluster: options.cluster,
        timeoutSeconds: options.timeoutSeconds,
        purpose: `Waits until the Linkerd control plane serves in cluster ${options.cluster}, then checks its certificates' expiry.`,
        failure: "the Linkerd control plane does not serve",
        setup: [...CRD_FUNCTION, ...ROLLED_OUT_FUNCTION, ...EXPIRY_FUNCTION],
        checks: [
            ...[HTTPROUTE_CRD, "servers.policy.linkerd.io"].map((crd) => `crd_established ${sh(crd)}`),
            ...CONTROL_PLANE_DEPLOYMENTS.map((name) => `rolled_out ${LINKERD_NAMESPACE} ${name}`),
        ],
        after: [...expiryLines(), `echo ${sh(`the Linkerd control plane serves in cluster ${options.cluster}`)}`],
    });
}

/** Waits until the Link CRD is established (the multicluster release registers it). */
export function crdReadyScript(options: InstallWaitOptions): string {
    return gateScript({
        cluster: options.cluster,
        timeoutSeconds: options.timeoutSeconds,
        purpose: `Waits until the Link CRD is established in cluster ${options.cluster}.`,
        failure: "the Link CRD is not established",
        setup: CRD_FUNCTION,
        checks: [`crd_established ${LINK_CRD}`],
        after: [`echo ${sh(`the Link CRD is established in cluster ${options.cluster}`)}`],
    });
}

/** Options of {@link installReadyScript}. */
export interface InstallReadyOptions extends InstallWaitOptions {
    /** Whether viz is installed. */
    readonly viz: boolean;
    /** The gateway's pinned LoadBalancer address; none: the cluster runs no gateway. */
    readonly gatewayIp?: string;
}

/** `gateway_addressed`: the gateway Service has exactly its pinned address among its LoadBalancer addresses. */
const GATEWAY_ADDRESS_FUNCTION = [
    "gateway_addressed() {",
    `  [[ " $(kc -n ${MULTICLUSTER_NAMESPACE} get service ${GATEWAY.name} -o jsonpath='{.status.loadBalancer.ingress[*].ip}' 2>/dev/null) " == *" $gateway_ip "* ]] ||`,
    `    { pending="the load balancer has not given ${MULTICLUSTER_NAMESPACE}/${GATEWAY.name} its address $gateway_ip (is the address in a pool and free?)"; return 1; }`,
    "}",
];

/**
 * Waits until the extensions run, every gateway pod carries its proxy (a native sidecar since edge-26.6.3), and the
 * load balancer gave the gateway Service exactly its pinned address (what every peer's Link points at).
 */
export function installReadyScript(options: InstallReadyOptions): string {
    const gateway = options.gatewayIp !== undefined;
    return gateScript({
        cluster: options.cluster,
        timeoutSeconds: options.timeoutSeconds,
        purpose: `Waits until Linkerd multicluster${options.viz ? " and viz run" : " runs"} in cluster ${options.cluster}.`,
        failure: "Linkerd multicluster is not running",
        setup: [
            ...ROLLED_OUT_FUNCTION,
            ...(gateway ? [...MESHED_FUNCTION, `gateway_ip=${sh(options.gatewayIp ?? "")}`, ...GATEWAY_ADDRESS_FUNCTION] : []),
        ],
        checks: [
            ...(options.viz ? VIZ_DEPLOYMENTS.map((name) => `rolled_out ${VIZ_NAMESPACE} ${name}`) : []),
            ...(gateway
                ? [
                      `rolled_out ${MULTICLUSTER_NAMESPACE} ${GATEWAY.name}`,
                      `meshed ${MULTICLUSTER_NAMESPACE} ${GATEWAY_SELECTOR} gateway`,
                      "gateway_addressed",
                  ]
                : []),
        ],
        after: [
            `echo ${sh(`Linkerd multicluster runs in cluster ${options.cluster}${gateway ? `; the gateway answers on ${options.gatewayIp}` : " (no gateway)"}`)}`,
        ],
    });
}

/**
 * The `warning:` lines a gate printed, as sentences for `pulumi.log.warn`, each with how to rotate what expires
 * (the issuer by `pulumi up --replace` on its certificate, the anchor with a trust bundle).
 */
export function gateWarnings(stdout: string, issuerUrn?: string): string[] {
    return stdout
        .split("\n")
        .filter((line) => line.startsWith(WARNING_PREFIX))
        .map((line) => {
            const text = line.slice(WARNING_PREFIX.length);
            if (text.startsWith("the identity issuer")) {
                return `${text}; rotate it with: pulumi up --replace ${issuerUrn ? `'${issuerUrn}'` : "<the issuer certificate's URN>"} (docs/linkerd.md, Rotation)`;
            }
            return `${text}; rotate it with a trust bundle as docs/linkerd.md (Rotation) describes`;
        });
}

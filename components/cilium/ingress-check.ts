// CiliumIngressAddress: a bounded check that the shared ingress Service `cilium-ingress` got its (pinned) LoadBalancer address.
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { clusterAccess } from "../shared/cluster-access";
import { optionDependencies } from "../shared/schema-types";
import { GateOptions, DEFAULT_WAIT_SECONDS, clusterScript } from "../shared/kubectl-wait";
import { progressLine, sh } from "../shared/shell";
import { gatePreamble } from "./health";
import { INGRESS_SERVICE_NAME } from "./values";

/** Name of the shared ingress Service (rendered as `ingressController.service.name`; 1.20.0 `cilium-ingress-service.yaml`). */
export const INGRESS_SERVICE = INGRESS_SERVICE_NAME;

/** Options of {@link ingressAddressScript}. */
export interface IngressAddressOptions extends GateOptions {
    /** The pinned address; without one, any LoadBalancer address will do. */
    readonly ip?: string;
    /** Seconds between checks (default 5). */
    readonly intervalSeconds?: number;
}

/** Waits until `kube-system/cilium-ingress` reports the address in `status.loadBalancer.ingress[].ip`; one sentence on timeout. */
export function ingressAddressScript(options: IngressAddressOptions): string {
    const t = options.timeoutSeconds;
    const wanted = options.ip ? `its pinned address ${options.ip}` : "a LoadBalancer address";
    const lines = [
        ...gatePreamble(`Checks that ${INGRESS_SERVICE} got ${wanted} in cluster ${options.cluster}.`, ["kubectl"], t),
        `want=${sh(options.ip ?? "")}`,
        'seen="nothing yet"',
        "has_address() {",
        "  local ips",
        `  ips="$(k get service ${INGRESS_SERVICE} -o jsonpath='{.status.loadBalancer.ingress[*].ip}' 2>/dev/null)" || { seen="no readable Service"; return 1; }`,
        '  seen="${ips:-no address}"',
        '  if [[ -n "$want" ]]; then [[ " $ips " == *" $want "* ]]; else [[ -n "$ips" ]]; fi',
        "}",
        "until has_address; do",
        `  (( SECONDS < deadline )) || fail "cluster ${options.cluster}: Service kube-system/${INGRESS_SERVICE} has $seen instead of ${wanted} after ${t}s; ` +
            "check the LB-IPAM pools (kubectl get ciliumloadbalancerippools) and the Service's events\"",
        `  ${progressLine(`address of Service kube-system/${INGRESS_SERVICE} in cluster ${options.cluster}`, '"$seen"')}`,
        `  sleep ${options.intervalSeconds ?? 5}`,
        "done",
        `echo "cluster ${options.cluster}: ${INGRESS_SERVICE} has ${wanted}: $seen"`,
    ];
    return `${lines.join("\n")}\n`;
}

/** Inputs of {@link CiliumIngressAddress}; the Cilium install and the LB-IPAM pools go in `opts.dependsOn`. */
export interface CiliumIngressAddressArgs {
    /** The cluster. */
    readonly cluster: Cluster;
    /** The pinned address, if any. */
    readonly ip?: string;
    /** What re-runs the check besides the cluster (the release checksum). */
    readonly triggers: readonly pulumi.Input<unknown>[];
    /** Bound; @default 600 s. */
    readonly timeoutSeconds?: number;
}

/** The check that Cilium's shared ingress Service got its address (the guide's Ingress on the pinned IP needs it). */
export class CiliumIngressAddress extends pulumi.ComponentResource {
    /** The check. */
    readonly check: command.local.Command;

    constructor(name: string, args: CiliumIngressAddressArgs, opts?: pulumi.ComponentResourceOptions) {
        super("multicluster:cilium:CiliumIngressAddress", name, {}, opts);
        const cluster = clusterAccess(args.cluster, this, name, { opts });
        this.check = clusterScript(
            `${name}-address`,
            {
                cluster,
                script: ingressAddressScript({
                    cluster: cluster.name,
                    ip: args.ip,
                    timeoutSeconds: args.timeoutSeconds ?? DEFAULT_WAIT_SECONDS,
                }),
                dependsOn: optionDependencies(opts),
                triggers: [...args.triggers, args.ip ?? ""],
            },
            this,
        );
        this.registerOutputs({ ip: args.ip ?? null });
    }
}

// Node addresses given as Outputs: which values are unknown at construction, the stand-ins that decide the graph, the real values.
import * as pulumi from "@pulumi/pulumi";
import { parseCidr } from "../network/cidr";
import { ConfigValidationError, ValidationIssue, issue } from "../shared/validation";
import { KubeadmClusterArgs, KubeadmNodeArgs, PlainKubeadmClusterArgs, PlainKubeadmNodeArgs } from "./types";
import { kubeadmClusterIssues } from "./validate";

/** The node fields that may be Outputs. */
const NODE_INPUTS = ["host", "address", "addressV6", "hostKey"] as const;
/** The bastion fields that may be Outputs. */
const BASTION_INPUTS = ["host", "hostKey"] as const;

const isPlain = (value: pulumi.Input<string> | undefined): value is string | undefined => value === undefined || typeof value === "string";

/** Paths (`controlPlanes[0].host`, `ssh.bastion.host`) of the values not known at construction (Outputs, promises). */
export function unknownPaths(args: KubeadmClusterArgs): string[] {
    const nodes = (list: readonly KubeadmNodeArgs[], key: string) =>
        list.flatMap((node, i) => NODE_INPUTS.filter((field) => !isPlain(node[field])).map((field) => `${key}[${i}].${field}`));
    const bastion = args.ssh?.bastion;
    return [
        ...nodes(args.controlPlanes, "controlPlanes"),
        ...nodes(args.workers ?? [], "workers"),
        ...(bastion ? BASTION_INPUTS.filter((field) => !isPlain(bastion[field])).map((field) => `ssh.bastion.${field}`) : []),
    ];
}

/** The args themselves when every value is known at construction (always so for a stack), else undefined. */
export function plainArgs(args: KubeadmClusterArgs): PlainKubeadmClusterArgs | undefined {
    return unknownPaths(args).length === 0 ? (args as PlainKubeadmClusterArgs) : undefined;
}

/**
 * The args with every unknown value replaced by a stand-in (an address of the primary family from the benchmarking
 * ranges 198.18.0.0/15 and 2001:db8::/32, each once; unknown host keys left out): the graph (node names, steps,
 * dependencies) is decided from them, and the scripts are rendered again over the real values.
 */
export function standInArgs(args: KubeadmClusterArgs): PlainKubeadmClusterArgs {
    const dual = args.podCidrV6 !== undefined || args.serviceCidrV6 !== undefined;
    const primaryV6 = !dual && parseCidr(args.podCidr)?.family === "ipv6";
    let count = 0;
    const standIn = (v6: boolean): string => {
        count += 1;
        return v6 ? `2001:db8::${count.toString(16)}` : `198.18.${count >> 8}.${count & 255}`;
    };
    const known = (value: pulumi.Input<string> | undefined, v6: boolean): string | undefined =>
        value === undefined ? undefined : isPlain(value) ? value : standIn(v6);
    const node = ({ host, address, addressV6, hostKey, ...rest }: KubeadmNodeArgs): PlainKubeadmNodeArgs => ({
        ...rest,
        host: known(host, primaryV6) ?? "",
        ...(address !== undefined ? { address: known(address, primaryV6) } : {}),
        ...(addressV6 !== undefined ? { addressV6: known(addressV6, true) } : {}),
        ...(isPlain(hostKey) && hostKey !== undefined ? { hostKey } : {}),
    });
    const { controlPlanes, workers, ssh, ...rest } = args;
    const { bastion, ...sshRest } = ssh ?? {};
    const knownBastion = bastion && {
        ...bastion,
        host: known(bastion.host, false) ?? "",
        hostKey: isPlain(bastion.hostKey) ? bastion.hostKey : undefined,
    };
    return {
        ...rest,
        controlPlanes: controlPlanes.map(node),
        ...(workers ? { workers: workers.map(node) } : {}),
        ...(ssh ? { ssh: { ...sshRest, ...(knownBastion ? { bastion: knownBastion } : {}) } } : {}),
    };
}

/** The real values once every Output resolved (the private key left out: it stays an Input of the connections). */
export function resolvedValues(args: KubeadmClusterArgs): pulumi.Output<PlainKubeadmClusterArgs> {
    const { ssh, ...rest } = args;
    const withoutKey = ssh && (({ privateKey: _key, ...others }) => others)(ssh);
    return pulumi.output({ ...rest, ...(withoutKey ? { ssh: withoutKey } : {}) }) as unknown as pulumi.Output<PlainKubeadmClusterArgs>;
}

/**
 * The rules of cluster `name` that can run at construction: every rule over the stand-ins, but those reported at an
 * unknown value's path (they run again over the real values). Adds the one rule Outputs bring: the endpoint, which
 * the Cluster contract holds as plain data, cannot default to an address known only later.
 */
export function constructionIssues(name: string, args: KubeadmClusterArgs, unknown: readonly string[]): ValidationIssue[] {
    const first = args.controlPlanes[0];
    const firstAddress = first && (first.address !== undefined ? "controlPlanes[0].address" : "controlPlanes[0].host");
    const endpoint =
        args.controlPlaneEndpoint === undefined && args.controlPlanes.length === 1 && unknown.includes(firstAddress ?? "")
            ? [
                  issue(
                      "controlPlaneEndpoint",
                      undefined,
                      `while ${firstAddress} is an Output, and the cluster's endpoint (by default that address) must be known at preview`,
                      'set controlPlaneEndpoint to "<the first control plane\'s IP or DNS name>:6443" (a VIP or load balancer when HA)',
                  ),
              ]
            : [];
    return [...endpoint, ...kubeadmClusterIssues(name, standInArgs(args)).filter((found) => !unknown.includes(found.path))];
}

/** Throws ConfigValidationError (the component's heading) when `issues` is not empty. */
export function refuse(name: string, issues: readonly ValidationIssue[]): void {
    if (issues.length > 0) {
        throw new ConfigValidationError(`KubeadmCluster "${name}"`, issues);
    }
}

// LinkerdInstall's args: their types, their defaults, and every refusal at construction (one sentence each).
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { Defaulted } from "../shared/defaults";
import { ConfigValidationError, ValidationIssue, issue } from "../shared/validation";
import { defaultVersions } from "../versions";
import { LinkerdCni, LinkerdExtraValues, LinkerdGateway, LinkerdIssuer, LinkerdTrustMaterial } from "./types";
import { annotationKeyIssues, cniIssues, gatewayIpIssues, linkerdVersionIssues, mirrorIssues } from "./validate";
import { linkerdValueIssues } from "./values";

/** Inputs of `LinkerdInstall`. */
export interface LinkerdInstallArgs {
    /** The cluster to install into: plain Cluster data or a provisioner. */
    readonly cluster: Cluster;
    /** Edge chart version of all four charts; @default `defaultVersions.linkerd` (components/versions.ts); plain: known at preview. */
    readonly version?: string;
    /** Gateway API release whose standard CRDs are installed first; @default `defaultVersions.gatewayApi`; plain: known at preview. */
    readonly gatewayApiVersion?: string;
    /** The shared trust anchor and this cluster's issuer (a `LinkerdTrust`, or the PEMs made elsewhere). */
    readonly trust: LinkerdTrustMaterial;
    /** The gateway's pinned LoadBalancer address; none: no gateway (for a cluster no other cluster mirrors). */
    readonly gateway?: LinkerdGateway;
    /** The cluster's LoadBalancer pools (e.g. `MetalLB.loadBalancerPools`); when given, the gateway's address must be in one; plain: known at preview. */
    readonly loadBalancerPools?: string[];
    /** The cluster's CNI, when it matters to Linkerd (Cilium with kube-proxy replacement); none: not checked. */
    readonly cni?: LinkerdCni;
    /** Clusters this one mirrors: the chart runs one service-mirror controller per name (pair it with a `LinkerdLink` each); @default none. */
    readonly mirrors?: string[];
    /** Install linkerd-viz; @default true. */
    readonly viz?: boolean;
    /** Escape hatch per chart, merged last (keys the project derives are refused). */
    readonly values?: LinkerdExtraValues;
    /** Bound of each wait; @default 600 s. */
    readonly timeoutSeconds?: number;
}

/** The install's args with both versions decided. */
export type ResolvedInstallArgs = Defaulted<LinkerdInstallArgs, "version" | "gatewayApiVersion">;

/** `given` with its versions defaulted to the pins. */
export function resolveInstallArgs(given: LinkerdInstallArgs): ResolvedInstallArgs {
    return {
        ...given,
        version: given.version ?? defaultVersions.linkerd,
        gatewayApiVersion: given.gatewayApiVersion ?? defaultVersions.gatewayApi,
    };
}

/** viz values given while viz is off. */
function unusedVizIssues(args: ResolvedInstallArgs): ValidationIssue[] {
    return args.viz === false && Object.keys(args.values?.viz ?? {}).length > 0
        ? [
              issue(
                  "values.viz",
                  args.values?.viz,
                  "is set, but viz is false, so linkerd-viz is not installed and the values are not used",
                  "remove values.viz, or install viz",
              ),
          ]
        : [];
}

/** Validates the install's inputs (every problem at once) and returns this cluster's issuer. */
export function checkedIssuer(name: string, args: ResolvedInstallArgs): LinkerdIssuer {
    const problems = [
        ...linkerdVersionIssues("version", args.version),
        ...(args.gateway ? gatewayIpIssues("gateway.ip", args.gateway.ip, args.loadBalancerPools) : []),
        ...annotationKeyIssues("gateway.ipAnnotations", args.gateway?.ipAnnotations),
        ...cniIssues("cni", args.cni),
        ...mirrorIssues("mirrors", args.cluster.name, args.mirrors ?? []),
        ...linkerdValueIssues("values", args.values),
        ...unusedVizIssues(args),
    ];
    if (problems.length > 0) {
        throw new ConfigValidationError(`LinkerdInstall ${name}`, problems);
    }
    const issuer = args.trust.issuers[args.cluster.name];
    if (!issuer) {
        throw new pulumi.RunError(
            `LinkerdInstall ${name}: the trust has no issuer for cluster ${args.cluster.name}; list it in LinkerdTrust clusters`,
        );
    }
    return issuer;
}

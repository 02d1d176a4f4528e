// CiliumLoadBalancer: LB-IPAM pools and the L2 announcement policy of one cluster, once Cilium registered their CRDs.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { clusterAccess, inClusterOptions } from "../shared/cluster-access";
import { DEFAULT_WAIT_SECONDS, clusterScript } from "../shared/kubectl-wait";
import { L2_POLICY_CRD, LB_POOL_CRD, ciliumCrdsScript } from "./health";
import { CiliumManifest, PinnedAddress, l2AnnouncementPolicy, loadBalancerPools, reservations } from "./manifests";
import { poolIssues } from "./pool-checks";
import { ConfigValidationError } from "../shared/validation";
import { optionDependencies } from "../shared/schema-types";

/** Inputs of {@link CiliumLoadBalancer}; what must exist first (the Cilium install) goes in `opts.dependsOn`. */
export interface CiliumLoadBalancerArgs {
    /** The cluster (Cilium must be installed in it; pass the install's release in `opts.dependsOn`). */
    readonly cluster: Cluster;
    /** LoadBalancer pools from config (`first-last` or CIDR). */
    readonly pools: readonly string[];
    /** A clustermesh-apiserver IP pinned from the pools: it gets a one-address pool only that Service can use. */
    readonly meshIp?: string;
    /** Addresses other Services pin from the pools (the ingress, a Linkerd gateway): each gets a pool of its own. */
    readonly reserved?: readonly PinnedAddress[];
    /** The Cilium chart version: the CRD wait re-runs when it changes (an upgrade's operator registers the CRDs again). */
    readonly chartVersion?: string;
    /** Create the L2 announcement policy (needs `l2Announcements` in the Cilium settings). */
    readonly l2Announcements: boolean;
    /** Bound of the CRD wait; @default 600 s. */
    readonly timeoutSeconds?: number;
}

/** Cilium LB IPAM for one cluster: the pools and, with L2 announcements, the policy that answers ARP for their IPs. */
export class CiliumLoadBalancer extends pulumi.ComponentResource {
    /** Waits until cilium-operator registered the CRDs the objects below use. */
    readonly crds: command.local.Command;
    /** LB-IPAM pools (cilium.io/v2). */
    readonly pools: readonly k8s.apiextensions.CustomResource[];
    /** L2 announcement policy (cilium.io/v2alpha1), when enabled. */
    readonly l2Policy?: k8s.apiextensions.CustomResource;
    /** What resources that need LoadBalancer IPs must depend on. */
    readonly ready: readonly pulumi.Resource[];

    constructor(name: string, args: CiliumLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = poolIssues(args.pools, reservations(args));
        if (problems.length > 0) {
            throw new ConfigValidationError(`CiliumLoadBalancer ${name}`, problems);
        }
        super("multicluster:cilium:CiliumLoadBalancer", name, {}, opts);
        const cluster = clusterAccess(args.cluster, this, name, { opts });
        const crds = [LB_POOL_CRD, ...(args.l2Announcements ? [L2_POLICY_CRD] : [])];
        this.crds = clusterScript(
            `${name}-crds`,
            {
                cluster,
                script: ciliumCrdsScript(cluster.name, crds, args.timeoutSeconds ?? DEFAULT_WAIT_SECONDS),
                dependsOn: optionDependencies(opts),
                triggers: args.chartVersion ? [args.chartVersion] : [],
            },
            this,
        );
        this.pools = loadBalancerPools(args).map((manifest) => this.manifest(`${name}-pool-${manifest.metadata.name}`, manifest, cluster));
        this.l2Policy = args.l2Announcements ? this.manifest(`${name}-l2-policy`, l2AnnouncementPolicy(), cluster) : undefined;
        this.ready = [...this.pools, ...(this.l2Policy ? [this.l2Policy] : [])];
        this.registerOutputs({ pools: this.pools.map((pool) => pool.metadata.name) });
    }

    private manifest(resourceName: string, manifest: CiliumManifest, cluster: Cluster): k8s.apiextensions.CustomResource {
        return new k8s.apiextensions.CustomResource(
            resourceName,
            { ...manifest },
            inClusterOptions(cluster, this, { dependsOn: [this.crds] }),
        );
    }
}

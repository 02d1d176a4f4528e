// ContrailDemo: seed 002's ping from a central pod to a pod on every distributed cluster, as a bounded proof per cluster.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { clusterScript } from "../shared/kubectl-wait";
import { Cluster } from "../cluster";
import { ClusterAccess, clusterAccess, inClusterOptions } from "../shared/cluster-access";
import { optionDependencies } from "../shared/schema-types";
import { CN2_DEMO_PROBE, CN2_DEMO_TARGET, demoPod } from "./demo";
import { demoProofScript } from "./demo-proof";
import { DEFAULT_CONTRAIL_WAIT_SECONDS } from "./health";

/** One cluster taking part in the demo. */
export interface ContrailDemoMember {
    /** The cluster (plain data, or a provisioner's cluster). */
    readonly cluster: Cluster;
}

/**
 * Inputs of {@link ContrailDemo}. What its pods and proofs wait for (CN2 ready on every member,
 * `ContrailMulticluster.ready`) goes in `opts.dependsOn`.
 */
export interface ContrailDemoArgs {
    /** The central cluster: runs the probe that pings. */
    readonly central: ContrailDemoMember;
    /** The distributed clusters: each runs a target. */
    readonly distributed: ContrailDemoMember[];
    /** Bound of each proof; plain: known at preview; @default 1200 s. */
    readonly timeoutSeconds?: number;
}

/**
 * The demo: a busybox probe pod on the central cluster and a target pod on each distributed cluster, in namespace
 * `default` (the default pod network, SNAT to the fabric, as in the seed); one proof per distributed cluster pings its
 * target's address from the probe until it answers, and re-runs when the target (its address) or either cluster changes.
 */
export class ContrailDemo extends pulumi.ComponentResource {
    /** One proof per distributed cluster, by cluster name. */
    readonly proofs: Record<string, command.local.Command>;

    constructor(name: string, args: ContrailDemoArgs, opts?: pulumi.ComponentResourceOptions) {
        super("multicluster:contrail:ContrailDemo", name, {}, opts);
        const dependsOn = optionDependencies(opts);
        const central = clusterAccess(args.central.cluster, this, name);
        const podOf = (cluster: ClusterAccess, pod: string) =>
            new k8s.core.v1.Pod(
                `${name}-${cluster.name}-${pod.replace(/^cn2-demo-/, "")}`,
                demoPod(pod),
                inClusterOptions(cluster, this, { dependsOn }),
            );
        const probe = podOf(central, CN2_DEMO_PROBE);
        this.proofs = Object.fromEntries(
            args.distributed.map((member) => {
                const cluster = clusterAccess(member.cluster, this, name);
                const target = podOf(cluster, CN2_DEMO_TARGET);
                const proof = clusterScript(
                    `${name}-${cluster.name}-proof`,
                    {
                        cluster: central,
                        script: target.status.podIP.apply((targetIp) =>
                            demoProofScript({
                                central: central.name,
                                distributed: cluster.name,
                                targetIp: targetIp ?? "",
                                timeoutSeconds: args.timeoutSeconds ?? DEFAULT_CONTRAIL_WAIT_SECONDS,
                            }),
                        ),
                        // The one place that crosses clusters on purpose: the ping needs both pods and CN2 ready on both sides.
                        dependsOn: [...dependsOn, probe, target],
                        triggers: [cluster.incarnation],
                    },
                    this,
                );
                return [cluster.name, proof];
            }),
        );
        this.registerOutputs({ proofs: Object.keys(this.proofs) });
    }
}

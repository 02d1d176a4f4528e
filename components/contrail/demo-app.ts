// ContrailDemo: seed 002's ping from a central pod to a pod on every distributed cluster, as a bounded proof per cluster.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { clusterScript } from "../shared/kubectl-wait";
import { Cluster } from "../cluster";
import { inClusterOptions } from "../shared/cluster-access";
import { CN2_DEMO_PROBE, CN2_DEMO_TARGET, demoPod } from "./demo";
import { demoProofScript } from "./demo-proof";
import { DEFAULT_CONTRAIL_WAIT_SECONDS } from "./health";

/** One cluster taking part in the demo. */
export interface ContrailDemoMember {
    /** The cluster. */
    readonly cluster: Cluster;
    /** What its pods wait for: CN2 ready there (`ContrailMulticluster.ready[name]`). */
    readonly dependsOn: readonly pulumi.Resource[];
}

/** Inputs of {@link ContrailDemo}. */
export interface ContrailDemoArgs {
    /** The central cluster: runs the probe that pings. */
    readonly central: ContrailDemoMember;
    /** The distributed clusters: each runs a target. */
    readonly distributed: readonly ContrailDemoMember[];
    /** Bound of each proof; @default 1200 s. */
    readonly timeoutSeconds?: number;
}

/**
 * The demo: a busybox probe pod on the central cluster and a target pod on each distributed cluster, in namespace
 * `default` (the default pod network, SNAT to the fabric, as in the seed); one proof per distributed cluster pings its
 * target's address from the probe until it answers, and re-runs when the target (its address) or either cluster changes.
 */
export class ContrailDemo extends pulumi.ComponentResource {
    /** One proof per distributed cluster, by cluster name. */
    readonly proofs: Readonly<Record<string, command.local.Command>>;

    constructor(name: string, args: ContrailDemoArgs, opts?: pulumi.ComponentResourceOptions) {
        super("multicluster:contrail:ContrailDemo", name, {}, opts);
        const { central } = args;
        const podOf = (member: ContrailDemoMember, pod: string) =>
            new k8s.core.v1.Pod(
                `${name}-${member.cluster.name}-${pod.replace(/^cn2-demo-/, "")}`,
                demoPod(pod),
                inClusterOptions(member.cluster, this, { dependsOn: [...member.dependsOn] }),
            );
        const probe = podOf(central, CN2_DEMO_PROBE);
        this.proofs = Object.fromEntries(
            args.distributed.map((member) => {
                const target = podOf(member, CN2_DEMO_TARGET);
                const proof = clusterScript(
                    `${name}-${member.cluster.name}-proof`,
                    {
                        cluster: central.cluster,
                        script: target.status.podIP.apply((targetIp) =>
                            demoProofScript({
                                central: central.cluster.name,
                                distributed: member.cluster.name,
                                targetIp: targetIp ?? "",
                                timeoutSeconds: args.timeoutSeconds ?? DEFAULT_CONTRAIL_WAIT_SECONDS,
                            }),
                        ),
                        // The one place that crosses clusters on purpose: the ping needs both pods and CN2 ready on both sides.
                        dependsOn: [...central.dependsOn, ...member.dependsOn, probe, target],
                        triggers: [member.cluster.incarnation],
                    },
                    this,
                );
                return [member.cluster.name, proof];
            }),
        );
        this.registerOutputs({ proofs: Object.keys(this.proofs) });
    }
}

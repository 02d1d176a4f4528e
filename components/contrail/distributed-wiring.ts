// One distributed cluster, wired as seed 002 does it by hand: crosswise kubeconfigs, deployer, Kubemanager, vRouter, gates.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ClusterAccess, inClusterOptions } from "../shared/cluster-access";
import { stableJson } from "../shared/helm";
import { clusterScript } from "../shared/kubectl-wait";
import { sha256 } from "../shared/shell";
import { serviceAccountKubeconfig } from "./access";
import { KubemanagerAllocation } from "./allocation";
import { CERT_MANAGER_CRD, VROUTER_CRD, deployerRunningScript } from "./health";
import { ContrailClusterBase, contrailClusterBase, manifestCommand, secretFrom } from "./cluster-wiring";
import { renderKubemanager } from "./kubemanager";
import { ContrailRelease } from "./release";
import { centralKubeconfigSecretManifest, workloadKubeconfigSecretManifest } from "./secrets";
import { nodesReadyGate, releaseTriggers, syncGate } from "./distributed-gates";

/** What the distributed wiring needs of the central cluster. */
export interface CentralSide {
    /** The central cluster (its access). */
    readonly cluster: ClusterAccess;
    /** Its CN2 namespaces and pull Secrets. */
    readonly base: ContrailClusterBase;
    /** Its gate: CN2 (deployer, controller, vRouters) runs there. */
    readonly running: command.local.Command;
}

/** Inputs of {@link wireDistributed}. */
export interface DistributedWiringArgs {
    /** The central side. */
    readonly central: CentralSide;
    /** The distributed cluster (its access). */
    readonly cluster: ClusterAccess;
    /** Its Kubemanager numbers. */
    readonly allocation: KubemanagerAllocation;
    /** Kubemanager `enableNad`. */
    readonly enableNad?: boolean;
    /** The release. */
    readonly release: ContrailRelease;
    /** The image registry prefix in use (the release's or a mirror). */
    readonly registry: string;
    /** The `.dockerconfigjson` of the pull Secrets (secret). */
    readonly dockerConfig: pulumi.Output<string>;
    /** What must exist in the distributed cluster first (the component's `opts.dependsOn`). */
    readonly dependsOn: readonly pulumi.Input<pulumi.Resource>[];
    /** Bound of each gate in seconds. */
    readonly timeoutSeconds: number;
    /** Rotation generation of the crosswise tokens (both directions); @default 0. */
    readonly tokenGeneration?: number;
}

/** What one distributed cluster's wiring created. */
export interface DistributedWiring {
    /** Its Kubemanager on the central cluster. */
    readonly kubemanager: k8s.apiextensions.CustomResource;
    /** The gate on the distributed cluster: every node Ready under the vRouter. */
    readonly nodesReady: command.local.Command;
    /** The gate on the central cluster: the Kubemanager syncs the cluster as it is now. */
    readonly synced: command.local.Command;
}

/** The deployer's access to the central cluster: a ServiceAccount token there, copied as `central-kubeconfig`. */
function centralAccess(name: string, args: DistributedWiringArgs, base: ContrailClusterBase, parent: pulumi.Resource) {
    const { cluster, central } = args;
    const toCentral = serviceAccountKubeconfig(
        `${name}-central-access`,
        {
            cluster: central.cluster,
            account: `contrail-distributed-${cluster.name}`,
            usedBy: `the CN2 deployer of cluster ${cluster.name}`,
            generation: args.tokenGeneration,
        },
        parent,
    );
    const centralKubeconfig = secretFrom(
        `${name}-central-kubeconfig`,
        cluster,
        centralKubeconfigSecretManifest(toCentral.kubeconfig),
        [base.namespaces["contrail-deploy"]],
        parent,
    );
    return { toCentral, centralKubeconfig };
}

/**
 * The distributed deployer side: namespaces, pull Secrets, `central-kubeconfig`, the deployer (restarted when the
 * central credentials change, as a re-created central cluster makes them), its gate, the cert manager.
 */
function distributedDeployer(
    name: string,
    args: DistributedWiringArgs,
    parent: pulumi.Resource,
): { running: command.local.Command; certManager: command.local.Command[] } {
    const { cluster, central, release } = args;
    const base = contrailClusterBase(name, cluster, args.dockerConfig, args.dependsOn, parent);
    const { toCentral, centralKubeconfig } = centralAccess(name, args, base, parent);
    const deployer = manifestCommand(
        `${name}-deployer`,
        {
            cluster,
            release,
            role: "distributedDeployer",
            registry: args.registry,
            restartStamp: toCentral.fingerprint,
            dependsOn: [...base.pullSecrets, centralKubeconfig, central.running],
        },
        parent,
    );
    const hasCertManager = release.manifests.distributedCertManager !== undefined;
    const running = clusterScript(
        `${name}-deployer-running`,
        {
            cluster,
            script: deployerRunningScript({
                cluster: cluster.name,
                timeoutSeconds: args.timeoutSeconds,
                crds: hasCertManager ? [VROUTER_CRD, CERT_MANAGER_CRD] : [VROUTER_CRD],
            }),
            dependsOn: [deployer],
            triggers: [...releaseTriggers(args), toCentral.fingerprint],
        },
        parent,
    );
    const certManager = hasCertManager
        ? [
              manifestCommand(
                  `${name}-certmanager`,
                  { cluster, release, role: "distributedCertManager", registry: args.registry, dependsOn: [running] },
                  parent,
              ),
          ]
        : [];
    return { running, certManager };
}

/** The Kubemanager on the central cluster and the SHA-256 of its spec (a new kubeconfig changes its pods' template). */
function kubemanagerFor(
    name: string,
    args: DistributedWiringArgs,
    fingerprint: pulumi.Output<string>,
    dependsOn: readonly pulumi.Resource[],
    parent: pulumi.Resource,
): { kubemanager: k8s.apiextensions.CustomResource; specHash: pulumi.Output<string> } {
    const { cluster, central, release } = args;
    const manifest = renderKubemanager({
        release,
        registry: args.registry,
        cluster: cluster.name,
        podCidrs: cluster.network.podCidrs,
        serviceCidrs: cluster.network.serviceCidrs,
        allocation: args.allocation,
        enableNad: args.enableNad,
        kubeconfigFingerprint: fingerprint,
    });
    const kubemanager = new k8s.apiextensions.CustomResource(
        `${name}-kubemanager`,
        { ...manifest },
        inClusterOptions(central.cluster, parent, { dependsOn: [...dependsOn] }),
    );
    return { kubemanager, specHash: pulumi.output(manifest).apply((plain) => sha256(stableJson(plain))) };
}

/**
 * Per distributed cluster, in the seed's order: its namespaces and pull Secrets; `central-kubeconfig` (a token of
 * the central cluster); the distributed deployer, once CN2 runs centrally; its gate and the cert manager;
 * `workload-kubeconfig-<cluster>` on the central cluster; the Kubemanager once both deployers run; the vRouter;
 * then the gates: every node Ready (after every join), and the Kubemanager mirroring a probe namespace created
 * after the last change it must follow. Nothing here touches another distributed cluster.
 */
export function wireDistributed(name: string, args: DistributedWiringArgs, parent: pulumi.Resource): DistributedWiring {
    const { cluster, central, release } = args;
    const deployer = distributedDeployer(name, args, parent);
    const toDistributed = serviceAccountKubeconfig(
        `${name}-access`,
        {
            cluster,
            account: "contrail-central-kubemanager",
            usedBy: `the CN2 Kubemanager of ${cluster.name} on central cluster ${central.cluster.name}`,
            generation: args.tokenGeneration,
        },
        parent,
    );
    const workloadKubeconfig = secretFrom(
        `${name}-workload-kubeconfig`,
        central.cluster,
        workloadKubeconfigSecretManifest(cluster.name, toDistributed.kubeconfig),
        [central.base.namespaces.contrail],
        parent,
    );
    const { kubemanager, specHash } = kubemanagerFor(
        name,
        args,
        toDistributed.fingerprint,
        [central.running, deployer.running, workloadKubeconfig],
        parent,
    );
    const vrouter = manifestCommand(
        `${name}-vrouter`,
        {
            cluster,
            release,
            role: "distributedVrouter",
            registry: args.registry,
            dependsOn: [kubemanager, ...deployer.certManager],
        },
        parent,
    );
    const nodesReady = nodesReadyGate(name, args, vrouter, specHash, parent);
    const synced = syncGate(name, args, { kubemanager, specHash, nodesReady }, parent);
    return { kubemanager, nodesReady, synced };
}

// AntreaMcController: one antrea-mc-controller (leader or member) from the pinned release manifest, webhooks first.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../../cluster";
import { clusterAccess, inClusterGroupOptions } from "../../shared/cluster-access";
import { DEFAULT_WAIT_SECONDS, clusterScript } from "../../shared/kubectl-wait";
import { sha256 } from "../../shared/shell";
import { whenComputed } from "../../shared/mock-tolerance";
import { ServedWebhook, controllerReadyScript } from "../health";
import { splitReleaseManifest } from "../release-edits";
import { mcConfigChecksum, mcConfigMap } from "./mc-config";
import { MultiClusterConfigInput } from "../types";

/** Inputs of {@link AntreaMcController}. */
export interface AntreaMcControllerArgs {
    /** The cluster: plain data (a provider is made from it) or one with its access (the ClusterSet's, a provisioner). */
    readonly cluster: Cluster;
    /** `leader` or `member`. */
    readonly role: "leader" | "member";
    /** Namespace the controller runs in (the leader namespace, or kube-system). */
    readonly namespace: string;
    /** The release manifest's text (`antrea-multicluster-leader-namespaced.yml` or `-member.yml` of the pinned tag). */
    readonly manifest: pulumi.Input<string>;
    /** The controller's configuration (rendered into `antrea-mc-controller-config`). */
    readonly config: MultiClusterConfigInput;
    /** Leader: move the objects into {@link namespace} (the documented rename of `antrea-multicluster`). */
    readonly renameLeaderNamespace?: boolean;
    /** CRDs of the manifest another resource of this cluster owns (the ClusterSet CRD in a dual-role cluster). */
    readonly skipCrds?: readonly string[];
    /** CRDs that must be established before the controller counts as serving. */
    readonly crds: readonly string[];
    /** Webhook configurations whose CA the controller injects at start. */
    readonly webhooks: readonly ServedWebhook[];
    /** What the objects wait for besides the cluster (the CNI, the namespace, CRDs applied elsewhere). */
    readonly dependsOn?: readonly pulumi.Input<pulumi.Resource>[];
    /** What the Deployment alone waits for besides its objects (a member: the leader's controller at this release). */
    readonly controllerDependsOn?: readonly pulumi.Resource[];
    /** Bound of the wait until it serves; @default 600 s. */
    readonly timeoutSeconds?: number;
}

/**
 * One Multi-cluster controller: the project's ConfigMap, the manifest's CRDs, RBAC, Service and webhook
 * configurations, and only then the Deployment (it injects the webhook CA once, at start). The Deployment's
 * `checksum/config` is the ConfigMap's hash, so a configuration change rolls the pod; no `rollout restart`.
 */
export class AntreaMcController extends pulumi.ComponentResource {
    /** `antrea-mc-controller-config`. */
    readonly configMap: k8s.core.v1.ConfigMap;
    /** CRDs, RBAC, Service and webhook configurations of the manifest. */
    readonly objects: k8s.yaml.v2.ConfigGroup;
    /** The Deployment, after the webhook configurations. */
    readonly controller: k8s.yaml.v2.ConfigGroup;
    /** Waits until the controller serves (CRDs, rollout, webhook CA). */
    readonly running: command.local.Command;
    /** SHA-256 of the controller configuration. */
    readonly configChecksum: string;
    /** What resources that need this controller must depend on. */
    readonly ready: readonly pulumi.Resource[];

    constructor(name: string, args: AntreaMcControllerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("multicluster:antrea:AntreaMcController", name, {}, opts);
        const cluster = clusterAccess(args.cluster, this, name);
        const configMap = mcConfigMap(args.namespace, args.config);
        this.configChecksum = mcConfigChecksum(configMap);
        const split = whenComputed(args.manifest, (text) =>
            splitReleaseManifest(text, {
                configChecksum: this.configChecksum,
                ...(args.renameLeaderNamespace ? { leaderNamespace: args.namespace } : {}),
                ...(args.skipCrds ? { skipCrds: args.skipCrds } : {}),
            }),
        );
        const options = (dependsOn: readonly pulumi.Input<pulumi.Resource>[]) =>
            inClusterGroupOptions(cluster, this, { dependsOn: [...(args.dependsOn ?? []), ...dependsOn] });
        this.configMap = new k8s.core.v1.ConfigMap(`${name}-config`, configMap, options([]));
        this.objects = new k8s.yaml.v2.ConfigGroup(
            `${name}-objects`,
            { objs: whenComputed(split, (parts) => [...parts.objects]) },
            options([]),
        );
        this.controller = new k8s.yaml.v2.ConfigGroup(
            `${name}-controller`,
            { objs: whenComputed(split, (parts) => [...parts.controller]) },
            options([this.objects, this.configMap, ...(args.controllerDependsOn ?? [])]),
        );
        this.running = clusterScript(
            `${name}-running`,
            {
                cluster,
                script: controllerReadyScript({
                    cluster: cluster.name,
                    role: args.role,
                    namespace: args.namespace,
                    crds: args.crds,
                    webhooks: args.webhooks,
                    timeoutSeconds: args.timeoutSeconds ?? DEFAULT_WAIT_SECONDS,
                }),
                dependsOn: [this.controller],
                triggers: [this.configChecksum, whenComputed(args.manifest, sha256)],
            },
            this,
        );
        this.ready = [this.running];
        this.registerOutputs({ role: args.role, namespace: args.namespace, configChecksum: this.configChecksum });
    }
}

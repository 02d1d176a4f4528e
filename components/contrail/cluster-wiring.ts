// Wiring helpers of the CN2 install in one cluster: its namespaces and pull Secrets, a pinned manifest applied, a Secret from a rendered object.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { ClusterAccess, inClusterOptions } from "../shared/cluster-access";
import { CONTRAIL_NAMESPACES, ContrailNamespace } from "./names";
import { ContrailManifestRole, ContrailRelease } from "./release";
import { MANAGED_BY, StringDataSecret, pullSecretManifest } from "./secrets";
import { RESTART_STAMP_VARIABLE, manifestApplyScript } from "./scripts";
import { manifestDeleteScript } from "./teardown";

/** The CN2 namespaces and pull Secrets of one cluster. */
export interface ContrailClusterBase {
    /** The namespaces, by name (created here, not by the manifests, so the Secrets can exist before the pods). */
    readonly namespaces: Readonly<Record<ContrailNamespace, k8s.core.v1.Namespace>>;
    /** `registrypullsecret` in each namespace. */
    readonly pullSecrets: readonly k8s.core.v1.Secret[];
}

/** Creates the CN2 namespaces of a cluster and a `registrypullsecret` (a secret from birth) in each. */
export function contrailClusterBase(
    name: string,
    cluster: ClusterAccess,
    dockerConfig: pulumi.Output<string>,
    dependsOn: readonly pulumi.Input<pulumi.Resource>[],
    parent: pulumi.Resource,
): ContrailClusterBase {
    const namespaces = Object.fromEntries(
        CONTRAIL_NAMESPACES.map((namespace) => [
            namespace,
            new k8s.core.v1.Namespace(
                `${name}-ns-${namespace}`,
                {
                    metadata: { name: namespace, labels: { ...MANAGED_BY } },
                },
                inClusterOptions(cluster, parent, { dependsOn: [...dependsOn] }),
            ),
        ]),
    ) as Record<ContrailNamespace, k8s.core.v1.Namespace>;
    const pullSecrets = CONTRAIL_NAMESPACES.map((namespace) =>
        secretFrom(
            `${name}-pull-${namespace}`,
            cluster,
            pullSecretManifest(namespace, pulumi.secret(dockerConfig)),
            [namespaces[namespace]],
            parent,
        ),
    );
    return { namespaces, pullSecrets };
}

/** A Secret resource from a rendered object; its values stay secret in state and in every diff. */
export function secretFrom(
    name: string,
    cluster: ClusterAccess,
    manifest: StringDataSecret<pulumi.Output<string>>,
    dependsOn: readonly pulumi.Resource[],
    parent: pulumi.Resource,
): k8s.core.v1.Secret {
    return new k8s.core.v1.Secret(
        name,
        {
            metadata: { ...manifest.metadata },
            type: manifest.type,
            stringData: pulumi.secret(manifest.stringData),
        },
        inClusterOptions(cluster, parent, { dependsOn: [...dependsOn], additionalSecretOutputs: ["data", "stringData"] }),
    );
}

/** Inputs of {@link manifestCommand}. */
export interface ManifestCommandArgs {
    /** Where the manifest goes (its access: the provisioner's, or the component's from the data). */
    readonly cluster: ClusterAccess;
    /** The release. */
    readonly release: ContrailRelease;
    /** Which of its manifests. */
    readonly role: ContrailManifestRole;
    /** Image registry prefix (a mirror), if not the release's. */
    readonly registry?: string;
    /** What must exist first. */
    readonly dependsOn: readonly pulumi.Resource[];
    /** A SHA-256 whose change restarts the distributed deployer (the central cluster's credentials it reads). */
    readonly restartStamp?: pulumi.Input<string>;
    /** Bound of the delete script in seconds. */
    readonly deleteTimeoutSeconds?: number;
}

/**
 * Applies a pinned manifest by URL with kubectl (server-side, without the objects Pulumi owns) and deletes its
 * objects on destroy. Create and update run the same idempotent script, so a new release or a re-created cluster
 * re-applies in place (no replacement, whose delete would remove what the new apply just created). The
 * kubeconfig goes on stdin.
 */
export function manifestCommand(name: string, args: ManifestCommandArgs, parent: pulumi.Resource): command.local.Command {
    const input = { cluster: args.cluster.name, release: args.release, role: args.role, registry: args.registry };
    const apply = manifestApplyScript(input);
    return new command.local.Command(
        name,
        {
            create: apply,
            update: apply,
            delete: manifestDeleteScript(input, args.deleteTimeoutSeconds),
            interpreter: ["bash", "-c"],
            stdin: pulumi.secret(args.cluster.kubeconfig),
            environment: {
                // Not read by the script: a re-created cluster (new incarnation) changes it, so `update` re-applies there.
                CONTRAIL_CLUSTER_INCARNATION: args.cluster.incarnation,
                ...(args.restartStamp !== undefined ? { [RESTART_STAMP_VARIABLE]: args.restartStamp } : {}),
            },
            logging: "none",
            addPreviousOutputInEnv: false,
        },
        { parent, dependsOn: [...args.cluster.ready, ...args.dependsOn] },
    );
}

/** The nodes a gate over every node of `cluster` vouches for, as a trigger: adding one re-runs the gate. */
export function nodeList(cluster: Cluster): string {
    return [...cluster.network.nodeAddresses].sort().join(",");
}

// buildCiliumClusterMesh: the whole mesh in one call for library users (shared CA, one install per member, the gates).
import * as pulumi from "@pulumi/pulumi";
import { optionDependencies } from "../shared/schema-types";
import { SettingGuard } from "../shared/setting-guard";
import { CiliumCa } from "./ca";
import { CiliumClusterMesh, CiliumMeshMember, checkMesh, meshInstallArgs, meshInstallOf, meshPodCidrs } from "./cluster-mesh";
import { CiliumInstall } from "./install";
import { meshGuardArgs } from "./mesh-guard";
import { K8sServiceEndpoint } from "./values";

/** A mesh member plus what its install needs beyond the mesh. */
export interface CiliumMeshMemberInstall extends CiliumMeshMember {
    /** API server address for agents when the cluster has no kube-proxy (the cluster's `endpoint`). */
    readonly k8sService?: K8sServiceEndpoint;
}

/** Inputs of {@link buildCiliumClusterMesh}. */
export interface CiliumClusterMeshBuildArgs {
    /** The clusters. */
    readonly members: readonly CiliumMeshMemberInstall[];
    /** Chart version; @default `defaultVersions.cilium` (components/versions.ts). */
    readonly version?: string;
    /** Bound of each health gate; @default 600 s. */
    readonly healthTimeoutSeconds?: number;
    /** Rotation generation of the shared CA (and of every certificate it signs); @default 0. */
    readonly caGeneration?: number;
}

/** What {@link buildCiliumClusterMesh} declared. */
export interface BuiltCiliumClusterMesh {
    /** The shared CA (`<name>-ca`). */
    readonly ca: CiliumCa;
    /** One install per member (`<name>-<cluster>`), by cluster name. */
    readonly installs: Readonly<Record<string, CiliumInstall>>;
    /** The gates (`<name>`). */
    readonly mesh: CiliumClusterMesh;
    /** The record that fails a preview changing a member's name or ID, or maxConnectedClusters (`<name>-settings`). */
    readonly guard: SettingGuard;
}

/**
 * Declares a complete Cilium Cluster Mesh: the settings record, `CiliumCa`, a `CiliumInstall` per member (each after
 * the record) and the `CiliumClusterMesh` gates, as siblings (each with `opts` as its options), so every install keeps its URN if the mesh is later
 * removed and the installs are declared on their own. Validates the whole mesh before declaring anything.
 *
 * The TypeScript convenience over the data-only components: it takes the clusters (or provisioner objects) and
 * hands each component the data it needs (the CA's PEMs, each install's `meshInstallOf`); other languages declare
 * the same four components themselves.
 */
export function buildCiliumClusterMesh(
    name: string,
    args: CiliumClusterMeshBuildArgs,
    opts?: pulumi.ComponentResourceOptions,
): BuiltCiliumClusterMesh {
    const peers = checkMesh(name, args.members);
    const guard = new SettingGuard(`${name}-settings`, meshGuardArgs(`Cilium Cluster Mesh ${name}`, peers), opts);
    const ca = new CiliumCa(`${name}-ca`, { generation: args.caGeneration }, opts);
    const podCidrs = meshPodCidrs(args.members);
    const installs = Object.fromEntries(
        args.members.map((member) => [
            member.cluster.name,
            new CiliumInstall(
                `${name}-${member.cluster.name}`,
                {
                    cluster: member.cluster,
                    clusterId: member.id,
                    version: args.version,
                    settings: member.settings,
                    k8sService: member.k8sService,
                    meshPodCidrs: podCidrs,
                    ca: { certPem: ca.certPem, keyPem: ca.keyPem, generation: ca.generation },
                    mesh: meshInstallArgs(member, args.members),
                },
                { ...opts, dependsOn: [...optionDependencies(opts), guard] },
            ),
        ]),
    );
    const mesh = new CiliumClusterMesh(
        name,
        {
            members: [...args.members],
            installs: Object.fromEntries(Object.entries(installs).map(([cluster, install]) => [cluster, meshInstallOf(install)])),
            healthTimeoutSeconds: args.healthTimeoutSeconds,
        },
        opts,
    );
    return { ca, installs, mesh, guard };
}

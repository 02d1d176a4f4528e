// CiliumClusterMesh: validates a mesh of Cilium installs and gates `up` on every cluster seeing every peer ready.
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { DEFAULT_WAIT_SECONDS, clusterScript } from "../shared/kubectl-wait";
import { ConfigValidationError } from "../shared/validation";
import { meshHealthScript } from "./health";
import { peerUrl } from "./peers";
import { CiliumSettings, MeshExposure, MeshPeer, PeerEndpoint, resolveCiliumSettings } from "./types";
import { validateMesh } from "./validate";
import { CiliumInstallMesh, nodeList } from "./install";
import { requireClusterAccess } from "../shared/cluster-access";

/** One cluster of the mesh. */
export interface CiliumMeshMember {
    /** The cluster. */
    readonly cluster: Cluster;
    /** Cilium cluster ID, unique in 1..maxConnectedClusters. */
    readonly id: number;
    /** Cilium options of this cluster (datapath and encryption must match across the mesh); @default DEFAULT_CILIUM_SETTINGS. */
    readonly settings?: Partial<CiliumSettings>;
    /** How this cluster exposes its clustermesh-apiserver. */
    readonly exposure: MeshExposure;
    /** Where peers reach it (pinned: node IPs + NodePort, the LB IP + 2379, or a DNS name). */
    readonly endpoint: PeerEndpoint;
    /** 255 (default) or 511; must be the same in every cluster. */
    readonly maxConnectedClusters?: number;
    /** EndpointSlices for remote backends of global Services that ask for them (headless global Services); default false. */
    readonly syncEndpointSlices?: boolean;
}

/** What the mesh needs of each member's Cilium install (a `CiliumInstall` fits). */
export interface MeshInstall {
    /** What resources that need Cilium must depend on. */
    readonly ready: readonly pulumi.Resource[];
    /** Checksum of the chart, its version and the values; a change re-runs every gate. */
    readonly releaseChecksum: pulumi.Input<string>;
}

/** Inputs of {@link CiliumClusterMesh}. */
export interface CiliumClusterMeshArgs {
    /** The clusters; names key every child, so order changes and additions never rename anything. */
    readonly members: readonly CiliumMeshMember[];
    /** Each member's install (made with {@link meshInstallArgs}), by cluster name. */
    readonly installs: Readonly<Record<string, MeshInstall>>;
    /** What the gates wait for besides the installs (e.g. the LoadBalancer pools a pinned apiserver IP needs). */
    readonly dependsOn?: readonly pulumi.Resource[];
    /** Bound of the health gate per cluster; @default 600 s. */
    readonly healthTimeoutSeconds?: number;
}

/** The mesh as its members see each other (validated before any resource exists). */
export function meshPeers(members: readonly CiliumMeshMember[]): MeshPeer[] {
    return members.map((member) => {
        const settings = resolveCiliumSettings(member.settings);
        return {
            name: member.cluster.name,
            id: member.id,
            podCidrs: member.cluster.network.podCidrs,
            maxConnectedClusters: member.maxConnectedClusters ?? 255,
            routingMode: settings.routingMode,
            tunnelProtocol: settings.tunnelProtocol,
            encryption: settings.encryption,
            endpoint: member.endpoint,
        };
    });
}

/** The Cluster Mesh part of one member's `CiliumInstall` args: its exposure and every peer's pinned endpoint. */
export function meshInstallArgs(member: CiliumMeshMember, members: readonly CiliumMeshMember[]): CiliumInstallMesh {
    return {
        maxConnectedClusters: member.maxConnectedClusters ?? 255,
        exposure: member.exposure,
        peers: members.map((peer) => ({ name: peer.cluster.name, endpoint: peer.endpoint })),
        syncEndpointSlices: member.syncEndpointSlices ?? false,
        ...(member.endpoint.address ? { endpointAddress: member.endpoint.address } : {}),
    };
}

/** Native routing across the mesh: every member's pod CIDRs, exactly (each install leaves them unmasqueraded). */
export function meshPodCidrs(members: readonly CiliumMeshMember[]): string[] | undefined {
    if (!members.some((member) => resolveCiliumSettings(member.settings).routingMode === "native")) {
        return undefined;
    }
    return members.flatMap((member) => member.cluster.network.podCidrs);
}

/**
 * What a member's health gate vouches for, as its triggers: every release (chart, version, values), every peer's
 * incarnation (a re-created peer must be seen again) and this cluster's nodes (every agent). Sorted by cluster name,
 * so listing the members in another order changes nothing.
 */
export function meshGateTriggers(
    member: CiliumMeshMember,
    members: readonly CiliumMeshMember[],
    installs: Readonly<Record<string, MeshInstall>>,
): pulumi.Input<string>[] {
    const byName = [...members].sort((a, b) => a.cluster.name.localeCompare(b.cluster.name));
    return [
        ...byName.map((peer) => installs[peer.cluster.name].releaseChecksum),
        ...byName.filter((peer) => peer !== member).map((peer) => peer.cluster.incarnation),
        nodeList(member.cluster),
    ];
}

/** Throws a ConfigValidationError naming every problem of the mesh. */
export function checkMesh(name: string, members: readonly CiliumMeshMember[]): MeshPeer[] {
    const peers = meshPeers(members);
    const issues = validateMesh(peers);
    if (issues.length > 0) {
        throw new ConfigValidationError(`Cilium Cluster Mesh ${name}`, issues);
    }
    return peers;
}

/**
 * Cilium Cluster Mesh over N clusters without the cilium CLI. What `cilium clustermesh enable/connect` do is
 * rendered into each member's `CiliumInstall` values ({@link meshInstallArgs}, cilium.md §4); this component
 * validates the mesh and gates `up` on it: every Cilium agent of every cluster reports every peer ready.
 * The installs depend only on the shared CA and pinned peer addresses, never on another cluster's live
 * state, so there are no cross-cluster cycles and adding a cluster updates each existing release's peer list only.
 */
export class CiliumClusterMesh extends pulumi.ComponentResource {
    /** The health gate of each cluster, by cluster name. */
    readonly gates: Readonly<Record<string, command.local.Command>>;
    /** The URL each cluster's peers dial, by cluster name. */
    readonly endpoints: Readonly<Record<string, string>>;
    /** What resources that need the connected mesh must depend on. */
    readonly ready: readonly pulumi.Resource[];

    constructor(name: string, args: CiliumClusterMeshArgs, opts?: pulumi.ComponentResourceOptions) {
        const peers = checkMesh(name, args.members);
        const installs = args.members.map((member) => {
            const install = args.installs[member.cluster.name];
            if (!install) {
                throw new pulumi.RunError(`CiliumClusterMesh ${name}: no install given for member ${member.cluster.name}`);
            }
            return install;
        });
        super("multicluster:cilium:CiliumClusterMesh", name, {}, opts);
        const everyInstall = [...installs.flatMap((install) => install.ready), ...(args.dependsOn ?? [])];
        const gates = args.members.map((member) =>
            clusterScript(
                `${name}-${member.cluster.name}-health`,
                {
                    cluster: member.cluster,
                    script: meshHealthScript({
                        cluster: member.cluster.name,
                        peers: peers
                            .map((peer) => peer.name)
                            .filter((peer) => peer !== member.cluster.name)
                            .sort(),
                        timeoutSeconds: args.healthTimeoutSeconds ?? DEFAULT_WAIT_SECONDS,
                    }),
                    dependsOn: [...everyInstall, ...requireClusterAccess(member.cluster).joined],
                    triggers: meshGateTriggers(member, args.members, args.installs),
                },
                this,
            ),
        );
        this.gates = Object.fromEntries(args.members.map((member, i) => [member.cluster.name, gates[i]]));
        this.endpoints = Object.fromEntries(peers.map((peer) => [peer.name, peerUrl(peer.name, peer.endpoint)]));
        this.ready = gates;
        this.registerOutputs({ endpoints: this.endpoints });
    }
}

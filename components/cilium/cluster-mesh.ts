// CiliumClusterMesh: validates a mesh of Cilium installs and gates `up` on every cluster seeing every peer ready.
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { DEFAULT_WAIT_SECONDS, clusterScript } from "../shared/kubectl-wait";
import { ConfigValidationError } from "../shared/validation";
import { meshHealthScript } from "./health";
import { peerUrl } from "./peers";
import { CiliumSettings, CiliumMeshExposure, MeshPeer, PeerEndpoint, resolveCiliumSettings } from "./types";
import { validateMesh } from "./validate";
import { CiliumInstall, CiliumInstallMesh, nodeList } from "./install";
import { clusterAccess, dependencyOn } from "../shared/cluster-access";
import { optionDependencies } from "../shared/schema-types";

/** One cluster of the mesh; every field but the cluster's Inputs is plain: known at preview. */
export interface CiliumMeshMember {
    /** The cluster (plain data; a provisioner's cluster reuses its provider). */
    readonly cluster: Cluster;
    /** Cilium cluster ID, unique in 1..maxConnectedClusters. */
    readonly id: number;
    /** Cilium options of this cluster (datapath and encryption must match across the mesh); default: DEFAULT_CILIUM_SETTINGS. */
    readonly settings?: Partial<CiliumSettings>;
    /** How this cluster exposes its clustermesh-apiserver (NodePort: port 32379 unless `nodePort` says otherwise; LoadBalancer: needs `ip`). */
    readonly exposure: CiliumMeshExposure;
    /** Where peers reach it (pinned: node IPs + NodePort, the LB IP + 2379, or a DNS name). */
    readonly endpoint: PeerEndpoint;
    /** 255 (default) or 511; must be the same in every cluster. */
    readonly maxConnectedClusters?: number;
    /** EndpointSlices for remote backends of global Services that ask for them (headless global Services); default false. */
    readonly syncEndpointSlices?: boolean;
}

/** What the mesh needs of each member's Cilium install, as data (`meshInstallOf` takes it from a `CiliumInstall`). */
export interface MeshInstall {
    /** Checksum of the chart, its version and the values; a change re-runs every gate. */
    readonly releaseChecksum: pulumi.Input<string>;
    /** Resolves once Cilium runs (a `CiliumInstall`'s `readiness`): the gates wait for every resource it depends on. */
    readonly readiness: pulumi.Input<string>;
}

/** What `CiliumClusterMesh` needs of a `CiliumInstall`: its release checksum and its readiness. */
export function meshInstallOf(install: CiliumInstall): MeshInstall {
    return { releaseChecksum: install.releaseChecksum, readiness: install.readiness };
}

/**
 * Inputs of `CiliumClusterMesh`; what the gates wait for besides the installs (e.g. the LoadBalancer pools a
 * pinned apiserver IP needs) goes in `opts.dependsOn`.
 */
export interface CiliumClusterMeshArgs {
    /** The clusters; names key every child, so order changes and additions never rename anything. */
    readonly members: CiliumMeshMember[];
    /** Each member's install (made with `meshInstallArgs`; see `meshInstallOf`), by cluster name. */
    readonly installs: Record<string, MeshInstall>;
    /** Bound of the health gate per cluster; default: 600 s. */
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

/** What a CiliumClusterMesh keeps out of the schema: what resources that need the connected mesh depend on. */
const readyGates = new WeakMap<CiliumClusterMesh, command.local.Command[]>();

/**
 * Cilium Cluster Mesh over N clusters without the cilium CLI. What `cilium clustermesh enable/connect` do is
 * rendered into each member's `CiliumInstall` values (`meshInstallArgs`, cilium.md §4); this component
 * validates the mesh and gates `up` on it: every Cilium agent of every cluster reports every peer ready.
 * The installs depend only on the shared CA and pinned peer addresses, never on another cluster's live
 * state, so there are no cross-cluster cycles and adding a cluster updates each existing release's peer list only.
 */
export class CiliumClusterMesh extends pulumi.ComponentResource {
    /** The health gate of each cluster, by cluster name. */
    readonly gates: Record<string, command.local.Command>;
    /** The URL each cluster's peers dial, by cluster name. */
    readonly endpoints: Record<string, string>;

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
        const everyInstall = [...installs.map((install) => dependencyOn(install.readiness)), ...optionDependencies(opts)];
        const gates = args.members.map((member) => {
            const cluster = clusterAccess(member.cluster, this, name);
            const others = peers.map((peer) => peer.name).filter((peer) => peer !== cluster.name);
            return clusterScript(
                `${name}-${cluster.name}-health`,
                {
                    cluster,
                    script: meshHealthScript({
                        cluster: cluster.name,
                        peers: others.sort(),
                        timeoutSeconds: args.healthTimeoutSeconds ?? DEFAULT_WAIT_SECONDS,
                    }),
                    dependsOn: [...everyInstall, ...cluster.joined],
                    triggers: meshGateTriggers(member, args.members, args.installs),
                },
                this,
            );
        });
        this.gates = Object.fromEntries(args.members.map((member, i) => [member.cluster.name, gates[i]]));
        this.endpoints = Object.fromEntries(peers.map((peer) => [peer.name, peerUrl(peer.name, peer.endpoint)]));
        readyGates.set(this, gates);
        this.registerOutputs({ endpoints: this.endpoints });
    }

    /** What resources that need the connected mesh must depend on: every gate (TypeScript only; other languages use `gates`). */
    get ready(): pulumi.Resource[] {
        return [...(readyGates.get(this) ?? [])];
    }
}

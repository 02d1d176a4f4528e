// CiliumClusterMesh: N clusters, one shared CA, Cilium per cluster listing every peer, and a health gate.
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { CiliumInstall } from "./install";
import { MeshCa, createMeshCa, createMeshCertSecrets } from "./mesh-tls";
import { DEFAULT_WAIT_SECONDS, meshHealthScript } from "./health";
import { coveringCidr, peerUrl } from "./peers";
import { CiliumSettings, MeshExposure, MeshPeer, PeerEndpoint } from "./types";
import { validateMesh } from "./validate";
import { K8sServiceEndpoint, NativeRoutingCidrs } from "./values";
import { ConfigValidationError } from "../shared/validation";

/** One cluster of the mesh. */
export interface CiliumMeshMember {
    /** The cluster. */
    readonly cluster: Cluster;
    /** Cilium cluster ID, unique in 1..maxConnectedClusters. */
    readonly id: number;
    /** Cilium options of this cluster (datapath and encryption must match across the mesh). */
    readonly settings: CiliumSettings;
    /** How this cluster exposes its clustermesh-apiserver. */
    readonly exposure: MeshExposure;
    /** Where peers reach it (pinned: node IPs + NodePort, the LB IP + 2379, or a DNS name). */
    readonly endpoint: PeerEndpoint;
    /** 255 (default) or 511; must be the same in every cluster. */
    readonly maxConnectedClusters?: number;
    /** API server address for agents when the cluster has no kube-proxy. */
    readonly k8sService?: K8sServiceEndpoint;
    /** LoadBalancer pools of the cluster (config strings). */
    readonly loadBalancerPools?: readonly string[];
}

/** Inputs of {@link CiliumClusterMesh}. */
export interface CiliumClusterMeshArgs {
    /** The clusters; names key every child, so order changes and additions never rename anything. */
    readonly members: readonly CiliumMeshMember[];
    /** Chart version (`versions.cilium`). */
    readonly version: string;
    /** Bound of the health gate per cluster (default 600 s). */
    readonly healthTimeoutSeconds?: number;
}

/** The mesh as its members see each other (validated before any resource exists). */
export function meshPeers(members: readonly CiliumMeshMember[]): MeshPeer[] {
    return members.map((member) => ({
        name: member.cluster.name,
        id: member.id,
        podCidrs: member.cluster.network.podCidrs,
        maxConnectedClusters: member.maxConnectedClusters ?? 255,
        routingMode: member.settings.routingMode,
        tunnelProtocol: member.settings.tunnelProtocol,
        encryption: member.settings.encryption,
        endpoint: member.endpoint,
    }));
}

function checkedPeers(name: string, members: readonly CiliumMeshMember[]): MeshPeer[] {
    const peers = meshPeers(members);
    const issues = validateMesh(peers);
    if (issues.length > 0) {
        throw new ConfigValidationError(`Cilium Cluster Mesh ${name}`, issues);
    }
    return peers;
}

/**
 * Cilium Cluster Mesh over N clusters without the cilium CLI: what `cilium clustermesh enable/connect` do
 * is rendered as values (cilium.md §4) and applied by one Helm release per cluster. Every cluster's values
 * depend only on the shared CA and on pinned peer addresses, never on another cluster's live state, so
 * there are no cross-cluster cycles and adding a cluster updates each existing release's peer list only.
 */
export class CiliumClusterMesh extends pulumi.ComponentResource {
    /** The shared CA certificate (PEM, public). */
    readonly caCertPem: pulumi.Output<string>;
    /** The Cilium installation of each cluster, by cluster name. */
    readonly installs: Readonly<Record<string, CiliumInstall>>;
    /** The health gate of each cluster, by cluster name. */
    readonly gates: Readonly<Record<string, command.local.Command>>;
    /** The URL each cluster's peers dial, by cluster name. */
    readonly endpoints: Readonly<Record<string, string>>;
    /** What resources that need the connected mesh must depend on. */
    readonly ready: readonly pulumi.Resource[];

    constructor(name: string, args: CiliumClusterMeshArgs, opts?: pulumi.ComponentResourceOptions) {
        const peers = checkedPeers(name, args.members);
        super("multicluster:index:CiliumClusterMesh", name, {}, opts);
        const ca = createMeshCa(name, this);
        this.caCertPem = ca.certPem;
        const native = args.members.some((member) => member.settings.routingMode === "native");
        const podCidrs = peers.flatMap((peer) => peer.podCidrs);
        const nativeRoutingCidrs = native ? { ipv4: coveringCidr(podCidrs, "ipv4"), ipv6: coveringCidr(podCidrs, "ipv6") } : undefined;
        const installs = args.members.map((member) => this.install(name, member, peers, ca, nativeRoutingCidrs, args.version));
        this.installs = Object.fromEntries(args.members.map((member, i) => [member.cluster.name, installs[i]]));
        const everyInstall = installs.flatMap((install) => install.ready);
        const gates = args.members.map((member) => new command.local.Command(`${name}-${member.cluster.name}-health`, {
            create: meshHealthScript({
                cluster: member.cluster.name,
                peers: peers.map((peer) => peer.name).filter((peer) => peer !== member.cluster.name).sort(),
                timeoutSeconds: args.healthTimeoutSeconds ?? DEFAULT_WAIT_SECONDS,
            }),
            interpreter: ["bash", "-c"],
            stdin: pulumi.secret(member.cluster.kubeconfig),
            logging: "none",
        }, { parent: this, dependsOn: everyInstall }));
        this.gates = Object.fromEntries(args.members.map((member, i) => [member.cluster.name, gates[i]]));
        this.endpoints = Object.fromEntries(peers.map((peer) => [peer.name, peerUrl(peer.name, peer.endpoint)]));
        this.ready = gates;
        this.registerOutputs({ caCertPem: this.caCertPem, endpoints: this.endpoints });
    }

    private install(
        name: string, member: CiliumMeshMember, peers: readonly MeshPeer[], ca: MeshCa,
        nativeRoutingCidrs: NativeRoutingCidrs | undefined, version: string,
    ): CiliumInstall {
        const prefix = `${name}-${member.cluster.name}`;
        const secrets = createMeshCertSecrets(prefix, member.cluster, member.endpoint.address, ca, this);
        return new CiliumInstall(prefix, {
            cluster: member.cluster,
            clusterId: member.id,
            version,
            settings: member.settings,
            k8sService: member.k8sService,
            nativeRoutingCidrs,
            ca: { cert: ca.certBase64, key: ca.keyBase64 },
            mesh: {
                maxConnectedClusters: member.maxConnectedClusters ?? 255,
                exposure: member.exposure,
                peers: peers.map((peer) => ({ name: peer.name, endpoint: peer.endpoint })),
            },
            loadBalancerPools: member.loadBalancerPools,
            dependsOn: secrets,
        }, { parent: this });
    }
}

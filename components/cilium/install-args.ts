// CiliumInstall's args (schema-typed data), their defaults, the checks run at construction, and the chart values they give.
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { parseAddress } from "../network/cidr";
import { base64 } from "../shared/base64";
import { Defaulted } from "../shared/defaults";
import { ownedValueIssues } from "../shared/owned-values";
import { ConfigValidationError, ValidationIssue, issue } from "../shared/validation";
import { imageValueIssues } from "../shared/values-merge";
import { defaultVersions } from "../versions";
import { CiliumCaPems } from "./ca";
import { CiliumChartLine, ciliumChartLine, ciliumVersionProblem } from "./chart-facts";
import { MESH_NODE_PORT } from "./peers";
import { CiliumSettings, MeshExposure, CiliumMeshExposure, CiliumMeshPeer, resolveCiliumSettings } from "./types";
import { ciliumOwnedValues } from "./validate-settings";
import { K8sServiceEndpoint, MeshValuesInput, ciliumValues } from "./values";

/** This cluster's part in a Cluster Mesh (build it with `meshInstallArgs`); plain: known at preview. */
export interface CiliumInstallMesh {
    /** 255 or 511, the same in every cluster of the mesh. */
    readonly maxConnectedClusters: number;
    /** How this cluster exposes its clustermesh-apiserver (NodePort: port 32379 unless `nodePort` says otherwise; LoadBalancer: needs `ip`). */
    readonly exposure: CiliumMeshExposure;
    /** Every mesh cluster (this one included; it is left out of its own peer list). */
    readonly peers: CiliumMeshPeer[];
    /** EndpointSlices for remote backends of global Services that ask for them; default: false. */
    readonly syncEndpointSlices?: boolean;
    /** The peer-facing DNS name of this cluster's clustermesh-apiserver, if peers dial a name (added to its certificate). */
    readonly endpointAddress?: string;
}

/** Inputs of `CiliumInstall`; what it must wait for besides the cluster goes in `opts.dependsOn`. */
export interface CiliumInstallArgs {
    /** The cluster to install into (plain data; a provisioner's cluster reuses its provider). */
    readonly cluster: Cluster;
    /** Cilium cluster ID (0, the default, outside a mesh); plain: known at preview. */
    readonly clusterId?: number;
    /** Chart version; default: `defaultVersions.cilium` (components/versions.ts); plain: known at preview. */
    readonly version?: string;
    /** Cilium options, including the `values` escape hatch; what is left out is `DEFAULT_CILIUM_SETTINGS`; plain: known at preview. */
    readonly settings?: Partial<CiliumSettings>;
    /** API server address for agents when the cluster has no kube-proxy (the cluster's `endpoint`); plain: known at preview. */
    readonly k8sService?: K8sServiceEndpoint;
    /** Native routing in a mesh: every member's pod CIDRs (`meshPodCidrs`), exactly the destinations left unmasqueraded. */
    readonly meshPodCidrs?: string[];
    /** The shared CA's PEMs (a `CiliumCa` fits): signs Hubble and, in a mesh, the clustermesh certificates; the key is kept secret. */
    readonly ca?: CiliumCaPems;
    /** This cluster's Cluster Mesh part; needs `ca`. */
    readonly mesh?: CiliumInstallMesh;
    /** The shared ingress Service's pinned LoadBalancer IP (with `settings.ingressController`; give it a pool of its own); plain: known at preview. */
    readonly ingressIp?: string;
    /** Bound of the wait until Cilium runs; default: 600 s. */
    readonly readyTimeoutSeconds?: number;
}

/** The args with the version and every setting decided. */
export type ResolvedInstallArgs = Defaulted<CiliumInstallArgs, "version"> & { readonly settings: CiliumSettings };

/** The args with their defaults: the pinned chart version, the settings over `DEFAULT_CILIUM_SETTINGS`. */
export function resolveInstallArgs(args: CiliumInstallArgs): ResolvedInstallArgs {
    return {
        ...args,
        version: args.version ?? defaultVersions.cilium,
        settings: resolveCiliumSettings(args.settings),
        ...(args.mesh ? { mesh: { ...args.mesh, endpointAddress: meshEndpointAddress(args.cluster.name, args.mesh) } } : {}),
    };
}

/**
 * The name peers dial for this cluster's clustermesh-apiserver, which its certificate must carry: `endpointAddress`,
 * else the address this cluster's own entry in `peers` gives when it gives no IPs (what every peer then dials).
 */
function meshEndpointAddress(cluster: string, mesh: CiliumInstallMesh): string | undefined {
    const own = mesh.peers.find((peer) => peer.name === cluster)?.endpoint;
    return mesh.endpointAddress ?? ((own?.ips ?? []).length === 0 ? own?.address : undefined);
}

/** The chart line of `args.version`, or a ConfigValidationError naming every problem of the args (a mesh without its CA is refused first). */
export function checkInstall(name: string, args: ResolvedInstallArgs): CiliumChartLine {
    if (args.mesh && !args.ca) {
        throw new pulumi.RunError(`CiliumInstall ${name}: mesh needs ca (the shared CiliumCa of every mesh cluster)`);
    }
    const owned = ownedValueIssues(
        args.settings.values,
        ciliumOwnedValues(args.settings, args.meshPodCidrs !== undefined),
        "settings.values",
    );
    const found: ValidationIssue[] = [...owned, ...imageValueIssues(args.settings.values, "settings.values", owned)];
    const version = ciliumVersionProblem(args.version);
    if (version) {
        found.push(issue("version", args.version, version.problem, version.fix));
    }
    found.push(...ingressIpIssues(args), ...exposureIssues(args.mesh?.exposure));
    const chart = ciliumChartLine(args.version);
    if (found.length > 0 || !chart) {
        throw new ConfigValidationError(`CiliumInstall ${name}`, found);
    }
    return chart;
}

/** `ingressIp` is an address, and there is an ingress Service to pin it to. */
function ingressIpIssues(args: ResolvedInstallArgs): ValidationIssue[] {
    if (args.ingressIp !== undefined && !parseAddress(args.ingressIp)) {
        return [
            issue("ingressIp", args.ingressIp, "is not an IP address", "give the address from the cluster's pools the ingress should have"),
        ];
    }
    if (args.ingressIp !== undefined && !args.settings.ingressController) {
        return [
            issue(
                "ingressIp",
                args.ingressIp,
                "pins the ingress Service, but settings.ingressController is false, so there is none",
                "remove ingressIp, or turn the ingress controller on",
            ),
        ];
    }
    return [];
}

/** A LoadBalancer exposure pins an IP address. */
function exposureIssues(exposure: CiliumMeshExposure | undefined): ValidationIssue[] {
    if (exposure?.type !== "LoadBalancer" || (exposure.ip !== undefined && parseAddress(exposure.ip))) {
        return [];
    }
    const problem =
        exposure.ip === undefined
            ? "while exposure LoadBalancer needs the clustermesh-apiserver's pinned address"
            : "is not an IP address (exposure LoadBalancer pins the clustermesh-apiserver's address)";
    return [issue("mesh.exposure.ip", exposure.ip, problem, "give its address from the cluster's pools, or use exposure NodePort")];
}

/** The exposure as the values take it (checked first by {@link checkInstall}); NodePort defaults to port 32379. */
export function meshExposure(exposure: CiliumMeshExposure): MeshExposure {
    return exposure.type === "NodePort"
        ? { type: "NodePort", nodePort: exposure.nodePort ?? MESH_NODE_PORT }
        : { type: "LoadBalancer", ip: exposure.ip ?? "" };
}

/** The mesh part as the values take it. */
function meshValues(mesh: CiliumInstallMesh): MeshValuesInput {
    return { ...mesh, exposure: meshExposure(mesh.exposure) };
}

/** The chart values of an install (the mesh CA as base64, the key secret, where the install has a CA). */
export function installValues(chart: CiliumChartLine, args: ResolvedInstallArgs) {
    const ca = args.ca;
    return ciliumValues<pulumi.Input<string>>({
        chart,
        name: args.cluster.name,
        id: args.clusterId ?? 0,
        podCidrs: args.cluster.network.podCidrs,
        settings: args.settings,
        k8sService: args.k8sService,
        meshPodCidrs: args.meshPodCidrs,
        ca: ca ? { cert: pulumi.output(ca.certPem).apply(base64), key: pulumi.secret(pulumi.output(ca.keyPem).apply(base64)) } : undefined,
        mesh: args.mesh ? meshValues(args.mesh) : undefined,
        ingressIp: args.ingressIp,
    });
}

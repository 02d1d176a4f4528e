// Pure Antrea settings derived from the stack config: settings, members, cluster IDs, gateway Nodes, and the Antrea rules.
import { AntreaSettings, MulticlusterAgentSettings } from "../../components/antrea/types";
import {
    ClusterSetPeer, antreaVersionIssues, validateAntreaSettings, validateClusterSet, validateMulticlusterAgent,
} from "../../components/antrea/validate";
import { DEFAULT_ANTREA_SETTINGS } from "../../components/antrea/values";
import { addressUseProblem } from "../../components/network/address-checks";
import { parseAddress } from "../../components/network/cidr";
import { ValidationIssue, issue, useOneOf } from "../../components/shared/validation";
import { ClusterConfig, MeshConfig, StackConfig } from "../config/types";

/** The `cni` section when it is Antrea. */
export type AntreaCni = Extract<StackConfig["cni"], { kind: "antrea" }>;
/** The `mesh` section when it is an Antrea ClusterSet. */
export type AntreaMesh = Extract<MeshConfig, { kind: "antrea-multicluster" }>;

/** The `mesh` section when it is an Antrea ClusterSet, else undefined. */
export function antreaMeshOf(config: Pick<StackConfig, "mesh">): AntreaMesh | undefined {
    return config.mesh.kind === "antrea-multicluster" ? config.mesh : undefined;
}

/**
 * The Antrea settings the `cni` section asks for. Fields a hand-built config leaves out (the schema always fills
 * them) take Antrea's defaults.
 */
export function antreaSettingsOf(cni: AntreaCni): AntreaSettings {
    const given: Partial<AntreaCni> = cni;
    const defaults = DEFAULT_ANTREA_SETTINGS;
    return {
        trafficEncapMode: given.trafficEncapMode ?? defaults.trafficEncapMode,
        tunnelType: given.tunnelType ?? defaults.tunnelType,
        nodePortLocal: given.nodePortLocal ?? defaults.nodePortLocal,
        egress: given.egress ?? defaults.egress,
        antreaPolicy: given.antreaPolicy ?? defaults.antreaPolicy,
        traceflow: given.traceflow ?? defaults.traceflow,
        flowExporter: given.flowExporter ?? defaults.flowExporter,
        prometheusMetrics: given.prometheusMetrics ?? defaults.prometheusMetrics,
        ...(cni.values ? { values: cni.values } : {}),
    };
}

/** The agent side of the ClusterSet, the same on every member. */
export function agentSettingsOf(mesh: AntreaMesh): MulticlusterAgentSettings {
    return { podToPod: mesh.podToPod, stretchedNetworkPolicy: mesh.stretchedNetworkPolicy, trafficEncryption: mesh.trafficEncryption };
}

/** The member cluster names: `mesh.members`, or every cluster (the leader then also a member). */
export function memberNamesOf(config: Pick<StackConfig, "clusters">, mesh: AntreaMesh): string[] {
    return mesh.members ?? config.clusters.map((cluster) => cluster.name);
}

/** The per-cluster maps of the mesh section (empty when a hand-built config leaves them out). */
export function meshMaps(mesh: AntreaMesh): Pick<AntreaMesh, "clusterIds" | "gatewayNodes" | "gatewayIps"> {
    const given: Partial<AntreaMesh> = mesh;
    return { clusterIds: given.clusterIds ?? {}, gatewayNodes: given.gatewayNodes ?? {}, gatewayIps: given.gatewayIps ?? {} };
}

/** A cluster's Antrea ID: `mesh.clusterIds.<name>`, else its name. */
export function clusterIdFor(mesh: AntreaMesh, name: string): string {
    return meshMaps(mesh).clusterIds[name] ?? name;
}

/** The Node names a cluster will have (kubeadm: from config; kind: its naming scheme). */
export function nodeNamesOf(entry: ClusterConfig): string[] {
    if (entry.provisioner === "kubeadm") {
        return [...entry.controlPlanes, ...entry.workers].map((host) => host.name);
    }
    const workers = Array.from({ length: entry.workers }, (_, i) => `${entry.name}-worker${i === 0 ? "" : i + 1}`);
    return [`${entry.name}-control-plane`, ...workers];
}

/** The gateway Node: `mesh.gatewayNodes.<name>`, else the first worker (kind: `<cluster>-worker`), else the control plane. */
export function gatewayNodeFor(mesh: AntreaMesh, entry: ClusterConfig): string {
    const chosen = meshMaps(mesh).gatewayNodes[entry.name];
    if (chosen !== undefined) {
        return chosen;
    }
    const nodes = nodeNamesOf(entry);
    const controlPlanes = entry.provisioner === "kubeadm" ? entry.controlPlanes.length : 1;
    return nodes[controlPlanes] ?? nodes[0];
}

/** Antrea rules of the `cni` section (and, with a ClusterSet, those tying it to the mesh), each naming its key. */
export function antreaCniIssues(config: StackConfig): ValidationIssue[] {
    if (config.cni.kind !== "antrea") {
        return [];
    }
    const settings = antreaSettingsOf(config.cni);
    const mesh = antreaMeshOf(config);
    return [
        ...antreaVersionIssues(config.versions.antrea, "versions.antrea"),
        ...validateAntreaSettings(settings, { path: "cni", version: config.versions.antrea }),
        ...(mesh ? validateMulticlusterAgent(settings, agentSettingsOf(mesh), { cni: "cni", mesh: "mesh" }) : []),
    ];
}

function idPath(mesh: AntreaMesh, name: string, fallback: string): string {
    return meshMaps(mesh).clusterIds[name] !== undefined ? `mesh.clusterIds.${name}` : fallback;
}

function peerOf(config: StackConfig, mesh: AntreaMesh, name: string, fallback: string): ClusterSetPeer | undefined {
    const index = config.clusters.findIndex((cluster) => cluster.name === name);
    const entry = config.clusters[index];
    if (!entry) {
        return undefined;
    }
    return {
        name, clusterId: clusterIdFor(mesh, name), idPath: idPath(mesh, name, fallback), path: `clusters[${index}]`,
        podCidrs: entry.podCidrs, serviceCidrs: entry.serviceCidrs,
    };
}

const NOT_A_MEMBER_FIX = "remove it, or add the cluster to mesh.members";

/** Issues for keys of a per-member map that name a cluster of the stack outside the ClusterSet's `roles` (unknown names are reported apart). */
function outsideIssues(config: StackConfig, path: string, map: Readonly<Record<string, unknown>>, roles: readonly string[], what: string): ValidationIssue[] {
    return Object.entries(map).filter(([name]) => config.clusters.some((cluster) => cluster.name === name) && !roles.includes(name))
        .map(([name, value]) => issue(`${path}.${name}`, value, what, NOT_A_MEMBER_FIX));
}

function checkGateways(config: StackConfig, mesh: AntreaMesh, members: readonly string[]): ValidationIssue[] {
    const { gatewayNodes, gatewayIps, clusterIds } = meshMaps(mesh);
    const found = [
        ...outsideIssues(config, "mesh.gatewayNodes", gatewayNodes, members, "names a gateway in a cluster that is not a ClusterSet member"),
        ...outsideIssues(config, "mesh.gatewayIps", gatewayIps, members, "names a gateway in a cluster that is not a ClusterSet member"),
        ...outsideIssues(config, "mesh.clusterIds", clusterIds, [mesh.leader, ...members], "names a cluster that is neither the ClusterSet leader nor a member"),
    ];
    for (const [name, node] of Object.entries(gatewayNodes)) {
        const entry = config.clusters.find((cluster) => cluster.name === name);
        if (entry && members.includes(name) && !nodeNamesOf(entry).includes(node)) {
            found.push(issue(`mesh.gatewayNodes.${name}`, node, `is not a Node of cluster ${name}`, useOneOf(nodeNamesOf(entry))));
        }
    }
    for (const [name, ip] of Object.entries(gatewayIps)) {
        const use = addressUseProblem(ip);
        if (parseAddress(ip)?.family !== "ipv4") {
            found.push(issue(`mesh.gatewayIps.${name}`, ip, "is not an IPv4 address (Multi-cluster Gateways carry IPv4 only)", 'write it like "192.168.110.22"'));
        } else if (use) {
            found.push(issue(`mesh.gatewayIps.${name}`, ip, use.problem.replace("as this node", "as this cluster's gateway"),
                "use the gateway Node's IPv4 address that the other members reach"));
        }
    }
    return found;
}

/** ClusterSet rules over the whole config (IDs, prefix pairs, duplicate members, namespace, gateway Nodes). */
export function clusterSetIssues(config: StackConfig): ValidationIssue[] {
    const mesh = antreaMeshOf(config);
    if (!mesh) {
        return [];
    }
    const names = memberNamesOf(config, mesh);
    const listed = mesh.members !== undefined;
    const leader = peerOf(config, mesh, mesh.leader, "mesh.leader");
    const members = names.map((name, i) => {
        const path = listed ? `mesh.members[${i}]` : `clusters[${config.clusters.findIndex((cluster) => cluster.name === name)}].name`;
        const found = peerOf(config, mesh, name, path);
        return found ? { ...found, memberPath: path } : undefined;
    });
    const known = members.filter((member): member is NonNullable<typeof member> => member !== undefined);
    // An unknown leader or member is reported by the row's name checks; every rule that does not need it still runs.
    const identity = validateClusterSet({
        clusterSetId: mesh.clusterSetId, namespace: mesh.namespace, ...(leader ? { leader } : {}), members: known,
        paths: { clusterSetId: "mesh.clusterSetId", namespace: "mesh.namespace" },
        // The network plan already checks every cluster's ranges against every other's.
        checkCidrs: false,
    });
    return [...identity, ...checkGateways(config, mesh, names)];
}

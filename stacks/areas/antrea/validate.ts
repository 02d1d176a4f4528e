// Pure Antrea settings derived from the stack config: settings, members, cluster IDs, gateway Nodes, and the Antrea rules.
import { ClusterSetPeer, validateClusterSet } from "../../../components/antrea/cluster-set/validate";
import { AntreaSettings, MulticlusterAgentSettings } from "../../../components/antrea/types";
import {
    antreaVersionIssues,
    gatewayIpProblem,
    validateAntreaSettings,
    validateMulticlusterAgent,
} from "../../../components/antrea/validate";
import { DEFAULT_ANTREA_SETTINGS } from "../../../components/antrea/values";
import { ValidationIssue, issue, keyPath, useOneOf } from "../../../components/shared/validation";
import { ClusterConfig, MeshConfig, StackConfig } from "../../config/types";

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
    return {
        podToPod: mesh.podToPod,
        stretchedNetworkPolicy: mesh.stretchedNetworkPolicy,
        trafficEncryption: mesh.trafficEncryption,
        ...(mesh.wireGuardPort !== undefined ? { wireGuardPort: mesh.wireGuardPort } : {}),
    };
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

/** The gateway candidate Nodes: `mesh.gatewayNodes.<name>` (one or a list), else the first worker (kind: `<cluster>-worker`), else the control plane. */
export function gatewayNodesFor(mesh: AntreaMesh, entry: ClusterConfig): string[] {
    const chosen = meshMaps(mesh).gatewayNodes[entry.name];
    if (chosen !== undefined) {
        return typeof chosen === "string" ? [chosen] : [...chosen];
    }
    const nodes = nodeNamesOf(entry);
    const controlPlanes = entry.provisioner === "kubeadm" ? entry.controlPlanes.length : 1;
    return [nodes[controlPlanes] ?? nodes[0]];
}

/** The pinned tunnel IPs by Node: `mesh.gatewayIps.<name>` (one IP for the one gateway Node, or a map by Node). */
export function gatewayIpsFor(mesh: AntreaMesh, entry: ClusterConfig): Record<string, string> {
    const given = meshMaps(mesh).gatewayIps[entry.name];
    if (given === undefined) {
        return {};
    }
    return typeof given === "string" ? { [gatewayNodesFor(mesh, entry)[0]]: given } : { ...given };
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
    return meshMaps(mesh).clusterIds[name] !== undefined ? keyPath("mesh.clusterIds", name) : fallback;
}

function peerOf(config: StackConfig, mesh: AntreaMesh, name: string, fallback: string): ClusterSetPeer | undefined {
    const index = config.clusters.findIndex((cluster) => cluster.name === name);
    const entry = config.clusters[index];
    if (!entry) {
        return undefined;
    }
    return {
        name,
        clusterId: clusterIdFor(mesh, name),
        idPath: idPath(mesh, name, fallback),
        path: `clusters[${index}]`,
        podCidrs: entry.podCidrs,
        serviceCidrs: entry.serviceCidrs,
    };
}

const NOT_A_MEMBER_FIX = "remove it, or add the cluster to mesh.members";

/** Issues for keys of a per-member map that name a cluster of the stack outside the ClusterSet's `roles` (unknown names are reported apart). */
function outsideIssues(
    config: StackConfig,
    path: string,
    map: Readonly<Record<string, unknown>>,
    roles: readonly string[],
    what: string,
): ValidationIssue[] {
    return Object.entries(map)
        .filter(([name]) => config.clusters.some((cluster) => cluster.name === name) && !roles.includes(name))
        .map(([name, value]) => issue(keyPath(path, name), value, what, NOT_A_MEMBER_FIX));
}

function checkGatewayNodes(config: StackConfig, mesh: AntreaMesh, members: readonly string[]): ValidationIssue[] {
    return Object.entries(meshMaps(mesh).gatewayNodes).flatMap(([name, chosen]) => {
        const entry = config.clusters.find((cluster) => cluster.name === name);
        if (!entry || !members.includes(name)) {
            return [];
        }
        const list = typeof chosen === "string" ? [chosen] : chosen;
        return list.flatMap((node, i) => {
            const path = typeof chosen === "string" ? keyPath("mesh.gatewayNodes", name) : keyPath(keyPath("mesh.gatewayNodes", name), i);
            if (!nodeNamesOf(entry).includes(node)) {
                return [issue(path, node, `is not a Node of cluster ${name}`, useOneOf(nodeNamesOf(entry)))];
            }
            return list.indexOf(node) < i ? [issue(path, node, "is listed twice", "list every gateway Node once")] : [];
        });
    });
}

function checkGatewayIps(config: StackConfig, mesh: AntreaMesh, members: readonly string[]): ValidationIssue[] {
    return Object.entries(meshMaps(mesh).gatewayIps).flatMap(([name, given]) => {
        const entry = config.clusters.find((cluster) => cluster.name === name);
        if (!entry || !members.includes(name)) {
            return [];
        }
        const nodes = gatewayNodesFor(mesh, entry);
        const at = keyPath("mesh.gatewayIps", name);
        if (typeof given === "string" && nodes.length > 1) {
            return [
                issue(at, given, `is one IP for ${nodes.length} gateway candidate Nodes`, `pin one IP per Node: ${at}: { <node>: <ip> }`),
            ];
        }
        const entries: [string, string, string][] =
            typeof given === "string" ? [[at, nodes[0], given]] : Object.entries(given).map(([node, ip]) => [keyPath(at, node), node, ip]);
        return entries.flatMap(([path, node, ip]) => {
            const problem = gatewayIpProblem(ip);
            if (!nodes.includes(node)) {
                return [
                    issue(
                        path,
                        ip,
                        `pins the IP of ${node}, which is not a gateway Node of cluster ${name}`,
                        useOneOf([...new Set(nodes)]),
                    ),
                ];
            }
            return problem ? [issue(path, ip, problem.problem, problem.fix)] : [];
        });
    });
}

/**
 * Gateway and ID maps against the ClusterSet's clusters. While the leader or a member names no cluster of the stack
 * (reported once, where it is written), the roles are unsure, so keys of a cluster outside them are not reported.
 */
function checkGateways(config: StackConfig, mesh: AntreaMesh, members: readonly string[]): ValidationIssue[] {
    const { gatewayNodes, gatewayIps, clusterIds } = meshMaps(mesh);
    const roles = [mesh.leader, ...members];
    const sure = roles.every((name) => config.clusters.some((cluster) => cluster.name === name));
    const outside = (path: string, map: Readonly<Record<string, unknown>>, within: readonly string[], what: string) =>
        sure ? outsideIssues(config, path, map, within, what) : [];
    return [
        ...outside("mesh.gatewayNodes", gatewayNodes, members, "names a gateway in a cluster that is not a ClusterSet member"),
        ...outside("mesh.gatewayIps", gatewayIps, members, "names a gateway in a cluster that is not a ClusterSet member"),
        ...outside("mesh.clusterIds", clusterIds, roles, "names a cluster that is neither the ClusterSet leader nor a member"),
        ...checkGatewayNodes(config, mesh, members),
        ...checkGatewayIps(config, mesh, members),
    ];
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
        clusterSetId: mesh.clusterSetId,
        namespace: mesh.namespace,
        ...(leader ? { leader } : {}),
        members: known,
        paths: { clusterSetId: "mesh.clusterSetId", namespace: "mesh.namespace" },
        // The network plan already checks every cluster's ranges against every other's.
        checkCidrs: false,
    });
    return [...identity, ...checkGateways(config, mesh, names)];
}

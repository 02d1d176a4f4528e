// The Antrea rows: the Antrea CNI, the Antrea Multi-cluster ClusterSet, and its cross-cluster demo.
import * as pulumi from "@pulumi/pulumi";
import { AntreaClusterSet } from "../../../components/antrea/cluster-set/cluster-set";
import { AntreaClusterSetMember, endpointIpTypeOf } from "../../../components/antrea/cluster-set/types";
import { AntreaMulticlusterDemo } from "../../../components/antrea/demo-app";
import { AntreaInstall } from "../../../components/antrea/install";
import { readinessOf } from "../../../components/shared/readiness";
import { AntreaAgentFacts } from "../../../components/antrea/types";
import { keyPath } from "../../../components/shared/validation";
import { StackConfig } from "../../config/types";
import {
    AntreaMesh,
    agentSettingsOf,
    antreaCniIssues,
    antreaMeshOf,
    antreaSettingsOf,
    clusterIdFor,
    clusterSetIssues,
    gatewayIpsFor,
    gatewayNodesFor,
    memberNamesOf,
    meshMaps,
} from "./validate";
import { memberAgentIssues } from "./member-agents";
import { checkMeshNeedsCni, checkNamed, checkNamedKeys, meshOfAtLeastTwo } from "../../layers/checks";
import { LayerContext, LayerResult, LayerRow, ProvisionedCluster, Topology, factKey } from "../../layers/layer";

/** Each member's MC controller readiness (its CRDs and webhooks serve): what a ServiceExport needs. */
const ANTREA_MC_CONTROLLERS = factKey<Readonly<Record<string, readonly pulumi.Resource[]>>>("antrea mc controllers");
/** What each cluster's Antrea enables (its values checksum re-runs the ClusterSet gates that vouch for its agents). */
const ANTREA_AGENTS = factKey<Readonly<Record<string, AntreaAgentFacts>>>("antrea agents");
/** Each member's ClusterSet fingerprint: the demo proofs re-run with it. */
const ANTREA_FINGERPRINTS = factKey<Readonly<Record<string, pulumi.Output<string>>>>("antrea clusterset fingerprints");

function antreaCni(config: StackConfig): Extract<StackConfig["cni"], { kind: "antrea" }> {
    if (config.cni.kind !== "antrea") {
        throw new Error(`internal: an Antrea row runs with cni.kind ${config.cni.kind}`);
    }
    return config.cni;
}

function requireMesh(config: StackConfig): AntreaMesh {
    const mesh = antreaMeshOf(config);
    if (!mesh) {
        throw new Error(`internal: an Antrea ClusterSet row runs with mesh.kind ${config.mesh.kind}`);
    }
    return mesh;
}

/**
 * Installs Antrea on every cluster, whatever the mesh (with `mesh: none` too). ClusterSet members get the
 * Multicluster gate, the gateway and the Pod-to-Pod/stretched-policy switches. Each install is a top-level
 * component named `antrea-<cluster>`, so its URNs do not depend on the other layers.
 */
function wireCni(context: LayerContext): LayerResult {
    const { config, clusters } = context;
    const settings = antreaSettingsOf(antreaCni(config));
    const mesh = antreaMeshOf(config);
    const members = mesh ? memberNamesOf(config, mesh) : [];
    const installs = clusters.map(
        ({ config: entry, cluster }) =>
            [
                entry.name,
                new AntreaInstall(`antrea-${entry.name}`, {
                    cluster,
                    version: config.versions.antrea,
                    settings,
                    ...(entry.skipKubeProxy ? { kubeApiServer: cluster.endpoint } : {}),
                    ...(mesh && members.includes(entry.name) ? { multicluster: agentSettingsOf(mesh) } : {}),
                }),
            ] as const,
    );
    context.facts.set(ANTREA_AGENTS, Object.fromEntries(installs.map(([name, install]) => [name, install.agent])));
    return {
        ready: Object.fromEntries(installs.map(([name, install]) => [name, install.ready])),
        outputs: { chartVersion: config.versions.antrea, clusters: installs.map(([name]) => name) },
    };
}

/** What cluster `name`'s Antrea enables, ready once everything earlier in that cluster is (the CNI and what came before). */
function agentIn(context: LayerContext, name: string): AntreaAgentFacts {
    const agent = context.facts.get(ANTREA_AGENTS)?.[name];
    if (!agent) {
        throw new Error(`internal: cluster ${name} has no Antrea install before its ClusterSet`);
    }
    return { ...agent, ready: readinessOf(context.readyIn(name)) };
}

function byName(clusters: readonly ProvisionedCluster[], name: string): ProvisionedCluster {
    const found = clusters.find((entry) => entry.config.name === name);
    if (!found) {
        throw new Error(`internal: cluster ${name} was not provisioned`);
    }
    return found;
}

/** The ClusterSet over the provisioned clusters; members wait on their own CNI only, the leader on its own. */
function wireMesh(context: LayerContext): LayerResult {
    const { config, clusters } = context;
    const mesh = requireMesh(config);
    const leader = byName(clusters, mesh.leader);
    const members: AntreaClusterSetMember[] = memberNamesOf(config, mesh).map((name) => {
        const { config: entry, cluster } = byName(clusters, name);
        return {
            cluster,
            clusterId: clusterIdFor(mesh, name),
            gatewayNodes: gatewayNodesFor(mesh, entry),
            gatewayIps: gatewayIpsFor(mesh, entry),
            antrea: agentIn(context, name),
        };
    });
    const clusterSet = new AntreaClusterSet("antrea-clusterset", {
        clusterSetId: mesh.clusterSetId,
        version: config.versions.antrea,
        namespace: mesh.namespace,
        leader: { cluster: leader.cluster, clusterId: clusterIdFor(mesh, mesh.leader), antrea: agentIn(context, mesh.leader) },
        members,
        podToPod: mesh.podToPod,
        stretchedNetworkPolicy: mesh.stretchedNetworkPolicy,
        gatewayIpPrecedence: mesh.gatewayIpPrecedence,
        trafficEncryption: mesh.trafficEncryption,
        tokenGeneration: mesh.rotation?.memberTokens,
    });
    context.facts.set(
        ANTREA_MC_CONTROLLERS,
        Object.fromEntries(Object.entries(clusterSet.memberControllers).map(([name, controller]) => [name, controller.ready])),
    );
    context.facts.set(ANTREA_FINGERPRINTS, clusterSet.fingerprints);
    return {
        ready: clusterSet.ready,
        outputs: {
            clusterSetId: mesh.clusterSetId,
            leader: mesh.leader,
            namespace: mesh.namespace,
            clusterIds: clusterSet.clusterIds,
            gatewayNodes: Object.fromEntries(members.map((member) => [member.cluster.name, member.gatewayNodes])),
        },
    };
}

/** The demo: `web` exported by the first member, proven to answer as `antrea-mc-web` from every other member. */
function wireDemo(context: LayerContext): LayerResult {
    const { config, clusters } = context;
    const mesh = requireMesh(config);
    const [exporter, ...importers] = memberNamesOf(config, mesh).map((name) => ({
        // The demo's objects need Antrea only; its export and proof need the member's ClusterSet gates.
        cluster: byName(clusters, name).cluster,
        dependsOn: context.readyOf(name, "cni"),
        meshReady: context.readyOf(name, "multicluster"),
        exportReady: context.facts.get(ANTREA_MC_CONTROLLERS)?.[name],
        fingerprint: context.facts.get(ANTREA_FINGERPRINTS)?.[name],
    }));
    const demo = new AntreaMulticlusterDemo("antrea-mc-demo", {
        exporter,
        importers,
        endpointIpType: endpointIpTypeOf(mesh),
        stretchedNetworkPolicy: mesh.stretchedNetworkPolicy,
    });
    return { outputs: { demo: `web exported by ${exporter.cluster.name}, proven from ${Object.keys(demo.proofs).join(", ")}` } };
}

/** Leader and members name clusters of the stack; the ClusterSet needs Antrea and at least 2 members. */
function checkClusterSet(config: StackConfig) {
    const mesh = antreaMeshOf(config);
    if (!mesh) {
        return [];
    }
    return [
        ...checkMeshNeedsCni(config, "antrea"),
        ...meshOfAtLeastTwo(config, memberNamesOf(config, mesh).length),
        ...checkNamed("mesh.leader", mesh.leader, config),
        ...(mesh.members ?? []).flatMap((member, i) => checkNamed(keyPath("mesh.members", i), member, config)),
        ...checkNamedKeys("mesh.gatewayNodes", meshMaps(mesh).gatewayNodes, config),
        ...checkNamedKeys("mesh.gatewayIps", meshMaps(mesh).gatewayIps, config),
        ...checkNamedKeys("mesh.clusterIds", meshMaps(mesh).clusterIds, config),
        ...clusterSetIssues(config),
        ...memberAgentIssues(config),
    ];
}

/** Leader, members (every cluster by default) and the member → leader links. */
function clusterSetTopology(config: StackConfig): Topology {
    const mesh = antreaMeshOf(config);
    const names = config.clusters.map((cluster) => cluster.name);
    if (!mesh) {
        return { roles: {}, links: [] };
    }
    const members = memberNamesOf(config, mesh);
    const role = (name: string): string => {
        if (name === mesh.leader) {
            return members.includes(name) ? "leader + member" : "leader";
        }
        return members.includes(name) ? "member" : "standalone";
    };
    return {
        roles: Object.fromEntries(names.map((name) => [name, role(name)])),
        links: members
            .filter((member) => member !== mesh.leader)
            .map((member) => ({ from: member, to: mesh.leader, label: `ClusterSet ${mesh.clusterSetId}`, bidirectional: false })),
    };
}

/** cni: antrea. */
export const antreaCniRow: LayerRow = {
    title: "Antrea (Helm, CRDs from the release asset)",
    check: antreaCniIssues,
    wire: wireCni,
};

/** mesh: antrea-multicluster. */
export const antreaMeshRow: LayerRow = {
    title: "Antrea Multi-cluster ClusterSet",
    check: checkClusterSet,
    wire: wireMesh,
    topology: clusterSetTopology,
};

/** apps for mesh antrea-multicluster. */
export const antreaDemoRow: LayerRow = { title: "web Service exported across the ClusterSet", wire: wireDemo };

// The Antrea rows: the Antrea CNI and the Antrea Multi-cluster ClusterSet (wiring lands with the Antrea area).
import { StackConfig } from "../config/types";
import { checkMeshNeedsCni, checkNamed, checkNamedKeys, meshOfAtLeastTwo } from "./checks";
import { LayerRow, Topology, pendingRow } from "./layer";

type AntreaMesh = Extract<StackConfig["mesh"], { kind: "antrea-multicluster" }>;

function antreaMesh(config: StackConfig): AntreaMesh | undefined {
    return config.mesh.kind === "antrea-multicluster" ? config.mesh : undefined;
}

/** cni: antrea. */
export const antreaCniRow: LayerRow = pendingRow("cni", "antrea");

/** Leader and members name clusters of the stack; the ClusterSet needs Antrea. */
function checkClusterSet(config: StackConfig) {
    const mesh = antreaMesh(config);
    if (!mesh) {
        return [];
    }
    return [
        ...checkMeshNeedsCni(config, "antrea"),
        ...meshOfAtLeastTwo(config, (mesh.members ?? config.clusters.map((cluster) => cluster.name)).length),
        ...checkNamed("mesh.leader", mesh.leader, config),
        ...(mesh.members ?? []).flatMap((member, i) => checkNamed(`mesh.members[${i}]`, member, config)),
        ...checkNamedKeys("mesh.gatewayNodes", mesh.gatewayNodes, config),
    ];
}

/** Leader, members (every cluster by default) and the member → leader links. */
function clusterSetTopology(config: StackConfig): Topology {
    const mesh = antreaMesh(config);
    const names = config.clusters.map((cluster) => cluster.name);
    if (!mesh) {
        return { roles: {}, links: [] };
    }
    const members = mesh.members ?? names;
    const role = (name: string): string => {
        if (name === mesh.leader) {
            return members.includes(name) ? "leader + member" : "leader";
        }
        return members.includes(name) ? "member" : "standalone";
    };
    return {
        roles: Object.fromEntries(names.map((name) => [name, role(name)])),
        links: members.filter((member) => member !== mesh.leader)
            .map((member) => ({ from: member, to: mesh.leader, label: `ClusterSet ${mesh.clusterSetId}`, bidirectional: false })),
    };
}

/** mesh: antrea-multicluster. */
export const antreaMeshRow: LayerRow = {
    ...pendingRow("multicluster", "antrea-multicluster"),
    check: checkClusterSet,
    topology: clusterSetTopology,
};

/** apps for mesh antrea-multicluster. */
export const antreaDemoRow: LayerRow = pendingRow("apps", "antrea-multicluster");

// The Contrail row: central and distributed clusters (wiring lands with the Contrail area).
import { StackConfig } from "../config/types";
import { checkMeshNeedsCni, checkNamed, meshOfAtLeastTwo } from "./checks";
import { LayerRow, Topology, pendingRow } from "./layer";

function contrailCentral(config: StackConfig): string | undefined {
    return config.mesh.kind === "contrail" ? config.mesh.central : undefined;
}

function checkContrail(config: StackConfig) {
    const central = contrailCentral(config);
    if (central === undefined) {
        return [];
    }
    return [...checkMeshNeedsCni(config, "none"), ...meshOfAtLeastTwo(config), ...checkNamed("mesh.central", central, config)];
}

function contrailTopology(config: StackConfig): Topology {
    const central = contrailCentral(config) ?? "";
    const names = config.clusters.map((cluster) => cluster.name);
    return {
        roles: Object.fromEntries(names.map((name) => [name, name === central ? "central" : "distributed"])),
        links: names.filter((name) => name !== central).map((name) => ({ from: central, to: name, label: "Kubemanager", bidirectional: false })),
    };
}

/** mesh: contrail. */
export const contrailMeshRow: LayerRow = { ...pendingRow("multicluster", "contrail"), check: checkContrail, topology: contrailTopology };

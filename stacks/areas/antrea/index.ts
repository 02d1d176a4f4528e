// The Antrea area as one object: CNI, Multi-cluster ClusterSet and its demo.
import { Area } from "../area";
import { antreaVersionJumps } from "./version-jumps";
import { antreaBench } from "./bench";
import { antreaDeclaration } from "./declaration";
import { antreaCniRow, antreaDemoRow, antreaMeshRow } from "./rows";

/** Antrea. */
export const antrea = {
    name: "antrea",
    declaration: antreaDeclaration,
    rows: {
        cni: { antrea: antreaCniRow },
        multicluster: { "antrea-multicluster": antreaMeshRow },
        apps: { "antrea-multicluster": antreaDemoRow },
    },
    bench: antreaBench,
    versionJumps: antreaVersionJumps,
} as const satisfies Area;

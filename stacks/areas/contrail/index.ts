// The Contrail area as one object: the CN2 mesh (its vRouter is the CNI) and its demo.
import { Area } from "../area";
import { contrailBench } from "./bench";
import { contrailDeclaration } from "./declaration";
import { contrailDemoRow, contrailMeshRow } from "./rows";
import { contrailNodePreflightOf, contrailWarnings } from "./validate";

/** Contrail. */
export const contrail = {
    name: "contrail",
    declaration: contrailDeclaration,
    rows: {
        multicluster: { contrail: contrailMeshRow },
        apps: { contrail: contrailDemoRow },
    },
    nodePreflight: contrailNodePreflightOf,
    warnings: contrailWarnings,
    bench: contrailBench,
} as const satisfies Area;

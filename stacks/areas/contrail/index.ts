// The Contrail area as one object: the CN2 mesh (its vRouter is the CNI) and its demo.
import { Area } from "../area";
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
} as const satisfies Area;

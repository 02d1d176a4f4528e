// The AVI area as one object: AKO per cluster, AMKO across clusters.
import { Area } from "../area";
import { aviBench } from "./bench";
import { aviDeclaration } from "./declaration";
import { aviRow } from "./rows";
import { aviWarnings } from "./validate";

/** AVI. */
export const avi = {
    name: "avi",
    declaration: aviDeclaration,
    rows: {
        ingress: { avi: aviRow },
    },
    warnings: aviWarnings,
    bench: aviBench,
} as const satisfies Area;

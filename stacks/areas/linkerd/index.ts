// The Linkerd area as one object: the mesh (trust, installs, links) and its demo.
import { Area } from "../area";
import { linkerdBench } from "./bench";
import { linkerdDeclaration } from "./declaration";
import { linkerdDemoRow, linkerdMeshRow } from "./rows";

/** Linkerd. */
export const linkerd = {
    name: "linkerd",
    declaration: linkerdDeclaration,
    rows: {
        multicluster: { linkerd: linkerdMeshRow },
        apps: { linkerd: linkerdDemoRow },
    },
    bench: linkerdBench,
} as const satisfies Area;

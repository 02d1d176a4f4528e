// The MetalLB area as one object: the L2 load balancer.
import { Area } from "../area";
import { metallbBench } from "./bench";
import { metallbDeclaration } from "./declaration";
import { metallbRow } from "./rows";
import { l2PoolWarnings } from "./validate";

/** MetalLB. */
export const metallb = {
    name: "metallb",
    declaration: metallbDeclaration,
    rows: {
        loadBalancer: { metallb: metallbRow },
    },
    warnings: l2PoolWarnings,
    bench: metallbBench,
} as const satisfies Area;

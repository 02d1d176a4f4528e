// What the benchmark knows of the MetalLB area: its component's layer and its kind's true dependencies.
import { AreaBench } from "../bench";

/** MetalLB in the benchmark. */
export const metallbBench: AreaBench = {
    componentLayers: { "multicluster:metallb:MetalLB": "loadBalancer" },
    rules: {
        loadBalancer: {
            metallb: { why: "the release brings the CRDs and the webhook the pools wait for" },
        },
    },
};

// What the benchmark knows of the AVI area: its components' layers (AKO and AMKO get the default rule).
import { AreaBench } from "../bench";

/** AVI in the benchmark. */
export const aviBench: AreaBench = {
    componentLayers: {
        "multicluster:avi:AviIngress": "ingress",
        "multicluster:avi:AviGslb": "ingress",
    },
};

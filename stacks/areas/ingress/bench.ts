// What the benchmark knows of the ingress area: its component's layer and its kinds' true dependencies.
import { AreaBench, LayerRule, ref } from "../bench";

/** A controller's LoadBalancer Service needs a pool; meshed pods need the mesh's injector running. */
const controllerRule: LayerRule = {
    extra: { release: [ref("loadBalancer", "objects"), ref("multicluster", "running")] },
    why: "a LoadBalancer Service needs a pool; meshed pods need the mesh's injector running when they are created",
};

/** Traefik and ingress-nginx in the benchmark. */
export const ingressBench: AreaBench = {
    componentLayers: { "multicluster:ingress:IngressController": "ingress" },
    rules: {
        ingress: { traefik: controllerRule, "ingress-nginx": controllerRule },
    },
};

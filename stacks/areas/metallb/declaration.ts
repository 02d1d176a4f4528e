// The config half of the MetalLB area: its load-balancer kind (L2 announcements, pinned addresses) and its version.
import { METALLB_IPS_ANNOTATION } from "../../../components/metallb/manifests";
import { AreaDeclaration, kind, unless } from "../../config/schema/area";
import { metallbLoadBalancerSchema } from "./schema";

/** MetalLB: `loadBalancer.kind metallb`. */
export const metallbDeclaration = {
    name: "metallb",
    kinds: {
        loadBalancer: [
            kind(metallbLoadBalancerSchema, {
                announcesByL2: () => true,
                pinAnnotations: (ip) => ({ [METALLB_IPS_ANNOTATION]: ip }),
            }),
        ],
    },
    versions: {
        metallb: (choices) =>
            unless(
                choices.loadBalancer.kind === "metallb",
                `the stack installs no MetalLB (loadBalancer.kind is "${choices.loadBalancer.kind}")`,
            ),
    },
} as const satisfies AreaDeclaration;

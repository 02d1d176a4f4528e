// What the Cilium rows share: the installs the CNI row leaves for the others, and the Cilium `cni` section.
import { CiliumInstall } from "../../../components/cilium/install";
import { StackConfig } from "../../config/types";
import { LayerContext, factKey } from "../../layers/layer";

/** The Cilium installs of the stack, by cluster name (left by the CNI row for the mesh row). */
export const CILIUM_INSTALLS = factKey<Readonly<Record<string, CiliumInstall>>>("cilium installs");

/** The installs the CNI row left; a Cilium row that runs without it is a wiring bug. */
export function ciliumInstalls(context: LayerContext): Readonly<Record<string, CiliumInstall>> {
    const installs = context.facts.get(CILIUM_INSTALLS);
    if (!installs) {
        throw new Error("internal: a Cilium row runs without the Cilium CNI row");
    }
    return installs;
}

/** The stack's `cni` section, which a Cilium row needs to be `kind: cilium`. */
export function ciliumCni(config: StackConfig): Extract<StackConfig["cni"], { kind: "cilium" }> {
    if (config.cni.kind !== "cilium") {
        throw new Error(`internal: a Cilium row runs with cni.kind ${config.cni.kind}`);
    }
    return config.cni;
}

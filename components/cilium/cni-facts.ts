// What other components must know of a Cilium install (e.g. LinkerdInstall's `cni`): plain facts of its settings.
import { CiliumSettings } from "./types";

/** The CNI a `CiliumCniFacts` describes (one member, so the multi-language schema carries it as an enum). */
export const CiliumCniKind = { Cilium: "cilium" } as const;
/** The CNI a `CiliumCniFacts` describes. */
export type CiliumCniKind = (typeof CiliumCniKind)[keyof typeof CiliumCniKind];

/** Facts of an install that decide what may run over it; pass them as `LinkerdInstall`'s `cni`. */
export interface CiliumCniFacts {
    /** Always `cilium`. */
    readonly kind: CiliumCniKind;
    /** Kube-proxy replacement is on (Cilium then resolves Services in the pods' sockets unless told otherwise). */
    readonly kubeProxyReplacement: boolean;
    /** `socketLB.hostNamespaceOnly` is true in the values (socket load balancing kept to the host namespace). */
    readonly socketLbHostNamespaceOnly: boolean;
}

/** The facts of an install with `settings` (the `values` escape hatch included). */
export function ciliumCniFacts(settings: CiliumSettings): CiliumCniFacts {
    const socketLb = (settings.values?.socketLB ?? {}) as Record<string, unknown>;
    return {
        kind: CiliumCniKind.Cilium,
        kubeProxyReplacement: settings.kubeProxyReplacement,
        socketLbHostNamespaceOnly: socketLb.hostNamespaceOnly === true,
    };
}

// MetalLB's chart values, namespace, address pools (with reserved one-address pools) and L2 advertisement, as typed objects (v0.16.1).
import { HelmChartRef } from "../shared/helm";
import { mergeValues } from "../shared/values-merge";
import { IpRange, formatAddress, parseAddress, parseRange } from "../network/cidr";

/** Namespace of MetalLB. */
export const METALLB_NAMESPACE = "metallb-system";
/** Where the chart comes from and how its release is named (`metallb-controller`, `metallb-speaker`). */
export const METALLB_CHART: HelmChartRef = {
    chart: "metallb",
    repo: "https://metallb.github.io/metallb",
    releaseName: "metallb",
    namespace: METALLB_NAMESPACE,
};
/** Service annotation that asks MetalLB for exact addresses (`metallb.io` prefix since v0.14.9; `controller/service.go`). */
export const METALLB_IPS_ANNOTATION = "metallb.io/loadBalancerIPs";
/** API version of IPAddressPool and L2Advertisement. */
export const METALLB_API_VERSION = "metallb.io/v1beta1";

/** An address kept for one Service: a one-address pool that is never handed out automatically. */
export interface ReservedAddress {
    /** Pool name suffix (`reserved-<name>`), e.g. `linkerd-gateway`. */
    readonly name: string;
    /** The address (inside one of the pools). */
    readonly ip: string;
    /** Namespaces whose Services may take it (MetalLB `serviceAllocation.namespaces`); @default any. */
    readonly namespaces?: string[];
}

/** A namespaced MetalLB custom resource. */
export interface MetalLbManifest {
    /** API version. */
    readonly apiVersion: string;
    /** Kind. */
    readonly kind: "IPAddressPool" | "L2Advertisement";
    /** Name and namespace. */
    readonly metadata: { readonly name: string; readonly namespace: string };
    /** Spec as the v1beta1 CRD defines it. */
    readonly spec: Record<string, unknown>;
}

/**
 * Chart values for an L2 lab: FRR-K8s (the 0.16 default BGP backend) off, and speakers announcing from every
 * node, control planes included (kind and kubeadm label them `exclude-from-external-load-balancers`, which
 * would leave a cluster without workers unannounced). The escape hatch is merged last.
 */
export function metallbValues(extra: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
    return mergeValues({ frrk8s: { enabled: false }, speaker: { ignoreExcludeLB: true } }, extra);
}

/** The namespace with the Pod Security labels MetalLB's docs require (the speaker needs host networking). */
export function metallbNamespace(): { metadata: { name: string; labels: Record<string, string> } } {
    const privileged = Object.fromEntries(["enforce", "audit", "warn"].map((mode) => [`pod-security.kubernetes.io/${mode}`, "privileged"]));
    return { metadata: { name: METALLB_NAMESPACE, labels: privileged } };
}

/** One address as a single-address CIDR. */
function hostCidr(ip: string): string {
    return `${ip}/${parseAddress(ip)?.family === "ipv6" ? 128 : 32}`;
}

function rangeText(range: IpRange): string {
    return range.first === range.last
        ? hostCidr(formatAddress(range.first, range.family))
        : `${formatAddress(range.first, range.family)}-${formatAddress(range.last, range.family)}`;
}

/** The pools' addresses without the reserved ones (ranges split around them; untouched pools kept as written). */
export function addressesWithout(pools: readonly string[], reserved: readonly string[]): string[] {
    const taken = reserved.map(parseAddress).filter((address) => address !== undefined);
    return pools.flatMap((text) => {
        const range = parseRange(text);
        const inside = taken
            .filter((address) => range && address.family === range.family && address.value >= range.first && address.value <= range.last)
            .map((address) => address.value)
            .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        if (!range || inside.length === 0) {
            return [text];
        }
        const parts: IpRange[] = [];
        let first = range.first;
        for (const value of inside) {
            if (value > first) {
                parts.push({ family: range.family, first, last: value - 1n });
            }
            first = value + 1n;
        }
        if (first <= range.last) {
            parts.push({ family: range.family, first, last: range.last });
        }
        return parts.map(rangeText);
    });
}

function manifest(kind: MetalLbManifest["kind"], name: string, spec: Record<string, unknown>): MetalLbManifest {
    return { apiVersion: METALLB_API_VERSION, kind, metadata: { name, namespace: METALLB_NAMESPACE }, spec };
}

/**
 * The cluster's pools: `default` with every pool address except the reserved ones, and one `reserved-<name>`
 * pool per reserved address with `autoAssign: false`, so only a Service that asks for it by annotation gets it
 * (MetalLB assigns requested addresses from any pool; `allocator.go`) and no other Service can take it first.
 */
export function addressPools(pools: readonly string[], reserved: readonly ReservedAddress[] = []): MetalLbManifest[] {
    const general = addressesWithout(
        pools,
        reserved.map((entry) => entry.ip),
    );
    return [
        ...(general.length > 0 ? [manifest("IPAddressPool", "default", { addresses: general })] : []),
        ...[...reserved]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((entry) =>
                manifest("IPAddressPool", `reserved-${entry.name}`, {
                    addresses: [hostCidr(entry.ip)],
                    autoAssign: false,
                    ...(entry.namespaces && entry.namespaces.length > 0
                        ? { serviceAllocation: { namespaces: [...entry.namespaces] } }
                        : {}),
                }),
            ),
    ];
}

/** Announces every pool's addresses by ARP/NDP from the nodes (the pools are listed, so nothing else is announced). */
export function l2Advertisement(poolNames: readonly string[]): MetalLbManifest {
    return manifest("L2Advertisement", "default", { ipAddressPools: [...poolNames] });
}

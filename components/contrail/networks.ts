// Typed specs → objects for what seed 002 shows beyond the install: isolated namespaces, Subnets, VirtualNetworks, VirtualNetworkRouters.
import { mirroredNamespace } from "./names";

/**
 * API version of Subnet / VirtualNetwork / VirtualNetworkRouter. Their CRDs ship inside the crdloader image and
 * are not published; every public example (jnpr-jp-crdc/CN2 Manifests, 22.2; Juniper's 23.x guides) uses v1alpha1.
 */
export const CORE_API_VERSION = "core.contrail.juniper.net/v1alpha1";
/** Label that makes a namespace isolated (its own default pod and service networks). */
export const ISOLATED_NAMESPACE_LABEL = "core.juniper.net/isolated-namespace";
/** Annotation choosing how an isolated namespace's pods reach the fabric. */
export const FORWARDING_MODE_ANNOTATION = "core.juniper.net/forwarding-mode";
/** Annotation every CN2 object of the examples carries: its display name. */
export const DISPLAY_NAME_ANNOTATION = "core.juniper.net/display-name";

/** Labels of an object or a selector. */
export type Labels = Readonly<Record<string, string>>;

/** A namespaced object as rendered here. */
export interface ContrailObject {
    /** API version. */
    readonly apiVersion: string;
    /** Kind. */
    readonly kind: string;
    /** Name, namespace (absent for Namespaces), labels, annotations. */
    readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Labels; readonly annotations?: Labels };
    /** Spec, when the kind has one. */
    readonly spec?: unknown;
}

/** An isolated namespace. */
export interface IsolatedNamespaceSpec {
    /** Namespace name. */
    readonly name: string;
    /** Extra labels (VNR namespace selectors match them; they are mirrored to the central cluster). */
    readonly labels?: Labels;
    /** `fabric-snat` (pods reach the fabric through SNAT) or `ip-fabric` (routed); @default none. */
    readonly forwardingMode?: "fabric-snat" | "ip-fabric";
}

/** The Namespace object of an isolated namespace. */
export function isolatedNamespace(spec: IsolatedNamespaceSpec): ContrailObject {
    return {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: {
            name: spec.name,
            labels: { ...(spec.labels ?? {}), [ISOLATED_NAMESPACE_LABEL]: "true" },
            ...(spec.forwardingMode ? { annotations: { [FORWARDING_MODE_ANNOTATION]: spec.forwardingMode } } : {}),
        },
    };
}

/** A VirtualNetwork and its IPv4 Subnet (one namespace). */
export interface VirtualNetworkSpec {
    /** Namespace (on the central cluster: a local one, or a distributed cluster's mirror, see {@link mirroredNamespace}). */
    readonly namespace: string;
    /** VirtualNetwork name; the Subnet is `<name>-v4`. */
    readonly name: string;
    /** Labels VNRs select it by. */
    readonly labels: Labels;
    /** IPv4 CIDR of the Subnet. */
    readonly cidr: string;
    /** Default gateway; @default the Subnet's first address. */
    readonly defaultGateway?: string;
}

/** A VirtualNetworkRouter that leaks routes between the networks it selects and the VNRs it imports. */
export interface VirtualNetworkRouterSpec {
    /** Namespace. */
    readonly namespace: string;
    /** Name. */
    readonly name: string;
    /** Labels other VNRs import it by. */
    readonly labels: Labels;
    /** `mesh`, `hub` or `spoke`. */
    readonly type: "mesh" | "hub" | "spoke";
    /** VirtualNetworks it connects (matchLabels). */
    readonly virtualNetworkSelector: Labels;
    /** VNRs it imports: their labels and, across namespaces, their namespace's labels. */
    readonly imports: readonly { readonly virtualNetworkRouterSelector: Labels; readonly namespaceSelector?: Labels }[];
}

function firstHost(cidr: string): string {
    const [address] = cidr.split("/");
    const octets = address.split(".").map(Number);
    octets[3] += 1;
    return octets.join(".");
}

/** The Subnet and VirtualNetwork objects of a spec. */
export function virtualNetworkObjects(spec: VirtualNetworkSpec): ContrailObject[] {
    const subnet = `${spec.name}-v4`;
    const meta = (name: string, labels?: Labels) => ({
        namespace: spec.namespace,
        name,
        ...(labels ? { labels: { ...labels } } : {}),
        annotations: { [DISPLAY_NAME_ANNOTATION]: name },
    });
    return [
        {
            apiVersion: CORE_API_VERSION,
            kind: "Subnet",
            metadata: meta(subnet),
            spec: { cidr: spec.cidr, defaultGateway: spec.defaultGateway ?? firstHost(spec.cidr) },
        },
        {
            apiVersion: CORE_API_VERSION,
            kind: "VirtualNetwork",
            metadata: meta(spec.name, spec.labels),
            spec: { v4SubnetReference: { apiVersion: CORE_API_VERSION, kind: "Subnet", namespace: spec.namespace, name: subnet } },
        },
    ];
}

/** The VirtualNetworkRouter object of a spec. */
export function virtualNetworkRouterObject(spec: VirtualNetworkRouterSpec): ContrailObject {
    return {
        apiVersion: CORE_API_VERSION,
        kind: "VirtualNetworkRouter",
        metadata: {
            namespace: spec.namespace,
            name: spec.name,
            labels: { ...spec.labels },
            annotations: { [DISPLAY_NAME_ANNOTATION]: spec.name },
        },
        spec: {
            type: spec.type,
            virtualNetworkSelector: { matchLabels: { ...spec.virtualNetworkSelector } },
            ...(spec.imports.length > 0
                ? {
                      import: {
                          virtualNetworkRouters: spec.imports.map((entry) => ({
                              virtualNetworkRouterSelector: { matchLabels: { ...entry.virtualNetworkRouterSelector } },
                              ...(entry.namespaceSelector ? { namespaceSelector: { matchLabels: { ...entry.namespaceSelector } } } : {}),
                          })),
                      },
                  }
                : {}),
        },
    };
}

/** One side of a cross-cluster network: an isolated namespace, a VirtualNetwork in it, and a mesh VNR. */
export interface NetworkSide {
    /** The cluster's name; set for a distributed cluster (its objects go to the mirror namespace on the central cluster). */
    readonly distributedCluster?: string;
    /** Namespace on its own cluster. */
    readonly namespace: string;
    /** A label unique to this namespace across the clusters (VNRs select the other side's namespace by it). */
    readonly namespaceLabel: Labels;
    /** VirtualNetwork name and IPv4 CIDR. */
    readonly network: { readonly name: string; readonly cidr: string };
}

/** Namespace the side's VN/VNR live in on the central cluster (VN/VNR can only be defined centrally). */
export function centralNamespaceOf(side: NetworkSide): string {
    return side.distributedCluster ? mirroredNamespace(side.distributedCluster, side.namespace) : side.namespace;
}

/**
 * Seed 002's "Multi Cluster間接続 (Virtual Network)": both sides get a VirtualNetwork and a mesh VNR on the central
 * cluster, each VNR importing the other's by its labels and namespace label, so pods on the two networks talk
 * without SNAT. Returns the central objects and each side's isolated Namespace (created on its own cluster).
 */
export function crossClusterNetwork(
    a: NetworkSide,
    b: NetworkSide,
): { namespaces: [ContrailObject, ContrailObject]; central: ContrailObject[] } {
    const vnr = (side: NetworkSide, other: NetworkSide): ContrailObject =>
        virtualNetworkRouterObject({
            namespace: centralNamespaceOf(side),
            name: `${side.network.name}-vnr`,
            labels: { vnr: `${side.network.name}-vnr` },
            type: "mesh",
            virtualNetworkSelector: { vn: side.network.name },
            imports: [
                { virtualNetworkRouterSelector: { vnr: `${other.network.name}-vnr` }, namespaceSelector: { ...other.namespaceLabel } },
            ],
        });
    const network = (side: NetworkSide) =>
        virtualNetworkObjects({
            namespace: centralNamespaceOf(side),
            name: side.network.name,
            labels: { vn: side.network.name },
            cidr: side.network.cidr,
        });
    return {
        namespaces: [
            isolatedNamespace({ name: a.namespace, labels: a.namespaceLabel }),
            isolatedNamespace({ name: b.namespace, labels: b.namespaceLabel }),
        ],
        central: [...network(a), ...network(b), vnr(a, b), vnr(b, a)],
    };
}

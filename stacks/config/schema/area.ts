// The config half of the Area contract: an area's schema branches, secrets, versions and config-level capabilities.
import { z } from "zod";
import { Versions } from "../../../components/versions";

/** The config sections an area can add a kind to (layers 2–5; the apps layer follows `mesh`). */
export const AREA_SECTIONS = ["cni", "loadBalancer", "mesh", "ingress"] as const;

/** A config section an area can add a kind to. */
export type AreaSection = (typeof AREA_SECTIONS)[number];

/** One chosen section of the stack as every area sees it: its kind and its fields. */
export interface ChosenSection {
    /** The section's `kind`. */
    readonly kind: string;
    /** The section's other fields (read by the area that owns the kind only). */
    readonly [field: string]: unknown;
}

/** The layer choices of a stack, as config-level capabilities read them. */
export type Choices = Readonly<Record<AreaSection, ChosenSection>>;

/** A cluster as config-level capabilities read it. */
export interface ChoiceCluster {
    /** Cluster name. */
    readonly name: string;
    /** LoadBalancer pools. */
    readonly loadBalancerPools: readonly string[];
}

/** A LoadBalancer address an area pins for one of its Services, kept out of the shared pool for it alone. */
export interface ReservedAddress {
    /** Pool name suffix, e.g. `linkerd-gateway`. */
    readonly name: string;
    /** The address. */
    readonly ip: string;
    /** Namespace of the Service that takes it. */
    readonly namespace: string;
    /** Name of the Service that takes it. */
    readonly service: string;
    /** Who pins it, for messages: `the Linkerd gateway`. */
    readonly owner: string;
}

/** Where a CNI resolves Services in the pods' sockets (so a mesh cannot route them), and the setting that stops it. */
export interface SocketServiceLb {
    /** Key path of the setting, e.g. `cni.values.socketLB.hostNamespaceOnly`. */
    readonly path: string;
    /** Its value as written (true keeps socket load balancing to the host namespace). */
    readonly hostNamespaceOnly: unknown;
}

/**
 * What one kind tells the other layers, over its own section (`S`) only. Every field is optional: a kind
 * without a capability simply does not have it. The layers ask through stacks/config/capabilities.ts.
 */
export interface KindCapabilities<S> {
    /** CNI: whether the CNI replaces kube-proxy (the clusters' `skipKubeProxy` default). */
    replacesKubeProxy?(section: S): boolean;
    /** CNI: the load-balancer kind an unset `loadBalancer` becomes when some cluster has pools; unset: `metallb`. */
    readonly defaultLoadBalancer?: string;
    /** CNI: where it resolves Services in sockets, when it does. */
    socketServiceLb?(section: S): SocketServiceLb | undefined;
    /** CNI: the CNI as AKO names it (`cniPlugin`); unset: "". */
    readonly akoCniPlugin?: "antrea" | "cilium";
    /** CNI: whether pods' ports are forwarded on the nodes (NodePortLocal), and AVI defaults to it. */
    nodePortLocal?(section: S): boolean;
    /** Load balancer: whether it announces addresses by ARP/NDP (so pools should be on the nodes' segment). */
    announcesByL2?(section: S, choices: Choices): boolean;
    /** Load balancer: annotations that make it assign exactly `ip` to a Service. */
    pinAnnotations?(ip: string): Record<string, string>;
    /** Mesh: the largest cluster ID the mesh accepts; unset: 255. */
    maxMeshId?(section: S): number;
    /** Mesh: the mesh brings the CNI itself (kind's default CNI is turned off, kubeadm installs none). */
    readonly providesCni?: boolean;
    /** Mesh: an ingress controller joins the mesh by default (`ingress.meshed`), and may join it at all. */
    readonly meshesIngress?: boolean;
    /** Mesh: LoadBalancer addresses the mesh pins, by cluster name. */
    reservedAddresses?(section: S, clusters: readonly ChoiceCluster[]): Readonly<Record<string, ReservedAddress>>;
}

/** The zod object of one kind: a strict object whose `kind` is a literal. */
export type KindSchema = z.ZodObject<{ kind: z.ZodLiteral<string> } & z.ZodRawShape>;

/** One kind of a section: its schema branch and its capabilities. */
export interface Kind<S extends KindSchema = KindSchema> {
    /** The schema branch (`{ kind: "<literal>", ... }`). */
    readonly schema: S;
    /** What this kind tells the other layers. */
    readonly capabilities: KindCapabilities<z.output<S>>;
}

/** Declares a kind: its schema branch and capabilities typed over the branch's own output. */
export function kind<S extends KindSchema>(schema: S, capabilities: KindCapabilities<z.output<S>> = {}): Kind<S> {
    return { schema, capabilities };
}

/** The `kind` literal of a kind declaration. */
export function kindName(declared: Kind): string {
    return declared.schema.shape.kind.value as string;
}

/** Why a stack does not use a pinned version (a clause after "is ignored: "), or undefined when it does. */
export type VersionUse = (choices: Choices, given: unknown) => string | undefined;

/** A secret config key an area reads, and why a stack that does not use it ignores it. */
export interface AreaSecret {
    /** Short config key, e.g. `contrailRegistryAuth`. */
    readonly key: string;
    /** Why the chosen options do not read it (a clause after "is ignored: "). */
    readonly unused: (choices: Choices) => string;
}

/** The config half of an area: what stacks/config needs to parse, resolve and refuse unused settings. */
export interface AreaDeclaration {
    /** Area name (its folder under stacks/areas/). */
    readonly name: string;
    /** The kinds the area adds, per config section. */
    readonly kinds: { readonly [S in AreaSection]?: readonly Kind[] };
    /** Secret config keys the area reads. */
    readonly secrets?: readonly AreaSecret[];
    /** The pinned versions the area installs, and why a stack does not use each. */
    readonly versions?: { readonly [K in keyof Versions]?: VersionUse };
}

/** The clause naming a layer's choice when it is not the one a version is for: `cni.kind is "antrea"`. */
export const unless = (used: boolean, clause: string): string | undefined => (used ? undefined : clause);

// What a chosen kind tells the other layers, asked by capability instead of by kind (see stacks/config/schema/area.ts).
import { areaDeclarations } from "../areas/declarations";
import {
    AreaDeclaration,
    AreaSection,
    ChoiceCluster,
    Choices,
    ChosenSection,
    Kind,
    KindCapabilities,
    ReservedAddress,
    SocketServiceLb,
    kindName,
} from "./schema/area";

/** The declarations capabilities are looked up in (the areas list, or a test's own). */
export type Declarations = readonly AreaDeclaration[];

/** The declared kind a section chose, if an area declares it (`none` is no area's). */
export function declaredKind(section: AreaSection, chosen: ChosenSection, declarations: Declarations = areaDeclarations): Kind | undefined {
    return declarations.flatMap((area) => area.kinds[section] ?? []).find((candidate) => kindName(candidate) === chosen.kind);
}

/** The capabilities of the kind a section chose (none for `none` or an unknown kind). */
export function capabilitiesOf(
    section: AreaSection,
    chosen: ChosenSection,
    declarations: Declarations = areaDeclarations,
): KindCapabilities<ChosenSection> {
    return (declaredKind(section, chosen, declarations)?.capabilities ?? {}) as KindCapabilities<ChosenSection>;
}

/** Whether the CNI replaces kube-proxy (the clusters' `skipKubeProxy` default). */
export function replacesKubeProxy(cni: ChosenSection): boolean {
    return capabilitiesOf("cni", cni).replacesKubeProxy?.(cni) ?? false;
}

/** The load-balancer kind an unset `loadBalancer` becomes for this CNI when some cluster has pools. */
export function defaultLoadBalancerKind(cni: ChosenSection): string {
    return capabilitiesOf("cni", cni).defaultLoadBalancer ?? "metallb";
}

/** Where the CNI resolves Services in the pods' sockets, when it does. */
export function socketServiceLb(cni: ChosenSection): SocketServiceLb | undefined {
    return capabilitiesOf("cni", cni).socketServiceLb?.(cni);
}

/** The CNI as AKO names it ("" for a CNI AKO does not know). */
export function akoCniPlugin(cni: ChosenSection): "antrea" | "cilium" | "" {
    return capabilitiesOf("cni", cni).akoCniPlugin ?? "";
}

/** Whether the CNI forwards pods' ports on the nodes (NodePortLocal); undefined when it has no such feature. */
export function nodePortLocal(cni: ChosenSection): boolean | undefined {
    return capabilitiesOf("cni", cni).nodePortLocal?.(cni);
}

/** Whether the stack's load balancer announces its addresses by ARP/NDP. */
export function announcesByL2(choices: Choices): boolean {
    return capabilitiesOf("loadBalancer", choices.loadBalancer).announcesByL2?.(choices.loadBalancer, choices) ?? false;
}

/** Annotations that make the stack's load balancer assign exactly `ip` (none: `spec.loadBalancerIP` is used). */
export function pinAnnotations(loadBalancer: ChosenSection, ip: string): Record<string, string> {
    return capabilitiesOf("loadBalancer", loadBalancer).pinAnnotations?.(ip) ?? {};
}

/** The largest cluster ID the mesh accepts. */
export function maxMeshId(mesh: ChosenSection): number {
    return capabilitiesOf("mesh", mesh).maxMeshId?.(mesh) ?? 255;
}

/** Whether the mesh brings the CNI itself. */
export function meshProvidesCni(mesh: ChosenSection): boolean {
    return capabilitiesOf("mesh", mesh).providesCni === true;
}

/** Whether ingress controllers join the mesh (by default, and at all). */
export function meshesIngress(mesh: ChosenSection): boolean {
    return capabilitiesOf("mesh", mesh).meshesIngress === true;
}

/** LoadBalancer addresses the mesh pins, by cluster name. */
export function reservedAddresses(config: {
    readonly mesh: ChosenSection;
    readonly clusters: readonly ChoiceCluster[];
}): Readonly<Record<string, ReservedAddress>> {
    return capabilitiesOf("mesh", config.mesh).reservedAddresses?.(config.mesh, config.clusters) ?? {};
}

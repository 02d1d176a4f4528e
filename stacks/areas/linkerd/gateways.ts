// Linkerd's links and gateway addresses from the config alone (config level: the capabilities read them too).
import { z } from "zod";
import { gatewayIpOf } from "../../../components/linkerd/gateway-ip";
import { LinkPair, everyOrderedPair } from "../../../components/linkerd/link";
import { ChoiceCluster, ChosenSection } from "../../config/schema/area";
import { linkerdMeshSchema } from "./schema";

/** The `mesh` section when it is Linkerd. */
export type LinkerdMesh = z.output<typeof linkerdMeshSchema>;

/** The `mesh` section when it is Linkerd, else undefined. */
export function linkerdMeshOf(config: { readonly mesh: ChosenSection }): LinkerdMesh | undefined {
    return config.mesh.kind === "linkerd" ? (config.mesh as unknown as LinkerdMesh) : undefined;
}

/** The links (`from` mirrors `to`): the configured ones, or every ordered pair. */
export function linkerdLinks(config: { readonly clusters: readonly { readonly name: string }[] }, mesh: LinkerdMesh): LinkPair[] {
    return mesh.links
        ? mesh.links.map((link) => ({ from: link.from, to: link.to }))
        : everyOrderedPair(config.clusters.map((cluster) => cluster.name));
}

/** The links between two distinct clusters of the stack (all of them once config validation passed). */
export function validLinks(config: { readonly clusters: readonly { readonly name: string }[] }, mesh: LinkerdMesh): LinkPair[] {
    const names = new Set(config.clusters.map((cluster) => cluster.name));
    return linkerdLinks(config, mesh).filter((link) => link.from !== link.to && names.has(link.from) && names.has(link.to));
}

/** Clusters some link mirrors: they run a gateway. */
export function targets(config: { readonly clusters: readonly { readonly name: string }[] }, mesh: LinkerdMesh): Set<string> {
    return new Set(validLinks(config, mesh).map((link) => link.to));
}

/** Gateway address per mirrored cluster: `mesh.gatewayIps`, else derived from the cluster's first pool. */
export function linkerdGatewayIps(config: {
    readonly clusters: readonly ChoiceCluster[];
    readonly mesh: ChosenSection;
}): Record<string, string> {
    const mesh = linkerdMeshOf(config);
    return mesh ? gatewayIpsOf(mesh, config.clusters) : {};
}

/** Gateway address per mirrored cluster of a Linkerd mesh. */
export function gatewayIpsOf(mesh: LinkerdMesh, clusters: readonly ChoiceCluster[]): Record<string, string> {
    const mirrored = targets({ clusters }, mesh);
    return Object.fromEntries(
        clusters
            .filter((cluster) => mirrored.has(cluster.name))
            .flatMap((cluster) => {
                const ip = gatewayIpOf(mesh.gatewayIps[cluster.name], cluster.loadBalancerPools);
                return ip ? [[cluster.name, ip]] : [];
            }),
    );
}

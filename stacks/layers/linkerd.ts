// The Linkerd rows: control plane and multicluster links (wiring lands with the Linkerd area).
import { StackConfig } from "../config/types";
import { checkNamed, checkNamedKeys, meshOfAtLeastTwo } from "./checks";
import { LayerRow, Topology, pendingRow } from "./layer";
import { issue } from "../../components/shared/validation";

type LinkerdMesh = Extract<StackConfig["mesh"], { kind: "linkerd" }>;

function linkerdMesh(config: StackConfig): LinkerdMesh | undefined {
    return config.mesh.kind === "linkerd" ? config.mesh : undefined;
}

/** The links: the configured ones, or every ordered pair. */
export function linkerdLinks(config: StackConfig, mesh: LinkerdMesh): { from: string; to: string }[] {
    const names = config.clusters.map((cluster) => cluster.name);
    return mesh.links ?? names.flatMap((a) => names.filter((b) => b !== a).map((b) => ({ from: a, to: b })));
}

function checkLinks(config: StackConfig) {
    const mesh = linkerdMesh(config);
    if (!mesh) {
        return [];
    }
    return [
        ...meshOfAtLeastTwo(config),
        ...(mesh.links ?? []).flatMap((link, i) => [
            ...checkNamed(`mesh.links[${i}].from`, link.from, config),
            ...checkNamed(`mesh.links[${i}].to`, link.to, config),
            ...(link.from === link.to ? [issue(`mesh.links[${i}].to`, link.to, "is the same cluster as from", "link two different clusters")] : []),
        ]),
        ...checkNamedKeys("mesh.gatewayIps", mesh.gatewayIps, config),
    ];
}

function linkTopology(config: StackConfig): Topology {
    const mesh = linkerdMesh(config);
    if (!mesh) {
        return { roles: {}, links: [] };
    }
    return {
        roles: Object.fromEntries(config.clusters.map((cluster) => [cluster.name, "linked"])),
        links: linkerdLinks(config, mesh).map((link) => ({ ...link, label: "mirrors services of", bidirectional: false })),
    };
}

/** mesh: linkerd. */
export const linkerdMeshRow: LayerRow = { ...pendingRow("multicluster", "linkerd"), check: checkLinks, topology: linkTopology };

/** apps for mesh linkerd. */
export const linkerdDemoRow: LayerRow = pendingRow("apps", "linkerd");

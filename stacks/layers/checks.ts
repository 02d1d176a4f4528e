// Check and topology helpers the layer rows share: cluster names the config mentions, mesh ↔ CNI, mesh size.
import { ValidationIssue, issue, keyPath, useOneOf } from "../../components/shared/validation";
import { CniConfig, StackConfig } from "../config/types";
import { Topology, TopologyLink } from "./layer";

/** An issue unless `name` is a cluster of the stack. */
export function checkNamed(path: string, name: string, config: Pick<StackConfig, "clusters">): ValidationIssue[] {
    const names = config.clusters.map((cluster) => cluster.name);
    if (names.includes(name)) {
        return [];
    }
    return [issue(path, name, "is not the name of a cluster in this stack", useOneOf(names))];
}

/** Issues for every key of a per-cluster map (`mesh.gatewayIps.<cluster>`, quoted when not a plain name) that names no cluster. */
export function checkNamedKeys(
    path: string,
    map: Readonly<Record<string, unknown>>,
    config: Pick<StackConfig, "clusters">,
): ValidationIssue[] {
    return Object.keys(map).flatMap((name) => checkNamed(keyPath(path, name), name, config));
}

/** The mesh needs a given CNI. */
export function checkMeshNeedsCni(config: StackConfig, needed: CniConfig["kind"]): ValidationIssue[] {
    if (config.cni.kind === needed) {
        return [];
    }
    return [
        issue(
            "mesh.kind",
            config.mesh.kind,
            `needs cni.kind "${needed}" but cni.kind is "${config.cni.kind}"`,
            `set cni.kind to "${needed}" or choose another mesh`,
        ),
    ];
}

/**
 * A mesh of one cluster connects nothing: always an error, for every mesh kind (documented in the README),
 * so a stack never looks meshed while it is not.
 */
export function meshOfAtLeastTwo(config: StackConfig, members: number = config.clusters.length): ValidationIssue[] {
    if (members >= 2) {
        return [];
    }
    return [
        issue(
            "mesh.kind",
            config.mesh.kind,
            `connects ${members} cluster${members === 1 ? "" : "s"}, and a mesh needs at least 2`,
            'add a cluster, or set mesh.kind: "none" until there is a second one',
        ),
    ];
}

/** Above this many clusters without an `id`, the explicit-ID rule says so in one sentence instead of one per cluster. */
const LISTED_DEFAULTED_IDS = 3;

/**
 * In a mesh whose cluster IDs reach the wire (identities, ports, route targets), every cluster names its `id`: one
 * the loader assigned by list order moves when a cluster is inserted or removed before it. `why` says what the ID is
 * used for, as a clause ("a Cilium Cluster Mesh puts the ID in every security identity of the cluster").
 */
export function explicitMeshIds(config: Pick<StackConfig, "clusters">, why: string): ValidationIssue[] {
    const defaulted = config.clusters.flatMap((cluster, index) => (cluster.idDefaulted ? [{ cluster, index }] : []));
    if (defaulted.length > LISTED_DEFAULTED_IDS) {
        return [
            issue(
                "clusters",
                defaulted.length,
                `clusters have no id, but ${why}, and an ID given by list order changes when a cluster is ` +
                    "inserted or removed before it",
                "set id on every cluster, keeping the ID each has today (npm run render lists them in topology.md)",
            ),
        ];
    }
    return defaulted.map(({ cluster, index }) =>
        issue(
            `clusters[${index}].id`,
            undefined,
            `but ${why}, and the ID this cluster gets from its place in the list (${cluster.id}) changes when a cluster is inserted or removed before it`,
            `set id: ${cluster.id} on cluster ${cluster.name} to keep the ID it has today`,
        ),
    );
}

/** Every pair of clusters linked both ways (a full mesh), with one role for all. */
export function pairwiseTopology(config: StackConfig, role: string, label: string): Topology {
    const names = config.clusters.map((cluster) => cluster.name);
    const links: TopologyLink[] = names.flatMap((a, i) => names.slice(i + 1).map((b) => ({ from: a, to: b, label, bidirectional: true })));
    return { roles: Object.fromEntries(names.map((name) => [name, role])), links };
}

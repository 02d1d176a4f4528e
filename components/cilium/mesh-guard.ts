// The mesh settings a running Cluster Mesh cannot change (cluster names, IDs, maxConnectedClusters), as a state record.
import { GuardedSetting, SettingGuardArgs } from "../shared/setting-guard";
import { MeshPeer } from "./types";

/** How the refusals name maxConnectedClusters (members are named by cluster name, never by list position). */
export interface MeshGuardKeys {
    /** Key of maxConnectedClusters; @default `maxConnectedClusters of every member`. */
    readonly maxConnectedClusters?: string;
}

/** Why these settings cannot change (cilium.md §2.1: set at first install; upstream docs "Cluster Mesh setup"). */
export const MESH_GUARD_REASON =
    "a running Cluster Mesh cannot change it: the cluster name and ID are in every security identity and in every " +
    "peer's view of the cluster, and maxConnectedClusters sizes the identity space of every member";

/**
 * The record of a mesh: each member's ID by name (catches a renumbering, e.g. a cluster inserted before
 * auto-assigned IDs), each ID's member name (catches a rename that keeps the ID), and maxConnectedClusters.
 * A member added or removed adds or drops its entries, which is no change; listing the members in another order
 * changes nothing (entries and their wording never hold a list position).
 */
export function meshGuardArgs(
    subject: string,
    members: readonly Pick<MeshPeer, "name" | "id" | "maxConnectedClusters">[],
    keys: MeshGuardKeys = {},
): SettingGuardArgs {
    const settings: Record<string, GuardedSetting> = {};
    [...members]
        .sort((a, b) => a.name.localeCompare(b.name))
        .forEach((member) => {
            settings[`id-of:${member.name}`] = { value: member.id, key: `the id of cluster ${member.name}`, what: "its Cilium cluster ID" };
            settings[`name-of:${member.id}`] = {
                value: member.name,
                key: `the name of the cluster with id ${member.id}`,
                what: "its Cilium cluster name",
            };
        });
    if (members.length > 0) {
        settings.maxConnectedClusters = {
            value: members[0].maxConnectedClusters,
            key: keys.maxConnectedClusters ?? "maxConnectedClusters of every member",
            what: "the size of every member's cluster-ID space",
        };
    }
    return { subject, reason: MESH_GUARD_REASON, doc: "docs/cilium.md (Changing a cluster's name or ID)", settings };
}

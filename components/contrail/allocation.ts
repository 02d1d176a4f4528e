// Kubemanager listener ports and route-target numbers: a pure allocator that keeps every pinned assignment.
import { ValidationIssue, issue } from "../shared/validation";

/** listenerPort of the first distributed cluster (slot 0); each further slot adds 1 (jnpr-jp-crdc/CN2 MultiCluster.md). */
export const FIRST_LISTENER_PORT = 19446;
/** constantRouteTargetNumber of the first distributed cluster (slot 0); each further slot adds 100. */
export const FIRST_ROUTE_TARGET = 7699;
/** Route-target step between slots. */
export const ROUTE_TARGET_STEP = 100;

/** What one distributed cluster asks of the allocator. */
export interface AllocationRequest {
    /** Cluster name (for messages). */
    readonly cluster: string;
    /** Config or argument path of the cluster's entry (for messages), e.g. `distributed[1]`. */
    readonly path: string;
    /** Pinned slot; unset: the lowest slot no pinned entry and no earlier entry uses. */
    readonly slot?: number;
    /** Explicit listenerPort (wins over the slot's). */
    readonly listenerPort?: number;
    /** Explicit constantRouteTargetNumber (wins over the slot's). */
    readonly constantRouteTargetNumber?: number;
}

/** The numbers one distributed cluster's Kubemanager gets. */
export interface KubemanagerAllocation {
    /** Cluster name. */
    readonly cluster: string;
    /** The slot the defaults came from. */
    readonly slot: number;
    /** Kubemanager `listenerPort`. */
    readonly listenerPort: number;
    /** Kubemanager `constantRouteTargetNumber`. */
    readonly constantRouteTargetNumber: number;
}

/**
 * Allocates in list order. Pinned slots and explicit numbers are kept as given; an unpinned entry takes the
 * lowest slot that no pinned entry and no earlier entry holds. So appending never moves anyone, and once every
 * entry is pinned (the stack pins each cluster by its stack ID), adding or removing an entry anywhere moves
 * nobody else. Slot s gives listenerPort 19446 + s and constantRouteTargetNumber 7699 + 100·s.
 */
export function allocateKubemanagers(requests: readonly AllocationRequest[]): KubemanagerAllocation[] {
    const taken = new Set(requests.flatMap((request) => (request.slot === undefined ? [] : [request.slot])));
    return requests.map((request) => {
        let slot = request.slot;
        if (slot === undefined) {
            slot = 0;
            while (taken.has(slot)) {
                slot++;
            }
            taken.add(slot);
        }
        return {
            cluster: request.cluster,
            slot,
            listenerPort: request.listenerPort ?? FIRST_LISTENER_PORT + slot,
            constantRouteTargetNumber: request.constantRouteTargetNumber ?? FIRST_ROUTE_TARGET + ROUTE_TARGET_STEP * slot,
        };
    });
}

/**
 * The slot of a distributed cluster from the stack's cluster IDs: its rank with the central cluster's ID left
 * out (`id − 1` below the central ID, `id − 2` above it). IDs 1 (central), 2, 3, … give slots 0, 1, 2, …; an
 * explicit `id` pins the slot, so the numbering survives adding or removing clusters anywhere in the list.
 */
export function slotFromStackId(id: number, centralId: number): number {
    return id - 1 - (id > centralId ? 1 : 0);
}

/** Issues for two Kubemanagers sharing a listenerPort or a constantRouteTargetNumber, or a slot below 0. */
export function allocationIssues(requests: readonly AllocationRequest[], allocations: readonly KubemanagerAllocation[]): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    const fields = ["listenerPort", "constantRouteTargetNumber"] as const;
    for (const field of fields) {
        const seen = new Map<number, number>();
        allocations.forEach((allocation, index) => {
            const value = allocation[field];
            const first = seen.get(value);
            if (first === undefined) {
                seen.set(value, index);
                return;
            }
            found.push(
                issue(
                    `${requests[index].path}.${field}`,
                    value,
                    `is also the ${field} of ${requests[first].cluster}'s Kubemanager (${requests[first].path})`,
                    `give every distributed cluster its own ${field} (set it explicitly, or change the cluster's slot)`,
                ),
            );
        });
    }
    requests.forEach((request) => {
        if (request.slot !== undefined && (!Number.isInteger(request.slot) || request.slot < 0)) {
            found.push(issue(`${request.path}.slot`, request.slot, "is not a slot (0, 1, 2, ...)", "use a whole number from 0"));
        }
    });
    return found;
}

// The shape of a stack layer: which row a config selects, and what a row checks, wires and returns.
import * as pulumi from "@pulumi/pulumi";
import { ClusterAccess } from "../../components/shared/cluster-access";
import { ValidationIssue } from "../../components/shared/validation";
import { ClusterConfig, StackConfig, StackSecrets } from "../config/types";

/** The layers after provisioning, in the order the program walks them. */
export const LAYER_ORDER = ["cni", "loadBalancer", "multicluster", "ingress", "apps"] as const;

/** Name of a layer after provisioning. */
export type LayerName = (typeof LAYER_ORDER)[number];

/** A cluster's config entry beside the Cluster its provisioner returned. */
export interface ProvisionedCluster {
    /** The validated config entry. */
    readonly config: ClusterConfig;
    /** The Cluster contract, with the provisioner's provider and readiness. */
    readonly cluster: ClusterAccess;
}

/** A typed key for a fact one row leaves for a later row (e.g. the Cilium installs the mesh gates on). */
export interface FactKey<T> {
    /** Unique name, for messages. */
    readonly name: string;
    /** Carries the fact's type; never set. */
    readonly type?: T;
}

/** Declares a fact key. */
export function factKey<T>(name: string): FactKey<T> {
    return { name };
}

/** Facts rows leave for later rows during one run of the program. */
export class LayerFacts {
    private readonly values = new Map<FactKey<unknown>, unknown>();

    /** Records a fact (once per key). */
    set<T>(key: FactKey<T>, value: T): void {
        if (this.values.has(key)) {
            throw new Error(`internal: fact ${key.name} is set twice`);
        }
        this.values.set(key, value);
    }

    /** The fact, or undefined when no earlier row set it. */
    get<T>(key: FactKey<T>): T | undefined {
        return this.values.get(key) as T | undefined;
    }
}

/** What each layer left per cluster for the layers after it. */
export class LayerReadiness {
    private readonly byCluster = new Map<string, Map<LayerName, pulumi.Resource[]>>();

    /** Records what `layer` left, by cluster name. */
    record(layer: LayerName, ready: Readonly<Record<string, readonly pulumi.Resource[]>>): void {
        for (const [cluster, resources] of Object.entries(ready)) {
            const layers = this.byCluster.get(cluster) ?? new Map<LayerName, pulumi.Resource[]>();
            layers.set(layer, [...(layers.get(layer) ?? []), ...resources]);
            this.byCluster.set(cluster, layers);
        }
    }

    /** What the given layers left in `cluster`, in layer order (a copy). */
    of(cluster: string, layers: readonly LayerName[]): pulumi.Resource[] {
        const recorded = this.byCluster.get(cluster);
        return LAYER_ORDER.filter((layer) => layers.includes(layer)).flatMap((layer) => recorded?.get(layer) ?? []);
    }
}

/** What a row gets: the config, the clusters, and what the earlier layers left for it. */
export interface LayerContext {
    /** The validated stack config. */
    readonly config: StackConfig;
    /** Secret config values. */
    readonly secrets: StackSecrets;
    /** Every cluster, in config order. */
    readonly clusters: readonly ProvisionedCluster[];
    /** What in-cluster resources of this layer must wait on in `cluster` (earlier layers' readiness). */
    readonly readyIn: (cluster: string) => readonly pulumi.Resource[];
    /**
     * What only the named earlier layers left in `cluster`: for resources that truly need less than everything
     * before them (a demo's Deployments need the CNI, not the mesh's health gate), so the graph keeps only real edges.
     */
    readonly readyOf: (cluster: string, ...layers: LayerName[]) => readonly pulumi.Resource[];
    /** Typed facts earlier rows left. */
    readonly facts: LayerFacts;
}

/** What a row returns. */
export interface LayerResult {
    /** Extra stack outputs (plain facts; secrets only as secret Outputs). */
    readonly outputs?: Readonly<Record<string, unknown>>;
    /** Per cluster name: what later layers' in-cluster resources must wait on. */
    readonly ready?: Readonly<Record<string, readonly pulumi.Resource[]>>;
}

/** One cross-cluster link of the topology. */
export interface TopologyLink {
    /** Cluster the link starts from. */
    readonly from: string;
    /** Cluster the link goes to. */
    readonly to: string;
    /** What the link is. */
    readonly label: string;
    /** Both directions (a mesh peering) or one (a member joining a leader, a mirror). */
    readonly bidirectional: boolean;
}

/** The role each cluster plays and the links between clusters (multicluster rows). */
export interface Topology {
    /** Role by cluster name. */
    readonly roles: Readonly<Record<string, string>>;
    /** Cross-cluster links. */
    readonly links: readonly TopologyLink[];
}

/** A secret config key a row cannot work without (config validation checks its presence; the value is never read there). */
export interface RequiredSecret {
    /** Short config key, e.g. `contrailRegistryAuth` (listed in `secretConfigKeys`). */
    readonly key: string;
    /** What needs it, e.g. `mesh.kind "contrail"` (starts the problem sentence). */
    readonly neededBy: string;
    /** What the value is and how to set it (the fix). */
    readonly fix: string;
}

/** One row of a layer: the wiring of one kind. */
export interface LayerRow {
    /** What the row sets up, in a few words (docs, warnings). */
    readonly title: string;
    /** Rules over the whole stack config this row adds; run by config validation before anything is registered. */
    readonly check?: (config: StackConfig) => ValidationIssue[];
    /** Secret config keys the row needs; validation fails naming each one that is not set. */
    readonly requiredSecrets?: (config: StackConfig) => readonly RequiredSecret[];
    /** Declares the row's resources. */
    readonly wire: (context: LayerContext) => LayerResult;
    /** Roles and links (multicluster rows). */
    readonly topology?: (config: StackConfig) => Topology;
    /** Why the row installs nothing in this stack although its kind is chosen (e.g. AVI without a controller), or undefined. */
    readonly off?: (config: StackConfig) => string | undefined;
}

/** A layer: its name, the kind a config selects, and a row per kind. */
export interface Layer<K extends string = string> {
    /** Layer name. */
    readonly name: LayerName;
    /** The kind the config selects for this layer. */
    readonly kindOf: (config: StackConfig) => K;
    /** One row per kind. */
    readonly rows: Readonly<Record<K, LayerRow>>;
}

/** A row that wires nothing (the `none` kinds). */
export const NOTHING: LayerRow = { title: "nothing", wire: () => ({}) };

/**
 * A row for an area that has not landed yet: config and validation work, the clusters are provisioned,
 * and `up` warns that nothing is wired for it.
 */
export function pendingRow(layer: LayerName, kind: string): LayerRow {
    const note = `${layer} kind ${kind} is not wired yet: the clusters are provisioned, nothing is installed for it`;
    return {
        title: `${kind} (pending)`,
        wire: () => {
            pulumi.log.warn(note);
            return { outputs: { pending: note } };
        },
    };
}

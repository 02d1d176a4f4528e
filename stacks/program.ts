// Picks the stack program for the configured topology and runs it; every program exports the cluster summary.
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../components/cluster";
import { Versions } from "../components/versions";
import { ciliumMeshProgram } from "./layers/cilium";
import { StackSecrets, loadStackConfig } from "./config/load";
import { MeshConfig, StackConfig } from "./config/types";
import { provisionClusters } from "./layers/provision";
import { clusterRole } from "./topology";

/** What a stack exports about each cluster (plain, reviewable facts). */
export interface ClusterSummary {
    /** Cluster name. */
    readonly name: string;
    /** Provisioner. */
    readonly provisioner: string;
    /** Mesh cluster ID. */
    readonly id: number;
    /** Role in the mesh. */
    readonly role: string;
    /** Pod CIDR. */
    readonly podCidr: string;
    /** Service CIDR. */
    readonly serviceCidr: string;
    /** LoadBalancer pools. */
    readonly loadBalancerPools: readonly string[];
}

/** Outputs every stack program exports; programs add their own (kubeconfigs as secrets, endpoints, ...). */
export interface StackOutputs {
    /** The validated clusters. */
    readonly clusters: readonly ClusterSummary[];
    /** CNI in use. */
    readonly cni: string;
    /** Mesh in use. */
    readonly mesh: string;
    /** Versions in use (pins plus overrides). */
    readonly versions: Versions;
    /** Further outputs of the program. */
    readonly [extra: string]: unknown;
}

/** A per-topology program: composes components from the validated config. */
export type StackProgram = (config: StackConfig, secrets: StackSecrets) => StackOutputs;

/** The outputs every program shares. */
export function summarize(config: StackConfig): StackOutputs {
    return {
        clusters: config.clusters.map((cluster) => ({
            name: cluster.name,
            provisioner: cluster.provisioner,
            id: cluster.id,
            role: clusterRole(cluster, config.mesh),
            podCidr: cluster.podCidr,
            serviceCidr: cluster.serviceCidr,
            loadBalancerPools: cluster.loadBalancerPools,
        })),
        cni: config.cni.kind,
        mesh: config.mesh.kind,
        versions: config.versions,
    };
}

/** Cross-cluster wiring for one mesh kind: creates its resources and returns extra stack outputs. */
type MeshWiring = (config: StackConfig, clusters: readonly Cluster[]) => Record<string, unknown>;

/** Mesh kinds whose components have not landed yet: clusters are provisioned, the wiring is reported as pending. */
function pendingWiring(config: StackConfig): Record<string, unknown> {
    const note = `mesh kind ${config.mesh.kind} (cni ${config.cni.kind}) is not wired yet: the clusters are provisioned, nothing connects them`;
    pulumi.log.warn(note);
    return { pending: note };
}

/**
 * The wiring per mesh kind. `ciliumMeshProgram` installs Cilium on every cluster when `cni.kind` is cilium
 * (standalone for mesh `none`, meshed for `cilium-clustermesh`) and does nothing for other CNIs.
 */
const meshWiring: Record<MeshConfig["kind"], MeshWiring> = {
    none: ciliumMeshProgram,
    "cilium-clustermesh": ciliumMeshProgram,
    "antrea-multicluster": pendingWiring,
    linkerd: pendingWiring,
    contrail: pendingWiring,
};

/** Provisions every cluster, wires them for the configured mesh, and exports kubeconfigs (secret) and endpoints. */
export const runStackProgram: StackProgram = (config, secrets) => {
    const clusters = provisionClusters(config, secrets);
    return {
        ...summarize(config),
        kubeconfigs: Object.fromEntries(clusters.map((cluster) => [cluster.name, pulumi.secret(cluster.kubeconfig)])),
        apiServers: Object.fromEntries(clusters.map((cluster) => [cluster.name, cluster.apiServer])),
        ...meshWiring[config.mesh.kind](config, clusters),
    };
};

/** What `index.ts` runs: load and validate the stack config (nothing is created if it is invalid), then its program. */
export function runStack(): StackOutputs {
    const { config, secrets } = loadStackConfig();
    return runStackProgram(config, secrets);
}

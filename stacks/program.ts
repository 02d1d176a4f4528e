// Picks the stack program for the configured topology and runs it; every program exports the cluster summary.
import { Versions } from "../components/versions";
import { StackSecrets, loadStackConfig } from "./config";
import { MeshConfig, StackConfig } from "./config-types";
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

/**
 * The program per mesh kind. Until a topology's components land, its program exports the validated
 * plan only (nothing is created); the provisioner and mesh issues replace these entries.
 */
const programs: Record<MeshConfig["kind"], StackProgram> = {
    none: summarize,
    "cilium-clustermesh": summarize,
    "antrea-multicluster": summarize,
    linkerd: summarize,
    contrail: summarize,
};

/** Runs the program that fits the config's mesh kind. */
export function runStackProgram(config: StackConfig, secrets: StackSecrets): StackOutputs {
    return programs[config.mesh.kind](config, secrets);
}

/** What `index.ts` runs: load and validate the stack config (nothing is created if it is invalid), then its program. */
export function runStack(): StackOutputs {
    const { config, secrets } = loadStackConfig();
    return runStackProgram(config, secrets);
}

// Config rules of the Contrail row: kubeadm clusters, distinct node names, distributed names and overrides, release, Kubemanager numbers.
import { AllocationRequest, allocateKubemanagers, allocationIssues, slotFromStackId } from "../../components/contrail/allocation";
import { distributedNameProblem, releaseProblem } from "../../components/contrail/validate";
import { ValidationIssue, issue } from "../../components/shared/validation";
import { ClusterConfig, StackConfig } from "../config/types";
import { checkMeshNeedsCni, checkNamed, checkNamedKeys, meshOfAtLeastTwo } from "./checks";

/** The `mesh` of a contrail stack. */
export type ContrailMeshConfig = Extract<StackConfig["mesh"], { kind: "contrail" }>;

/** The contrail mesh config, or undefined for other kinds. */
export function contrailMeshOf(config: StackConfig): ContrailMeshConfig | undefined {
    return config.mesh.kind === "contrail" ? config.mesh : undefined;
}

/** The central cluster's config entry (undefined when `mesh.central` names none; a check reports that). */
export function centralEntry(config: StackConfig, mesh: ContrailMeshConfig): ClusterConfig | undefined {
    return config.clusters.find((cluster) => cluster.name === mesh.central);
}

/** Allocation requests of the distributed clusters in config order: slot from the stack ID, config overrides win. */
export function contrailAllocationRequests(config: StackConfig, mesh: ContrailMeshConfig): AllocationRequest[] {
    const centralId = centralEntry(config, mesh)?.id ?? 0;
    return config.clusters.filter((cluster) => cluster.name !== mesh.central).map((cluster) => {
        const override = mesh.distributed[cluster.name] ?? {};
        return {
            cluster: cluster.name, path: `mesh.distributed.${cluster.name}`, slot: slotFromStackId(cluster.id, centralId),
            ...(override.listenerPort !== undefined ? { listenerPort: override.listenerPort } : {}),
            ...(override.constantRouteTargetNumber !== undefined ? { constantRouteTargetNumber: override.constantRouteTargetNumber } : {}),
        };
    });
}

/** Every rule of a contrail stack (beyond the network plan, which already keeps all ranges of all clusters apart). */
export function checkContrail(config: StackConfig): ValidationIssue[] {
    const mesh = contrailMeshOf(config);
    if (!mesh) {
        return [];
    }
    const found = [...checkMeshNeedsCni(config, "none"), ...meshOfAtLeastTwo(config), ...checkNamed("mesh.central", mesh.central, config)];
    found.push(...checkNamedKeys("mesh.distributed", mesh.distributed, config));
    if (mesh.distributed[mesh.central] !== undefined) {
        found.push(issue(`mesh.distributed.${mesh.central}`, mesh.distributed[mesh.central], "configures the central cluster as a distributed one",
            "remove it: the central cluster runs its own Kubemanager"));
    }
    const release = releaseProblem(config.versions.contrail);
    if (release) {
        found.push(issue("versions.contrail", config.versions.contrail, release.problem, release.fix));
    }
    found.push(...kubeadmOnly(config), ...distinctNodeNames(config), ...distributedNames(config, mesh));
    if (centralEntry(config, mesh)) {
        const requests = contrailAllocationRequests(config, mesh);
        found.push(...allocationIssues(requests, allocateKubemanagers(requests)));
    }
    return found;
}

/** The vRouter loads a kernel module and replaces the node's networking: kind's container nodes cannot host it. */
function kubeadmOnly(config: StackConfig): ValidationIssue[] {
    return config.clusters.flatMap((cluster, i) => cluster.provisioner === "kubeadm" ? [] : [issue(`clusters[${i}].provisioner`, cluster.provisioner,
        "cannot host the CN2 vRouter (a kernel module that takes over the node's networking)", 'use provisioner "kubeadm" on VMs for every cluster of a contrail stack')]);
}

/** CN2 keys nodes by name across the clusters it manages (seed 002: node names distinct from the central cluster's). */
function distinctNodeNames(config: StackConfig): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    const seen = new Map<string, string>();
    config.clusters.forEach((cluster, i) => {
        if (cluster.provisioner !== "kubeadm") {
            return;
        }
        const hosts = [...cluster.controlPlanes.map((host, j) => [`clusters[${i}].controlPlanes[${j}].name`, host.name] as const),
            ...cluster.workers.map((host, j) => [`clusters[${i}].workers[${j}].name`, host.name] as const)];
        for (const [path, name] of hosts) {
            const first = seen.get(name);
            if (first !== undefined) {
                found.push(issue(path, name, `is also the node name at ${first}`, "give every node of every cluster its own name"));
            }
            seen.set(name, first ?? path);
        }
    });
    return found;
}

function distributedNames(config: StackConfig, mesh: ContrailMeshConfig): ValidationIssue[] {
    return config.clusters.flatMap((cluster, i) => {
        const problem = cluster.name === mesh.central ? undefined : distributedNameProblem(cluster.name);
        return problem ? [issue(`clusters[${i}].name`, cluster.name, problem.problem, problem.fix)] : [];
    });
}

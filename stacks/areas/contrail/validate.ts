// Config rules of the Contrail row: kubeadm clusters, explicit IDs, distinct node names, names, release, numbers, kernels, registry.
import * as pulumi from "@pulumi/pulumi";
import { AllocationRequest, allocateKubemanagers, allocationIssues, slotFromStackId } from "../../../components/contrail/allocation";
import { contrailNodePreflight, kernelListSource } from "../../../components/contrail/preflight";
import { contrailRelease } from "../../../components/contrail/release";
import { distributedNameProblem, registryIssues, releaseProblem } from "../../../components/contrail/validate";
import type { NodePreflightCheck } from "../../../components/kubeadm";
import { MIN_KUBERNETES_MINOR } from "../../../components/kubeadm/value-rules";
import { ValidationIssue, issue, keyPath } from "../../../components/shared/validation";
import { kubernetesMinor } from "../../../components/versions";
import { CONFIG_NAMESPACE } from "../../config/crossrefs";
import { ClusterConfig, StackConfig } from "../../config/types";
import { checkMeshNeedsCni, checkNamed, checkNamedKeys, explicitMeshIds, meshOfAtLeastTwo } from "../../layers/checks";

/** The `mesh` of a contrail stack. */
export type ContrailMeshConfig = Extract<StackConfig["mesh"], { kind: "contrail" }>;

/** The secret config key holding the registry credentials. */
export const REGISTRY_AUTH_KEY = "contrailRegistryAuth";

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
    return config.clusters
        .filter((cluster) => cluster.name !== mesh.central)
        .map((cluster) => {
            const override = mesh.distributed[cluster.name] ?? {};
            return {
                cluster: cluster.name,
                path: keyPath("mesh.distributed", cluster.name),
                slot: slotFromStackId(cluster.id, centralId),
                ...(override.listenerPort !== undefined ? { listenerPort: override.listenerPort } : {}),
                ...(override.constantRouteTargetNumber !== undefined
                    ? { constantRouteTargetNumber: override.constantRouteTargetNumber }
                    : {}),
            };
        });
}

/** The registry credentials as the stack holds them (a secret read for its shape only), or undefined when unset. */
export function stackRegistryAuth(): string | undefined {
    return new pulumi.Config(CONFIG_NAMESPACE).get(REGISTRY_AUTH_KEY);
}

/** Every rule of a contrail stack (beyond the network plan, which already keeps all ranges of all clusters apart). */
export function checkContrail(config: StackConfig, registryAuth: string | undefined = stackRegistryAuth()): ValidationIssue[] {
    const mesh = contrailMeshOf(config);
    if (!mesh) {
        return [];
    }
    const found = [...checkMeshNeedsCni(config, "none"), ...meshOfAtLeastTwo(config), ...checkNamed("mesh.central", mesh.central, config)];
    found.push(...checkNamedKeys("mesh.distributed", mesh.distributed, config));
    if (mesh.distributed[mesh.central] !== undefined) {
        found.push(
            issue(
                keyPath("mesh.distributed", mesh.central),
                mesh.distributed[mesh.central],
                "configures the central cluster as a distributed one",
                "remove it: the central cluster runs its own Kubemanager",
            ),
        );
    }
    const release = releaseProblem(config.versions.contrail);
    if (release) {
        found.push(issue("versions.contrail", config.versions.contrail, release.problem, release.fix));
    }
    found.push(
        ...kubeadmOnly(config),
        ...explicitMeshIds(config, "a contrail mesh derives each Kubemanager's listenerPort and route target from the cluster ID"),
        ...distinctNodeNames(config),
        ...distributedNames(config, mesh),
        ...kernelIssues(config, mesh),
    );
    found.push(
        ...registryIssues(
            { registry: "mesh.registry", auth: REGISTRY_AUTH_KEY },
            mesh.registry,
            contrailRelease(config.versions.contrail)?.registry ?? "",
            registryAuth,
        ),
    );
    if (centralEntry(config, mesh)) {
        const requests = contrailAllocationRequests(config, mesh);
        found.push(...allocationIssues(requests, allocateKubemanagers(requests)));
    }
    return found;
}

/** The vRouter loads a kernel module and replaces the node's networking: kind's container nodes cannot host it. */
function kubeadmOnly(config: StackConfig): ValidationIssue[] {
    return config.clusters.flatMap((cluster, i) =>
        cluster.provisioner === "kubeadm"
            ? []
            : [
                  issue(
                      `clusters[${i}].provisioner`,
                      cluster.provisioner,
                      "cannot host the CN2 vRouter (a kernel module that takes over the node's networking)",
                      'use provisioner "kubeadm" on VMs for every cluster of a contrail stack',
                  ),
              ],
    );
}

/** CN2 keys nodes by name across the clusters it manages (seed 002: node names distinct from the central cluster's). */
function distinctNodeNames(config: StackConfig): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    const seen = new Map<string, string>();
    config.clusters.forEach((cluster, i) => {
        if (cluster.provisioner !== "kubeadm") {
            return;
        }
        const hosts = [
            ...cluster.controlPlanes.map((host, j) => [`clusters[${i}].controlPlanes[${j}].name`, host.name] as const),
            ...cluster.workers.map((host, j) => [`clusters[${i}].workers[${j}].name`, host.name] as const),
        ];
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

/** An accepted kernel that the release supports anyway, or one listed twice, does nothing: refused as unused. */
function kernelIssues(config: StackConfig, mesh: ContrailMeshConfig): ValidationIssue[] {
    const release = contrailRelease(config.versions.contrail);
    const supported = new Set(Object.values(release?.supportedKernels ?? {}).flat());
    return mesh.allowUnsupportedKernels.flatMap((kernel, i) => {
        const path = `mesh.allowUnsupportedKernels[${i}]`;
        if (release && supported.has(kernel)) {
            return [
                issue(
                    path,
                    kernel,
                    `is a kernel CN2 ${release.version}'s vRouter is built for (${kernelListSource(release)}), so accepting it changes nothing`,
                    "remove it",
                ),
            ];
        }
        return mesh.allowUnsupportedKernels.indexOf(kernel) < i ? [issue(path, kernel, "is listed twice", "list each kernel once")] : [];
    });
}

/** The node checks of a cluster of a contrail stack (none for another mesh or an unknown release). */
export function contrailNodePreflightOf(config: StackConfig): NodePreflightCheck[] {
    const mesh = contrailMeshOf(config);
    const release = contrailRelease(config.versions.contrail);
    return mesh && release
        ? contrailNodePreflight(release, { acceptedKernels: mesh.allowUnsupportedKernels, acceptKey: "mesh.allowUnsupportedKernels" })
        : [];
}

/** Valid but risky choices of a contrail stack, one sentence each (for the loader's warnings). */
export function contrailWarnings(config: StackConfig): string[] {
    const release = contrailMeshOf(config) ? contrailRelease(config.versions.contrail) : undefined;
    const minor = kubernetesMinor(config.versions.kubernetes);
    const [major, wanted] = minor.split(".").map(Number);
    const [newestMajor, newest] = (release?.kubernetes.newestMinor ?? "0.0").split(".").map(Number);
    if (!release || major < newestMajor || (major === newestMajor && wanted <= newest)) {
        return [];
    }
    const oldest = Math.max(newest, MIN_KUBERNETES_MINOR);
    return [
        `versions.kubernetes = "${config.versions.kubernetes}" is newer than any Kubernetes CN2 ${release.version} was published for ` +
            `(up to ${release.kubernetes.newestMinor}: ${release.kubernetes.source}), so its operator, crdloader and vRouter are unverified on ${minor}; ` +
            `the kubeadm provisioner installs 1.${oldest} at the oldest, so set versions.kubernetes to a 1.${oldest} patch release to stay nearest, and verify CN2 on it before relying on it.`,
    ];
}

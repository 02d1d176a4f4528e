// ContrailMulticluster: CN2 on a central cluster (controller + vRouter) and on distributed clusters (vRouter only), seed 002 end to end.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { clusterScript } from "../shared/kubectl-wait";
import { ConfigValidationError, NOT_SHOWN, issue } from "../shared/validation";
import { AllocationRequest, KubemanagerAllocation, allocateKubemanagers } from "./allocation";
import { wireDistributed } from "./distributed-wiring";
import { DEFAULT_CONTRAIL_WAIT_SECONDS, centralRunningScript } from "./health";
import { ContrailClusterBase, contrailClusterBase, manifestCommand, nodeList } from "./cluster-wiring";
import { ContrailRelease, contrailRelease, registryHost, requireContrailRelease } from "./release";
import { dockerConfigJson, registryAuthProblem } from "./secrets";
import { ContrailMulticlusterArgs } from "./types";
import { numberIssues, registryIssues, validateContrail } from "./validate";
import { defaultVersions } from "../versions";
import { ClusterAccess, clusterAccess } from "../shared/cluster-access";
import { optionDependencies } from "../shared/schema-types";

/** The allocation requests of the distributed clusters, in argument order. */
function allocationRequests(args: ContrailMulticlusterArgs): AllocationRequest[] {
    return args.distributed.map((entry, i) => ({
        cluster: entry.cluster.name,
        path: `distributed[${i}]`,
        ...(entry.slot !== undefined ? { slot: entry.slot } : {}),
        ...(entry.listenerPort !== undefined ? { listenerPort: entry.listenerPort } : {}),
        ...(entry.constantRouteTargetNumber !== undefined ? { constantRouteTargetNumber: entry.constantRouteTargetNumber } : {}),
    }));
}

/** Validates the arguments (every problem in one ConfigValidationError) and returns the release. */
export function checkContrailArgs(name: string, args: ContrailMulticlusterArgs): ContrailRelease {
    const version = args.version ?? defaultVersions.contrail;
    const facts = (path: string, cluster: ContrailMulticlusterArgs["central"]) => ({
        path,
        name: cluster.name,
        podCidrs: cluster.network.podCidrs,
        serviceCidrs: cluster.network.serviceCidrs,
    });
    const requests = allocationRequests(args);
    const issues = validateContrail({
        central: facts("central", args.central),
        distributed: args.distributed.map((entry, i) => ({
            ...facts(`distributed[${i}].cluster`, entry.cluster),
            allocation: requests[i],
        })),
        version,
    });
    const release = contrailRelease(version);
    const plainAuth = typeof args.registryAuth === "string" ? args.registryAuth : undefined;
    issues.push(
        ...registryIssues({ registry: "registry", auth: "registryAuth" }, args.registry, release?.registry ?? "", plainAuth),
        ...numberIssues(requests, args.readyTimeoutSeconds),
    );
    if (issues.length > 0) {
        throw new ConfigValidationError(`ContrailMulticluster ${name}`, issues);
    }
    return requireContrailRelease(version);
}

/**
 * The pull Secrets' `.dockerconfigjson` from the credential, which a secret Output only reveals here: the same rule
 * as for a plain value (see {@link checkContrailArgs}), failing the run in one sentence that never shows the value.
 */
export function checkedDockerConfig(name: string, registry: string): (auth: string) => string {
    return (auth) => {
        const problem = registryAuthProblem(auth, registryHost(registry));
        if (problem) {
            throw new ConfigValidationError(`ContrailMulticluster ${name}`, [
                issue("registryAuth", NOT_SHOWN, problem.problem, problem.fix),
            ]);
        }
        return dockerConfigJson(registryHost(registry), auth);
    };
}

/** What the central deployer is built from. */
interface CentralContext {
    /** The release. */
    readonly release: ContrailRelease;
    /** The image registry prefix in use. */
    readonly registry: string;
    /** Bound of the gate in seconds. */
    readonly timeoutSeconds: number;
    /** The central cluster's CN2 namespaces and pull Secrets. */
    readonly base: ContrailClusterBase;
}

/** What TypeScript reads of a ContrailMulticluster besides its schema outputs (resources the schema cannot carry). */
interface ContrailInternals {
    /** The Kubemanagers (on the central cluster) by distributed cluster name. */
    readonly kubemanagers: Record<string, k8s.apiextensions.CustomResource>;
    /** Per cluster name: what later in-cluster resources must depend on. */
    readonly ready: Record<string, pulumi.Resource[]>;
}

const internals = new WeakMap<ContrailMulticluster, ContrailInternals>();

function internalsOf(component: ContrailMulticluster): ContrailInternals {
    const found = internals.get(component);
    if (!found) {
        throw new Error("internal: ContrailMulticluster read before its constructor finished");
    }
    return found;
}

/**
 * CN2 multi-cluster without a vendor CLI: the central deployer manifest on the central cluster; per distributed
 * cluster the crosswise kubeconfig Secrets (ServiceAccount tokens, peer-facing endpoints), the distributed
 * deployer, a Kubemanager on the central cluster (dual-stack subnets, stable listenerPort/route target) and the
 * vRouter; `registrypullsecret` everywhere. Gates: CN2 runs centrally and every distributed deployer runs before
 * its Kubemanager exists; `up` ends when each distributed cluster's nodes are Ready under the vRouter and its
 * Kubemanager mirrors it. Children are keyed by cluster name: adding a distributed cluster adds only its own.
 * Each cluster is reached through its access (a provisioner's provider, or one made here from the data).
 */
export class ContrailMulticluster extends pulumi.ComponentResource {
    /** The CN2 release installed (e.g. `23.4`). */
    readonly release: string;
    /** The image registry prefix in use (the release's or the mirror given). */
    readonly registry: string;
    /** Kubemanager numbers by distributed cluster name. */
    readonly allocations: Record<string, KubemanagerAllocation>;
    /** Gate: CN2 runs on the central cluster. */
    readonly centralRunning: command.local.Command;

    constructor(name: string, args: ContrailMulticlusterArgs, opts?: pulumi.ComponentResourceOptions) {
        const release = checkContrailArgs(name, args);
        super("multicluster:contrail:ContrailMulticluster", name, {}, opts);
        this.release = release.version;
        this.registry = args.registry ?? release.registry;
        const timeoutSeconds = args.readyTimeoutSeconds ?? DEFAULT_CONTRAIL_WAIT_SECONDS;
        const dockerConfig = pulumi.secret(pulumi.output(args.registryAuth).apply(checkedDockerConfig(name, this.registry)));
        const dependsOn = optionDependencies(opts);
        const central = clusterAccess(args.central, this, name);
        const prefix = `${name}-${central.name}`;
        const base = contrailClusterBase(prefix, central, dockerConfig, dependsOn, this);
        this.centralRunning = this.createCentralDeployer(prefix, central, { release, registry: this.registry, timeoutSeconds, base });
        const allocations = allocateKubemanagers(allocationRequests(args));
        const wired = args.distributed.map((entry, i) => {
            const cluster = clusterAccess(entry.cluster, this, name);
            return wireDistributed(
                `${name}-${cluster.name}`,
                {
                    central: { cluster: central, base, running: this.centralRunning },
                    cluster,
                    allocation: allocations[i],
                    enableNad: entry.enableNad,
                    release,
                    registry: this.registry,
                    dockerConfig,
                    dependsOn,
                    timeoutSeconds,
                    tokenGeneration: args.tokenGeneration,
                },
                this,
            );
        });
        const names = args.distributed.map((entry) => entry.cluster.name);
        this.allocations = Object.fromEntries(names.map((cluster, i) => [cluster, allocations[i]]));
        internals.set(this, {
            kubemanagers: Object.fromEntries(names.map((cluster, i) => [cluster, wired[i].kubemanager])),
            ready: {
                [central.name]: [this.centralRunning, ...wired.map((member) => member.synced)],
                ...Object.fromEntries(names.map((cluster, i) => [cluster, [wired[i].nodesReady, wired[i].synced]])),
            },
        });
        this.registerOutputs({ release: this.release, registry: this.registry, allocations: this.allocations });
    }

    /** The Kubemanagers (on the central cluster) by distributed cluster name. */
    get kubemanagers(): Readonly<Record<string, k8s.apiextensions.CustomResource>> {
        return internalsOf(this).kubemanagers;
    }

    /** Per cluster name: what later in-cluster resources must depend on. */
    get ready(): Readonly<Record<string, readonly pulumi.Resource[]>> {
        return internalsOf(this).ready;
    }

    /** The central deployer and its gate: CN2 (deployer, controller, vRouters) runs on the central cluster. */
    private createCentralDeployer(prefix: string, central: ClusterAccess, context: CentralContext): command.local.Command {
        const { release, registry, timeoutSeconds } = context;
        const deployer = manifestCommand(
            `${prefix}-deployer`,
            { cluster: central, release, role: "centralDeployer", registry, dependsOn: context.base.pullSecrets },
            this,
        );
        return clusterScript(
            `${prefix}-running`,
            {
                cluster: central,
                script: centralRunningScript({
                    cluster: central.name,
                    timeoutSeconds,
                    nodes: central.network.nodeAddresses.length,
                    cidrs: [...central.network.podCidrs, ...central.network.serviceCidrs],
                }),
                // It vouches for every node: after every join, and again when a node is added.
                dependsOn: [deployer, ...central.joined],
                triggers: [release.version, release.commit, registry, nodeList(central)],
            },
            this,
        );
    }
}

// AntreaInstall: the release's CRDs, the antrea Helm release of one cluster, then a wait until Antrea runs.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ApiEndpoint, Cluster } from "../cluster";
import { clusterAccess, inClusterGroupOptions } from "../shared/cluster-access";
import { helmRelease, valuesChecksum } from "../shared/helm";
import { DEFAULT_WAIT_SECONDS, clusterScript } from "../shared/kubectl-wait";
import { optionDependencies } from "../shared/schema-types";
import { ConfigValidationError } from "../shared/validation";
import { agentFactsOf } from "./cluster-set/agent-checks";
import { antreaReadyScript } from "./health";
import { readinessOf, waitingFor } from "../shared/readiness";
import { ANTREA_CHART, releaseAssetUrl } from "./release";
import { AntreaAgentFacts, AntreaSettings, AntreaValues, MulticlusterAgentSettings } from "./types";
import { antreaVersionIssues, validateAntreaSettings, validateMulticlusterAgent } from "./validate";
import { antreaVersionJumpScript } from "./version-jump";
import { versionJumpGate } from "../shared/version-jump";
import { DEFAULT_MULTICLUSTER_AGENT, antreaValues, resolveAntreaSettings } from "./values";
import { withDefaults } from "../shared/defaults";
import { defaultVersions } from "../versions";

/** Inputs of {@link AntreaInstall}. */
export interface AntreaInstallArgs {
    /** The cluster to install into: plain Cluster data (a provider is made from it) or a provisioner of this library. */
    readonly cluster: Cluster;
    /** Chart version (plain: known at preview; the CRDs come from the release asset of the same tag); @default `defaultVersions.antrea` (components/versions.ts). */
    readonly version?: string;
    /** Antrea options (plain: known at preview), including the `values` escape hatch; what is left out is `DEFAULT_ANTREA_SETTINGS`. */
    readonly settings?: Partial<AntreaSettings>;
    /** Set when the cluster runs without kube-proxy (plain: known at preview): agents reach the API server here and AntreaProxy proxies all. */
    readonly kubeApiServer?: ApiEndpoint;
    /**
     * This cluster's Multi-cluster agent part (gate `Multicluster`, the gateway), needed on every ClusterSet member;
     * plain: known at preview; what is left out is `DEFAULT_MULTICLUSTER_AGENT`; @default unset (gate off).
     */
    readonly multicluster?: Partial<MulticlusterAgentSettings>;
    /** Bound of the wait until Antrea runs (plain: known at preview); @default 600 s. */
    readonly readyTimeoutSeconds?: number;
}

/** The args with every default filled in, validated (one error listing every problem). */
function resolveAntreaInstall(name: string, given: AntreaInstallArgs) {
    const args = {
        ...given,
        version: given.version ?? defaultVersions.antrea,
        settings: resolveAntreaSettings(given.settings),
        multicluster: given.multicluster && withDefaults(DEFAULT_MULTICLUSTER_AGENT, given.multicluster),
        timeout: given.readyTimeoutSeconds ?? DEFAULT_WAIT_SECONDS,
    };
    const issues = [
        ...antreaVersionIssues(args.version, "version"),
        ...validateAntreaSettings(args.settings, { path: "settings", version: args.version }),
        ...(args.multicluster
            ? validateMulticlusterAgent(args.settings, args.multicluster, { cni: "settings", mesh: "multicluster" })
            : []),
    ];
    if (issues.length > 0) {
        throw new ConfigValidationError(`AntreaInstall ${name}`, issues);
    }
    return args;
}

/** What an install keeps for TypeScript users beside its schema outputs. */
interface InstallInternals {
    /** The rendered values. */
    readonly values: AntreaValues;
    /** The release and the running wait. */
    readonly ready: pulumi.Resource[];
    /** The cluster as given. */
    readonly cluster: Cluster;
}

const internals = new WeakMap<AntreaInstall, InstallInternals>();

function internalsOf(install: AntreaInstall): InstallInternals {
    const found = internals.get(install);
    if (!found) {
        throw new Error("internal: AntreaInstall read before its constructor finished");
    }
    return found;
}

/**
 * Antrea as the cluster's CNI. The chart keeps its CRDs in `crds/`, which Helm installs once and never
 * upgrades, so the release's `antrea-crds.yml` asset is applied first (antrea docs/helm.md "An important note
 * on CRDs"): Pulumi owns the CRDs and updates them with the version, and Helm skips the ones that exist.
 * Every in-cluster object also waits for `opts.dependsOn`.
 */
export class AntreaInstall extends pulumi.ComponentResource {
    /** Refuses, before the CRDs and the release change, a version more than four minors above the running Antrea. */
    readonly versionJump: command.local.Command;
    /** The CRDs of the pinned release (`antrea-crds.yml`). */
    readonly crds: k8s.yaml.v2.ConfigFile;
    /** The Helm release `antrea` in kube-system. */
    readonly release: k8s.helm.v3.Release;
    /** Waits until the agents and the controller run; re-runs when the values change. */
    readonly running: command.local.Command;
    /** SHA-256 of the values. */
    readonly valuesChecksum: pulumi.Output<string>;
    /** What this install enables and when it runs, as data: an `AntreaClusterSet` member's `antrea`. */
    readonly agent: AntreaAgentFacts;

    constructor(name: string, args: AntreaInstallArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveAntreaInstall(name, args);
        super("multicluster:antrea:AntreaInstall", name, {}, opts);
        const cluster = waitingFor(clusterAccess(args.cluster, this, name, { opts }), optionDependencies(opts));
        const values = antreaValues({
            settings: resolved.settings,
            kubeApiServer: resolved.kubeApiServer,
            multicluster: resolved.multicluster,
        });
        // Before the CRDs and the release change: the running Antrea is at most four minors older (a first install has none).
        this.versionJump = versionJumpGate(
            name,
            cluster,
            antreaVersionJumpScript({ cluster: cluster.name, version: resolved.version, timeoutSeconds: resolved.timeout }),
            resolved.version,
            this,
        );
        this.crds = new k8s.yaml.v2.ConfigFile(
            `${name}-crds`,
            { file: releaseAssetUrl(resolved.version, "antrea-crds.yml") },
            inClusterGroupOptions(cluster, this, { dependsOn: [this.versionJump] }),
        );
        // skipAwait: an agent can only become Ready once the CNI is installed on its Node; `running` waits instead.
        this.release = helmRelease(
            `${name}-release`,
            { cluster, chart: ANTREA_CHART, version: resolved.version, values, dependsOn: [this.crds] },
            this,
        );
        this.valuesChecksum = valuesChecksum(values);
        this.running = clusterScript(
            `${name}-running`,
            {
                cluster,
                script: antreaReadyScript(cluster.name, resolved.timeout),
                // It vouches for the agent on every node: after every join (kubeadm), not only the API.
                dependsOn: [this.release, ...cluster.joined],
                triggers: [this.valuesChecksum, resolved.version],
            },
            this,
        );
        const ready = [this.release, this.running];
        this.agent = {
            ...agentFactsOf(resolved.settings, resolved.multicluster),
            valuesChecksum: this.valuesChecksum,
            ready: readinessOf(ready),
        };
        internals.set(this, { values, ready, cluster: args.cluster });
        this.registerOutputs({ releaseName: this.release.name, chartVersion: resolved.version, clusterName: cluster.name });
    }

    /** The rendered values (plain: they hold no secret). */
    get values(): AntreaValues {
        return internalsOf(this).values;
    }

    /** What resources that need Antrea must depend on. */
    get ready(): readonly pulumi.Resource[] {
        return internalsOf(this).ready;
    }

    /** The cluster as given (a provisioner keeps its provider when a builder passes it on). */
    get cluster(): Cluster {
        return internalsOf(this).cluster;
    }
}

// AntreaInstall: the release's CRDs, the antrea Helm release of one cluster, then a wait until Antrea runs.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ApiEndpoint, Cluster } from "../cluster";
import { inClusterGroupOptions } from "../shared/cluster-access";
import { helmRelease, valuesChecksum } from "../shared/helm";
import { DEFAULT_WAIT_SECONDS, clusterScript } from "../shared/kubectl-wait";
import { ConfigValidationError } from "../shared/validation";
import { antreaReadyScript } from "./health";
import { ANTREA_CHART, releaseAssetUrl } from "./release";
import { AntreaSettings, AntreaValues, MulticlusterAgentSettings } from "./types";
import { antreaVersionIssues, validateAntreaSettings } from "./validate";
import { antreaVersionJumpScript } from "./version-jump";
import { versionJumpGate } from "../shared/version-jump";
import { DEFAULT_MULTICLUSTER_AGENT, antreaValues, resolveAntreaSettings } from "./values";
import { withDefaults } from "../shared/defaults";
import { defaultVersions } from "../versions";

/** The args with every default filled in, validated (one error listing every problem). */
function resolveAntreaInstall(name: string, given: AntreaInstallArgs) {
    const args = {
        ...given,
        version: given.version ?? defaultVersions.antrea,
        settings: resolveAntreaSettings(given.settings),
        multicluster: given.multicluster && withDefaults(DEFAULT_MULTICLUSTER_AGENT, given.multicluster),
    };
    const issues = [
        ...antreaVersionIssues(args.version, "version"),
        ...validateAntreaSettings(args.settings, { path: "settings", version: args.version }),
    ];
    if (issues.length > 0) {
        throw new ConfigValidationError(`AntreaInstall ${name}`, issues);
    }
    return args;
}

/** Inputs of {@link AntreaInstall}. */
export interface AntreaInstallArgs {
    /** The cluster to install into. */
    readonly cluster: Cluster;
    /** Chart version (the CRDs come from the release asset of the same tag); @default `defaultVersions.antrea` (components/versions.ts). */
    readonly version?: string;
    /** Antrea options, including the `values` escape hatch; what is left out is `DEFAULT_ANTREA_SETTINGS`. */
    readonly settings?: Partial<AntreaSettings>;
    /** Set when the cluster runs without kube-proxy: agents reach the API server here and AntreaProxy proxies all. */
    readonly kubeApiServer?: ApiEndpoint;
    /** This cluster's Multi-cluster agent part when it is a ClusterSet member; what is left out is `DEFAULT_MULTICLUSTER_AGENT`. */
    readonly multicluster?: Partial<MulticlusterAgentSettings>;
    /** What the install waits for besides the cluster. */
    readonly dependsOn?: readonly pulumi.Resource[];
    /** Bound of the wait until Antrea runs; @default 600 s. */
    readonly readyTimeoutSeconds?: number;
}

/**
 * Antrea as the cluster's CNI. The chart keeps its CRDs in `crds/`, which Helm installs once and never
 * upgrades, so the release's `antrea-crds.yml` asset is applied first (antrea docs/helm.md "An important note
 * on CRDs"): Pulumi owns the CRDs and updates them with the version, and Helm skips the ones that exist.
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
    /** The rendered values (plain: they hold no secret). */
    readonly values: AntreaValues;
    /** SHA-256 of the values. */
    readonly valuesChecksum: pulumi.Output<string>;
    /** What resources that need Antrea must depend on. */
    readonly ready: readonly pulumi.Resource[];

    constructor(name: string, given: AntreaInstallArgs, opts?: pulumi.ComponentResourceOptions) {
        const args = resolveAntreaInstall(name, given);
        super("multicluster:antrea:AntreaInstall", name, {}, opts);
        const { cluster } = args;
        this.values = antreaValues({ settings: args.settings, kubeApiServer: args.kubeApiServer, multicluster: args.multicluster });
        // Before the CRDs and the release change: the running Antrea is at most four minors older (a first install has none).
        this.versionJump = versionJumpGate(
            name,
            cluster,
            antreaVersionJumpScript({
                cluster: cluster.name,
                version: args.version,
                timeoutSeconds: args.readyTimeoutSeconds ?? DEFAULT_WAIT_SECONDS,
            }),
            args.version,
            this,
        );
        this.crds = new k8s.yaml.v2.ConfigFile(
            `${name}-crds`,
            { file: releaseAssetUrl(args.version, "antrea-crds.yml") },
            inClusterGroupOptions(cluster, this, { dependsOn: [this.versionJump, ...(args.dependsOn ?? [])] }),
        );
        // skipAwait: an agent can only become Ready once the CNI is installed on its Node; `running` waits instead.
        this.release = helmRelease(
            `${name}-release`,
            {
                cluster,
                chart: ANTREA_CHART,
                version: args.version,
                values: this.values,
                dependsOn: [this.crds, ...(args.dependsOn ?? [])],
            },
            this,
        );
        this.valuesChecksum = valuesChecksum(this.values);
        this.running = clusterScript(
            `${name}-running`,
            {
                cluster,
                script: antreaReadyScript(cluster.name, args.readyTimeoutSeconds ?? DEFAULT_WAIT_SECONDS),
                dependsOn: [this.release],
                triggers: [this.valuesChecksum, args.version],
            },
            this,
        );
        this.ready = [this.release, this.running];
        this.registerOutputs({ releaseName: this.release.name, chartVersion: args.version, clusterName: cluster.name });
    }
}

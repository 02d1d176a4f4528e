// CiliumInstall: the Cilium Helm release of one cluster (and its Cluster Mesh certificates), then a wait until it runs.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { parseAddress } from "../network/cidr";
import { HelmChartRef, helmRelease, valuesChecksum } from "../shared/helm";
import { DEFAULT_WAIT_SECONDS, clusterScript } from "../shared/kubectl-wait";
import { MeshCa } from "./ca";
import { CILIUM_NAMESPACE } from "./certs";
import { ciliumReadyScript } from "./health";
import { ciliumVersionJumpScript } from "./version-jump";
import { versionJumpGate } from "../shared/version-jump";
import { createMeshCertSecrets } from "./mesh-tls";
import { CiliumSettings, resolveCiliumSettings } from "./types";
import { ciliumOwnedValues } from "./validate-settings";
import { ConfigValidationError, ValidationIssue, issue } from "../shared/validation";
import { Defaulted } from "../shared/defaults";
import { defaultVersions } from "../versions";
import { ownedValueIssues } from "../shared/owned-values";
import { imageValueIssues } from "../shared/values-merge";
import { CiliumChartLine, ciliumChartLine, ciliumVersionProblem } from "./chart-facts";
import { K8sServiceEndpoint, MeshValuesInput, ciliumValues } from "./values";
import { requireClusterAccess } from "../shared/cluster-access";

/** Where the chart comes from. */
export const CILIUM_CHART: HelmChartRef = {
    chart: "cilium",
    repo: "https://helm.cilium.io",
    releaseName: "cilium",
    namespace: CILIUM_NAMESPACE,
};

/** This cluster's part in a Cluster Mesh (build it with `meshInstallArgs`). */
export interface CiliumInstallMesh extends MeshValuesInput {
    /** The peer-facing DNS name of this cluster's clustermesh-apiserver, if peers dial a name (added to its certificate). */
    readonly endpointAddress?: string;
}

/** Inputs of {@link CiliumInstall}. */
export interface CiliumInstallArgs {
    /** The cluster to install into. */
    readonly cluster: Cluster;
    /** Cilium cluster ID (0, the default, outside a mesh). */
    readonly clusterId?: number;
    /** Chart version; @default `defaultVersions.cilium` (components/versions.ts). */
    readonly version?: string;
    /** Cilium options, including the `values` escape hatch; what is left out is `DEFAULT_CILIUM_SETTINGS`. */
    readonly settings?: Partial<CiliumSettings>;
    /** API server address for agents when the cluster has no kube-proxy (the cluster's `endpoint`). */
    readonly k8sService?: K8sServiceEndpoint;
    /** Native routing in a mesh: every member's pod CIDRs (`meshPodCidrs`), exactly the destinations left unmasqueraded. */
    readonly meshPodCidrs?: readonly string[];
    /** The stack's shared CA (`CiliumCa`): signs Hubble and, in a mesh, the clustermesh certificates. */
    readonly ca?: MeshCa;
    /** This cluster's Cluster Mesh part; needs `ca`. */
    readonly mesh?: CiliumInstallMesh;
    /** The shared ingress Service's pinned LoadBalancer IP (with `settings.ingressController`; give it a pool of its own). */
    readonly ingressIp?: string;
    /** What the release must wait for besides the cluster. */
    readonly dependsOn?: readonly pulumi.Resource[];
    /** Bound of the wait until Cilium runs; @default 600 s. */
    readonly readyTimeoutSeconds?: number;
}

/** Cilium installed by Helm in one cluster, with its Cluster Mesh certificate Secrets when meshed. */
export class CiliumInstall extends pulumi.ComponentResource {
    /** The Helm release `cilium` in kube-system. */
    readonly release: k8s.helm.v3.Release;
    /** Refuses, before the release changes, a version more than one minor from the running Cilium (re-runs on a new version). */
    readonly versionJump: command.local.Command;
    /** Waits until the agents and operator run (needs kubectl on the deploying machine); re-runs when the values change. */
    readonly running: command.local.Command;
    /** The clustermesh-apiserver certificate Secrets (empty outside a mesh). */
    readonly meshSecrets: readonly k8s.core.v1.Secret[];
    /** SHA-256 of the chart, its version and the values: gates that vouch for this install put it in their triggers. */
    readonly releaseChecksum: pulumi.Output<string>;
    /** The chart version installed. */
    readonly version: string;
    /** What resources that need Cilium must depend on. */
    readonly ready: readonly pulumi.Resource[];

    constructor(name: string, given: CiliumInstallArgs, opts?: pulumi.ComponentResourceOptions) {
        const args = resolveInstallArgs(given);
        const chart = checkInstall(name, args);
        super("multicluster:cilium:CiliumInstall", name, {}, opts);
        const { cluster } = args;
        const values = installValues(chart, args);
        this.meshSecrets = args.mesh && args.ca ? createMeshCertSecrets(name, cluster, args.mesh.endpointAddress, args.ca, this) : [];
        // Before the release changes: the running Cilium is at most one minor away (a first install has none).
        this.versionJump = versionJumpGate(
            name,
            cluster,
            ciliumVersionJumpScript({
                cluster: cluster.name,
                version: args.version,
                timeoutSeconds: args.readyTimeoutSeconds ?? DEFAULT_WAIT_SECONDS,
            }),
            args.version,
            this,
        );
        // skipAwait: Helm's await would block on LoadBalancer Services (ingress, clustermesh-apiserver) whose
        // IPs only exist once the load-balancer layer's pools exist, after the release; `running` waits instead.
        this.release = helmRelease(
            `${name}-release`,
            {
                cluster,
                chart: CILIUM_CHART,
                version: args.version,
                values,
                dependsOn: [...this.meshSecrets, this.versionJump, ...(args.dependsOn ?? [])],
            },
            this,
        );
        this.version = args.version;
        this.releaseChecksum = valuesChecksum({ chart: CILIUM_CHART, version: args.version, values });
        // Every node's agent: after every join, and again when a node is added or the release changes (version or values).
        this.running = clusterScript(
            `${name}-running`,
            {
                cluster,
                script: ciliumReadyScript({ cluster: cluster.name, timeoutSeconds: args.readyTimeoutSeconds ?? DEFAULT_WAIT_SECONDS }),
                dependsOn: [this.release, ...requireClusterAccess(cluster).joined],
                triggers: [this.releaseChecksum, nodeList(cluster)],
            },
            this,
        );
        this.ready = [this.release, this.running];
        this.registerOutputs({ releaseName: this.release.name, chartVersion: args.version, clusterName: cluster.name });
    }
}

/** The chart values of an install (the mesh CA as base64 where the install joins a mesh). */
function installValues(chart: CiliumChartLine, args: ResolvedInstallArgs) {
    return ciliumValues<pulumi.Input<string>>({
        chart,
        name: args.cluster.name,
        id: args.clusterId ?? 0,
        podCidrs: args.cluster.network.podCidrs,
        settings: args.settings,
        k8sService: args.k8sService,
        meshPodCidrs: args.meshPodCidrs,
        ca: args.ca ? { cert: args.ca.certBase64, key: args.ca.keyBase64 } : undefined,
        mesh: args.mesh,
        ingressIp: args.ingressIp,
    });
}

/** The cluster's node addresses as one sorted text: a node added or removed re-runs the gates that vouch for every node. */
export function nodeList(cluster: Pick<Cluster, "network">): string {
    return [...cluster.network.nodeAddresses].sort().join(",");
}

/** The args with the version and every setting decided. */
type ResolvedInstallArgs = Defaulted<CiliumInstallArgs, "version"> & { readonly settings: CiliumSettings };

/** The args with their defaults: the pinned chart version, the settings over `DEFAULT_CILIUM_SETTINGS`. */
function resolveInstallArgs(args: CiliumInstallArgs): ResolvedInstallArgs {
    return { ...args, version: args.version ?? defaultVersions.cilium, settings: resolveCiliumSettings(args.settings) };
}

/** The chart line of `args.version`, or a ConfigValidationError naming every problem of the args (a mesh without its CA is refused first). */
function checkInstall(name: string, args: ResolvedInstallArgs): CiliumChartLine {
    if (args.mesh && !args.ca) {
        throw new pulumi.RunError(`CiliumInstall ${name}: mesh needs ca (the shared CiliumCa of every mesh cluster)`);
    }
    const owned = ownedValueIssues(
        args.settings.values,
        ciliumOwnedValues(args.settings, args.meshPodCidrs !== undefined),
        "settings.values",
    );
    const found: ValidationIssue[] = [...owned, ...imageValueIssues(args.settings.values, "settings.values", owned)];
    const version = ciliumVersionProblem(args.version);
    if (version) {
        found.push(issue("version", args.version, version.problem, version.fix));
    }
    if (args.ingressIp !== undefined && !parseAddress(args.ingressIp)) {
        found.push(
            issue("ingressIp", args.ingressIp, "is not an IP address", "give the address from the cluster's pools the ingress should have"),
        );
    } else if (args.ingressIp !== undefined && !args.settings.ingressController) {
        found.push(
            issue(
                "ingressIp",
                args.ingressIp,
                "pins the ingress Service, but settings.ingressController is false, so there is none",
                "remove ingressIp, or turn the ingress controller on",
            ),
        );
    }
    const chart = ciliumChartLine(args.version);
    if (found.length > 0 || !chart) {
        throw new ConfigValidationError(`CiliumInstall ${name}`, found);
    }
    return chart;
}

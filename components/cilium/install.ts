// CiliumInstall: the Cilium Helm release of one cluster (and its Cluster Mesh certificates), then a wait until it runs.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { HelmChartRef, helmRelease, valuesChecksum } from "../shared/helm";
import { DEFAULT_WAIT_SECONDS, clusterScript } from "../shared/kubectl-wait";
import { MeshCa } from "./ca";
import { CILIUM_NAMESPACE } from "./certs";
import { ciliumReadyScript } from "./health";
import { createMeshCertSecrets } from "./mesh-tls";
import { CiliumSettings } from "./types";
import { ciliumOwnedValues } from "./validate";
import { ConfigValidationError, ownedValueIssues } from "../shared/validation";
import { K8sServiceEndpoint, MeshValuesInput, ciliumValues } from "./values";

/** Where the chart comes from. */
export const CILIUM_CHART: HelmChartRef = {
    chart: "cilium", repo: "https://helm.cilium.io", releaseName: "cilium", namespace: CILIUM_NAMESPACE,
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
    /** Chart version (`versions.cilium`). */
    readonly version: string;
    /** Cilium options, including the `values` escape hatch. */
    readonly settings: CiliumSettings;
    /** API server address for agents when the cluster has no kube-proxy (the cluster's `endpoint`). */
    readonly k8sService?: K8sServiceEndpoint;
    /** Native routing in a mesh: every member's pod CIDRs (`meshPodCidrs`), exactly the destinations left unmasqueraded. */
    readonly meshPodCidrs?: readonly string[];
    /** The stack's shared CA (`CiliumCa`): signs Hubble and, in a mesh, the clustermesh certificates. */
    readonly ca?: MeshCa;
    /** This cluster's Cluster Mesh part; needs `ca`. */
    readonly mesh?: CiliumInstallMesh;
    /** What the release must wait for besides the cluster. */
    readonly dependsOn?: readonly pulumi.Resource[];
    /** Bound of the wait until Cilium runs; @default 600 s. */
    readonly readyTimeoutSeconds?: number;
}

/** Cilium installed by Helm in one cluster, with its Cluster Mesh certificate Secrets when meshed. */
export class CiliumInstall extends pulumi.ComponentResource {
    /** The Helm release `cilium` in kube-system. */
    readonly release: k8s.helm.v3.Release;
    /** Waits until the agents and operator run (needs kubectl on the deploying machine); re-runs when the values change. */
    readonly running: command.local.Command;
    /** The clustermesh-apiserver certificate Secrets (empty outside a mesh). */
    readonly meshSecrets: readonly k8s.core.v1.Secret[];
    /** SHA-256 of the release values: gates that depend on this install put it in their triggers. */
    readonly valuesChecksum: pulumi.Output<string>;
    /** What resources that need Cilium must depend on. */
    readonly ready: readonly pulumi.Resource[];

    constructor(name: string, args: CiliumInstallArgs, opts?: pulumi.ComponentResourceOptions) {
        if (args.mesh && !args.ca) {
            throw new pulumi.RunError(`CiliumInstall ${name}: mesh needs ca (the shared CiliumCa of every mesh cluster)`);
        }
        const owned = ownedValueIssues(args.settings.values, ciliumOwnedValues(args.settings, args.meshPodCidrs !== undefined), "settings.values");
        if (owned.length > 0) {
            throw new ConfigValidationError(`CiliumInstall ${name}`, owned);
        }
        super("multicluster:cilium:CiliumInstall", name, {}, opts);
        const { cluster, settings } = args;
        const values = ciliumValues<pulumi.Input<string>>({
            name: cluster.name,
            id: args.clusterId ?? 0,
            podCidrs: cluster.network.podCidrs,
            settings,
            k8sService: args.k8sService,
            meshPodCidrs: args.meshPodCidrs,
            ca: args.ca ? { cert: args.ca.certBase64, key: args.ca.keyBase64 } : undefined,
            mesh: args.mesh,
        });
        this.meshSecrets = args.mesh && args.ca
            ? createMeshCertSecrets(name, cluster, args.mesh.endpointAddress, args.ca, this)
            : [];
        // skipAwait: Helm's await would block on LoadBalancer Services (ingress, clustermesh-apiserver) whose
        // IPs only exist once the load-balancer layer's pools exist, after the release; `running` waits instead.
        this.release = helmRelease(`${name}-release`, {
            cluster, chart: CILIUM_CHART, version: args.version, values,
            dependsOn: [...this.meshSecrets, ...(args.dependsOn ?? [])],
        }, this);
        this.valuesChecksum = valuesChecksum(values);
        this.running = clusterScript(`${name}-running`, {
            cluster,
            script: ciliumReadyScript({ cluster: cluster.name, timeoutSeconds: args.readyTimeoutSeconds ?? DEFAULT_WAIT_SECONDS }),
            dependsOn: [this.release],
            triggers: [this.valuesChecksum],
        }, this);
        this.ready = [this.release, this.running];
        this.registerOutputs({ releaseName: this.release.name, chartVersion: args.version, clusterName: cluster.name });
    }
}

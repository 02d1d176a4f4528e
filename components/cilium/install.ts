// CiliumInstall: the Cilium Helm release of one cluster, a wait until it runs, then its LB-IPAM pools and L2 policy.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster, inClusterOptions } from "../cluster";
import { CILIUM_NAMESPACE } from "./certs";
import { DEFAULT_WAIT_SECONDS, L2_POLICY_CRD, LB_POOL_CRD, ciliumReadyScript } from "./health";
import { CiliumManifest, l2AnnouncementPolicy, loadBalancerPools } from "./manifests";
import { CiliumSettings } from "./types";
import { K8sServiceEndpoint, MeshValuesInput, NativeRoutingCidrs, ciliumValues } from "./values";

/** Where the chart comes from. */
export const CILIUM_CHART = { chart: "cilium", repo: "https://helm.cilium.io", releaseName: "cilium" } as const;

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
    /** API server address for agents when the cluster has no kube-proxy. */
    readonly k8sService?: K8sServiceEndpoint;
    /** Native routing: CIDRs left unmasqueraded (a mesh passes the cover of all its pod CIDRs). */
    readonly nativeRoutingCidrs?: NativeRoutingCidrs;
    /** Shared CA as `tls.ca` values (base64 PEM); the key must be a secret Output. */
    readonly ca?: { readonly cert: pulumi.Input<string>; readonly key: pulumi.Input<string> };
    /** This cluster's Cluster Mesh part (peers and exposure), when meshed. */
    readonly mesh?: MeshValuesInput;
    /** LoadBalancer pools from config (`first-last` or CIDR); a pinned mesh IP gets a pool of its own. */
    readonly loadBalancerPools?: readonly string[];
    /** What the release must wait for besides the cluster (e.g. pre-created certificate Secrets). */
    readonly dependsOn?: readonly pulumi.Resource[];
    /** Bound of the wait until Cilium runs (default 600 s). */
    readonly readyTimeoutSeconds?: number;
}

/** Cilium installed by Helm in one cluster, plus its LB-IPAM pools and L2 announcement policy. */
export class CiliumInstall extends pulumi.ComponentResource {
    /** The Helm release `cilium` in kube-system. */
    readonly release: k8s.helm.v3.Release;
    /** Waits until the agents and operator run and the CRDs exist (needs kubectl on the deploying machine). */
    readonly running: command.local.Command;
    /** LB-IPAM pools (cilium.io/v2). */
    readonly pools: readonly k8s.apiextensions.CustomResource[];
    /** L2 announcement policy (cilium.io/v2alpha1), when enabled. */
    readonly l2Policy?: k8s.apiextensions.CustomResource;
    /** What resources that need Cilium (and its LB IPs) must depend on. */
    readonly ready: readonly pulumi.Resource[];

    constructor(name: string, args: CiliumInstallArgs, opts?: pulumi.ComponentResourceOptions) {
        super("multicluster:index:CiliumInstall", name, {}, opts);
        const { cluster, settings } = args;
        const values = ciliumValues<pulumi.Input<string>>({
            name: cluster.name,
            id: args.clusterId ?? 0,
            podCidrs: cluster.network.podCidrs,
            settings,
            k8sService: args.k8sService,
            nativeRoutingCidrs: args.nativeRoutingCidrs,
            ca: args.ca,
            mesh: args.mesh,
        });
        // skipAwait: Helm's await would block on LoadBalancer Services (ingress, clustermesh-apiserver) whose
        // IPs only exist once the pools below are created, after the release; `running` waits instead.
        this.release = new k8s.helm.v3.Release(`${name}-release`, {
            name: CILIUM_CHART.releaseName,
            chart: CILIUM_CHART.chart,
            version: args.version,
            repositoryOpts: { repo: CILIUM_CHART.repo },
            namespace: CILIUM_NAMESPACE,
            values: { ...values },
            skipAwait: true,
            maxHistory: 10,
        }, inClusterOptions(cluster, this, { dependsOn: [...(args.dependsOn ?? [])] }));
        const crds = [LB_POOL_CRD, ...(settings.l2Announcements ? [L2_POLICY_CRD] : [])];
        this.running = new command.local.Command(`${name}-running`, {
            create: ciliumReadyScript({ cluster: cluster.name, crds, timeoutSeconds: args.readyTimeoutSeconds ?? DEFAULT_WAIT_SECONDS }),
            interpreter: ["bash", "-c"],
            stdin: pulumi.secret(cluster.kubeconfig),
            logging: "none",
        }, { parent: this, dependsOn: [...cluster.ready, this.release] });
        const meshIp = args.mesh?.exposure.type === "LoadBalancer" ? args.mesh.exposure.ip : undefined;
        this.pools = loadBalancerPools({ pools: args.loadBalancerPools ?? [], meshIp })
            .map((manifest) => this.manifest(`${name}-lb-pool-${manifest.metadata.name}`, manifest, cluster));
        this.l2Policy = settings.l2Announcements
            ? this.manifest(`${name}-l2-policy`, l2AnnouncementPolicy(), cluster)
            : undefined;
        this.ready = [this.release, this.running, ...this.pools, ...(this.l2Policy ? [this.l2Policy] : [])];
        this.registerOutputs({ releaseName: this.release.name, chartVersion: args.version, clusterName: cluster.name });
    }

    private manifest(resourceName: string, manifest: CiliumManifest, cluster: Cluster): k8s.apiextensions.CustomResource {
        return new k8s.apiextensions.CustomResource(resourceName, { ...manifest },
            inClusterOptions(cluster, this, { dependsOn: [this.running] }));
    }
}

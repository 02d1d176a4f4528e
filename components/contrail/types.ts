// Arguments of the ContrailMulticluster component: plain Cluster data and Inputs, so the multi-language schema carries them.
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";

/** One distributed cluster: vRouter only, managed by a Kubemanager on the central cluster. */
export interface ContrailDistributedCluster {
    /**
     * The cluster: kubeadm without a CNI and without node-local DNS, pod and service subnets (IPv4, optionally
     * IPv6) and node names distinct from every other cluster's.
     */
    readonly cluster: Cluster;
    /**
     * Pins the Kubemanager numbers: listenerPort 19446 + slot, constantRouteTargetNumber 7699 + 100·slot; plain: known at preview.
     * @default the lowest slot no pinned entry and no earlier entry holds (pin it to remove entries from the middle safely).
     */
    readonly slot?: number;
    /** Explicit Kubemanager `listenerPort` (wins over the slot's); plain: known at preview. */
    readonly listenerPort?: number;
    /** Explicit Kubemanager `constantRouteTargetNumber` (wins over the slot's); plain: known at preview. */
    readonly constantRouteTargetNumber?: number;
    /** Kubemanager `enableNad`; @default true. */
    readonly enableNad?: boolean;
}

/**
 * Inputs of the ContrailMulticluster component. What must exist in the clusters first (earlier layers' readiness)
 * goes in `opts.dependsOn`: every cluster's CN2 namespaces wait for it.
 */
export interface ContrailMulticlusterArgs {
    /** The cluster running the CN2 controller and vRouter (installed here from the central deployer manifest). */
    readonly central: Cluster;
    /** The clusters running only the vRouter; at least one. */
    readonly distributed: ContrailDistributedCluster[];
    /**
     * CN2 release (e.g. `23.4`), its manifests applied by pinned URL; plain: known at preview.
     * @default `defaultVersions.contrail` (components/versions.ts)
     */
    readonly version?: string;
    /** Image registry prefix of a mirror; plain: known at preview; @default the release's (`enterprise-hub.juniper.net/contrail-container-prod`). */
    readonly registry?: string;
    /**
     * Registry credentials (secret): `<username>:<password>` for the registry's host, or a whole docker config
     * JSON (`{"auths": ...}`). Becomes `registrypullsecret` in contrail, contrail-system and contrail-deploy.
     */
    readonly registryAuth: pulumi.Input<string>;
    /** Bound of each health gate in seconds; plain: known at preview; @default 1200 (CN2 images are large). */
    readonly readyTimeoutSeconds?: number;
    /**
     * Rotation generation of the crosswise tokens: raising it replaces every access token Secret (new tokens); plain:
     * known at preview; @default 0.
     */
    readonly tokenGeneration?: number;
}

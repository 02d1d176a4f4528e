// Typed inputs of the AVI area: the external controller, AKO per cluster, AMKO and its GlobalDeploymentPolicy.
import { JsonObject } from "../shared/schema-types";

/** The external AVI (NSX ALB) controller that AKO and AMKO talk to. */
export interface AviController {
    /** IP address or host name (no scheme). */
    readonly host: string;
    /** Controller API version, e.g. "31.1.1" ("" lets AKO detect it; AMKO needs it). */
    readonly version: string;
    /** User name (the password is a secret passed separately). */
    readonly username: string;
    /** AVI tenant. */
    readonly tenant: string;
    /** AVI cloud. */
    readonly cloudName: string;
    /** Service Engine group. */
    readonly serviceEngineGroup: string;
    /** PEM of the controller's CA, when its certificate is not publicly trusted. */
    readonly caCertificate?: string;
}

// The two enumerations are `as const` objects with a type of the same name: the form the component analyzer turns
// into a schema enum (it refuses a bare alias of a literal union).

/** How AKO reaches the backends of an Ingress or LoadBalancer Service (chart `L7Settings.serviceType`). */
export const AkoServiceType = { NodePortLocal: "NodePortLocal", ClusterIP: "ClusterIP", NodePort: "NodePort" } as const;
/** How AKO reaches the backends of an Ingress or LoadBalancer Service (chart `L7Settings.serviceType`). */
export type AkoServiceType = (typeof AkoServiceType)[keyof typeof AkoServiceType];

/** CNI names AKO knows (chart `AKOSettings.cniPlugin`; "" for others). */
export const AkoCniPlugin = {
    antrea: "antrea",
    cilium: "cilium",
    calico: "calico",
    canal: "canal",
    flannel: "flannel",
    openshift: "openshift",
    ncp: "ncp",
    ovnKubernetes: "ovn-kubernetes",
    other: "",
} as const;
/** CNI names AKO knows (chart `AKOSettings.cniPlugin`; "" for others). */
export type AkoCniPlugin = (typeof AkoCniPlugin)[keyof typeof AkoCniPlugin];

/** A VIP network of the AVI cloud. */
export interface VipNetwork {
    /** Network name in the AVI cloud. */
    readonly name: string;
    /** Its CIDR. */
    readonly cidr: string;
}

/** A network where the Service Engines reach the Nodes. */
export interface NodeNetwork {
    /** Network name in the AVI cloud. */
    readonly name: string;
    /** Node CIDRs on it. */
    readonly cidrs: string[];
}

/** One cluster's AKO settings. */
export interface AkoSettings {
    /** The controller. */
    readonly controller: AviController;
    /** AKO's cluster name: unique per cluster in the AVI cloud (it marks the objects AKO owns). */
    readonly clusterName: string;
    /** The cluster's CNI as AKO knows it (`antrea` is required for NodePortLocal). */
    readonly cniPlugin: AkoCniPlugin;
    /** Backend mode. */
    readonly serviceType: AkoServiceType;
    /** VIP networks (IPAM for virtual services). */
    readonly vipNetworks: VipNetwork[];
    /** Node networks. */
    readonly nodeNetworks: NodeNetwork[];
    /** Default sub-domain for FQDNs. */
    readonly defaultDomain?: string;
    /** Escape hatch: extra chart values merged last; keys the project owns are refused by validation. */
    readonly values?: JsonObject;
}

/** The GlobalDeploymentPolicy from typed config (chart `globalDeploymentPolicy`). */
export interface GslbPolicy {
    /** Labels an Ingress or LoadBalancer Service must carry to get a GSLB service. */
    readonly appSelector: Record<string, string>;
    /** Labels its namespace must carry. */
    readonly namespaceSelector: Record<string, string>;
    /** Weights (1-20) by member context. */
    readonly trafficSplit: Record<string, number>;
    /** DNS TTL in seconds (default: the AVI DNS virtual service's). */
    readonly ttl?: number;
}

/** AMKO settings shared by every member cluster. */
export interface GslbSettings {
    /** The GSLB leader controller (its host may differ from the AKO controller's). */
    readonly controller: AviController;
    /** The policy. */
    readonly policy: GslbPolicy;
    /** A fixed AMKO UUID (36 characters); unset lets AMKO generate one. */
    readonly amkoUuid?: string;
    /** Escape hatch for the AMKO chart, merged last. */
    readonly values?: JsonObject;
}

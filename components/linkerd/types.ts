// Typed inputs of the Linkerd area: the trust material, the gateway's pinned address, a link's ends, the escape hatch.
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";

/** One cluster's identity issuer, in the forms the control-plane chart takes. */
export interface LinkerdIssuer {
    /** Issuer certificate PEM (public), signed by the trust anchor. */
    readonly certPem: pulumi.Output<string>;
    /** Issuer private key PEM (SEC1 "EC PRIVATE KEY"); always secret. */
    readonly keyPem: pulumi.Output<string>;
    /** URN of the issuer certificate, for the rotation hint (`pulumi up --replace <urn>`). */
    readonly urn?: pulumi.Output<string>;
}

/** What a `LinkerdInstall` needs of the trust: the anchor and its own issuer. */
export interface LinkerdTrustMaterial {
    /** The shared trust anchor certificate PEM (public). */
    readonly anchorPem: pulumi.Output<string>;
    /** Issuers by cluster name. */
    readonly issuers: Readonly<Record<string, LinkerdIssuer>>;
}

/** The multicluster gateway's pinned address. */
export interface LinkerdGateway {
    /** LoadBalancer IP (from the cluster's pools); every peer's Link points at it. */
    readonly ip: string;
    /** Annotations that make the cluster's load balancer assign exactly `ip` (MetalLB, Cilium LB IPAM); none: `spec.loadBalancerIP`. */
    readonly ipAnnotations?: Readonly<Record<string, string>>;
}

/** What a link needs of each end's install (a `LinkerdInstall` fits). */
export interface LinkerdLinkEnd {
    /** The cluster. */
    readonly cluster: Cluster;
    /** Edge chart version. */
    readonly version: string;
    /** The gateway's pinned address (a link's target must have one). */
    readonly gatewayIp?: string;
    /** Clusters this one mirrors (its chart runs their service-mirror controllers). */
    readonly mirrors: readonly string[];
    /** The multicluster release (remote-access ServiceAccount, namespace). */
    readonly multicluster: pulumi.Resource;
    /** Waits until the Link CRD is established. */
    readonly linkCrdReady: pulumi.Resource;
    /** What depends on the whole install (the gateway has its address). */
    readonly ready: readonly pulumi.Resource[];
}

/** Extra values per chart, merged last (the documented escape hatch). */
export interface LinkerdExtraValues {
    /** Merged over the `linkerd-control-plane` values. */
    readonly controlPlane?: Readonly<Record<string, unknown>>;
    /** Merged over the `linkerd-viz` values. */
    readonly viz?: Readonly<Record<string, unknown>>;
    /** Merged over the `linkerd-multicluster` values. */
    readonly multicluster?: Readonly<Record<string, unknown>>;
}

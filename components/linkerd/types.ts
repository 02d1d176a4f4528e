// Typed inputs of the Linkerd area: the trust material, the gateway's pinned address, a link's ends, the CNI's facts, the escape hatch.
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { JsonObject } from "../shared/schema-types";

/** One cluster's identity issuer, in the forms the control-plane chart takes. */
export interface LinkerdIssuer {
    /** Issuer certificate PEM (public), signed by the trust anchor. */
    readonly certPem: pulumi.Input<string>;
    /** Issuer private key PEM (SEC1 "EC PRIVATE KEY"); treated as secret whatever is passed. */
    readonly keyPem: pulumi.Input<string>;
    /** URN of the issuer certificate, for the rotation hint (`pulumi up --replace <urn>`). */
    readonly urn?: pulumi.Input<string>;
}

/** What a `LinkerdInstall` needs of the trust: the anchor and its own issuer (a `LinkerdTrust` fits). */
export interface LinkerdTrustMaterial {
    /** The shared trust anchor certificate PEM (public). */
    readonly anchorPem: pulumi.Input<string>;
    /** Issuers by cluster name; plain keys: known at preview. */
    readonly issuers: Record<string, LinkerdIssuer>;
}

/** The multicluster gateway's pinned address. */
export interface LinkerdGateway {
    /** LoadBalancer IP (from the cluster's pools); every peer's Link points at it; plain: known at preview. */
    readonly ip: string;
    /** Annotations that make the cluster's load balancer assign exactly `ip` (MetalLB, Cilium LB IPAM); none: `spec.loadBalancerIP`. */
    readonly ipAnnotations?: Record<string, string>;
}

/** The CNIs `LinkerdInstall` knows facts of (an `as const` object: the schema's enum). */
export const LinkerdCniKind = {
    /** Cilium: its socket load balancing must stay in the host namespace. */
    Cilium: "cilium",
    /** Antrea. */
    Antrea: "antrea",
    /** Any other CNI. */
    Other: "other",
} as const;

/** One of {@link LinkerdCniKind}: `"cilium"`, `"antrea"` or `"other"`. */
export type LinkerdCniKind = (typeof LinkerdCniKind)[keyof typeof LinkerdCniKind];

/** What `LinkerdInstall` must know of the cluster's CNI to refuse a combination that breaks the mesh; plain: known at preview. */
export interface LinkerdCni {
    /** The CNI. */
    readonly kind: LinkerdCniKind;
    /** Cilium: kube-proxy replacement is on (Cilium then resolves Services in the pods' sockets); @default false. */
    readonly kubeProxyReplacement?: boolean;
    /** Cilium: `socketLB.hostNamespaceOnly` is true (socket load balancing kept to the host namespace); @default false. */
    readonly socketLbHostNamespaceOnly?: boolean;
}

/**
 * What a link waits for at one end: values of that end's `LinkerdInstall` whose resources the link's objects depend
 * on (e.g. `multicluster.urn`); the TypeScript getter `LinkerdInstall.linkEnd` fills them.
 */
export interface LinkerdEndStages {
    /** Resolves once the multicluster release is installed (the remote-access ServiceAccount exists), e.g. `multicluster.urn`. */
    readonly multicluster: pulumi.Input<string>;
    /** Resolves once the Link CRD is established, e.g. `linkCrdReady.urn`. */
    readonly linkCrd: pulumi.Input<string>;
    /** Resolves once the install runs and its gateway has its address, e.g. `running.urn`. */
    readonly ready: pulumi.Input<string>;
}

/** One end of a link, as data (`LinkerdInstall.linkEnd` gives it from an install). */
export interface LinkerdLinkEnd {
    /** The cluster: plain Cluster data or a provisioner. */
    readonly cluster: Cluster;
    /** Edge chart version of the end's install; @default `defaultVersions.linkerd`; plain: known at preview. */
    readonly version?: string;
    /** The gateway's pinned address (a link's target must have one); plain: known at preview. */
    readonly gatewayIp?: string;
    /** Clusters this end's install mirrors; when given, a source must mirror its target; plain: known at preview. */
    readonly mirrors?: string[];
    /** What the link waits for at this end; none: only the cluster (order it with `opts.dependsOn`). */
    readonly stages?: LinkerdEndStages;
}

/** Extra values per chart, merged last (the documented escape hatch). */
export interface LinkerdExtraValues {
    /** Merged over the `linkerd-control-plane` values. */
    readonly controlPlane?: JsonObject;
    /** Merged over the `linkerd-viz` values. */
    readonly viz?: JsonObject;
    /** Merged over the `linkerd-multicluster` values. */
    readonly multicluster?: JsonObject;
}

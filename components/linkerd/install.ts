// LinkerdInstall: namespaces, Gateway API CRDs, linkerd-crds, control plane, viz and multicluster in one cluster, then waits.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { inClusterGroupOptions, inClusterOptions } from "../shared/cluster-access";
import { helmRelease, valuesChecksum } from "../shared/helm";
import { DEFAULT_WAIT_SECONDS, clusterScript } from "../shared/kubectl-wait";
import { ConfigValidationError, issue } from "../shared/validation";
import { Defaulted } from "../shared/defaults";
import { absentUnderMocks } from "../shared/mock-tolerance";
import { defaultVersions } from "../versions";
import { LINKERD_CHARTS } from "./constants";
import { controlPlaneReadyScript, crdReadyScript, gateWarnings, installReadyScript } from "./health";
import { NamespaceManifest, controlPlaneNamespace, extensionNamespace } from "./namespaces";
import { LinkerdExtraValues, LinkerdGateway, LinkerdIssuer, LinkerdTrustMaterial } from "./types";
import { annotationKeyIssues, gatewayAddressIssues, linkerdVersionIssues, mirrorIssues } from "./validate";
import { clusterNetworks, controlPlaneValues, crdsValues, linkerdValueIssues, multiclusterValues, vizValues } from "./values";

/** The Gateway API standard CRDs of a release, by URL (pinned, never `main`). */
export function gatewayApiUrl(version: string): string {
    return `https://github.com/kubernetes-sigs/gateway-api/releases/download/v${version}/standard-install.yaml`;
}

/** Inputs of {@link LinkerdInstall}. */
export interface LinkerdInstallArgs {
    /** The cluster to install into. */
    readonly cluster: Cluster;
    /** Edge chart version of all four charts; @default `defaultVersions.linkerd` (components/versions.ts). */
    readonly version?: string;
    /** Gateway API release whose standard CRDs are installed first; @default `defaultVersions.gatewayApi`. */
    readonly gatewayApiVersion?: string;
    /** The shared trust anchor and this cluster's issuer (`LinkerdTrust`). */
    readonly trust: LinkerdTrustMaterial;
    /** The gateway's pinned LoadBalancer address; none: no gateway (for a cluster no other cluster mirrors). */
    readonly gateway?: LinkerdGateway;
    /** Clusters this one mirrors: the chart runs one service-mirror controller per name (pair it with a `LinkerdLink` each). */
    readonly mirrors?: readonly string[];
    /** Install linkerd-viz; @default true. */
    readonly viz?: boolean;
    /** Escape hatch per chart, merged last (keys the project derives are refused). */
    readonly values?: LinkerdExtraValues;
    /** What the install waits for besides the cluster (the CNI, the load balancer). */
    readonly dependsOn?: readonly pulumi.Resource[];
    /** Bound of each wait; @default 600 s. */
    readonly timeoutSeconds?: number;
}

/**
 * Linkerd edge in one cluster, by Helm and without the CLI: the namespaces the charts only create under the CLI
 * (with their labels; the extensions' namespace-metadata hook Jobs are switched off), the Gateway API CRDs by
 * pinned URL, `linkerd-crds`, the control plane with the shared anchor and this cluster's issuer, then (once
 * the proxy injector serves) viz and multicluster with the gateway on its pinned LoadBalancer address and one
 * service-mirror controller per mirrored cluster. Nothing here reads another cluster.
 */
export class LinkerdInstall extends pulumi.ComponentResource {
    /** The cluster. */
    readonly cluster: Cluster;
    /** Edge chart version. */
    readonly version: string;
    /** The gateway's pinned address (undefined without a gateway). */
    readonly gatewayIp?: string;
    /** Clusters this one mirrors. */
    readonly mirrors: readonly string[];
    /** The `linkerd-multicluster` release (the remote-access ServiceAccount, the Link CRD, the controllers). */
    readonly multicluster: k8s.helm.v3.Release;
    /** Waits until the control plane serves (meshed workloads depend on it). */
    readonly controlPlaneReady: command.local.Command;
    /** Waits until the Link CRD the multicluster release registers is established (Links depend on it). */
    readonly linkCrdReady: command.local.Command;
    /** Waits until the extensions run and the gateway has its address. */
    readonly running: command.local.Command;
    /** SHA-256 of every release's values (secret: the issuer key is among them). */
    readonly valuesChecksum: pulumi.Output<string>;
    /** What in-cluster resources that need the mesh must depend on. */
    readonly ready: readonly pulumi.Resource[];

    constructor(name: string, given: LinkerdInstallArgs, opts?: pulumi.ComponentResourceOptions) {
        const args: ResolvedInstallArgs = {
            ...given,
            version: given.version ?? defaultVersions.linkerd,
            gatewayApiVersion: given.gatewayApiVersion ?? defaultVersions.gatewayApi,
        };
        const issuer = checkedIssuer(name, args);
        super("multicluster:linkerd:LinkerdInstall", name, {}, opts);
        const { cluster } = args;
        const viz = args.viz ?? true;
        const wait = args.timeoutSeconds ?? DEFAULT_WAIT_SECONDS;
        this.cluster = cluster;
        this.version = args.version;
        this.gatewayIp = args.gateway?.ip;
        this.mirrors = [...(args.mirrors ?? [])];
        const release = (role: string, chart: keyof typeof LINKERD_CHARTS, values: object, dependsOn: pulumi.Resource[]) =>
            helmRelease(`${name}-${role}`, { cluster, chart: LINKERD_CHARTS[chart], version: args.version, values, dependsOn }, this);
        const { values: cpValues, ready: controlPlaneReady } = this.controlPlane(name, args, issuer, release, wait);
        this.controlPlaneReady = controlPlaneReady;

        const vizRelease = viz
            ? release("viz", "viz", vizValues(args.values?.viz), [
                  this.namespace(name, extensionNamespace("viz"), args),
                  this.controlPlaneReady,
              ])
            : undefined;
        const mc = this.multiclusterRelease(name, args, release, wait);
        this.multicluster = mc.release;
        this.linkCrdReady = mc.linkCrdReady;
        this.valuesChecksum = valuesChecksum({
            controlPlane: cpValues,
            viz: viz ? vizValues(args.values?.viz) : null,
            multicluster: mc.values,
        });
        this.running = clusterScript(
            `${name}-running`,
            {
                cluster,
                script: installReadyScript({ cluster: cluster.name, viz, gatewayIp: args.gateway?.ip, timeoutSeconds: wait }),
                dependsOn: [this.multicluster, ...(vizRelease ? [vizRelease] : [])],
                triggers: [this.valuesChecksum, args.version],
            },
            this,
        );
        this.ready = [this.controlPlaneReady, this.running];
        this.registerOutputs({ gatewayIp: this.gatewayIp ?? null, mirrors: this.mirrors, chartVersion: args.version });
    }

    /** A namespace the charts expect (`<name>-ns-<namespace>`). */
    private namespace(name: string, manifest: NamespaceManifest, args: LinkerdInstallArgs): k8s.core.v1.Namespace {
        return new k8s.core.v1.Namespace(
            `${name}-ns-${manifest.metadata.name.replace(/^linkerd-/, "")}`,
            manifest,
            inClusterOptions(args.cluster, this, { dependsOn: [...(args.dependsOn ?? [])] }),
        );
    }

    /** The `linkerd-multicluster` release in its namespace and the wait until its Link CRD is established (returned with its values). */
    private multiclusterRelease(
        name: string,
        args: ResolvedInstallArgs,
        release: ReleaseFactory,
        wait: number,
    ): { values: Record<string, unknown>; release: k8s.helm.v3.Release; linkCrdReady: command.local.Command } {
        const { cluster } = args;
        const values = multiclusterValues({
            gatewayIp: args.gateway?.ip,
            gatewayIpAnnotations: args.gateway?.ipAnnotations,
            mirrors: this.mirrors,
            extra: args.values?.multicluster,
        });
        const multicluster = release("multicluster", "multicluster", values, [
            this.namespace(name, extensionNamespace("multicluster"), args),
            this.controlPlaneReady,
        ]);
        const linkCrdReady = clusterScript(
            `${name}-link-crd`,
            {
                cluster,
                script: crdReadyScript({ cluster: cluster.name, timeoutSeconds: wait }),
                dependsOn: [multicluster],
                triggers: [args.version],
            },
            this,
        );
        return { values, release: multicluster, linkCrdReady };
    }

    /** Gateway API CRDs, linkerd-crds, the control plane, and the wait until it serves (returned with the control-plane values). */
    private controlPlane(
        name: string,
        args: ResolvedInstallArgs,
        issuer: LinkerdIssuer,
        release: ReleaseFactory,
        wait: number,
    ): { values: Record<string, unknown>; ready: command.local.Command } {
        const { cluster } = args;
        const gatewayApi = new k8s.yaml.v2.ConfigFile(
            `${name}-gateway-api`,
            { file: gatewayApiUrl(args.gatewayApiVersion) },
            inClusterGroupOptions(cluster, this, { dependsOn: [...(args.dependsOn ?? [])] }),
        );
        const crds = release("crds", "crds", crdsValues(), [this.namespace(name, controlPlaneNamespace(), args), gatewayApi]);
        const values = controlPlaneValues<pulumi.Input<string>>({
            anchorPem: args.trust.anchorPem,
            issuerCertPem: issuer.certPem,
            issuerKeyPem: issuer.keyPem,
            clusterNetworks: clusterNetworks(cluster.network.podCidrs, cluster.network.serviceCidrs),
            extra: args.values?.controlPlane,
        });
        const controlPlane = release("control-plane", "controlPlane", values, [crds]);
        const ready = clusterScript(
            `${name}-control-plane-ready`,
            {
                cluster,
                script: controlPlaneReadyScript({ cluster: cluster.name, timeoutSeconds: wait }),
                dependsOn: [controlPlane],
                triggers: [valuesChecksum(values), args.version],
            },
            this,
        );
        pulumi
            .all([ready.stdout, issuer.urn ?? ""])
            .apply(([stdout, urn]) =>
                (absentUnderMocks(stdout) ? [] : gateWarnings(stdout, urn || undefined)).forEach(
                    (text) => void pulumi.log.warn(text, this),
                ),
            );
        return { values, ready };
    }
}

/** The install's args with both versions decided. */
type ResolvedInstallArgs = Defaulted<LinkerdInstallArgs, "version" | "gatewayApiVersion">;

/** Creates one of the install's releases. */
type ReleaseFactory = (
    role: string,
    chart: keyof typeof LINKERD_CHARTS,
    values: object,
    dependsOn: pulumi.Resource[],
) => k8s.helm.v3.Release;

/** Validates the install's inputs (every problem at once) and returns this cluster's issuer. */
function checkedIssuer(name: string, args: ResolvedInstallArgs): LinkerdIssuer {
    const problems = [
        ...linkerdVersionIssues("version", args.version),
        ...(args.gateway ? gatewayAddressIssues("gateway.ip", args.gateway.ip) : []),
        ...annotationKeyIssues("gateway.ipAnnotations", args.gateway?.ipAnnotations),
        ...mirrorIssues("mirrors", args.cluster.name, args.mirrors ?? []),
        ...linkerdValueIssues("values", args.values),
        ...(args.viz === false && Object.keys(args.values?.viz ?? {}).length > 0
            ? [
                  issue(
                      "values.viz",
                      args.values?.viz,
                      "is set, but viz is false, so linkerd-viz is not installed and the values are not used",
                      "remove values.viz, or install viz",
                  ),
              ]
            : []),
    ];
    if (problems.length > 0) {
        throw new ConfigValidationError(`LinkerdInstall ${name}`, problems);
    }
    const issuer = args.trust.issuers[args.cluster.name];
    if (!issuer) {
        throw new pulumi.RunError(
            `LinkerdInstall ${name}: the trust has no issuer for cluster ${args.cluster.name}; list it in LinkerdTrust clusters`,
        );
    }
    return issuer;
}

// LinkerdInstall: namespaces, Gateway API CRDs, linkerd-crds, control plane, viz and multicluster in one cluster, then waits.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ClusterAccess, clusterAccess, inClusterGroupOptions, inClusterOptions } from "../shared/cluster-access";
import { helmRelease, valuesChecksum } from "../shared/helm";
import { DEFAULT_WAIT_SECONDS, clusterScript } from "../shared/kubectl-wait";
import { absentUnderMocks } from "../shared/mock-tolerance";
import { optionDependencies } from "../shared/schema-types";
import { LINKERD_CHARTS } from "./constants";
import { controlPlaneReadyScript, crdReadyScript, gateWarnings, installReadyScript } from "./health";
import { LinkerdInstallArgs, ResolvedInstallArgs, checkedIssuer, resolveInstallArgs } from "./install-args";
import { NamespaceManifest, controlPlaneNamespace, extensionNamespace } from "./namespaces";
import { LinkerdIssuer, LinkerdLinkEnd } from "./types";
import { clusterNetworks, controlPlaneValues, crdsValues, multiclusterValues, vizValues } from "./values";

export type { LinkerdInstallArgs } from "./install-args";

/** The Gateway API standard CRDs of a release, by URL (pinned, never `main`). */
export function gatewayApiUrl(version: string): string {
    return `https://github.com/kubernetes-sigs/gateway-api/releases/download/v${version}/standard-install.yaml`;
}

/**
 * Linkerd edge in one cluster, by Helm and without the CLI: the namespaces the charts only create under the CLI
 * (with their labels; the extensions' namespace-metadata hook Jobs are switched off), the Gateway API CRDs by
 * pinned URL, `linkerd-crds`, the control plane with the shared anchor and this cluster's issuer, then (once
 * the proxy injector serves) viz and multicluster with the gateway on its pinned LoadBalancer address and one
 * service-mirror controller per mirrored cluster. Nothing here reads another cluster.
 */
export class LinkerdInstall extends pulumi.ComponentResource {
    /** Name of the cluster it runs in. */
    readonly clusterName: string;
    /** Edge chart version. */
    readonly version: string;
    /** The gateway's pinned address (undefined without a gateway). */
    readonly gatewayIp?: string;
    /** Clusters this one mirrors. */
    readonly mirrors: string[];
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

    constructor(name: string, args: LinkerdInstallArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveInstallArgs(args);
        const issuer = checkedIssuer(name, resolved);
        super("multicluster:linkerd:LinkerdInstall", name, {}, opts);
        const cluster = clusterAccess(args.cluster, this, name, { opts });
        const wired: WiredInstall = { ...resolved, cluster, after: optionDependencies(opts) };
        const viz = resolved.viz ?? true;
        const wait = resolved.timeoutSeconds ?? DEFAULT_WAIT_SECONDS;
        this.clusterName = cluster.name;
        this.version = resolved.version;
        this.gatewayIp = resolved.gateway?.ip;
        this.mirrors = [...(resolved.mirrors ?? [])];
        const release = (role: string, chart: keyof typeof LINKERD_CHARTS, values: object, dependsOn: pulumi.Resource[]) =>
            helmRelease(`${name}-${role}`, { cluster, chart: LINKERD_CHARTS[chart], version: resolved.version, values, dependsOn }, this);
        const { values: cpValues, ready: controlPlaneReady } = this.controlPlane(name, wired, issuer, release, wait);
        this.controlPlaneReady = controlPlaneReady;

        const vizValuesGiven = viz ? vizValues(resolved.values?.viz) : undefined;
        const vizRelease = vizValuesGiven
            ? release("viz", "viz", vizValuesGiven, [this.namespace(name, extensionNamespace("viz"), wired), this.controlPlaneReady])
            : undefined;
        const mc = this.multiclusterRelease(name, wired, release, wait);
        this.multicluster = mc.release;
        this.linkCrdReady = mc.linkCrdReady;
        this.valuesChecksum = valuesChecksum({ controlPlane: cpValues, viz: vizValuesGiven ?? null, multicluster: mc.values });
        this.running = clusterScript(
            `${name}-running`,
            {
                cluster,
                script: installReadyScript({ cluster: cluster.name, viz, gatewayIp: this.gatewayIp, timeoutSeconds: wait }),
                dependsOn: [this.multicluster, ...(vizRelease ? [vizRelease] : [])],
                triggers: [this.valuesChecksum, resolved.version],
            },
            this,
        );
        internals.set(this, { cluster, ready: [this.controlPlaneReady, this.running] });
        this.registerOutputs({ gatewayIp: this.gatewayIp ?? null, mirrors: this.mirrors, chartVersion: resolved.version });
    }

    /** The cluster, with the provider and readiness this install uses (TypeScript only). */
    get cluster(): ClusterAccess {
        return installInternals(this).cluster;
    }

    /** What in-cluster resources that need the mesh must depend on (TypeScript only). */
    get ready(): readonly pulumi.Resource[] {
        return installInternals(this).ready;
    }

    /** This install as one end of a `LinkerdLink` (TypeScript only): its cluster, version, gateway, mirrors and stages. */
    get linkEnd(): LinkerdLinkEnd {
        const ready = pulumi.all(this.ready.map((resource) => resource.urn)).apply((urns) => urns.join(","));
        return {
            cluster: this.cluster,
            version: this.version,
            ...(this.gatewayIp !== undefined ? { gatewayIp: this.gatewayIp } : {}),
            mirrors: [...this.mirrors],
            stages: { multicluster: this.multicluster.urn, linkCrd: this.linkCrdReady.urn, ready },
        };
    }

    /** A namespace the charts expect (`<name>-ns-<namespace>`). */
    private namespace(name: string, manifest: NamespaceManifest, wired: WiredInstall): k8s.core.v1.Namespace {
        return new k8s.core.v1.Namespace(
            `${name}-ns-${manifest.metadata.name.replace(/^linkerd-/, "")}`,
            manifest,
            inClusterOptions(wired.cluster, this, { dependsOn: wired.after }),
        );
    }

    /** The `linkerd-multicluster` release in its namespace and the wait until its Link CRD is established (returned with its values). */
    private multiclusterRelease(
        name: string,
        args: WiredInstall,
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
        args: WiredInstall,
        issuer: LinkerdIssuer,
        release: ReleaseFactory,
        wait: number,
    ): { values: Record<string, unknown>; ready: command.local.Command } {
        const { cluster } = args;
        const gatewayApi = new k8s.yaml.v2.ConfigFile(
            `${name}-gateway-api`,
            { file: gatewayApiUrl(args.gatewayApiVersion) },
            inClusterGroupOptions(cluster, this, { dependsOn: args.after }),
        );
        const crds = release("crds", "crds", crdsValues(), [this.namespace(name, controlPlaneNamespace(), args), gatewayApi]);
        const values = controlPlaneValues<pulumi.Input<string>>({
            anchorPem: args.trust.anchorPem,
            issuerCertPem: issuer.certPem,
            issuerKeyPem: pulumi.secret(issuer.keyPem),
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

/** The install's args as its methods use them: versions decided, the cluster's access, and what `opts.dependsOn` names. */
interface WiredInstall extends Omit<ResolvedInstallArgs, "cluster"> {
    /** The cluster with its provider and readiness. */
    readonly cluster: ClusterAccess;
    /** What the first in-cluster objects wait for besides the cluster (`opts.dependsOn`). */
    readonly after: pulumi.Input<pulumi.Resource>[];
}

/** What an install keeps for TypeScript users beside its schema outputs. */
interface InstallInternals {
    /** The cluster's access. */
    readonly cluster: ClusterAccess;
    /** What depends on the whole install. */
    readonly ready: readonly pulumi.Resource[];
}

const internals = new WeakMap<LinkerdInstall, InstallInternals>();

function installInternals(install: LinkerdInstall): InstallInternals {
    const found = internals.get(install);
    if (!found) {
        throw new Error("internal: a LinkerdInstall read before its constructor finished");
    }
    return found;
}

/** Creates one of the install's releases. */
type ReleaseFactory = (
    role: string,
    chart: keyof typeof LINKERD_CHARTS,
    values: object,
    dependsOn: pulumi.Resource[],
) => k8s.helm.v3.Release;

// LinkerdLink (source mirrors target) and linkLinkerdClusters: what `linkerd multicluster link-gen` does, as resources.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster, endpointUrl } from "../cluster";
import { ClusterAccess, clusterAccess, dependencyOn, inClusterOptions } from "../shared/cluster-access";
import { stableJson } from "../shared/helm";
import { fromBase64 } from "../shared/base64";
import { DEFAULT_WAIT_SECONDS, clusterScript } from "../shared/kubectl-wait";
import { optionDependencies } from "../shared/schema-types";
import { sha256 } from "../shared/shell";
import { defaultVersions } from "../versions";
import { linkCleanup } from "./link-cleanup";
import { LinkPair, everyOrderedPair } from "./pairs";
import { linkHealthScript } from "./health-link";
import { LinkerdLinkEnd } from "./types";
import { credentialsSecrets, linkKubeconfig, linkManifest, remoteAccessTokenSecret } from "./link-manifests";

export { everyOrderedPair, mirrorsOf } from "./pairs";
export type { LinkPair } from "./pairs";

/** Inputs of {@link LinkerdLink}. */
export interface LinkerdLinkArgs {
    /** The cluster that mirrors (`LinkerdInstall.linkEnd` in TypeScript). */
    readonly source: LinkerdLinkEnd;
    /** The cluster whose exported services are mirrored; it needs a gateway. */
    readonly target: LinkerdLinkEnd;
    /** Bound of the health gate; @default 600 s. */
    readonly timeoutSeconds?: number;
}

/** Each link's Link object. */
const links = new WeakMap<LinkerdLink, k8s.apiextensions.CustomResource>();

/**
 * One direction of Linkerd multicluster: `source` mirrors `target`. On the target, a Pulumi-owned token Secret of
 * the chart's remote-access ServiceAccount; on the source, the two credentials Secrets `link-gen` prints (a kubeconfig
 * whose server is the target's contract `endpoint`, reachable from the source's pods, with that token; secret from
 * birth), the v1alpha3 Link with the target's pinned gateway address, and a cleanup whose delete removes the mirrors
 * when the link goes. The service-mirror controller is the one the source's multicluster release runs for this target
 * (`mirrors`). A health gate ends it; it re-runs, and restarts the controller, when the credentials change. Nothing
 * reads the target's live state: the Link depends on the target's token and pinned address only. Each end is data:
 * its cluster (reached through its own provider unless a provisioner's is carried) and the stages of its install.
 */
export class LinkerdLink extends pulumi.ComponentResource {
    /** Name of the mirroring cluster. */
    readonly source: string;
    /** Name of the mirrored cluster. */
    readonly target: string;
    /** The target's gateway address the Link points at. */
    readonly gatewayAddress: string;
    /** The token Secret on the target. */
    readonly token: k8s.core.v1.Secret;
    /** The credentials Secrets on the source: the service mirror's, then the destination controller's. */
    readonly credentials: k8s.core.v1.Secret[];
    /** Removes the mirrors on the source when the link is deleted (its delete runs after the Link's). */
    readonly cleanup: command.local.Command;
    /** The health gate (run against the source). */
    readonly health: command.local.Command;

    constructor(name: string, args: LinkerdLinkArgs, opts?: pulumi.ComponentResourceOptions) {
        const gatewayIp = checkedGatewayIp(name, args);
        super("multicluster:linkerd:LinkerdLink", name, {}, opts);
        const after = optionDependencies(opts);
        const source = wiredEnd(args.source, clusterAccess(args.source.cluster, this, name), after);
        const target = wiredEnd(args.target, clusterAccess(args.target.cluster, this, name), after);
        [this.source, this.target, this.gatewayAddress] = [source.cluster.name, target.cluster.name, gatewayIp];
        this.token = new k8s.core.v1.Secret(`${name}-token`, remoteAccessTokenSecret(source.cluster.name), {
            ...inClusterOptions(target.cluster, this, { dependsOn: target.multicluster }),
            additionalSecretOutputs: ["data"],
        });
        const server = endpointUrl(target.cluster.endpoint);
        const kubeconfig = targetKubeconfig(target.cluster, this.token);
        this.credentials = this.createCredentials(name, source, target.cluster.name, kubeconfig);
        this.cleanup = linkCleanup(`${name}-cleanup`, source.cluster, target.cluster.name, this);
        const manifest = linkManifest({ target: target.cluster.name, gatewayIp, chartVersion: source.version });
        const link = new k8s.apiextensions.CustomResource(
            `${name}-link`,
            { ...manifest },
            inClusterOptions(source.cluster, this, { dependsOn: [...source.linkCrd, this.cleanup, ...this.credentials] }),
        );
        links.set(this, link);
        const health = linkHealthScript({
            source: source.cluster.name,
            target: target.cluster.name,
            gatewayIp,
            targetApi: server,
            timeoutSeconds: args.timeoutSeconds ?? DEFAULT_WAIT_SECONDS,
        });
        // The target's incarnation and a hash of the credentials (secret; never the value): a re-created target or
        // a re-minted token re-runs the gate, which restarts the service mirror onto the new credentials.
        const triggers = [
            sha256(stableJson({ manifest, server, source: source.version, target: target.version })),
            target.cluster.incarnation,
            kubeconfig.apply((text) => sha256(text)),
        ];
        const dependsOn = [link, ...source.ready, ...target.ready];
        this.health = clusterScript(`${name}-health`, { cluster: source.cluster, script: health, dependsOn, triggers }, this);
        this.registerOutputs({ source: this.source, target: this.target, gatewayAddress: gatewayIp, server });
    }

    /** The Link on the source (TypeScript only: the schema cannot carry a generic CustomResource). */
    get link(): k8s.apiextensions.CustomResource {
        const link = links.get(this);
        if (!link) {
            throw new Error("internal: a LinkerdLink read before its constructor finished");
        }
        return link;
    }

    /** What depends on this link being healthy (TypeScript only). */
    get ready(): readonly pulumi.Resource[] {
        return [this.health];
    }

    /** The two credentials Secrets `link-gen` prints, on the source: the mirror's and the destination controller's. */
    private createCredentials(name: string, source: WiredEnd, target: string, kubeconfig: pulumi.Output<string>): k8s.core.v1.Secret[] {
        const [mirrorCredentials, discoveryCredentials] = credentialsSecrets(target, kubeconfig);
        const onSource = inClusterOptions(source.cluster, this, { dependsOn: source.multicluster });
        return [
            new k8s.core.v1.Secret(`${name}-credentials`, mirrorCredentials, onSource),
            // The destination controller handles only adds and deletes of these Secrets: a replaced one is reloaded.
            new k8s.core.v1.Secret(`${name}-credentials-discovery`, discoveryCredentials, {
                ...onSource,
                replaceOnChanges: ["stringData"],
            }),
        ];
    }
}

/** One end as the link wires it: its cluster's access, its version decided, and what each step waits for there. */
interface WiredEnd {
    /** The cluster with its provider and readiness. */
    readonly cluster: ClusterAccess;
    /** Edge chart version. */
    readonly version: string;
    /** What objects that need the multicluster release wait for (and `opts.dependsOn`). */
    readonly multicluster: pulumi.Input<pulumi.Resource>[];
    /** What the Link waits for: the Link CRD established (and `opts.dependsOn`). */
    readonly linkCrd: pulumi.Input<pulumi.Resource>[];
    /** What the health gate waits for: the install running. */
    readonly ready: pulumi.Input<pulumi.Resource>[];
}

/** `end` with its access, its version defaulted and its stages as dependencies. */
function wiredEnd(end: LinkerdLinkEnd, cluster: ClusterAccess, after: pulumi.Input<pulumi.Resource>[]): WiredEnd {
    const stage = (value: pulumi.Input<string> | undefined) => (value === undefined ? [] : [dependencyOn(value)]);
    return {
        cluster,
        version: end.version ?? defaultVersions.linkerd,
        multicluster: [...stage(end.stages?.multicluster), ...after],
        linkCrd: [...stage(end.stages?.linkCrd), ...after],
        ready: stage(end.stages?.ready),
    };
}

/** The kubeconfig the source uses to reach the target: its contract `endpoint` and CA, with the token (secret from birth). */
function targetKubeconfig(target: Cluster, token: k8s.core.v1.Secret): pulumi.Output<string> {
    const server = endpointUrl(target.endpoint);
    return pulumi.secret(
        pulumi.all([token.data, target.caCertificate]).apply(([data, ca]) =>
            linkKubeconfig({
                target: target.name,
                server,
                caCertPem: ca,
                token: fromBase64(data?.token ?? ""),
            }),
        ),
    );
}

/** The target's gateway address, once the two ends are known to fit (distinct, a gateway, a service mirror). */
function checkedGatewayIp(name: string, { source, target }: LinkerdLinkArgs): string {
    if (source.cluster.name === target.cluster.name) {
        throw new pulumi.RunError(
            `LinkerdLink ${name}: source and target are both cluster ${source.cluster.name}; link two different clusters`,
        );
    }
    if (target.gatewayIp === undefined) {
        throw new pulumi.RunError(`LinkerdLink ${name}: the install of ${target.cluster.name} has no gateway; give it one to be mirrored`);
    }
    if (source.mirrors !== undefined && !source.mirrors.includes(target.cluster.name)) {
        throw new pulumi.RunError(
            `LinkerdLink ${name}: the install of ${source.cluster.name} runs no service mirror for ${target.cluster.name}; ` +
                `add "${target.cluster.name}" to its mirrors`,
        );
    }
    return target.gatewayIp;
}

/** Options of {@link linkLinkerdClusters}. */
export interface LinkClustersOptions {
    /** The pairs to link; @default every ordered pair. */
    readonly pairs?: readonly LinkPair[];
    /** Name prefix of the links (`<prefix>-<from>-to-<to>`); @default "link". */
    readonly prefix?: string;
    /** Bound of each health gate; @default 600 s. */
    readonly timeoutSeconds?: number;
}

/** What {@link linkLinkerdClusters} links: a `LinkerdInstall` (its `linkEnd`), or an end given as data. */
export type LinkableEnd = { readonly linkEnd: LinkerdLinkEnd } | LinkerdLinkEnd;

/** The link end of an install, or the end itself. */
function endOf(end: LinkableEnd): LinkerdLinkEnd {
    return "linkEnd" in end ? end.linkEnd : end;
}

/**
 * Links clusters (TypeScript convenience): one `LinkerdLink` per pair (`<prefix>-<from>-to-<to>`, top-level siblings
 * with `opts`), every ordered pair by default, from the installs themselves. Each install's `mirrors` must equal the
 * pairs it is the source of ({@link mirrorsOf}).
 */
export function linkLinkerdClusters(
    installs: Readonly<Record<string, LinkableEnd>>,
    options: LinkClustersOptions = {},
    opts?: pulumi.ComponentResourceOptions,
): LinkerdLink[] {
    const pairs = options.pairs ?? everyOrderedPair(Object.keys(installs));
    return pairs.map((pair) => {
        const [source, target] = [installs[pair.from], installs[pair.to]];
        if (!source || !target) {
            throw new pulumi.RunError(`linkLinkerdClusters: no install for ${source ? pair.to : pair.from}; pass one per linked cluster`);
        }
        return new LinkerdLink(
            `${options.prefix ?? "link"}-${pair.from}-to-${pair.to}`,
            {
                source: endOf(source),
                target: endOf(target),
                timeoutSeconds: options.timeoutSeconds,
            },
            opts,
        );
    });
}

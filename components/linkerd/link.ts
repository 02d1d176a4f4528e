// LinkerdLink (source mirrors target) and linkLinkerdClusters: what `linkerd multicluster link-gen` does, as resources.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster, endpointUrl } from "../cluster";
import { inClusterOptions, requireClusterAccess } from "../shared/cluster-access";
import { stableJson } from "../shared/helm";
import { fromBase64 } from "../shared/base64";
import { DEFAULT_WAIT_SECONDS, clusterScript } from "../shared/kubectl-wait";
import { sha256 } from "../shared/shell";
import { linkCleanupArmScript, linkCleanupScript } from "./link-cleanup";
import { linkHealthScript } from "./health-link";
import { LinkerdLinkEnd } from "./types";
import { credentialsSecrets, linkKubeconfig, linkManifest, remoteAccessTokenSecret } from "./link-manifests";

/** Inputs of {@link LinkerdLink}. */
export interface LinkerdLinkArgs {
    /** The cluster that mirrors. */
    readonly source: LinkerdLinkEnd;
    /** The cluster whose exported services are mirrored. */
    readonly target: LinkerdLinkEnd;
    /** Bound of the health gate; @default 600 s. */
    readonly timeoutSeconds?: number;
}

/**
 * One direction of Linkerd multicluster: `source` mirrors `target`. On the target, a Pulumi-owned token Secret of
 * the chart's remote-access ServiceAccount; on the source, the two credentials Secrets `link-gen` prints (a kubeconfig
 * whose server is the target's contract `endpoint`, reachable from the source's pods, with that token; secret from
 * birth), the v1alpha3 Link with the target's pinned gateway address, and a cleanup whose delete removes the mirrors
 * when the link goes. The service-mirror controller is the one the source's multicluster release runs for this target
 * (`mirrors`). A health gate ends it; it re-runs, and restarts the controller, when the credentials change. Nothing
 * reads the target's live state: the Link depends on the target's token and pinned address only.
 */
export class LinkerdLink extends pulumi.ComponentResource {
    /** The token Secret on the target. */
    readonly token: k8s.core.v1.Secret;
    /** The credentials Secrets on the source: the service mirror's, then the destination controller's. */
    readonly credentials: readonly k8s.core.v1.Secret[];
    /** Removes the mirrors on the source when the link is deleted (its delete runs after the Link's). */
    readonly cleanup: command.local.Command;
    /** The Link on the source. */
    readonly link: k8s.apiextensions.CustomResource;
    /** The health gate (run against the source). */
    readonly health: command.local.Command;
    /** What depends on this link being healthy. */
    readonly ready: readonly pulumi.Resource[];

    constructor(name: string, args: LinkerdLinkArgs, opts?: pulumi.ComponentResourceOptions) {
        const { source, target } = args;
        const gatewayIp = checkedGatewayIp(name, args);
        super("multicluster:linkerd:LinkerdLink", name, {}, opts);
        const tokenManifest = remoteAccessTokenSecret(source.cluster.name);
        this.token = new k8s.core.v1.Secret(`${name}-token`, tokenManifest, {
            ...inClusterOptions(target.cluster, this, { dependsOn: [target.multicluster] }),
            additionalSecretOutputs: ["data"],
        });
        const server = endpointUrl(target.cluster.endpoint);
        const kubeconfig = targetKubeconfig(target.cluster, this.token);
        this.credentials = this.createCredentials(name, args, kubeconfig);
        this.cleanup = linkCleanup(`${name}-cleanup`, source.cluster, target.cluster.name, this);
        const manifest = linkManifest({ target: target.cluster.name, gatewayIp, chartVersion: source.version });
        this.link = new k8s.apiextensions.CustomResource(
            `${name}-link`,
            { ...manifest },
            inClusterOptions(source.cluster, this, { dependsOn: [source.linkCrdReady, this.cleanup, ...this.credentials] }),
        );
        this.health = clusterScript(
            `${name}-health`,
            {
                cluster: source.cluster,
                script: linkHealthScript({
                    source: source.cluster.name,
                    target: target.cluster.name,
                    gatewayIp,
                    targetApi: server,
                    timeoutSeconds: args.timeoutSeconds ?? DEFAULT_WAIT_SECONDS,
                }),
                dependsOn: [this.link, ...source.ready, ...target.ready],
                // The target's incarnation and a hash of the credentials (secret; never the value): a re-created target or
                // a re-minted token re-runs the gate, which restarts the service mirror onto the new credentials.
                triggers: [
                    sha256(stableJson({ manifest, server, source: source.version, target: target.version })),
                    target.cluster.incarnation,
                    kubeconfig.apply((text) => sha256(text)),
                ],
            },
            this,
        );
        this.ready = [this.health];
        this.registerOutputs({ source: source.cluster.name, target: target.cluster.name, gatewayAddress: gatewayIp, server });
    }

    /** The two credentials Secrets `link-gen` prints, on the source: the mirror's and the destination controller's. */
    private createCredentials(name: string, args: LinkerdLinkArgs, kubeconfig: pulumi.Output<string>): k8s.core.v1.Secret[] {
        const { source, target } = args;
        const [mirrorCredentials, discoveryCredentials] = credentialsSecrets(target.cluster.name, kubeconfig);
        const onSource = inClusterOptions(source.cluster, this, { dependsOn: [source.multicluster] });
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
    if (!source.mirrors.includes(target.cluster.name)) {
        throw new pulumi.RunError(
            `LinkerdLink ${name}: the install of ${source.cluster.name} runs no service mirror for ${target.cluster.name}; ` +
                `add "${target.cluster.name}" to its mirrors`,
        );
    }
    return target.gatewayIp;
}

/**
 * The command whose delete removes what the link's controller created on the source (the mirror Services, the Lease).
 * No triggers: only removing the link (or the stack) runs its delete, never a re-created cluster.
 */
function linkCleanup(name: string, source: Cluster, target: string, parent: pulumi.Resource): command.local.Command {
    return new command.local.Command(
        name,
        {
            create: linkCleanupArmScript({ source: source.name, target }),
            delete: linkCleanupScript({ source: source.name, target }),
            interpreter: ["bash", "-c"],
            stdin: pulumi.secret(source.kubeconfig),
            logging: "none",
            addPreviousOutputInEnv: false,
        },
        { parent, dependsOn: [...requireClusterAccess(source).ready] },
    );
}

/** One ordered pair: `from` mirrors `to`. */
export interface LinkPair {
    /** The mirroring (source) cluster. */
    readonly from: string;
    /** The mirrored (target) cluster. */
    readonly to: string;
}

/** Every ordered pair of distinct clusters (a full mesh of links both ways). */
export function everyOrderedPair(names: readonly string[]): LinkPair[] {
    return names.flatMap((from) => names.filter((to) => to !== from).map((to) => ({ from, to })));
}

/** The clusters `cluster` mirrors under `pairs` (its `mirrors`), sorted. */
export function mirrorsOf(cluster: string, pairs: readonly LinkPair[]): string[] {
    return [...new Set(pairs.filter((pair) => pair.from === cluster).map((pair) => pair.to))].sort();
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

/**
 * Links clusters: one `LinkerdLink` per pair (`<prefix>-<from>-to-<to>`, top-level siblings with `opts`), every
 * ordered pair by default. Each install's `mirrors` must equal the pairs it is the source of ({@link mirrorsOf}).
 */
export function linkLinkerdClusters(
    installs: Readonly<Record<string, LinkerdLinkEnd>>,
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
                source,
                target,
                timeoutSeconds: options.timeoutSeconds,
            },
            opts,
        );
    });
}

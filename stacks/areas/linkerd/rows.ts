// The Linkerd rows: shared trust, one install per cluster, the links (source mirrors target), and the podinfo/frontend demo.
import * as pulumi from "@pulumi/pulumi";
import { LinkerdDemo, LinkerdDemoProof } from "../../../components/linkerd/demo-app";
import { LinkerdInstall } from "../../../components/linkerd/install";
import { LinkPair, linkLinkerdClusters, mirrorsOf } from "../../../components/linkerd/link";
import { LinkerdProxyRestart } from "../../../components/linkerd/proxy-restart";
import { LinkerdTrust } from "../../../components/linkerd/trust";
import { StackConfig } from "../../config/types";
import { INGRESS_ROUTES } from "../../layers/facts";
import { LayerContext, LayerResult, LayerRow, Topology, factKey } from "../../layers/layer";
import {
    LinkerdMesh,
    gatewayIpAnnotations,
    linkerdConfigIssues,
    linkerdDemoIssues,
    linkerdGatewayIps,
    linkerdLinks,
    linkerdMeshOf,
} from "./validate";

export { linkerdLinks } from "./validate";

/** Per cluster: the health gates of the links it mirrors through (what its demo waits for). */
const LINK_GATES = factKey<Readonly<Record<string, readonly pulumi.Resource[]>>>("linkerd link gates");

function requireMesh(config: StackConfig): LinkerdMesh {
    const mesh = linkerdMeshOf(config);
    if (!mesh) {
        throw new Error(`internal: a Linkerd row runs with mesh.kind ${config.mesh.kind}`);
    }
    return mesh;
}

/**
 * During a trust-anchor roll, per cluster `linkerd-<cluster>-proxy-restart`: every phase restarts the control plane and
 * every meshed workload once the install's gates pass, so each proxy carries the phase's bundle (docs/day2.md, Rotation).
 */
function restartForAnchor(context: LayerContext, mesh: LinkerdMesh, installs: Record<string, LinkerdInstall>): void {
    const anchor = mesh.rotation?.anchor;
    if (!anchor) {
        return;
    }
    const reason = `trust anchor generation ${anchor.generation}, phase ${anchor.phase}`;
    context.clusters.forEach(({ config: entry, cluster }) => {
        new LinkerdProxyRestart(`linkerd-${entry.name}-proxy-restart`, { cluster, reason }, { dependsOn: [...installs[entry.name].ready] });
    });
}

/** `linkerd-<cluster>` per cluster: its gateway on the pinned address when some cluster mirrors it, one mirror per peer it mirrors. */
function installLinkerd(
    context: LayerContext,
    mesh: LinkerdMesh,
    trust: LinkerdTrust,
    pairs: readonly LinkPair[],
): Record<string, LinkerdInstall> {
    const { config, clusters } = context;
    const gatewayIps = linkerdGatewayIps(config);
    return Object.fromEntries(
        clusters.map(({ config: entry, cluster }) => {
            const ip = gatewayIps[entry.name];
            return [
                entry.name,
                new LinkerdInstall(
                    `linkerd-${entry.name}`,
                    {
                        cluster,
                        version: config.versions.linkerd,
                        gatewayApiVersion: config.versions.gatewayApi,
                        trust,
                        ...(ip ? { gateway: { ip, ipAnnotations: gatewayIpAnnotations(config, ip) } } : {}),
                        loadBalancerPools: [...entry.loadBalancerPools],
                        mirrors: mirrorsOf(entry.name, pairs),
                        viz: mesh.viz ?? true,
                        values: mesh.values,
                    },
                    { dependsOn: [...context.readyIn(entry.name)] },
                ),
            ];
        }),
    );
}

/**
 * Linkerd over every cluster: the trust (`linkerd-trust`), an install per cluster (`linkerd-<cluster>`, gateway on its pinned address when
 * some cluster mirrors it, one service-mirror controller per cluster it mirrors) and one `LinkerdLink` per pair
 * (`link-<from>-to-<to>`): all top-level, so no URN depends on the other layers. Later layers of a cluster wait for
 * its install (the proxy injector serves, the gateway has its address); the demo also waits for its links' gates.
 */
function wireMesh(context: LayerContext): LayerResult {
    const { config, clusters } = context;
    const mesh = requireMesh(config);
    const pairs = linkerdLinks(config, mesh);
    const trust = new LinkerdTrust("linkerd-trust", {
        clusters: clusters.map(({ config: entry }) => entry.name),
        ...mesh.trust,
        anchorValidityKey: "mesh.trust.anchorValidityHours",
        issuerGeneration: mesh.rotation?.issuers,
        ...(mesh.rotation?.anchor ? { anchorRotation: mesh.rotation.anchor } : {}),
    });
    const installs = installLinkerd(context, mesh, trust, pairs);
    restartForAnchor(context, mesh, installs);
    const links = linkLinkerdClusters(installs, { pairs });
    context.facts.set(
        LINK_GATES,
        Object.fromEntries(
            clusters.map(({ config: entry }) => [
                entry.name,
                links.filter((_, i) => pairs[i].from === entry.name).flatMap((link) => link.ready),
            ]),
        ),
    );
    return {
        ready: Object.fromEntries(clusters.map(({ config: entry }) => [entry.name, installs[entry.name].ready])),
        outputs: {
            trustAnchorPem: trust.anchorPem,
            gateways: linkerdGatewayIps(config),
            links: pairs.map((pair) => `${pair.from} mirrors ${pair.to}`),
        },
    };
}

/**
 * The demo in every cluster (`demo-<cluster>`: podinfo exported, `podinfo-split` over the local podinfo and the
 * mirrors, the frontend, its Ingress once the ingress controller serves), then each cluster's proof (`demo-<cluster>-proof`), which waits for its own demo, the
 * peers' exported podinfo, its links' gates and its ingress controller.
 */
function wireDemo(context: LayerContext): LayerResult {
    const { config, clusters } = context;
    const pairs = linkerdLinks(config, requireMesh(config));
    const ingresses = context.facts.get(INGRESS_ROUTES) ?? {};
    const gates = context.facts.get(LINK_GATES) ?? {};
    const demos = Object.fromEntries(
        clusters.map(({ config: entry, cluster }) => [
            entry.name,
            new LinkerdDemo(`demo-${entry.name}`, {
                cluster,
                peers: mirrorsOf(entry.name, pairs),
                dependsOn: context.readyIn(entry.name),
                ...(ingresses[entry.name] ? { ingress: ingresses[entry.name].route, ingressReady: ingresses[entry.name].ready } : {}),
            }),
        ]),
    );
    clusters.forEach(({ config: entry, cluster }) => {
        const peers = mirrorsOf(entry.name, pairs);
        new LinkerdDemoProof(`demo-${entry.name}-proof`, {
            cluster,
            peers,
            ...(ingresses[entry.name]?.route.url ? { ingressUrl: ingresses[entry.name].route.url } : {}),
            dependsOn: [
                ...demos[entry.name].ready,
                ...peers.map((peer) => demos[peer].podinfo),
                ...(gates[entry.name] ?? []),
                ...(ingresses[entry.name]?.ready ?? []),
            ],
            // The proof vouches for the mesh: a new Linkerd release is proven again.
            triggers: [config.versions.linkerd],
        });
    });
    return {
        outputs: { demo: "podinfo + frontend in namespace test; the frontend calls podinfo-split, split over every cluster's podinfo" },
    };
}

function linkTopology(config: StackConfig): Topology {
    const mesh = linkerdMeshOf(config);
    if (!mesh) {
        return { roles: {}, links: [] };
    }
    return {
        roles: Object.fromEntries(config.clusters.map((cluster) => [cluster.name, "linked"])),
        links: linkerdLinks(config, mesh).map((link) => ({ ...link, label: "mirrors services of", bidirectional: false })),
    };
}

/** mesh: linkerd. */
export const linkerdMeshRow: LayerRow = {
    title: "Linkerd multicluster: shared trust anchor, gateways on pinned addresses, links by resources",
    check: linkerdConfigIssues,
    wire: wireMesh,
    topology: linkTopology,
};

/** apps for mesh linkerd. */
export const linkerdDemoRow: LayerRow = {
    title: "podinfo / frontend demo with a 50/50 split across clusters",
    check: linkerdDemoIssues,
    wire: wireDemo,
};

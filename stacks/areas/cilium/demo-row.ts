// The Cilium apps row: the rebel-base / x-wing global-service demo in every cluster and its cross-cluster proof.
import { ClusterMeshDemo, ClusterMeshDemoProof } from "../../../components/cilium/demo-app";
import { LayerContext, LayerResult, LayerRow } from "../../layers/layer";
import { ciliumInstalls } from "./installs";
import { ciliumIngressIps } from "./validate";

/** The rebel-base / x-wing global-service demo in every cluster (after Cilium), proven once the mesh is healthy. */
function wireDemo(context: LayerContext): LayerResult {
    const names = context.clusters.map(({ config: entry }) => entry.name);
    const installs = ciliumInstalls(context);
    // With Cilium's ingress, the guide's Ingress check too: an Ingress per demo, requested through cilium-ingress.
    const ingress = context.config.ingress.kind === "cilium";
    const ingressIps = ciliumIngressIps(context.config);
    const demos = context.clusters.map(
        ({ config: entry, cluster }) =>
            new ClusterMeshDemo(`demo-${entry.name}`, { cluster, ingress }, { dependsOn: [...context.readyOf(entry.name, "cni")] }),
    );
    // What every proof vouches for: every release and every peer's incarnation (its own comes first anyway), by name.
    const byName = [...context.clusters].sort((a, b) => a.config.name.localeCompare(b.config.name));
    const checksums = byName.map(({ config: entry }) => installs[entry.name].releaseChecksum);
    const triggers = (self: string) => [
        ...checksums,
        ...byName.filter(({ config: entry }) => entry.name !== self).map(({ cluster }) => cluster.incarnation),
    ];
    // The one place that crosses clusters on purpose: the proof needs every peer's rebel-base.
    context.clusters.forEach(
        ({ config: entry, cluster }, i) =>
            new ClusterMeshDemoProof(
                `demo-${entry.name}-proof`,
                {
                    cluster,
                    expected: names,
                    triggers: triggers(entry.name),
                    ...(ingress ? { ingress: { ip: ingressIps[entry.name] } } : {}),
                },
                {
                    dependsOn: [
                        ...demos[i].ready,
                        ...demos.map((demo) => demo.rebelBase),
                        ...context.readyOf(entry.name, "multicluster", "ingress"),
                    ],
                },
            ),
    );
    return { outputs: { demo: "rebel-base/x-wing in namespace clustermesh-demo" } };
}

/** apps for mesh cilium-clustermesh. */
export const ciliumDemoRow: LayerRow = { title: "rebel-base / x-wing global-service demo", wire: wireDemo };

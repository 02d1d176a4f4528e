// The Contrail rows: CN2 on the central cluster, every other cluster distributed (vRouter only, one Kubemanager each), and the seed's ping demo.
import { allocateKubemanagers } from "../../../components/contrail/allocation";
import { ContrailDemo } from "../../../components/contrail/demo-app";
import { ContrailMulticluster } from "../../../components/contrail/multicluster";
import { StackConfig } from "../../config/types";
import { REGISTRY_AUTH_KEY, checkContrail, contrailAllocationRequests, contrailMeshOf } from "./validate";
import { LayerContext, LayerResult, LayerRow, RequiredSecret, Topology } from "../../layers/layer";

export { REGISTRY_AUTH_KEY } from "./validate";

function requiredSecrets(config: StackConfig): RequiredSecret[] {
    return contrailMeshOf(config)
        ? [
              {
                  key: REGISTRY_AUTH_KEY,
                  neededBy: 'mesh.kind "contrail"',
                  fix: `set the enterprise-hub.juniper.net credentials (the CN2 images are behind a login) with \`pulumi config set --secret ${REGISTRY_AUTH_KEY} '<username>:<password>'\` (or a whole docker config JSON)`,
              },
          ]
        : [];
}

/**
 * One `ContrailMulticluster` (top-level, name "contrail"): the central cluster from `mesh.central`, every other
 * cluster distributed with its Kubemanager slot pinned by its stack ID (`clusters[].id`) and `mesh.distributed`
 * overrides, the release from `versions.contrail`, the credentials from `contrailRegistryAuth`.
 */
function wireContrail(context: LayerContext): LayerResult {
    const { config, clusters } = context;
    const mesh = contrailMeshOf(config);
    const central = clusters.find(({ config: entry }) => entry.name === mesh?.central);
    const registryAuth = context.secrets.byKey[REGISTRY_AUTH_KEY];
    if (!mesh || !central || !registryAuth) {
        throw new Error("internal: the Contrail row runs without a validated contrail mesh, its central cluster or contrailRegistryAuth");
    }
    const requests = contrailAllocationRequests(config, mesh);
    const distributed = clusters
        .filter(({ config: entry }) => entry.name !== mesh.central)
        .map(({ config: entry, cluster }, i) => ({
            cluster,
            slot: requests[i].slot,
            listenerPort: requests[i].listenerPort,
            constantRouteTargetNumber: requests[i].constantRouteTargetNumber,
            enableNad: mesh.distributed[entry.name]?.enableNad,
        }));
    const multicluster = new ContrailMulticluster(
        "contrail",
        {
            central: central.cluster,
            distributed,
            version: config.versions.contrail,
            registry: mesh.registry,
            registryAuth,
            readyTimeoutSeconds: mesh.readyTimeoutSeconds,
            tokenGeneration: mesh.rotation?.tokens,
        },
        // Every cluster's earlier layers: each cluster's CN2 namespaces wait for all of them (one list in opts).
        { dependsOn: clusters.flatMap(({ config: entry }) => [...context.readyIn(entry.name)]) },
    );
    return {
        ready: multicluster.ready,
        outputs: { central: mesh.central, release: config.versions.contrail, kubemanagers: multicluster.allocations },
    };
}

/** The demo (`mesh.demo: true`): the central cluster's probe pod pings a target pod on every distributed cluster. */
function wireContrailDemo(context: LayerContext): LayerResult {
    const mesh = contrailMeshOf(context.config);
    const central = context.clusters.find((entry) => entry.config.name === mesh?.central);
    if (!mesh || !central) {
        throw new Error("internal: the Contrail demo row runs without a validated contrail mesh and its central cluster");
    }
    const member = (entry: LayerContext["clusters"][number]) => ({ cluster: entry.cluster });
    const demo = new ContrailDemo(
        "contrail-demo",
        {
            central: member(central),
            distributed: context.clusters.filter((entry) => entry.config.name !== mesh.central).map(member),
            timeoutSeconds: mesh.readyTimeoutSeconds,
        },
        // CN2 ready on every member: the ping needs both sides, and the pods need their own cluster's.
        { dependsOn: context.clusters.flatMap((entry) => [...context.readyIn(entry.config.name)]) },
    );
    return { outputs: { demo: `${mesh.central} pings ${Object.keys(demo.proofs).join(", ")}` } };
}

/** Roles, and a Kubemanager link from the central cluster to each distributed one with its numbers. */
function contrailTopology(config: StackConfig): Topology {
    const mesh = contrailMeshOf(config);
    const central = mesh?.central ?? "";
    const names = config.clusters.map((cluster) => cluster.name);
    const allocations = mesh && names.includes(central) ? allocateKubemanagers(contrailAllocationRequests(config, mesh)) : [];
    return {
        roles: Object.fromEntries(names.map((name) => [name, name === central ? "central" : "distributed"])),
        links: allocations.map((allocation) => ({
            from: central,
            to: allocation.cluster,
            bidirectional: false,
            label: `Kubemanager :${allocation.listenerPort}, RT ${allocation.constantRouteTargetNumber}`,
        })),
    };
}

/** mesh: contrail. */
export const contrailMeshRow: LayerRow = {
    title: "Contrail (CN2) central + distributed clusters",
    check: (config) => checkContrail(config),
    requiredSecrets,
    wire: wireContrail,
    topology: contrailTopology,
};

/** apps, `mesh.demo: true` with mesh contrail: seed 002's cross-cluster ping. */
export const contrailDemoRow: LayerRow = {
    title: "Contrail (CN2) cross-cluster ping demo",
    wire: wireContrailDemo,
};

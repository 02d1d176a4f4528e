// The Cilium rows: CNI (shared CA + one install per cluster), LB IPAM, Cluster Mesh gates and ingress; the demo row is in demo-row.ts.
import { CiliumCa } from "../../../components/cilium/ca";
import { CILIUM_NAMESPACE } from "../../../components/cilium/certs";
import { CiliumClusterMesh, meshInstallArgs, meshInstallOf, meshPeers, meshPodCidrs } from "../../../components/cilium/cluster-mesh";
import { CiliumIngressAddress, INGRESS_SERVICE } from "../../../components/cilium/ingress-check";
import { PinnedAddress, SERVICE_NAME_LABEL, SERVICE_NAMESPACE_LABEL } from "../../../components/cilium/manifests";
import { meshGuardArgs } from "../../../components/cilium/mesh-guard";
import { SettingGuard } from "../../../components/shared/setting-guard";
import { CiliumInstall } from "../../../components/cilium/install";
import { CiliumLoadBalancer } from "../../../components/cilium/load-balancer";
import { issue } from "../../../components/shared/validation";
import { reservedAddresses } from "../../config/capabilities";
import { StackConfig } from "../../config/types";
import { checkMeshNeedsCni, meshOfAtLeastTwo, pairwiseTopology } from "../../layers/checks";
import {
    ciliumConfigIssues,
    ciliumIngressIps,
    ciliumIngressIssues,
    ciliumMeshMembers,
    ciliumMeshOf,
    ciliumSettings,
    k8sServiceEndpoint,
} from "./validate";
import { LayerContext, LayerResult, LayerRow } from "../../layers/layer";
import { checkCiliumMesh } from "./validate-mesh";
import { CILIUM_INSTALLS, ciliumCni, ciliumInstalls } from "./installs";

/** apps for mesh cilium-clustermesh (wired in demo-row.ts). */

/**
 * Installs Cilium on every cluster: one shared CA (with or without a mesh, so switching the mesh never
 * changes what the clusters trust), cluster name and ID set at first install, and the Cluster Mesh values
 * when `mesh.kind` is cilium-clustermesh. Every install is a top-level component, so its URNs do not
 * depend on the other layers.
 */
function wireCni(context: LayerContext): LayerResult {
    const { config, clusters } = context;
    const cni = ciliumCni(config);
    const settings = ciliumSettings(cni, config);
    const ca = new CiliumCa("cilium-ca", { generation: cni.rotation?.ca });
    const mesh = ciliumMeshOf(config);
    const members = mesh ? ciliumMeshMembers(config, mesh, clusters) : [];
    const podCidrs = meshPodCidrs(members);
    // A running mesh cannot change a member's name or ID, or maxConnectedClusters: the record fails the preview first.
    const guard =
        members.length > 0
            ? new SettingGuard(
                  "cilium-mesh-settings",
                  meshGuardArgs("Cilium Cluster Mesh", meshPeers(members), { maxConnectedClusters: "mesh.maxConnectedClusters" }),
              )
            : undefined;
    const ingressIps = ciliumIngressIps(config);
    const installs = Object.fromEntries(
        clusters.map(({ config: entry, cluster }) => {
            const member = members.find((candidate) => candidate.cluster.name === entry.name);
            return [
                entry.name,
                new CiliumInstall(
                    `cilium-${entry.name}`,
                    {
                        cluster,
                        clusterId: entry.id,
                        version: config.versions.cilium,
                        settings,
                        k8sService: k8sServiceEndpoint(entry, cluster),
                        meshPodCidrs: podCidrs,
                        ca: { certPem: ca.certPem, keyPem: ca.keyPem, generation: ca.generation },
                        mesh: member ? meshInstallArgs(member, members) : undefined,
                        ingressIp: ingressIps[entry.name],
                    },
                    { dependsOn: guard ? [guard] : [] },
                ),
            ];
        }),
    );
    context.facts.set(CILIUM_INSTALLS, installs);
    return {
        ready: Object.fromEntries(Object.entries(installs).map(([name, install]) => [name, install.ready])),
        outputs: { caCertPem: ca.certPem, clusters: Object.keys(installs) },
    };
}

/** LB IPAM pools (and the L2 policy) per cluster with pools, after Cilium registered their CRDs. */
function wireLoadBalancer(context: LayerContext): LayerResult {
    const { config, clusters } = context;
    const l2Announcements = ciliumCni(config).l2Announcements;
    const mesh = ciliumMeshOf(config);
    const installs = ciliumInstalls(context);
    // The operator registers the CRDs: the pools need the release, not every agent rolled out.
    const balancers = clusters.map(
        ({ config: entry, cluster }) =>
            [
                entry.name,
                new CiliumLoadBalancer(
                    `cilium-lb-${entry.name}`,
                    {
                        cluster,
                        pools: entry.loadBalancerPools,
                        l2Announcements,
                        chartVersion: installs[entry.name].version,
                        reserved: pinnedElsewhere(config, entry.name),
                        ...(mesh?.exposure === "LoadBalancer" ? { meshIp: mesh.apiServerIps[entry.name] } : {}),
                    },
                    { dependsOn: [installs[entry.name].release] },
                ),
            ] as const,
    );
    return { ready: Object.fromEntries(balancers.map(([name, balancer]) => [name, balancer.ready])) };
}

/**
 * Addresses other Services pin from a cluster's pools, each kept out of the general pool for that Service alone (as
 * the MetalLB row does): the `cilium-ingress` address (`ingress.ips`) and one the mesh reserves (a Linkerd gateway's `mesh.gatewayIps`).
 */
function pinnedElsewhere(config: StackConfig, cluster: string): PinnedAddress[] {
    const ingress = ciliumIngressIps(config)[cluster];
    const reserved = reservedAddresses(config)[cluster];
    return [
        ...(ingress
            ? [
                  {
                      name: INGRESS_SERVICE,
                      ip: ingress,
                      serviceSelector: { [SERVICE_NAMESPACE_LABEL]: CILIUM_NAMESPACE, [SERVICE_NAME_LABEL]: INGRESS_SERVICE },
                  },
              ]
            : []),
        ...(reserved
            ? [
                  {
                      name: reserved.name,
                      ip: reserved.ip,
                      serviceSelector: { [SERVICE_NAMESPACE_LABEL]: reserved.namespace, [SERVICE_NAME_LABEL]: reserved.service },
                  },
              ]
            : []),
    ];
}

/** The mesh gates: every cluster's agents see every peer ready (the installs already carry the mesh values). */
function wireMesh(context: LayerContext): LayerResult {
    const { config, clusters } = context;
    const mesh = ciliumMeshOf(config);
    if (!mesh) {
        throw new Error("internal: the Cilium mesh row runs without mesh.kind cilium-clustermesh");
    }
    // Peers reach a LoadBalancer-exposed apiserver only once its pinned IP's pool exists; NodePort needs no pool.
    const pools =
        mesh.exposure === "LoadBalancer" ? clusters.flatMap(({ config: entry }) => context.readyOf(entry.name, "loadBalancer")) : [];
    const installs = Object.entries(ciliumInstalls(context)).map(([name, install]) => [name, meshInstallOf(install)]);
    const clusterMesh = new CiliumClusterMesh(
        "cilium-mesh",
        { members: ciliumMeshMembers(config, mesh, clusters), installs: Object.fromEntries(installs) },
        { dependsOn: pools },
    );
    return {
        ready: Object.fromEntries(clusters.map(({ config: entry }) => [entry.name, clusterMesh.ready])),
        outputs: { endpoints: clusterMesh.endpoints },
    };
}

/** The check that each cluster's `cilium-ingress` got its address (pinned by `ingress.ips`, else any), after its pools. */
function wireIngress(context: LayerContext): LayerResult {
    const installs = ciliumInstalls(context);
    const ips = ciliumIngressIps(context.config);
    const checks = context.clusters.map(
        ({ config: entry, cluster }) =>
            [
                entry.name,
                new CiliumIngressAddress(
                    `cilium-ingress-${entry.name}`,
                    { cluster, ip: ips[entry.name], triggers: [installs[entry.name].releaseChecksum] },
                    { dependsOn: [...installs[entry.name].ready, ...context.readyOf(entry.name, "loadBalancer")] },
                ),
            ] as const,
    );
    return {
        ready: Object.fromEntries(checks.map(([name, check]) => [name, [check.check]])),
        outputs: { controller: "cilium-ingress (shared LoadBalancer Service in kube-system)", addresses: ips },
    };
}

/** cni: cilium. */
export const ciliumCniRow: LayerRow = {
    title: "Cilium (Helm), one shared CA",
    check: ciliumConfigIssues,
    wire: wireCni,
};

/** loadBalancer: cilium-lb-ipam. */
export const ciliumLoadBalancerRow: LayerRow = {
    title: "Cilium LB IPAM pools and L2 announcements",
    check: (config) =>
        config.cni.kind === "cilium"
            ? []
            : [
                  issue(
                      "loadBalancer.kind",
                      "cilium-lb-ipam",
                      `needs cni.kind "cilium" but cni.kind is "${config.cni.kind}"`,
                      'set loadBalancer.kind to "metallb", or use Cilium',
                  ),
              ],
    wire: wireLoadBalancer,
};

/** mesh: cilium-clustermesh. */
export const ciliumMeshRow: LayerRow = {
    title: "Cilium Cluster Mesh",
    check: (config) => [...checkMeshNeedsCni(config, "cilium"), ...meshOfAtLeastTwo(config), ...checkCiliumMesh(config)],
    wire: wireMesh,
    topology: (config) => pairwiseTopology(config, "mesh peer", "Cluster Mesh"),
};

/** ingress: cilium. */
export const ciliumIngressRow: LayerRow = {
    title: "Cilium ingress controller (part of the Cilium release)",
    check: (config) =>
        config.cni.kind === "cilium"
            ? ciliumIngressIssues(config)
            : [
                  issue(
                      "ingress.kind",
                      "cilium",
                      `needs cni.kind "cilium" but cni.kind is "${config.cni.kind}"`,
                      "choose another ingress kind, or use Cilium",
                  ),
              ],
    wire: wireIngress,
};

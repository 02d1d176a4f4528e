// The stack program: provision every cluster, then walk the layer table (CNI → load balancer → multicluster → ingress → apps).
import * as pulumi from "@pulumi/pulumi";
import { endpointUrl } from "../components/cluster";
import { clusterExport } from "../components/existing-cluster";
import { Versions } from "../components/versions";
import { StackConfig, StackSecrets } from "./config/types";
import { layers, selectedRow, stackTopology } from "./layers";
import { LAYER_ORDER, LayerFacts, LayerName, LayerReadiness, ProvisionedCluster } from "./layers/layer";
import { announcePhase } from "./layers/progress";
import { provisionClusters } from "./layers/provision";
import { loadStackConfig } from "./validate";

/** What a stack exports about each cluster (plain, reviewable facts). */
export interface ClusterSummary {
    /** Cluster name. */
    readonly name: string;
    /** Provisioner. */
    readonly provisioner: string;
    /** Mesh cluster ID. */
    readonly id: number;
    /** Role in the multicluster topology. */
    readonly role: string;
    /** Pod CIDRs (IPv4, then IPv6 when dual-stack). */
    readonly podCidrs: readonly string[];
    /** Service CIDRs (IPv4, then IPv6 when dual-stack). */
    readonly serviceCidrs: readonly string[];
    /** LoadBalancer pools. */
    readonly loadBalancerPools: readonly string[];
}

/** Outputs of every stack: the clusters, the kind of each layer, versions, then each layer's own outputs. */
export interface StackOutputs {
    /** The validated clusters. */
    readonly clusters: readonly ClusterSummary[];
    /** The kind each layer runs. */
    readonly layers: Readonly<Record<LayerName, string>>;
    /** Versions in use (pins plus overrides). */
    readonly versions: Versions;
    /** Further outputs: kubeconfigs (secret), API endpoints, and one entry per layer. */
    readonly [extra: string]: unknown;
}

/** The outputs that follow from the config alone. */
export function summarize(config: StackConfig): StackOutputs {
    const roles = stackTopology(config).roles;
    return {
        clusters: config.clusters.map((cluster) => ({
            name: cluster.name,
            provisioner: cluster.provisioner,
            id: cluster.id,
            role: roles[cluster.name] ?? "standalone",
            podCidrs: cluster.podCidrs,
            serviceCidrs: cluster.serviceCidrs,
            loadBalancerPools: cluster.loadBalancerPools,
        })),
        layers: Object.fromEntries(layers.map((layer) => [layer.name, layer.kindOf(config)])) as Record<LayerName, string>,
        versions: config.versions,
    };
}

/** The per-cluster facts every stack exports: kubeconfigs as secrets, Pulumi's API URLs, the peer-facing endpoints. */
function clusterOutputs(clusters: readonly ProvisionedCluster[]): Record<string, unknown> {
    const byName = <T>(pick: (entry: ProvisionedCluster) => T) =>
        Object.fromEntries(clusters.map((entry) => [entry.config.name, pick(entry)]));
    return {
        kubeconfigs: byName(({ cluster }) => pulumi.secret(cluster.kubeconfig)),
        apiServers: byName(({ cluster }) => cluster.apiServer),
        endpoints: byName(({ cluster }) => endpointUrl(cluster.endpoint)),
        // The Cluster contract's data (kubeconfig secret): another stack rebuilds a cluster with `clusterFromStack`.
        clusterContracts: byName(({ cluster }) => clusterExport(cluster)),
    };
}

/** Provisions every cluster, then wires each layer's selected row in order; returns the stack outputs. */
export function runStackProgram(config: StackConfig, secrets: StackSecrets): StackOutputs {
    announcePhase("provision");
    return wireLayers(config, secrets, provisionClusters(config, secrets));
}

/** Wires each layer's selected row in order over provisioned clusters; returns the stack outputs. */
export function wireLayers(config: StackConfig, secrets: StackSecrets, clusters: readonly ProvisionedCluster[]): StackOutputs {
    const ready = new LayerReadiness();
    const facts = new LayerFacts();
    const layerOutputs: Record<string, unknown> = {};
    for (const layer of layers) {
        announcePhase(layer.name);
        const result = selectedRow(layer, config).wire({
            config,
            secrets,
            clusters,
            facts,
            readyIn: (name) => ready.of(name, LAYER_ORDER),
            readyOf: (name, ...from) => ready.of(name, from),
        });
        ready.record(layer.name, result.ready ?? {});
        if (result.outputs && Object.keys(result.outputs).length > 0) {
            layerOutputs[layer.name] = { kind: layer.kindOf(config), ...result.outputs };
        }
    }
    return { ...summarize(config), ...clusterOutputs(clusters), ...layerOutputs };
}

/** What `index.ts` runs: load and validate the stack config (nothing is created if it is invalid), then its program. */
export function runStack(): StackOutputs {
    const { config, secrets } = loadStackConfig();
    return runStackProgram(config, secrets);
}

// The layer table: for each layer after provisioning, one row per kind. Adding an area adds its rows here.
import { ValidationIssue, issue } from "../../components/shared/validation";
import { CniConfig, IngressConfig, LoadBalancerConfig, MeshConfig, StackConfig } from "../config/types";
import { antreaCniRow, antreaDemoRow, antreaMeshRow } from "./antrea";
import { aviRow } from "./avi";
import { pairwiseTopology } from "./checks";
import { ciliumCniRow, ciliumDemoRow, ciliumIngressRow, ciliumLoadBalancerRow, ciliumMeshRow } from "./cilium";
import { contrailDemoRow, contrailMeshRow } from "./contrail";
import { Layer, LayerRow, NOTHING, Topology } from "./layer";
import { ingressNginxRow, traefikIngressRow } from "./ingress";
import { linkerdDemoRow, linkerdMeshRow } from "./linkerd";
import { metallbRow } from "./metallb";

/** Layer 2: the CNI. `none` keeps kind's default CNI (kindnet), or leaves the CNI to Contrail's vRouter. */
export const cniLayer: Layer<CniConfig["kind"]> = {
    name: "cni",
    kindOf: (config) => config.cni.kind,
    rows: { cilium: ciliumCniRow, antrea: antreaCniRow, none: NOTHING },
};

/** Layer 3: LoadBalancer addresses. */
export const loadBalancerLayer: Layer<LoadBalancerConfig["kind"]> = {
    name: "loadBalancer",
    kindOf: (config) => config.loadBalancer.kind,
    rows: { "cilium-lb-ipam": ciliumLoadBalancerRow, metallb: metallbRow, none: NOTHING },
};

/** Each cluster on its own. */
const standaloneRow: LayerRow = { ...NOTHING, topology: (config) => ({ ...pairwiseTopology(config, "standalone", ""), links: [] }) };

/** Layer 4: the cross-cluster wiring. */
export const multiclusterLayer: Layer<MeshConfig["kind"]> = {
    name: "multicluster",
    kindOf: (config) => config.mesh.kind,
    rows: {
        none: standaloneRow,
        "cilium-clustermesh": ciliumMeshRow,
        "antrea-multicluster": antreaMeshRow,
        linkerd: linkerdMeshRow,
        contrail: contrailMeshRow,
    },
};

/** Layer 5: ingress. */
export const ingressLayer: Layer<IngressConfig["kind"]> = {
    name: "ingress",
    kindOf: (config) => config.ingress.kind,
    rows: { none: NOTHING, cilium: ciliumIngressRow, avi: aviRow, traefik: traefikIngressRow, "ingress-nginx": ingressNginxRow },
};

/** Whether the stack asks for its mesh's demo (`mesh.demo: true`). */
export function demoEnabled(config: StackConfig): boolean {
    return "demo" in config.mesh && config.mesh.demo === true;
}

/** Layer 6: the demo apps that prove cross-cluster traffic, per mesh kind (`mesh.demo: true`). */
export const appsLayer: Layer<MeshConfig["kind"]> = {
    name: "apps",
    kindOf: (config) => (demoEnabled(config) ? config.mesh.kind : "none"),
    rows: {
        none: NOTHING,
        "cilium-clustermesh": ciliumDemoRow,
        "antrea-multicluster": antreaDemoRow,
        linkerd: linkerdDemoRow,
        contrail: contrailDemoRow,
    },
};

/** The layers after provisioning, in order. */
export const layers: readonly Layer[] = [cniLayer, loadBalancerLayer, multiclusterLayer, ingressLayer, appsLayer] as readonly Layer<string>[];

/** The row a config selects in a layer. */
export function selectedRow(layer: Layer, config: StackConfig): LayerRow {
    return layer.rows[layer.kindOf(config)];
}

/** Every rule of every selected row, over the whole config (run by config validation). */
export function layerIssues(config: StackConfig): ValidationIssue[] {
    return layers.flatMap((layer) => selectedRow(layer, config).check?.(config) ?? []);
}

/**
 * Issues for every secret config key a selected row needs that is not set. Only presence is checked (`present`:
 * the keys set as secrets or in plain text, the latter already reported as such); values are never read here.
 */
export function missingSecretIssues(config: StackConfig, present: readonly string[]): ValidationIssue[] {
    return layers.flatMap((layer) => selectedRow(layer, config).requiredSecrets?.(config) ?? [])
        .filter((required) => !present.includes(required.key))
        .map((required) => issue(required.key, undefined, `but ${required.neededBy} needs it`, required.fix));
}

/** Roles and links of the stack, from its multicluster row. */
export function stackTopology(config: StackConfig): Topology {
    return selectedRow(multiclusterLayer, config).topology?.(config) ?? { roles: {}, links: [] };
}

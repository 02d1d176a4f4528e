// The layer table: for each layer after provisioning, one row per kind, built from the areas list (stacks/areas/index.ts).
import { ValidationIssue, issue } from "../../components/shared/validation";
import { Area, areaList, areas } from "../areas";
import { CniConfig, IngressConfig, LoadBalancerConfig, MeshConfig, StackConfig } from "../config/types";
import { pairwiseTopology } from "./checks";
import { LAYER_ORDER, Layer, LayerName, LayerRow, NOTHING, Topology } from "./layer";

/** Each cluster on its own. */
const standaloneRow: LayerRow = { ...NOTHING, topology: (config) => ({ ...pairwiseTopology(config, "standalone", ""), links: [] }) };

/** Whether the stack asks for its mesh's demo (`mesh.demo: true`). */
export function demoEnabled(config: StackConfig): boolean {
    return "demo" in config.mesh && config.mesh.demo === true;
}

/** The kind each layer selects, and its `none` row. */
const SELECTORS: { readonly [L in LayerName]: { readonly kindOf: (config: StackConfig) => string; readonly none: LayerRow } } = {
    cni: { kindOf: (config) => config.cni.kind, none: NOTHING },
    loadBalancer: { kindOf: (config) => config.loadBalancer.kind, none: NOTHING },
    multicluster: { kindOf: (config) => config.mesh.kind, none: standaloneRow },
    ingress: { kindOf: (config) => config.ingress.kind, none: NOTHING },
    apps: { kindOf: (config) => (demoEnabled(config) ? config.mesh.kind : "none"), none: NOTHING },
};

/** One layer over the given areas: `none` plus every area's rows for it. */
export function buildLayer(name: LayerName, list: readonly Area[] = areaList): Layer {
    const rows: Record<string, LayerRow> = { none: SELECTORS[name].none };
    for (const area of list) {
        for (const [kind, row] of Object.entries(area.rows[name] ?? {})) {
            if (kind in rows) {
                throw new Error(`internal: ${name} kind ${kind} has rows in two areas`);
            }
            rows[kind] = row;
        }
    }
    return { name, kindOf: SELECTORS[name].kindOf, rows };
}

/** The layers after provisioning, in order, over the given areas. */
export function buildLayers(list: readonly Area[] = areaList): readonly Layer[] {
    return LAYER_ORDER.map((name) => buildLayer(name, list));
}

/** The kinds of a layer that have a row in some area of the list. */
type RowKinds<L extends LayerName> = (typeof areas)[number] extends infer A
    ? A extends { readonly rows: { readonly [K in L]: infer R } }
        ? keyof R
        : never
    : never;
/** Kinds the schema allows in a layer that no area has a row for (must stay empty: the compiler says which). */
type Missing<L extends LayerName, K extends string> = Exclude<K, RowKinds<L> | "none">;
const everyKindHasARow: [
    Missing<"cni", CniConfig["kind"]>,
    Missing<"loadBalancer", LoadBalancerConfig["kind"]>,
    Missing<"multicluster", MeshConfig["kind"]>,
    Missing<"ingress", IngressConfig["kind"]>,
    Missing<"apps", MeshConfig["kind"]>,
] extends [never, never, never, never, never]
    ? true
    : never = true;
void everyKindHasARow;

/** Layer 2: the CNI. `none` keeps kind's default CNI (kindnet), or leaves the CNI to a mesh that brings one. */
export const cniLayer: Layer = buildLayer("cni");
/** Layer 3: LoadBalancer addresses. */
export const loadBalancerLayer: Layer = buildLayer("loadBalancer");
/** Layer 4: the cross-cluster wiring. */
export const multiclusterLayer: Layer = buildLayer("multicluster");
/** Layer 5: ingress. */
export const ingressLayer: Layer = buildLayer("ingress");
/** Layer 6: the demo apps that prove cross-cluster traffic, per mesh kind (`mesh.demo: true`). */
export const appsLayer: Layer = buildLayer("apps");

/** The layers after provisioning, in order. */
export const layers: readonly Layer[] = [cniLayer, loadBalancerLayer, multiclusterLayer, ingressLayer, appsLayer];

/** The row a config selects in a layer. */
export function selectedRow(layer: Layer, config: StackConfig): LayerRow {
    const row = layer.rows[layer.kindOf(config)];
    if (!row) {
        throw new Error(`internal: ${layer.name} kind ${layer.kindOf(config)} has no row`);
    }
    return row;
}

/** Every rule of every selected row, over the whole config (run by config validation). */
export function layerIssues(config: StackConfig, table: readonly Layer[] = layers): ValidationIssue[] {
    return table.flatMap((layer) => selectedRow(layer, config).check?.(config) ?? []);
}

/**
 * Issues for every secret config key a selected row needs that is not set. Only presence is checked (`present`:
 * the keys set as secrets or in plain text, the latter already reported as such); values are never read here.
 */
export function missingSecretIssues(config: StackConfig, present: readonly string[], table: readonly Layer[] = layers): ValidationIssue[] {
    return table
        .flatMap((layer) => selectedRow(layer, config).requiredSecrets?.(config) ?? [])
        .filter((required) => !present.includes(required.key))
        .map((required) => issue(required.key, undefined, `but ${required.neededBy} needs it`, required.fix));
}

/** Roles and links of the stack, from its multicluster row. */
export function stackTopology(config: StackConfig): Topology {
    return selectedRow(multiclusterLayer, config).topology?.(config) ?? { roles: {}, links: [] };
}

// Public API of the stack layer: typed config, validation, the layer table, topology and the program.
export * from "./config/load";
export { loadStackConfig, parseStackConfig, stackRules, stackWarnings } from "./validate";
export * from "./config/types";
export { configKeys, secretConfigKeys, stackConfigSchema } from "./config/schema";
export { layerIssues, layers, stackTopology } from "./layers";
export type { Layer, LayerContext, LayerResult, LayerRow, ProvisionedCluster, Topology, TopologyLink } from "./layers/layer";
export * from "./program";
export { renderTopology } from "./topology";

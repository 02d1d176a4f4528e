// Pure Cilium modules: typed values, peer lists, mesh validation, manifests, certificate specs, wait scripts.
export * from "./certs";
export * from "./demo";
export * from "./global-service";
export * from "./health";
export * from "./manifests";
export * from "./peers";
export * from "./types";
export * from "./validate";
export * from "./values";

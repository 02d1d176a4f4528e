// Public API of the stack layer: typed config, validation, topology and the program selector.
export * from "./config/load";
export * from "./config/types";
export { configKeys, stackConfigSchema } from "./config/schema";
export * from "./program";
export * from "./topology";

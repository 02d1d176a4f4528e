// Public API of the component library: `import { ... } from "@multicluster/pulumi"`.
export * from "./cluster";
export * from "./versions";
export * from "./network/allocator";
export * from "./network/cidr";
export * from "./network/plan";
export * from "./shared/shell";
export * from "./shared/validation";
export * from "./shared/yaml";

// What the benchmark knows of an area (tools/bench builds its registries from the areas list).

/** What the benchmark knows of one area. */
export interface AreaBench {
    /** The layer of each top-level component type the area's rows create (`multicluster:cilium:CiliumInstall` → `cni`). */
    readonly componentLayers?: Readonly<Record<string, "cni" | "loadBalancer" | "multicluster" | "ingress" | "apps">>;
}

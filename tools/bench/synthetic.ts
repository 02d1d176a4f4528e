// Synthetic stack configs for the benchmark: N kubeadm clusters (1 control plane + 3 workers) per mesh kind.

/** Mesh kinds the benchmark can build synthetic stacks for (those with a program). */
export type BenchMesh = "none" | "cilium-clustermesh";

/** One cluster entry of the synthetic config. */
function syntheticCluster(index: number, workers: number): Record<string, unknown> {
    const subnet = `192.168.${100 + index}`;
    return {
        name: `c${String(index + 1).padStart(2, "0")}`,
        provisioner: "kubeadm",
        controlPlanes: [{ host: `${subnet}.10` }],
        workers: Array.from({ length: workers }, (_, i) => ({ host: `${subnet}.${11 + i}` })),
    };
}

/** The CNI and mesh sections for a mesh kind. */
function wiring(mesh: BenchMesh): Record<string, unknown> {
    switch (mesh) {
        case "none":
            return { cni: { kind: "none" }, mesh: { kind: "none" } };
        case "cilium-clustermesh":
            return { cni: { kind: "cilium", kubeProxyReplacement: true }, mesh: { kind: "cilium-clustermesh", exposure: "NodePort" } };
    }
}

/** Config by full key, as the runtime receives it, for `clusters` kubeadm clusters wired by `mesh`. */
export function syntheticConfig(mesh: BenchMesh, clusters: number, workers = 3): Record<string, string> {
    const values: Record<string, unknown> = {
        clusters: Array.from({ length: clusters }, (_, i) => syntheticCluster(i, workers)),
        ssh: { user: "ubuntu" },
        ...wiring(mesh),
    };
    return Object.fromEntries(Object.entries(values).map(([key, value]) => [`multicluster:${key}`, JSON.stringify(value)]));
}

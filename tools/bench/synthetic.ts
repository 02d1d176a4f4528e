// Synthetic stack configs for the benchmark: N kubeadm clusters (1 control plane + 3 workers) wired by one mesh kind.
import { Area, areaList } from "../../stacks/areas";
import { MeshKind, MeshKindSpec, syntheticAddress as address } from "../../stacks/areas/bench";

export type { MeshKind, MeshKindSpec } from "../../stacks/areas/bench";

/** The mesh kinds the benchmark knows how to configure: `none`, then each area's, in list order. */
export function meshKindsOf(list: readonly Area[] = areaList): MeshKindSpec[] {
    const none: MeshKindSpec = { kind: "none", sections: () => ({ cni: { kind: "none" }, mesh: { kind: "none" } }), defaultMax: 32, longMax: 255 };
    return [none, ...list.flatMap((area) => area.bench?.meshKinds ?? [])];
}

/** Every mesh kind the benchmark knows how to configure; a kind whose rows are still pending is reported as such. */
export const meshKinds: readonly MeshKindSpec[] = meshKindsOf();

/** The spec of a mesh kind, if the benchmark knows it. */
export function findMeshKindSpec(kind: string): MeshKindSpec | undefined {
    return meshKinds.find((candidate) => candidate.kind === kind);
}

/** The spec of a mesh kind. */
export function meshKindSpec(kind: MeshKind): MeshKindSpec {
    const spec = findMeshKindSpec(kind);
    if (!spec) {
        throw new Error(`no synthetic config for mesh kind ${kind}`);
    }
    return spec;
}

/** Name of synthetic cluster `index` (`c001` …, sorted as numbers). */
export function clusterName(index: number): string {
    return `c${String(index + 1).padStart(3, "0")}`;
}

/** Options of one synthetic cluster list. */
export interface SyntheticOptions {
    /** Workers per cluster; @default 3. */
    readonly workers?: number;
    /** Cluster indexes whose control-plane VM is replaced by another (a re-created cluster). */
    readonly movedControlPlanes?: readonly number[];
}

function syntheticCluster(spec: MeshKindSpec, index: number, options: SyntheticOptions): Record<string, unknown> {
    const moved = options.movedControlPlanes?.includes(index) === true;
    return {
        name: clusterName(index),
        provisioner: "kubeadm",
        controlPlanes: [{ host: address(index, moved ? 14 : 1, 16) }],
        workers: Array.from({ length: options.workers ?? 3 }, (_, i) => ({ host: address(index, i + 2, 16) })),
        ...(spec.clusterFields?.(index) ?? {}),
    };
}

/** A synthetic stack: its config by full key (as the runtime receives it) and the secret keys. */
export interface SyntheticStack {
    /** Config by full key (`multicluster:clusters` …), values as JSON text. */
    readonly config: Record<string, string>;
    /** Full keys whose values are secret. */
    readonly secretKeys: string[];
    /** Nodes per cluster name (for counting DaemonSet pods). */
    readonly nodes: Readonly<Record<string, number>>;
}

/** The sections of a kind for `clusters` clusters, with its setting change applied when asked. */
export function syntheticSections(spec: MeshKindSpec, clusters: number, changed = false): Record<string, unknown> {
    const sections = spec.sections(Array.from({ length: clusters }, (_, i) => clusterName(i)));
    return changed && spec.settingChange ? spec.settingChange.apply(sections) : sections;
}

/** `clusters` kubeadm clusters wired by `kind`; address plan sized for 511 clusters. */
export function syntheticStack(kind: MeshKind, clusters: number, options: SyntheticOptions & { changed?: boolean } = {}): SyntheticStack {
    const spec = meshKindSpec(kind);
    const values: Record<string, unknown> = {
        clusters: Array.from({ length: clusters }, (_, i) => syntheticCluster(spec, i, options)),
        ssh: { user: "ubuntu" },
        network: { supernet: "10.0.0.0/8", podPrefix: 19, servicePrefix: 24 },
        ...syntheticSections(spec, clusters, options.changed),
    };
    const config = Object.fromEntries(Object.entries({ ...values, ...(spec.secrets ?? {}) })
        .map(([key, value]) => [`multicluster:${key}`, typeof value === "string" ? value : JSON.stringify(value)]));
    return {
        config,
        secretKeys: Object.keys(spec.secrets ?? {}).map((key) => `multicluster:${key}`),
        nodes: Object.fromEntries(Array.from({ length: clusters }, (_, i) => [clusterName(i), 1 + (options.workers ?? 3)])),
    };
}

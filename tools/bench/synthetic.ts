// Synthetic stack configs for the benchmark: N kubeadm clusters (1 control plane + 3 workers) wired by one mesh kind.
import { MeshConfig } from "../../stacks/config/types";

/** A mesh kind of the layer table (`mesh.kind`). */
export type MeshKind = MeshConfig["kind"];

/** How one mesh kind is configured in a synthetic stack (everything but the cluster list). */
export interface MeshKindSpec {
    /** The `mesh.kind` this spec wires. */
    readonly kind: MeshKind;
    /** The stack sections for these cluster names: `cni`, `mesh`, and whatever else the kind needs. */
    readonly sections: (names: readonly string[]) => Record<string, unknown>;
    /** Extra fields of each cluster entry (e.g. LoadBalancer pools a gateway IP is pinned in). */
    readonly clusterFields?: (index: number) => Record<string, unknown>;
    /** Secret config keys the kind requires, with stand-in values. */
    readonly secrets?: Readonly<Record<string, string>>;
    /** A setting change for the blast-radius table (applied to the sections), if the kind has an obvious one. */
    readonly settingChange?: { readonly title: string; readonly apply: (sections: Record<string, unknown>) => Record<string, unknown> };
    /** Largest size of the default sweep (full meshes of all-pairs links are cut short). */
    readonly defaultMax: number;
    /** Largest size of the long sweep. */
    readonly longMax: number;
}

/** Address `offset` (1..14) of cluster `index`'s /28 in 172.<second>.0.0/16 (nodes 16, pools 20; 4096 clusters fit). */
function address(index: number, offset: number, second: number): string {
    const flat = index * 16 + offset;
    return `172.${second}.${Math.floor(flat / 256)}.${flat % 256}`;
}

/** The LoadBalancer pool of cluster `index` and its first address. */
function pool(index: number): { range: string; first: string } {
    return { range: `${address(index, 1, 20)}-${address(index, 14, 20)}`, first: address(index, 1, 20) };
}

/** Per-cluster LoadBalancer pools (for kinds that pin a gateway address). */
const pools = (index: number) => ({ loadBalancerPools: [pool(index).range] });

const byName = <T>(names: readonly string[], pick: (index: number) => T) => Object.fromEntries(names.map((name, i) => [name, pick(i)]));

/** Every mesh kind the benchmark knows how to configure; a kind whose rows are still pending is reported as such. */
export const meshKinds: readonly MeshKindSpec[] = [
    { kind: "none", sections: () => ({ cni: { kind: "none" }, mesh: { kind: "none" } }), defaultMax: 32, longMax: 255 },
    {
        kind: "cilium-clustermesh",
        sections: (names) => ({
            cni: { kind: "cilium", kubeProxyReplacement: true },
            mesh: { kind: "cilium-clustermesh", exposure: "NodePort", maxConnectedClusters: names.length > 255 ? 511 : 255 },
        }),
        // A Cilium Cluster Mesh names every cluster's ID (an ID given by list order would move on an insert).
        clusterFields: (index) => ({ id: index + 1 }),
        settingChange: {
            title: "turn Hubble off",
            apply: (sections) => ({ ...sections, cni: { ...(sections.cni as object), hubble: false } }),
        },
        defaultMax: 255,
        longMax: 511,
    },
    {
        kind: "antrea-multicluster",
        sections: (names) => ({ cni: { kind: "antrea" }, mesh: { kind: "antrea-multicluster", clusterSetId: "bench", leader: names[0] } }),
        defaultMax: 16,
        longMax: 255,
    },
    {
        kind: "linkerd",
        sections: (names) => ({
            cni: { kind: "cilium" },
            loadBalancer: { kind: "cilium-lb-ipam" },
            mesh: { kind: "linkerd", gatewayIps: byName(names, (i) => pool(i).first) },
        }),
        clusterFields: pools,
        defaultMax: 8,
        longMax: 32,
    },
    {
        kind: "contrail",
        sections: (names) => ({ cni: { kind: "none" }, mesh: { kind: "contrail", central: names[0] } }),
        // Kubemanager ports and route targets derive from the IDs, so a contrail mesh names them.
        clusterFields: (index) => ({ id: index + 1 }),
        secrets: { contrailRegistryAuth: "bench:simulated-registry-password" },
        defaultMax: 16,
        longMax: 255,
    },
];

/** The spec of a mesh kind. */
export function meshKindSpec(kind: MeshKind): MeshKindSpec {
    const spec = meshKinds.find((candidate) => candidate.kind === kind);
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

// Which workloads of each chart a values change rolls: the pod-template facts the benchmark's restart count rests on.

/** Chart values, plain. */
export type Values = Readonly<Record<string, unknown>>;

/** A workload a chart renders. */
export interface ChartWorkload {
    /** Object name. */
    readonly name: string;
    /** A DaemonSet has a pod per node; the others `replicas`. */
    readonly kind: "DaemonSet" | "Deployment" | "StatefulSet";
    /** Replica count: a values path and its chart default. */
    readonly replicas?: readonly [string, number];
    /** Rendered only when this values path is true (with its chart default). */
    readonly enabledBy?: readonly [string, boolean];
}

/** What changing some values does to the pods. */
export interface RolloutEffect {
    /** Workloads whose pods are replaced. */
    readonly rolls: readonly string[];
    /** The change reaches running pods only at their next restart (a ConfigMap the chart does not checksum). */
    readonly pending?: boolean;
}

/** A rule: changed value paths matching `path` have this effect. */
export interface RolloutRule {
    /** Values paths the rule covers. */
    readonly path: RegExp;
    /** The effect, given the new values. */
    readonly effect: (after: Values, before: Values) => RolloutEffect;
    /** Why (the report quotes it). */
    readonly why: string;
    /** The rule rests on an assumption not checked against the pinned chart (its restarts are marked assumed). */
    readonly assumed?: boolean;
}

/** What the benchmark knows of one chart. */
export interface ChartRollouts {
    /** Workloads the chart renders. */
    readonly workloads: readonly ChartWorkload[];
    /** Path rules, first match wins; unmatched paths roll every workload (assumed, and flagged). */
    readonly rules: readonly RolloutRule[];
    /** Where the facts come from. */
    readonly source: string;
}

/** The value at a dotted path. */
export function valueAt(values: Values, path: string): unknown {
    return path.split(".").reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Values)[key] : undefined), values);
}

const flag = (values: Values, path: string, fallback: boolean) => {
    const value = valueAt(values, path);
    return typeof value === "boolean" ? value : fallback;
};

/** Cilium 1.20 peers: hot-reloaded by agents; pod host aliases (which roll a pod) unless the chart is told to skip them. */
function ciliumPeers(after: Values): RolloutEffect {
    if (flag(after, "clustermesh.disableKubernetesHostAliases", false)) {
        return { rolls: [] };
    }
    return { rolls: flag(after, "clustermesh.apiserver.kvstoremesh.enabled", true) ? ["clustermesh-apiserver"] : ["cilium"] };
}

/** Linkerd's multicluster chart renders one service mirror per `controllers[]` entry: changed entries roll theirs, new ones start. */
function linkerdControllers(after: Values, before: Values): RolloutEffect {
    const entries = (values: Values) => new Map(((valueAt(values, "controllers") as Values[] | undefined) ?? [])
        .map((entry) => [String(valueAt(entry, "link.ref.name") ?? ""), JSON.stringify(entry)]));
    const [old, now] = [entries(before), entries(after)];
    return { rolls: [...now].filter(([name, text]) => old.has(name) && old.get(name) !== text).map(([name]) => `linkerd-service-mirror-${name}`) };
}

const all = (): RolloutEffect => ({ rolls: ["*"] });

/** The charts the project installs. Defaults cited per chart; unmatched paths fall back to "every workload rolls". */
export const chartRollouts: Readonly<Record<string, ChartRollouts>> = {
    cilium: {
        workloads: [
            { name: "cilium", kind: "DaemonSet" },
            { name: "cilium-envoy", kind: "DaemonSet", enabledBy: ["envoy.enabled", true] },
            { name: "cilium-operator", kind: "Deployment", replicas: ["operator.replicas", 2] },
            { name: "clustermesh-apiserver", kind: "Deployment", replicas: ["clustermesh.apiserver.replicas", 1], enabledBy: ["clustermesh.useAPIServer", false] },
            { name: "hubble-relay", kind: "Deployment", replicas: ["hubble.relay.replicas", 1], enabledBy: ["hubble.relay.enabled", false] },
        ],
        rules: [
            { path: /^clustermesh\.config\./, effect: ciliumPeers, why: "peer Secrets are hot-reloaded (fsnotify); host aliases in pod specs roll the apiserver unless disabled" },
            { path: /^(cluster\.|ipam\.|routingMode|tunnelProtocol|kubeProxyReplacement|k8sService|clustermesh\.maxConnectedClusters)/, effect: () => ({ rolls: [], pending: true }),
                why: "cilium-config only; rollOutCiliumPods is false, so agents pick it up at their next restart" },
            { path: /^hubble\./, effect: () => ({ rolls: ["cilium"] }), assumed: true, why: "the agent pod template mounts Hubble's TLS Secret only with Hubble on (not checked at 1.20.0)" },
            { path: /^tls\.ca\./, effect: () => ({ rolls: [] }),
                why: "tls.ca feeds the cilium-ca Secret and the certificates the chart signs with it; no 1.20.0 pod template refers to it (its checksums are of ConfigMaps, and only with rollOut*Pods)" },
        ],
        source: "cilium.md §2–3 (1.20.0: hot reload, host aliases, rollOutCiliumPods=false); seed 004 `cilium status` (envoy DaemonSet, operator Desired 2)",
    },
    antrea: {
        workloads: [{ name: "antrea-agent", kind: "DaemonSet" }, { name: "antrea-controller", kind: "Deployment", replicas: ["controller.replicas", 1] }],
        rules: [{ path: /./, effect: all, why: "agent DaemonSet and controller Deployment carry checksum/config of the ConfigMap" }],
        source: "antrea-avi-contrail.md A3 (v2.7.0 chart: checksum/config on both pod templates)",
    },
    "linkerd-control-plane": {
        workloads: ["linkerd-identity", "linkerd-destination", "linkerd-proxy-injector"]
            .map((name) => ({ name, kind: "Deployment" as const, replicas: ["controllerReplicas", 1] as const })),
        rules: [
            {
                path: /^identity\.issuer\.tls\./,
                effect: () => ({ rolls: [] }),
                why: "the issuer feeds only the linkerd-identity-issuer Secret and the linkerd-config ConfigMap, which no pod template checksums; identity reloads the mounted Secret (NewFsCredsWatcher, edge-26.8.3)",
            },
        ],
        source: "linkerd.md §1 (edge charts); every values change assumed to roll the control plane",
    },
    "linkerd-crds": { workloads: [], rules: [{ path: /./, effect: () => ({ rolls: [] }), why: "CRDs only" }], source: "linkerd.md" },
    "linkerd-multicluster": {
        workloads: [{ name: "linkerd-gateway", kind: "Deployment", replicas: ["gateway.replicas", 1], enabledBy: ["gateway.enabled", true] }],
        rules: [
            { path: /^controllers/, effect: linkerdControllers, why: "one service-mirror Deployment per controllers[] entry: only changed entries roll" },
            { path: /^gateway\./, effect: () => ({ rolls: ["linkerd-gateway"] }), why: "gateway values feed its pod template" },
        ],
        source: "linkerd.md §3 (gateway defaults, chart-managed service mirrors since 2.18)",
    },
    "linkerd-viz": {
        workloads: ["metrics-api", "prometheus", "tap", "tap-injector", "web"].map((name) => ({ name, kind: "Deployment" as const })),
        rules: [], source: "assumed: every values change rolls viz",
    },
    metallb: {
        workloads: [{ name: "metallb-controller", kind: "Deployment" }, { name: "metallb-speaker", kind: "DaemonSet" }],
        rules: [], source: "assumed: every values change rolls MetalLB",
    },
    traefik: { workloads: [{ name: "traefik", kind: "Deployment", replicas: ["deployment.replicas", 1] }], rules: [], source: "assumed" },
    "ingress-nginx": { workloads: [{ name: "ingress-nginx-controller", kind: "Deployment", replicas: ["controller.replicaCount", 1] }], rules: [], source: "assumed" },
};

/** The chart key of a release's `chart` input (OCI references by their last path part). */
export function chartKey(chart: string): string {
    return chart.split("/").pop() ?? chart;
}

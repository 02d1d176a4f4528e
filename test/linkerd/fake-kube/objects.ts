// Objects of a fake cluster, shaped as the pinned charts and controllers really render them (written in our own words
// from the upstream templates named on each builder; no template text copied).
import { FakeObject } from "./sandbox";

/**
 * How the proxy injector meshed a pod:
 * - `native-sidecar`: linkerd2@edge-26.8.3 (and every tag since edge-26.6.3, `proxy.nativeSidecar: true` in
 *   charts/linkerd-control-plane/values.yaml): charts/patch/templates/patch.json inserts linkerd-init at
 *   /spec/initContainers/0 and the proxy right after it, with `restartPolicy: Always` (charts/partials/templates/
 *   _proxy.tpl), as cli/cmd/testdata/inject_emojivoto_deployment.golden.yml shows;
 * - `container`: the same patch with `nativeSidecar: false` (every edge tag before 26.6.3): the proxy is appended to
 *   /spec/containers;
 * - `none`: the injector did not see the pod (it fails open).
 */
export type MeshShape = "native-sidecar" | "container" | "none";

/** Options of {@link meshedPod}. */
export interface PodOptions {
    /** Pod name. */
    readonly name: string;
    /** Namespace. */
    readonly namespace: string;
    /** The workload's own labels (the injector adds its own). */
    readonly labels: Readonly<Record<string, string>>;
    /** The workload's containers, by name. */
    readonly containers: readonly string[];
    /** How the injector meshed it. */
    readonly shape: MeshShape;
    /** With the linkerd-cni plugin the first init container is linkerd-network-validator (patch.json `cniEnabled`). */
    readonly cni?: boolean;
    /** The Deployment the pod belongs to (the injector's `linkerd.io/proxy-deployment` label). */
    readonly deployment?: string;
    /** Set when the pod is being deleted. */
    readonly deletionTimestamp?: string;
    /** Pod phase; @default Running. */
    readonly phase?: string;
}

const container = (name: string, extra: Record<string, unknown> = {}) => ({ name, image: `example.invalid/${name}:fixture`, ...extra });

/** A pod as the API returns it after the proxy injector's admission patch (or without one). */
export function meshedPod(options: PodOptions): FakeObject {
    const meshed = options.shape !== "none";
    const init = options.cni
        ? container("linkerd-network-validator")
        : container("linkerd-init", { securityContext: { capabilities: { add: ["NET_ADMIN", "NET_RAW"] } } });
    const proxy = container("linkerd-proxy", {
        ports: [
            { containerPort: 4143, name: "linkerd-proxy" },
            { containerPort: 4191, name: "linkerd-admin" },
        ],
        ...(options.shape === "native-sidecar" ? { restartPolicy: "Always" } : {}),
    });
    const own = options.containers.map((name) => container(name));
    const spec =
        options.shape === "native-sidecar"
            ? { initContainers: [init, proxy], containers: own }
            : options.shape === "container"
              ? { initContainers: [init], containers: [...own, proxy] }
              : { containers: own };
    const injected = meshed
        ? {
              "linkerd.io/control-plane-ns": "linkerd",
              "linkerd.io/workload-ns": options.namespace,
              ...(options.deployment ? { "linkerd.io/proxy-deployment": options.deployment } : {}),
          }
        : {};
    return {
        apiVersion: "v1",
        kind: "Pod",
        metadata: {
            name: options.name,
            namespace: options.namespace,
            labels: { ...options.labels, ...injected },
            annotations: meshed
                ? { "linkerd.io/created-by": "linkerd/proxy-injector edge-26.8.3", "linkerd.io/proxy-version": "edge-26.8.3" }
                : {},
            ...(options.deletionTimestamp ? { deletionTimestamp: options.deletionTimestamp } : {}),
        },
        spec,
        status: { phase: options.phase ?? "Running" },
    };
}

/** A Deployment with its status; `rolledOut: false` leaves one replica unavailable. */
export function deployment(
    name: string,
    namespace: string,
    options: { replicas?: number; rolledOut?: boolean; labels?: Record<string, string>; annotations?: Record<string, string> } = {},
): FakeObject {
    const replicas = options.replicas ?? 1;
    const available = options.rolledOut === false ? replicas - 1 : replicas;
    return {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name, namespace, generation: 1, labels: options.labels ?? {} },
        spec: { replicas, template: { metadata: { annotations: { ...(options.annotations ?? {}) } } } },
        status: { observedGeneration: 1, replicas, updatedReplicas: replicas, readyReplicas: available, availableReplicas: available },
    };
}

/** A CRD, Established unless said otherwise. */
export function crd(name: string, established = true): FakeObject {
    return {
        apiVersion: "apiextensions.k8s.io/v1",
        kind: "CustomResourceDefinition",
        metadata: { name },
        status: {
            conditions: [
                { type: "NamesAccepted", status: "True" },
                { type: "Established", status: established ? "True" : "False" },
            ],
        },
    };
}

/** A Service; `lbIp` fills in `status.loadBalancer` as a load balancer does. */
export function service(name: string, namespace: string, options: { labels?: Record<string, string>; lbIp?: string } = {}): FakeObject {
    return {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name, namespace, labels: options.labels ?? {} },
        spec: { type: options.lbIp ? "LoadBalancer" : "ClusterIP" },
        status: { loadBalancer: options.lbIp ? { ingress: [{ ip: options.lbIp, ipMode: "VIP" }] } : {} },
    };
}

/** The Endpoints of a Service, with ready addresses. */
export function endpoints(name: string, namespace: string, ips: readonly string[]): FakeObject {
    return {
        apiVersion: "v1",
        kind: "Endpoints",
        metadata: { name, namespace },
        subsets: ips.length > 0 ? [{ addresses: ips.map((ip) => ({ ip })) }] : [],
    };
}

/** A plain object of any kind (Secrets, ConfigMaps, Leases, Links). */
export function object(kind: string, name: string, namespace: string, body: Record<string, unknown> = {}): FakeObject {
    const { metadata, ...rest } = body as { metadata?: Record<string, unknown> };
    return { kind, metadata: { name, namespace, ...(metadata ?? {}) }, ...rest };
}

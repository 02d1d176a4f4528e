// The demo's objects: a web Service exported by one member, clients in the others, and the stretched-policy example.
import type * as k8s from "@pulumi/kubernetes";
import { MC_DEMO_CLIENT, MC_DEMO_NAMESPACE, MC_DEMO_OUTSIDER, MC_DEMO_SERVICE } from "./demo-proof";

export { MC_DEMO_CLIENT, MC_DEMO_NAMESPACE, MC_DEMO_OUTSIDER, MC_DEMO_SERVICE, mcDemoProofScript } from "./demo-proof";
export type { McDemoProofOptions } from "./demo-proof";
/** The web server (pinned as the project's other demo pins it). */
export const MC_DEMO_SERVER_IMAGE = "docker.io/nginx:1.27.1";
/** The client, which carries curl (pinned by digest). */
export const MC_DEMO_CLIENT_IMAGE =
    "quay.io/cilium/json-mock:v1.3.3@sha256:f26044a2b8085fcaa8146b6b8bb73556134d7ec3d5782c6a04a058c945924ca0";

/** A demo Deployment. */
export interface McDemoDeployment {
    /** Name and namespace. */
    metadata: { name: string; namespace: string };
    /** Spec as apps/v1 takes it. */
    spec: k8s.types.input.apps.v1.DeploymentSpec;
}

/** The exporter's objects: the answer naming its cluster, the web Deployment and Service. */
export interface McDemoServer {
    /** The answer. */
    readonly configMap: { metadata: { name: string; namespace: string }; data: Record<string, string> };
    /** nginx serving the answer. */
    readonly deployment: McDemoDeployment;
    /** The Service that is exported. */
    readonly service: {
        metadata: { name: string; namespace: string };
        spec: { ports: { name: string; port: number }[]; selector: Record<string, string> };
    };
}

function deployment(
    name: string,
    container: k8s.types.input.core.v1.Container,
    volumes: k8s.types.input.core.v1.Volume[] = [],
): McDemoDeployment {
    return {
        metadata: { name, namespace: MC_DEMO_NAMESPACE },
        spec: {
            replicas: 1,
            selector: { matchLabels: { app: name } },
            template: {
                metadata: { labels: { app: name } },
                spec: { containers: [container], ...(volumes.length > 0 ? { volumes } : {}) },
            },
        },
    };
}

/** The answer the exporter's web server gives. */
export function mcDemoAnswer(cluster: string): string {
    return `${JSON.stringify({ service: MC_DEMO_SERVICE, cluster })}\n`;
}

/** The exporter's objects. */
export function mcDemoServer(cluster: string): McDemoServer {
    return {
        configMap: { metadata: { name: "web-answer", namespace: MC_DEMO_NAMESPACE }, data: { "index.html": mcDemoAnswer(cluster) } },
        deployment: deployment(
            MC_DEMO_SERVICE,
            {
                name: "nginx",
                image: MC_DEMO_SERVER_IMAGE,
                ports: [{ containerPort: 80, name: "http" }],
                readinessProbe: { httpGet: { path: "/", port: 80 } },
                volumeMounts: [{ name: "answer", mountPath: "/usr/share/nginx/html/" }],
            },
            [{ name: "answer", configMap: { name: "web-answer" } }],
        ),
        service: {
            metadata: { name: MC_DEMO_SERVICE, namespace: MC_DEMO_NAMESPACE },
            spec: { ports: [{ name: "http", port: 80 }], selector: { app: MC_DEMO_SERVICE } },
        },
    };
}

/** An importer's client (it runs curl against the imported Service); `outsider` is the one the stretched policy refuses. */
export function mcDemoClient(name: typeof MC_DEMO_CLIENT | typeof MC_DEMO_OUTSIDER = MC_DEMO_CLIENT): McDemoDeployment {
    return deployment(name, { name, image: MC_DEMO_CLIENT_IMAGE });
}

/** An Antrea-native NetworkPolicy (`crd.antrea.io/v1beta1`, served by the antrea-crds.yml of v2.7.0). */
export interface McDemoPolicy {
    /** `crd.antrea.io/v1beta1`. */
    readonly apiVersion: "crd.antrea.io/v1beta1";
    /** `NetworkPolicy`. */
    readonly kind: "NetworkPolicy";
    /** Name and namespace. */
    readonly metadata: { readonly name: string; readonly namespace: string };
    /** Tier, priority, what it applies to and its ingress rules. */
    readonly spec: Readonly<Record<string, unknown>>;
}

/**
 * The stretched-policy example (user-guide.md "Ingress rule" of Multi-cluster NetworkPolicy, v2.7.0): web admits
 * `app=client` Pods of every cluster of the ClusterSet (`scope: ClusterSet`, matched through imported label
 * identities) on port 80, and drops everything else.
 */
export function mcDemoPolicy(): McDemoPolicy {
    return {
        apiVersion: "crd.antrea.io/v1beta1",
        kind: "NetworkPolicy",
        metadata: { name: "web-from-clusterset-clients", namespace: MC_DEMO_NAMESPACE },
        spec: {
            priority: 5,
            tier: "application",
            appliedTo: [{ podSelector: { matchLabels: { app: MC_DEMO_SERVICE } } }],
            ingress: [
                {
                    action: "Allow",
                    from: [{ scope: "ClusterSet", podSelector: { matchLabels: { app: MC_DEMO_CLIENT } } }],
                    ports: [{ protocol: "TCP", port: 80 }],
                },
                { action: "Drop" },
            ],
        },
    };
}

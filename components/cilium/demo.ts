// The rebel-base / x-wing demo of upstream examples/kubernetes/clustermesh, as plain manifests per cluster.
import type * as k8s from "@pulumi/kubernetes";
import { planServiceExport } from "../export/render";

/** Namespace of the demo (the same in every cluster, as global Services require). */
export const DEMO_NAMESPACE = "clustermesh-demo";
/** Image of rebel-base (as upstream's example pins it). */
export const REBEL_BASE_IMAGE = "docker.io/nginx:1.27.1";
/** Image of x-wing, the client (as upstream's example pins it, by digest). */
export const X_WING_IMAGE = "quay.io/cilium/json-mock:v1.3.3@sha256:f26044a2b8085fcaa8146b6b8bb73556134d7ec3d5782c6a04a058c945924ca0";

/** The demo objects of one cluster. */
export interface DemoManifests {
    /** The namespace. */
    readonly namespace: { metadata: { name: string } };
    /** rebel-base's answer, naming the cluster that served it. */
    readonly configMap: { metadata: { name: string; namespace: string }; data: Record<string, string> };
    /** rebel-base (nginx) and x-wing (curl client). */
    readonly deployments: readonly DemoDeployment[];
    /** The global Service `rebel-base`. */
    readonly service: {
        metadata: { name: string; namespace: string; annotations: Record<string, string> };
        spec: { type: "ClusterIP"; ports: { port: number }[]; selector: Record<string, string> };
    };
}

/** A demo Deployment. */
export interface DemoDeployment {
    /** Name and namespace. */
    metadata: { name: string; namespace: string };
    /** Spec as apps/v1 takes it. */
    spec: k8s.types.input.apps.v1.DeploymentSpec;
}

const curlProbe = { exec: { command: ["curl", "-sS", "-o", "/dev/null", "localhost"] } };

function deployment(
    name: string,
    container: k8s.types.input.core.v1.Container,
    volumes: k8s.types.input.core.v1.Volume[] = [],
): DemoDeployment {
    return {
        metadata: { name, namespace: DEMO_NAMESPACE },
        spec: {
            replicas: 2,
            selector: { matchLabels: { name } },
            template: { metadata: { labels: { name } }, spec: { containers: [container], ...(volumes.length > 0 ? { volumes } : {}) } },
        },
    };
}

/** The demo of one cluster: `curl rebel-base` from x-wing answers from every cluster of the mesh. */
export function demoManifests(cluster: string): DemoManifests {
    const httpProbe = { httpGet: { path: "/", port: 80 } };
    const rebelBase = deployment(
        "rebel-base",
        {
            name: "rebel-base",
            image: REBEL_BASE_IMAGE,
            volumeMounts: [{ name: "html", mountPath: "/usr/share/nginx/html/" }],
            livenessProbe: { ...httpProbe, periodSeconds: 1 },
            readinessProbe: httpProbe,
        },
        [{ name: "html", configMap: { name: "rebel-base-response", items: [{ key: "message", path: "index.html" }] } }],
    );
    const xWing = deployment("x-wing", {
        name: "x-wing-container",
        image: X_WING_IMAGE,
        livenessProbe: curlProbe,
        readinessProbe: curlProbe,
    });
    return {
        namespace: { metadata: { name: DEMO_NAMESPACE } },
        configMap: {
            metadata: { name: "rebel-base-response", namespace: DEMO_NAMESPACE },
            data: { message: `${JSON.stringify({ Galaxy: "Alderaan", Cluster: cluster })}\n` },
        },
        deployments: [rebelBase, xWing],
        service: {
            metadata: {
                name: "rebel-base",
                namespace: DEMO_NAMESPACE,
                annotations: {
                    ...planServiceExport(cluster, { name: "rebel-base", namespace: DEMO_NAMESPACE }, { mesh: "cilium" }).annotations,
                },
            },
            spec: { type: "ClusterIP", ports: [{ port: 80 }], selector: { name: "rebel-base" } },
        },
    };
}

/** The demo's Ingress: `/` to the global Service rebel-base, through Cilium's controller (IngressClass `cilium`). */
export interface DemoIngress {
    /** API version and kind. */
    readonly apiVersion: "networking.k8s.io/v1";
    /** Kind. */
    readonly kind: "Ingress";
    /** Name, namespace and the annotation that leaves the waiting to the demo's proof. */
    readonly metadata: { name: string; namespace: string; annotations: Record<string, string> };
    /** Class and the one rule. */
    readonly spec: k8s.types.input.networking.v1.IngressSpec;
}

/**
 * The guide's Ingress check, on the demo: the IngressClass is `cilium` (1.20.0 `cilium-ingress-class.yaml`); the shared
 * controller serves it on the `cilium-ingress` Service's address (`loadbalancerMode: shared`). pulumi-kubernetes would
 * await its status address without a bound of ours; `skipAwait` leaves that to the proof, which names what is missing.
 */
export function clusterMeshDemoIngress(): DemoIngress {
    return {
        apiVersion: "networking.k8s.io/v1",
        kind: "Ingress",
        metadata: { name: "rebel-base", namespace: DEMO_NAMESPACE, annotations: { "pulumi.com/skipAwait": "true" } },
        spec: {
            ingressClassName: "cilium",
            rules: [
                {
                    http: {
                        paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "rebel-base", port: { number: 80 } } } }],
                    },
                },
            ],
        },
    };
}

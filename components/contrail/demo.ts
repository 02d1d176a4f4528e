// Seed 002's closing proof as typed objects: a pod on the central cluster pings a pod on a distributed cluster (demo-proof.ts).
import type * as k8s from "@pulumi/kubernetes";

/**
 * The image of both demo pods: busybox carries `ping` and `sleep` (Docker Hub's `library/busybox:1.36.1`, pinned
 * by its index digest).
 */
export const CN2_DEMO_IMAGE = "docker.io/library/busybox:1.36.1@sha256:73aaf090f3d85aa34ee199857f03fa3a95c8ede2ffd4cc2cdb5b94e566b11662";
/**
 * Where the demo pods run: `default`, as in the seed, whose pods use the cluster's default pod network (with
 * fabric SNAT, so they reach each other across clusters without further configuration).
 */
export const CN2_DEMO_NAMESPACE = "default";
/** The pod on the central cluster that pings. */
export const CN2_DEMO_PROBE = "cn2-demo-probe";
/** The pod on each distributed cluster that is pinged. */
export const CN2_DEMO_TARGET = "cn2-demo-target";

/** A demo Pod as `core/v1` takes it. */
export interface DemoPod {
    /** Name, namespace, labels. */
    readonly metadata: { readonly name: string; readonly namespace: string; readonly labels: Readonly<Record<string, string>> };
    /** One busybox container that sleeps until it is stopped. */
    readonly spec: k8s.types.input.core.v1.PodSpec;
}

/** A demo pod: busybox sleeping (and stopping at once on TERM). */
export function demoPod(name: string): DemoPod {
    return {
        metadata: { name, namespace: CN2_DEMO_NAMESPACE, labels: { app: name, "app.kubernetes.io/part-of": "cn2-demo" } },
        spec: {
            containers: [
                {
                    name: "busybox",
                    image: CN2_DEMO_IMAGE,
                    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 3600 & wait $!; done"],
                },
            ],
            terminationGracePeriodSeconds: 5,
        },
    };
}

// The podinfo/frontend demo of seed 003 as typed manifests: podinfo exported, a non-exported apex split across clusters, nginx in front.
import type * as k8s from "@pulumi/kubernetes";
import { planServiceExport, withServiceExport } from "../export/render";
import { INJECT_ANNOTATION } from "./constants";
import { NamespaceManifest, meshedNamespace } from "./namespaces";
import { TrafficSplitInput, apexService, splitRoute } from "./split";

/** podinfo, pinned (the version linkerd/website's multicluster demo uses). */
export const PODINFO_IMAGE = "ghcr.io/stefanprodan/podinfo:6.7.0";
/** nginx for the frontend (Alpine: busybox `wget` serves the proof requests). */
export const FRONTEND_IMAGE = "docker.io/nginx:1.27.1-alpine";
/** Namespace of the demo (the seed's `test`). */
export const DEMO_NAMESPACE = "test";
/** The exported backend Service (mirrored as `podinfo-<cluster>` in every linked cluster). */
export const PODINFO = "podinfo";
/** The apex clients call: split across this cluster's podinfo and its peers' mirrors. */
export const PODINFO_APEX = "podinfo-split";
/** podinfo's HTTP port. */
export const PODINFO_PORT = 9898;
/** The frontend's HTTP port. */
export const FRONTEND_PORT = 8080;

/** Every manifest of one cluster's demo. */
export interface DemoManifests {
    /** The meshed namespace. */
    readonly namespace: NamespaceManifest;
    /** Deployments (podinfo, frontend). */
    readonly deployments: readonly k8s.apps.v1.DeploymentArgs[];
    /** The exported podinfo Service. */
    readonly podinfoService: Record<string, unknown>;
    /** The apex Service (not exported). */
    readonly apexService: Record<string, unknown>;
    /** The HTTPRoute splitting the apex (absent when the cluster mirrors no peer). */
    readonly route?: Record<string, unknown>;
    /** nginx config of the frontend. */
    readonly frontendConfig: Record<string, unknown>;
    /** The frontend Service (what an Ingress routes to). */
    readonly frontendService: Record<string, unknown>;
}

const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: DEMO_NAMESPACE, labels: { app: name }, ...extra });

function deployment(
    name: string,
    container: k8s.types.input.core.v1.Container,
    volumes: k8s.types.input.core.v1.Volume[] = [],
): k8s.apps.v1.DeploymentArgs {
    return {
        metadata: meta(name),
        spec: {
            replicas: 1,
            selector: { matchLabels: { app: name } },
            template: {
                metadata: { labels: { app: name }, annotations: { [INJECT_ANNOTATION]: "enabled" } },
                spec: { containers: [container], ...(volumes.length > 0 ? { volumes } : {}) },
            },
        },
    };
}

function podinfo(cluster: string): k8s.apps.v1.DeploymentArgs {
    const probe = (path: string) => ({ httpGet: { path, port: PODINFO_PORT }, periodSeconds: 5 });
    return deployment(PODINFO, {
        name: "podinfod",
        image: PODINFO_IMAGE,
        command: ["./podinfo", `--port=${PODINFO_PORT}`, "--level=info"],
        env: [{ name: "PODINFO_UI_MESSAGE", value: `greetings from ${cluster}` }],
        ports: [{ name: "http", containerPort: PODINFO_PORT }],
        readinessProbe: probe("/readyz"),
        livenessProbe: probe("/healthz"),
    });
}

/** nginx that proxies every request to the apex, so a page load goes through the split. */
export function frontendNginxConf(): string {
    const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `    ${kind}_temp_path /tmp/${kind}_temp;`);
    return [
        "pid /tmp/nginx.pid;",
        "error_log stderr;",
        "events {}",
        "http {",
        ...temp,
        "  server {",
        `    listen ${FRONTEND_PORT};`,
        "    location / {",
        `      proxy_pass http://${PODINFO_APEX}.${DEMO_NAMESPACE}.svc.cluster.local:${PODINFO_PORT}/;`,
        "      proxy_http_version 1.1;",
        "    }",
        "  }",
        "}",
        "",
    ].join("\n");
}

function frontend(): k8s.apps.v1.DeploymentArgs {
    return deployment(
        "frontend",
        {
            name: "nginx",
            image: FRONTEND_IMAGE,
            ports: [{ name: "http", containerPort: FRONTEND_PORT }],
            volumeMounts: [{ name: "config", mountPath: "/etc/nginx/nginx.conf", subPath: "nginx.conf" }],
            readinessProbe: { tcpSocket: { port: FRONTEND_PORT }, periodSeconds: 5 },
        },
        [{ name: "config", configMap: { name: "frontend" } }],
    );
}

const service = (name: string, port: number, annotations: Readonly<Record<string, string>> = {}) => ({
    metadata: meta(name, Object.keys(annotations).length > 0 ? { annotations: { ...annotations } } : {}),
    spec: { selector: { app: name }, ports: [{ name: "http", port, targetPort: port }] },
});

/** The split of one cluster's apex over its podinfo and the mirrors of the clusters it mirrors (equal shares by default). */
export function demoSplit(cluster: string, peers: readonly string[], weights?: Readonly<Record<string, number>>): TrafficSplitInput {
    return {
        namespace: DEMO_NAMESPACE,
        apex: PODINFO_APEX,
        service: PODINFO,
        port: PODINFO_PORT,
        local: cluster,
        peers,
        ...(weights ? { weights } : {}),
    };
}

/** Every manifest of the demo in `cluster`, which mirrors `peers`; `frontendServiceAnnotations` come from the ingress in front. */
export function demoManifests(
    cluster: string,
    peers: readonly string[],
    frontendServiceAnnotations: Readonly<Record<string, string>> = {},
    weights?: Readonly<Record<string, number>>,
): DemoManifests {
    const split = demoSplit(cluster, peers, weights);
    return {
        namespace: meshedNamespace(DEMO_NAMESPACE),
        deployments: [podinfo(cluster), frontend()],
        podinfoService: withServiceExport(
            service(PODINFO, PODINFO_PORT),
            planServiceExport(cluster, { name: PODINFO, namespace: DEMO_NAMESPACE }, { mesh: "linkerd" }),
        ),
        apexService: apexService(split, { app: PODINFO }),
        ...(peers.length > 0 ? { route: splitRoute(split) } : {}),
        frontendConfig: { metadata: meta("frontend"), data: { "nginx.conf": frontendNginxConf() } },
        frontendService: service("frontend", FRONTEND_PORT, frontendServiceAnnotations),
    };
}

/** How the cluster's ingress controller reaches the frontend. */
export interface DemoIngress {
    /** IngressClass of the controller. */
    readonly className: string;
    /** Annotations the controller needs on the Ingress (e.g. route to the Service IP so Linkerd's routing applies). */
    readonly annotations?: Readonly<Record<string, string>>;
    /** Annotations the controller needs on the backend Service. */
    readonly serviceAnnotations?: Readonly<Record<string, string>>;
    /** Host rule; @default every host. */
    readonly host?: string;
    /** The controller's in-cluster URL (`http://<service>.<namespace>.svc.cluster.local:<port>/`), where the proof sends its requests. */
    readonly url?: string;
}

/** The Ingress that sends every path to the frontend. */
export function demoIngress(ingress: DemoIngress): Record<string, unknown> {
    const annotations = ingress.annotations ?? {};
    const paths = [{ path: "/", pathType: "Prefix", backend: { service: { name: "frontend", port: { number: FRONTEND_PORT } } } }];
    return {
        metadata: meta("frontend", Object.keys(annotations).length > 0 ? { annotations: { ...annotations } } : {}),
        spec: { ingressClassName: ingress.className, rules: [{ ...(ingress.host ? { host: ingress.host } : {}), http: { paths } }] },
    };
}

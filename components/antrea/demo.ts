// The cross-cluster proof the seed stops short of: a Service exported by one member, answered through another's import.
import type * as k8s from "@pulumi/kubernetes";
import { kubectlScriptPreamble, rolloutLine } from "../shared/kubectl-wait";
import { sh } from "../shared/shell";
import { importedServiceName } from "./service-export";

/** Namespace of the demo, the same in every member (imports land in the exporter's namespace). */
export const MC_DEMO_NAMESPACE = "antrea-mc-demo";
/** The exported Service (and its Deployment). */
export const MC_DEMO_SERVICE = "web";
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
    readonly service: { metadata: { name: string; namespace: string }; spec: { ports: { name: string; port: number }[]; selector: Record<string, string> } };
}

function deployment(name: string, container: k8s.types.input.core.v1.Container, volumes: k8s.types.input.core.v1.Volume[] = []): McDemoDeployment {
    return {
        metadata: { name, namespace: MC_DEMO_NAMESPACE },
        spec: {
            replicas: 1,
            selector: { matchLabels: { app: name } },
            template: { metadata: { labels: { app: name } }, spec: { containers: [container], ...(volumes.length > 0 ? { volumes } : {}) } },
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
        deployment: deployment(MC_DEMO_SERVICE, {
            name: "nginx", image: MC_DEMO_SERVER_IMAGE, ports: [{ containerPort: 80, name: "http" }],
            readinessProbe: { httpGet: { path: "/", port: 80 } },
            volumeMounts: [{ name: "answer", mountPath: "/usr/share/nginx/html/" }],
        }, [{ name: "answer", configMap: { name: "web-answer" } }]),
        service: {
            metadata: { name: MC_DEMO_SERVICE, namespace: MC_DEMO_NAMESPACE },
            spec: { ports: [{ name: "http", port: 80 }], selector: { app: MC_DEMO_SERVICE } },
        },
    };
}

/** An importer's client (it runs curl against the imported Service). */
export function mcDemoClient(): McDemoDeployment {
    return deployment("client", { name: "client", image: MC_DEMO_CLIENT_IMAGE });
}

/** Options of {@link mcDemoProofScript}. */
export interface McDemoProofOptions {
    /** The importing member (the script runs against it). */
    readonly cluster: string;
    /** The exporting member, whose name the answer must carry. */
    readonly exporter: string;
    /** Bound of the wait. */
    readonly timeoutSeconds: number;
}

/** The proof: from the importer's client, the imported `antrea-mc-web` answers with the exporter's cluster name. */
export function mcDemoProofScript(options: McDemoProofOptions): string {
    const imported = importedServiceName(MC_DEMO_SERVICE);
    const url = `http://${imported}.${MC_DEMO_NAMESPACE}.svc`;
    const t = options.timeoutSeconds;
    const lines = [
        ...kubectlScriptPreamble(`Proof: Service ${MC_DEMO_SERVICE} exported by ${options.exporter} answers in ${options.cluster} as ${imported}.`),
        `k() { kubectl -n ${MC_DEMO_NAMESPACE} "$@"; }`,
        rolloutLine({ kind: "deployment", name: "client", namespace: MC_DEMO_NAMESPACE }, t),
        `expected=${sh(`"cluster":"${options.exporter}"`)}`,
        'answer="" pending=""',
        `deadline=$((SECONDS + ${t}))`,
        "until [[ \"$answer\" == *\"$expected\"* ]]; do",
        "  if (( SECONDS >= deadline )); then",
        `    echo ${sh(`cluster ${options.cluster}: ${imported}.${MC_DEMO_NAMESPACE} (exported by ${options.exporter}) did not answer within ${t}s:`)}" $pending" >&2`,
        "    exit 1",
        "  fi",
        "  sleep 5",
        `  if ! k get service ${sh(imported)} >/dev/null 2>&1; then pending="the import ${imported} does not exist yet"; continue; fi`,
        `  answer="$(k exec deploy/client -- curl -sS --max-time 5 ${sh(url)} 2>&1)" || true`,
        '  pending="last answer: ${answer:-none}"',
        "done",
        `echo ${sh(`cluster ${options.cluster}: ${imported} answered from ${options.exporter}:`)}" $answer"`,
    ];
    return `${lines.join("\n")}\n`;
}

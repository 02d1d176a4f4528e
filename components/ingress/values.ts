// The ingress controllers this area installs: Traefik (maintained, the default) and ingress-nginx (retired, legacy only).
import { HelmChartRef } from "../shared/helm";
import { ValidationIssue } from "../shared/validation";
import { ownedValueIssues } from "../shared/owned-values";
import { imageValueIssues, mergeValues } from "../shared/values-merge";

/** The controllers (an `as const` object: the schema's enum). */
export const IngressControllerKind = {
    /** Traefik: the default, maintained. */
    Traefik: "traefik",
    /** ingress-nginx: legacy, retired upstream in March 2026. */
    IngressNginx: "ingress-nginx",
} as const;

/** One of {@link IngressControllerKind}: `traefik` (default) or `ingress-nginx` (legacy). */
export type IngressControllerKind = (typeof IngressControllerKind)[keyof typeof IngressControllerKind];

/** What is known about one controller. */
export interface IngressControllerSpec {
    /** Chart and release (the release name fixes the workload and Service names). */
    readonly chart: HelmChartRef;
    /** The controller Deployment. */
    readonly deployment: string;
    /** Its LoadBalancer Service. */
    readonly service: string;
    /** Selector of its pods. */
    readonly podSelector: string;
    /** The IngressClass it serves. */
    readonly className: string;
    /**
     * Ingress annotations that make it send traffic to the Service's cluster IP instead of pod IPs, so the Linkerd
     * proxy sees the Service and applies its routes and splits (Linkerd's "using ingress" guide).
     */
    readonly ingressAnnotations: Readonly<Record<string, string>>;
    /** Backend Service annotations with the same purpose. */
    readonly serviceAnnotations: Readonly<Record<string, string>>;
    /** The HTTP port of its Service (the chart default the proof sends requests to). */
    readonly httpPort: number;
    /**
     * Value paths the gate, the proof and the Ingresses rely on (names, class, kind, port, the Ingress status the
     * controller publishes and pulumi-kubernetes awaits), so the escape hatch may not set them (see `OwnedValue.key`).
     */
    readonly ownedValuePaths: readonly string[];
}

/** Traefik v3 (chart 41.3.0 = Traefik v3.7.11) and ingress-nginx 4.15.1 (controller v1.15.1, its final release). */
export const INGRESS_CONTROLLERS: Readonly<Record<IngressControllerKind, IngressControllerSpec>> = {
    traefik: {
        chart: { chart: "traefik", repo: "https://traefik.github.io/charts", releaseName: "traefik", namespace: "traefik" },
        deployment: "traefik",
        service: "traefik",
        podSelector: "app.kubernetes.io/name=traefik",
        className: "traefik",
        ingressAnnotations: {},
        serviceAnnotations: { "traefik.ingress.kubernetes.io/service.nativelb": "true" },
        // traefik/values.yaml@v41.3.0: `ports.web.exposedPort: 80`; the names follow the release name unless overridden.
        httpPort: 80,
        ownedValuePaths: [
            "nameOverride",
            "fullnameOverride",
            "deployment.kind",
            "deployment.enabled",
            "ingressClass",
            "ports.web.exposedPort",
            "ports.web.expose",
            "service.enabled",
            "service.nameOverride",
            "service.spec.type",
            "providers.kubernetesIngress.nativeLBByDefault",
            "providers.kubernetesCRD.nativeLBByDefault",
            "providers.kubernetesIngress.enabled",
            "providers.kubernetesIngress.publishedService",
            'deployment.podAnnotations["linkerd.io/inject"]',
        ],
    },
    "ingress-nginx": {
        chart: {
            chart: "ingress-nginx",
            repo: "https://kubernetes.github.io/ingress-nginx",
            releaseName: "ingress-nginx",
            namespace: "ingress-nginx",
        },
        deployment: "ingress-nginx-controller",
        service: "ingress-nginx-controller",
        podSelector: "app.kubernetes.io/name=ingress-nginx,app.kubernetes.io/component=controller",
        className: "nginx",
        ingressAnnotations: { "nginx.ingress.kubernetes.io/service-upstream": "true" },
        serviceAnnotations: {},
        // ingress-nginx charts/ingress-nginx/values.yaml@helm-chart-4.15.1: `controller.service.ports.http: 80`.
        httpPort: 80,
        ownedValuePaths: [
            "controller.name",
            "controller.kind",
            "controller.ingressClassResource",
            "controller.ingressClass",
            "controller.admissionWebhooks.enabled",
            "controller.service.enabled",
            "controller.service.type",
            "controller.service.ports.http",
            "controller.publishService",
            'controller.podAnnotations["linkerd.io/inject"]',
        ],
    },
};

/** The controller's in-cluster URL (its Service's HTTP port), which the demo proof sends requests to. */
export function ingressServiceUrl(spec: IngressControllerSpec): string {
    return `http://${spec.service}.${spec.chart.namespace}.svc.cluster.local:${spec.httpPort}/`;
}

/**
 * Escape-hatch keys (`values`) that would rename, re-kind, re-class or unmesh what the gate, proof and Ingresses rely
 * on, each with the value written, and image values that would not pull.
 */
export function ownedIngressValueIssues(
    kind: IngressControllerKind,
    values: Readonly<Record<string, unknown>> | undefined,
    path = "values",
): ValidationIssue[] {
    const found = {
        problem: `overrides a value the ${kind} layer sets or relies on (names, kind, IngressClass, port, mesh annotation)`,
        fix: "remove it; the controller is installed with the chart's names so the gate and the demo find it",
    };
    const owned = ownedValueIssues(
        values,
        INGRESS_CONTROLLERS[kind].ownedValuePaths.map((key) => ({ key, setting: "ingress" })),
        path,
        { wording: { overrides: () => found, replaces: () => found } },
    );
    return [...owned, ...imageValueIssues(values, path, owned)];
}

/** The warning the legacy controller prints (ingress-nginx README, "Ingress NGINX Retirement"). */
export const INGRESS_NGINX_RETIRED =
    "ingress.kind ingress-nginx is retired upstream: no releases, bug fixes or security updates after March 2026 (4.15.1 is the last); " +
    'it is installed only as a legacy option: move to ingress.kind "traefik"';

/** Pod annotations that mesh the controller (never on the namespace: ingress-nginx's hook Jobs would never finish). */
function meshAnnotations(meshed: boolean): Record<string, string> {
    return meshed ? { "linkerd.io/inject": "enabled" } : {};
}

/**
 * Traefik values (keys checked against chart 41.3.0): meshed by pod annotation, its IngressClass, and native
 * load balancing by default for Ingresses and IngressRoutes (traffic to the Service's cluster IP, so Linkerd's
 * HTTPRoute split applies, as ingress-nginx's `service-upstream` does). Its Gateway API provider stays off.
 */
export function traefikValues(meshed: boolean, extra: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
    const podAnnotations = meshAnnotations(meshed);
    return mergeValues(
        {
            ...(meshed ? { deployment: { podAnnotations } } : {}),
            ingressClass: { enabled: true, isDefaultClass: true, name: INGRESS_CONTROLLERS.traefik.className },
            providers: { kubernetesIngress: { nativeLBByDefault: true }, kubernetesCRD: { nativeLBByDefault: true } },
        },
        extra,
    );
}

/**
 * ingress-nginx values (keys checked against chart 4.15.1): meshed by pod annotation; the admission webhook
 * is off, because its certificate Jobs are Helm hooks (`job-createSecret.yaml`) this project does not rely on.
 */
export function ingressNginxValues(meshed: boolean, extra: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
    const podAnnotations = meshAnnotations(meshed);
    return mergeValues(
        {
            controller: {
                ...(meshed ? { podAnnotations } : {}),
                admissionWebhooks: { enabled: false },
                ingressClassResource: { enabled: true, default: true, name: INGRESS_CONTROLLERS["ingress-nginx"].className },
                ingressClass: INGRESS_CONTROLLERS["ingress-nginx"].className,
            },
        },
        extra,
    );
}

/** The chart values of a controller. */
export function ingressValues(
    kind: IngressControllerKind,
    meshed: boolean,
    extra: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
    return kind === "traefik" ? traefikValues(meshed, extra) : ingressNginxValues(meshed, extra);
}

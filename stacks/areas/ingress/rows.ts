// The ingress rows: Traefik (default, maintained) or the legacy ingress-nginx in every cluster, meshed with Linkerd when the mesh is Linkerd.
import * as pulumi from "@pulumi/pulumi";
import { IngressControllerKind, ingressServiceUrl, ownedIngressValueIssues } from "../../../components/ingress/controllers";
import { IngressController } from "../../../components/ingress/ingress";
import { DemoIngress } from "../../../components/linkerd/demo-manifests";
import { parseRange } from "../../../components/network/cidr";
import { ValidationIssue, issue } from "../../../components/shared/validation";
import { StackConfig } from "../../config/types";
import { LayerContext, LayerResult, LayerRow, factKey } from "../../layers/layer";
import { linkerdGatewayIps } from "../linkerd/validate";

/** One cluster's ingress controller as apps use it: how an Ingress reaches them, and what an Ingress waits for. */
export interface IngressRoute {
    /** IngressClass and the annotations Linkerd needs. */
    readonly route: DemoIngress;
    /** The controller serving (the Ingresses to it and the proofs through it wait for it; nothing else does). */
    readonly ready: readonly pulumi.Resource[];
}

/** Each cluster's ingress controller (left for the apps rows instead of `ready`, so apps wait for it only where they use it). */
export const INGRESS_ROUTES = factKey<Readonly<Record<string, IngressRoute>>>("ingress routes");

type ControllerIngress = Extract<StackConfig["ingress"], { kind: IngressControllerKind }>;

function controllerIngress(config: StackConfig): ControllerIngress {
    if (config.ingress.kind !== "traefik" && config.ingress.kind !== "ingress-nginx") {
        throw new Error(`internal: an ingress-controller row runs with ingress.kind ${config.ingress.kind}`);
    }
    return config.ingress;
}

/** Whether the controller is meshed: as configured, else whenever the mesh is Linkerd. */
function meshed(config: StackConfig): boolean {
    return controllerIngress(config).meshed ?? config.mesh.kind === "linkerd";
}

/** Addresses in a cluster's pools (capped; only "at least one left" matters). */
function poolAddresses(pools: readonly string[]): bigint {
    return pools.map(parseRange).reduce((sum, range) => sum + (range ? range.last - range.first + 1n : 0n), 0n);
}

/** The controller's Service needs a LoadBalancer address in every cluster, and meshing needs Linkerd. */
function checkController(config: StackConfig): ValidationIssue[] {
    const ingress = controllerIngress(config);
    const found: ValidationIssue[] = [...ownedIngressValueIssues(ingress.kind, ingress.values, "ingress.values")];
    if (ingress.meshed === true && config.mesh.kind !== "linkerd") {
        found.push(issue("ingress.meshed", true, `needs mesh.kind "linkerd" but mesh.kind is "${config.mesh.kind}"`, "set mesh.kind: linkerd, or ingress.meshed: false"));
    }
    if (config.loadBalancer.kind === "none") {
        // With pools given, the unused-settings rule already names them as ignored and says to set loadBalancer.kind.
        if (config.clusters.every((cluster) => cluster.loadBalancerPools.length === 0)) {
            found.push(issue("loadBalancer.kind", "none", `leaves the ${ingress.kind} Service without a LoadBalancer address`,
                "give the clusters loadBalancerPools (MetalLB, or Cilium LB IPAM with Cilium)"));
        }
        return found;
    }
    const gateways = linkerdGatewayIps(config);
    config.clusters.forEach((cluster, index) => {
        const reserved = gateways[cluster.name] ? 1n : 0n;
        if (poolAddresses(cluster.loadBalancerPools) <= reserved) {
            found.push(issue(`clusters[${index}].loadBalancerPools`, cluster.loadBalancerPools,
                `leaves no address for the ${ingress.kind} Service${reserved ? " after the Linkerd gateway's" : ""}`, "add addresses to the cluster's pools"));
        }
    });
    return found;
}

/**
 * An `IngressController` per cluster (`ingress-<cluster>`), after the earlier layers (so Linkerd's injector serves
 * first). Its readiness goes to the apps rows as a fact, so only what uses the ingress waits for it.
 */
function wireController(context: LayerContext): LayerResult {
    const { config, clusters } = context;
    const ingress = controllerIngress(config);
    const isMeshed = meshed(config);
    const version = ingress.kind === "traefik" ? config.versions.traefik : config.versions.ingressNginx;
    const controllers = clusters.map(({ config: entry, cluster }) => [entry.name, new IngressController(`ingress-${entry.name}`, {
        cluster, kind: ingress.kind, version, meshed: isMeshed, values: ingress.values, dependsOn: context.readyIn(entry.name),
    })] as const);
    context.facts.set(INGRESS_ROUTES, Object.fromEntries(controllers.map(([name, controller]) => [name, {
        route: {
            className: controller.spec.className,
            annotations: controller.spec.ingressAnnotations,
            serviceAnnotations: controller.spec.serviceAnnotations,
            url: ingressServiceUrl(controller.spec),
        },
        ready: controller.ready,
    }])));
    return { outputs: { controller: ingress.kind, meshed: isMeshed } };
}

/** ingress: traefik. */
export const traefikIngressRow: LayerRow = { title: "Traefik per cluster (meshed with Linkerd)", check: checkController, wire: wireController };

/** ingress: ingress-nginx (legacy; warns at `up`). */
export const ingressNginxRow: LayerRow = { title: "ingress-nginx per cluster (legacy, retired upstream)", check: checkController, wire: wireController };

// The ingress rows: Traefik (default, maintained) or the legacy ingress-nginx in every cluster, meshed with Linkerd when the mesh is Linkerd.
import { IngressControllerKind, ingressServiceUrl, ownedIngressValueIssues } from "../../../components/ingress/values";
import { IngressController } from "../../../components/ingress/ingress";
import { parseRange } from "../../../components/network/cidr";
import { ValidationIssue, issue } from "../../../components/shared/validation";
import { meshesIngress, reservedAddresses } from "../../config/capabilities";
import { StackConfig } from "../../config/types";
import { INGRESS_ROUTES } from "../../layers/facts";
import { LayerContext, LayerResult, LayerRow } from "../../layers/layer";

type ControllerIngress = Extract<StackConfig["ingress"], { kind: IngressControllerKind }>;

function controllerIngress(config: StackConfig): ControllerIngress {
    if (config.ingress.kind !== "traefik" && config.ingress.kind !== "ingress-nginx") {
        throw new Error(`internal: an ingress-controller row runs with ingress.kind ${config.ingress.kind}`);
    }
    return config.ingress;
}

/** Whether the controller is meshed: as configured, else whenever the mesh meshes ingress (Linkerd). */
function meshed(config: StackConfig): boolean {
    return controllerIngress(config).meshed ?? meshesIngress(config.mesh);
}

/** Addresses in a cluster's pools (capped; only "at least one left" matters). */
function poolAddresses(pools: readonly string[]): bigint {
    return pools.map(parseRange).reduce((sum, range) => sum + (range ? range.last - range.first + 1n : 0n), 0n);
}

/** The controller's Service needs a LoadBalancer address in every cluster, and meshing needs Linkerd. */
function checkController(config: StackConfig): ValidationIssue[] {
    const ingress = controllerIngress(config);
    const found: ValidationIssue[] = [...ownedIngressValueIssues(ingress.kind, ingress.values, "ingress.values")];
    if (ingress.meshed === true && !meshesIngress(config.mesh)) {
        found.push(
            issue(
                "ingress.meshed",
                true,
                `needs mesh.kind "linkerd" but mesh.kind is "${config.mesh.kind}"`,
                "set mesh.kind: linkerd, or ingress.meshed: false",
            ),
        );
    }
    if (config.loadBalancer.kind === "none") {
        // With pools given, the unused-settings rule already names them as ignored and says to set loadBalancer.kind.
        if (config.clusters.every((cluster) => cluster.loadBalancerPools.length === 0)) {
            found.push(
                issue(
                    "loadBalancer.kind",
                    "none",
                    `leaves the ${ingress.kind} Service without a LoadBalancer address`,
                    "give the clusters loadBalancerPools (MetalLB, or Cilium LB IPAM with Cilium)",
                ),
            );
        }
        return found;
    }
    const reservedBy = reservedAddresses(config);
    config.clusters.forEach((cluster, index) => {
        const pinned = reservedBy[cluster.name];
        if (poolAddresses(cluster.loadBalancerPools) <= (pinned ? 1n : 0n)) {
            found.push(
                issue(
                    `clusters[${index}].loadBalancerPools`,
                    cluster.loadBalancerPools,
                    `leaves no address for the ${ingress.kind} Service${pinned ? ` after ${pinned.owner}'s` : ""}`,
                    "add addresses to the cluster's pools",
                ),
            );
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
    const controllers = clusters.map(
        ({ config: entry, cluster }) =>
            [
                entry.name,
                new IngressController(
                    `ingress-${entry.name}`,
                    { cluster, kind: ingress.kind, version, meshed: isMeshed, values: ingress.values },
                    { dependsOn: [...context.readyIn(entry.name)] },
                ),
            ] as const,
    );
    context.facts.set(
        INGRESS_ROUTES,
        Object.fromEntries(
            controllers.map(([name, controller]) => [
                name,
                {
                    route: {
                        className: controller.spec.className,
                        annotations: controller.spec.ingressAnnotations,
                        serviceAnnotations: controller.spec.serviceAnnotations,
                        url: ingressServiceUrl(controller.spec),
                    },
                    ready: controller.ready,
                },
            ]),
        ),
    );
    return { outputs: { controller: ingress.kind, meshed: isMeshed } };
}

/** ingress: traefik. */
export const traefikIngressRow: LayerRow = {
    title: "Traefik per cluster (meshed with Linkerd)",
    check: checkController,
    wire: wireController,
};

/** ingress: ingress-nginx (legacy; warns at `up`). */
export const ingressNginxRow: LayerRow = {
    title: "ingress-nginx per cluster (legacy, retired upstream)",
    check: checkController,
    wire: wireController,
};

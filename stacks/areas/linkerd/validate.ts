// Pure Linkerd facts and rules derived from the stack config: links, gateway addresses, and every check of the Linkerd row.
import { anchorRotationIssues } from "../../../components/linkerd/anchor-rotation";
import { lifetimeIssues } from "../../../components/linkerd/certs";
import { demoIssues } from "../../../components/linkerd/demo-checks";
import { mirrorsOf } from "../../../components/linkerd/link";
import { gatewayIpProblem } from "../../../components/linkerd/gateway-ip";
import {
    kindImageVersionIssues,
    kubernetesVersionIssues,
    linkedNameIssues,
    linkerdVersionIssues,
    socketLbIssues,
} from "../../../components/linkerd/validate";
import { linkerdValueIssues } from "../../../components/linkerd/values";
import { ValidationIssue, fieldPaths, issue, keyPath } from "../../../components/shared/validation";
import { pinAnnotations, socketServiceLb } from "../../config/capabilities";
import { StackConfig } from "../../config/types";
import { checkNamed, checkNamedKeys, meshOfAtLeastTwo } from "../../layers/checks";
import { LinkerdMesh, linkerdMeshOf, targets, validLinks } from "./gateways";

export { linkerdGatewayIps, linkerdLinks, linkerdMeshOf } from "./gateways";
export type { LinkerdMesh } from "./gateways";

/** Annotations that make the stack's load balancer assign exactly `ip` (none: `spec.loadBalancerIP` is used). */
export function gatewayIpAnnotations(config: Pick<StackConfig, "loadBalancer">, ip: string): Record<string, string> {
    return pinAnnotations(config.loadBalancer, ip);
}

/** Link names, self-links, duplicates, and a list that links nothing. */
function linkIssues(config: StackConfig, mesh: LinkerdMesh): ValidationIssue[] {
    if (mesh.links?.length === 0) {
        return [
            issue(
                "mesh.links",
                [],
                "links no clusters, so no cluster would mirror another",
                "remove mesh.links to link every ordered pair, or list the pairs",
            ),
        ];
    }
    const seen = new Set<string>();
    return (mesh.links ?? []).flatMap((link, i) => {
        const key = `${link.from}>${link.to}`;
        const duplicate = seen.has(key);
        seen.add(key);
        return [
            ...checkNamed(`mesh.links[${i}].from`, link.from, config),
            ...checkNamed(`mesh.links[${i}].to`, link.to, config),
            ...(link.from === link.to
                ? [issue(`mesh.links[${i}].to`, link.to, "is the same cluster as from", "link two different clusters")]
                : []),
            ...(duplicate ? [issue(`mesh.links[${i}]`, link, "is listed twice", "list each ordered pair once")] : []),
        ];
    });
}

/**
 * Every mirrored cluster needs a gateway address inside its pools, a load balancer, and a name short enough. One
 * sentence per cause: a cluster without pools is named at its pools (a load balancer would have nothing to hand out
 * there either), and `loadBalancer.kind: none` once, for the mirrored clusters whose pools it leaves unused.
 */
function gatewayIssues(config: StackConfig, mesh: LinkerdMesh): ValidationIssue[] {
    const mirrored = targets(config, mesh);
    const unserved: string[] = [];
    const found = config.clusters.flatMap((cluster, index) => {
        const pinned = mesh.gatewayIps[cluster.name];
        const pinnedIssue = pinned === undefined ? undefined : gatewayIpProblem(pinned, cluster.loadBalancerPools);
        if (!mirrored.has(cluster.name)) {
            return pinned === undefined
                ? []
                : [
                      issue(
                          keyPath("mesh.gatewayIps", cluster.name),
                          pinned,
                          "is set, but no link mirrors this cluster, so it runs no Linkerd gateway and the address is not used",
                          `remove it, or add a link to ${cluster.name} in mesh.links`,
                      ),
                  ];
        }
        const issues = [...linkedNameIssues(`clusters[${index}].name`, cluster.name)];
        if (pinnedIssue) {
            issues.push(issue(keyPath("mesh.gatewayIps", cluster.name), pinned, pinnedIssue.problem, pinnedIssue.fix));
        } else if (cluster.loadBalancerPools.length === 0) {
            issues.push(
                issue(
                    `clusters[${index}].loadBalancerPools`,
                    [],
                    "is empty, but other clusters mirror this one through its Linkerd gateway, which needs a LoadBalancer address",
                    "add a pool from the node network (kind: the Docker network) for the gateway to take its address from",
                ),
            );
        }
        if (cluster.loadBalancerPools.length > 0) {
            unserved.push(cluster.name);
        }
        return issues;
    });
    return config.loadBalancer.kind === "none" && unserved.length > 0
        ? [
              ...found,
              issue(
                  "loadBalancer.kind",
                  "none",
                  `leaves the Linkerd gateway of ${unserved.length === 1 ? "cluster" : "clusters"} ${unserved.join(", ")} without a LoadBalancer address`,
                  'set loadBalancer.kind to "metallb" (or "cilium-lb-ipam" with Cilium)',
              ),
          ]
        : found;
}

/** Versions the pinned charts need: an edge chart, and Kubernetes 1.31 or newer on every cluster. */
function versionIssues(config: StackConfig): ValidationIssue[] {
    return [
        ...linkerdVersionIssues("versions.linkerd", config.versions.linkerd),
        ...(config.clusters.some((cluster) => cluster.provisioner === "kubeadm")
            ? kubernetesVersionIssues("versions.kubernetes", config.versions.kubernetes)
            : []),
        ...(config.clusters.some((cluster) => cluster.provisioner === "kind")
            ? kindImageVersionIssues("versions.kindNodeImage", config.versions.kindNodeImage)
            : []),
    ];
}

/** The CNI's socket-level Service load balancing, by LinkerdInstall's own rule ({@link socketLbIssues}), at the CNI's key. */
function ciliumIssues(config: StackConfig): ValidationIssue[] {
    const socketLb = socketServiceLb(config.cni);
    return socketLb ? socketLbIssues(socketLb.path, socketLb.hostNamespaceOnly) : [];
}

/** Settings the chosen options ignore: viz values without viz. */
function unusedIssues(mesh: LinkerdMesh): ValidationIssue[] {
    return mesh.viz === false && mesh.values?.viz !== undefined && Object.keys(mesh.values.viz).length > 0
        ? [
              issue(
                  "mesh.values.viz",
                  mesh.values.viz,
                  "is set, but mesh.viz is false, so linkerd-viz is not installed and the values are not used",
                  "remove mesh.values.viz, or set mesh.viz: true",
              ),
          ]
        : [];
}

/** Where LinkerdTrust's lifetimes live in the stack config. */
const TRUST_PATHS = fieldPaths(
    Object.fromEntries(
        (["anchorValidityHours", "issuerValidityHours", "issuerRenewBeforeHours"] as const).map((key) => [key, `mesh.trust.${key}`]),
    ),
);

/** The trust lifetimes and the anchor roll, by LinkerdTrust's own rules, at their stack paths. */
function trustIssues(mesh: LinkerdMesh): ValidationIssue[] {
    return [...lifetimeIssues(mesh.trust ?? {}, TRUST_PATHS), ...anchorRotationIssues(mesh.rotation?.anchor, "mesh.rotation.anchor")];
}

/**
 * Every Linkerd rule over the stack, all at once. Rules about gateways only count the links between two distinct
 * clusters of the stack, so a broken link is reported once and hides none of the other rules.
 */
export function linkerdConfigIssues(config: StackConfig): ValidationIssue[] {
    const mesh = linkerdMeshOf(config);
    if (!mesh) {
        return [];
    }
    return [
        ...meshOfAtLeastTwo(config),
        ...linkIssues(config, mesh),
        ...checkNamedKeys("mesh.gatewayIps", mesh.gatewayIps, config),
        ...gatewayIssues(config, mesh),
        ...versionIssues(config),
        ...ciliumIssues(config),
        ...trustIssues(mesh),
        ...linkerdValueIssues("mesh.values", mesh.values),
        ...unusedIssues(mesh),
    ];
}

/**
 * The demo's rules (LinkerdDemo's own, per cluster over the clusters it mirrors), each at the name of the cluster
 * whose name breaks it; one sentence per cluster however many clusters mirror it.
 */
export function linkerdDemoIssues(config: StackConfig): ValidationIssue[] {
    const mesh = linkerdMeshOf(config);
    if (!mesh) {
        return [];
    }
    const pairs = validLinks(config, mesh);
    const index = new Map(config.clusters.map((cluster, i) => [cluster.name, i]));
    const found = config.clusters.flatMap((cluster) => {
        const peers = mirrorsOf(cluster.name, pairs);
        const paths = fieldPaths(Object.fromEntries(peers.map((peer, i) => [`peers[${i}]`, `clusters[${index.get(peer)}].name`])));
        return demoIssues(cluster.name, peers, undefined, paths).map((entry) =>
            entry.parts ? issue(entry.path, entry.parts.value, entry.parts.problem, `${entry.parts.fix}, or turn mesh.demo off`) : entry,
        );
    });
    return found.filter((entry, i) => found.findIndex((other) => other.message === entry.message) === i);
}

// Rules of the demo that hold for library users and stacks alike: the Service names it derives from cluster names.
import { PathMapper, ValidationIssue, issue, keyPath, ownPaths } from "../shared/validation";
import { dnsSubdomainProblem, labelKeyProblem, urlProblem } from "../shared/value-kinds";
import { DemoIngress, PODINFO, PODINFO_APEX, demoSplit } from "./demo";
import { mirroredServiceName } from "./export";
import { splitIssues } from "./split";

/** A Service name: a DNS-1123 label of at most 63 characters. */
const SERVICE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Each peer's podinfo mirror (`podinfo-<peer>`) must be a valid Service name other than the apex's. */
function peerNameIssues(peers: readonly string[], at: PathMapper): ValidationIssue[] {
    return peers.flatMap((peer, i) => {
        const mirror = mirroredServiceName(PODINFO, peer);
        if (mirror === PODINFO_APEX) {
            const problem = `makes the demo's mirror name ${mirror}, which the demo's split Service already has in every cluster that mirrors it`;
            return [issue(at(`peers[${i}]`), peer, problem, "rename the cluster")];
        }
        if (mirror.length > 63) {
            return [
                issue(
                    at(`peers[${i}]`),
                    peer,
                    `makes the demo's mirror name ${mirror} longer than 63 characters`,
                    "shorten the cluster name",
                ),
            ];
        }
        if (!SERVICE_NAME.test(mirror)) {
            return [
                issue(
                    at(`peers[${i}]`),
                    peer,
                    `makes the demo's mirror name ${mirror}, which is not a DNS-1123 label`,
                    "use a lowercase DNS-1123 label as the cluster name",
                ),
            ];
        }
        return [];
    });
}

/**
 * Every problem of the demo in `cluster`, which mirrors `peers`: the mirror names the peers give, then the split's
 * own rules (without its apex rule when a peer's name already explains the clash). `at` names the peers' keys.
 */
export function demoIssues(
    cluster: string,
    peers: readonly string[],
    weights?: Readonly<Record<string, number>>,
    at: PathMapper = ownPaths,
): ValidationIssue[] {
    const named = peerNameIssues(peers, at);
    const split = splitIssues(demoSplit(cluster, peers, weights));
    return [...named, ...(named.length > 0 ? split.filter((found) => found.path !== "apex") : split)];
}

/**
 * The ingress in front of the demo, each value as what it is: the IngressClass and host as DNS subdomains, annotation
 * keys as label keys (values are free text), the controller's URL as an http(s) URL without credentials.
 */
export function demoIngressIssues(ingress: DemoIngress | undefined): ValidationIssue[] {
    if (!ingress) {
        return [];
    }
    const keys = (path: string, annotations: Readonly<Record<string, string>> = {}) =>
        Object.keys(annotations).map((key) => [keyPath(path, key), key, labelKeyProblem(key)] as const);
    const checks = [
        ["ingress.className", ingress.className, dnsSubdomainProblem(ingress.className)] as const,
        ...(ingress.host === undefined ? [] : [["ingress.host", ingress.host, dnsSubdomainProblem(ingress.host)] as const]),
        ...(ingress.url === undefined
            ? []
            : [["ingress.url", ingress.url, urlProblem(ingress.url, { schemes: ["http", "https"] })] as const]),
        ...keys("ingress.annotations", ingress.annotations),
        ...keys("ingress.serviceAnnotations", ingress.serviceAnnotations),
    ];
    return checks.flatMap(([path, value, problem]) => (problem ? [issue(path, value, problem.problem, problem.fix)] : []));
}

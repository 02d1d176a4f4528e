// Rules of a Linkerd install or link that hold for library users and stacks alike, each as one sentence.
import { parseAddress } from "../network/cidr";
import { ValidationIssue, issue, keyPath } from "../shared/validation";
import { labelKeyProblem } from "../shared/value-kinds";
import { MIN_EDGE_CHART, MIN_KUBERNETES, compareVersions } from "./constants";
import { gatewayIpProblem } from "./gateway-ip";
import { LinkerdCni, LinkerdCniKind } from "./types";

/** Longest cluster name a link can target: the chart names its probe Service `probe-<cluster>`, a 63-character DNS label. */
export const MAX_LINKED_NAME = 63 - "probe-".length;

/** The chart version must be an edge release with chart-managed service mirrors and v1alpha3 Links. */
export function linkerdVersionIssues(path: string, version: string): ValidationIssue[] {
    if (!/^\d{4}\.(?:[1-9]|1[0-2])\.\d+$/.test(version)) {
        return [
            issue(
                path,
                version,
                "is not a Linkerd edge chart version (YYYY.M.N, e.g. 2026.8.3 for edge-26.8.3)",
                "use the chart version of an edge release; stable 2.x chart versions are not supported",
            ),
        ];
    }
    if (compareVersions(version, MIN_EDGE_CHART) < 0) {
        return [
            issue(
                path,
                version,
                `is older than edge chart ${MIN_EDGE_CHART} (Linkerd 2.18), the first whose charts run the service mirrors and serve Link v1alpha3`,
                `use ${MIN_EDGE_CHART} or newer`,
            ),
        ];
    }
    return [];
}

/** The pinned charts need Kubernetes 1.31 or newer (`kubeVersion` in every chart; Helm refuses older clusters). */
export function kubernetesVersionIssues(path: string, version: string | undefined): ValidationIssue[] {
    if (version === undefined || compareVersions(version, MIN_KUBERNETES) >= 0) {
        return [];
    }
    return [
        issue(
            path,
            version,
            `is older than Kubernetes ${MIN_KUBERNETES}, which the pinned Linkerd charts require`,
            `use Kubernetes ${MIN_KUBERNETES} or newer`,
        ),
    ];
}

/** A kind node image must run Kubernetes new enough for the pinned charts: names the image as written and the version found in it. */
export function kindImageVersionIssues(path: string, image: string): ValidationIssue[] {
    const version = /:v(\d+\.\d+\.\d+)/.exec(image)?.[1];
    if (version === undefined || compareVersions(version, MIN_KUBERNETES) >= 0) {
        return [];
    }
    return [
        issue(
            path,
            image,
            `runs Kubernetes ${version}, older than ${MIN_KUBERNETES}, which the pinned Linkerd charts require`,
            `use a kindest/node image of Kubernetes ${MIN_KUBERNETES} or newer, pinned by digest`,
        ),
    ];
}

/** A cluster that a link targets needs a name short enough for `probe-<name>` and `<service>-<name>`. */
export function linkedNameIssues(path: string, name: string): ValidationIssue[] {
    if (name.length <= MAX_LINKED_NAME) {
        return [];
    }
    return [
        issue(
            path,
            name,
            `is longer than ${MAX_LINKED_NAME} characters, so the probe Service probe-${name} would not be a valid name`,
            `shorten the cluster name to at most ${MAX_LINKED_NAME} characters`,
        ),
    ];
}

/** The gateway address must be one IP address. */
export function gatewayAddressIssues(path: string, ip: string): ValidationIssue[] {
    return parseAddress(ip) ? [] : [issue(path, ip, "is not an IP address", "give the gateway's LoadBalancer IP from the cluster's pools")];
}

/** The annotations that pin the gateway's address go on its Service: their keys must be annotation (label-syntax) keys. */
export function annotationKeyIssues(path: string, annotations: Readonly<Record<string, string>> | undefined): ValidationIssue[] {
    return Object.keys(annotations ?? {}).flatMap((key) => {
        const problem = labelKeyProblem(key);
        return problem ? [issue(keyPath(path, key), key, problem.problem, problem.fix)] : [];
    });
}

/** The clusters a cluster mirrors: named, not itself, each once. */
export function mirrorIssues(path: string, self: string, mirrors: readonly string[]): ValidationIssue[] {
    return mirrors.flatMap((name, index) => [
        ...(name === self ? [issue(`${path}[${index}]`, name, "is the cluster itself", "mirror other clusters only")] : []),
        ...(mirrors.indexOf(name) !== index
            ? [issue(`${path}[${index}]`, name, "is listed twice", "list each mirrored cluster once")]
            : []),
        ...linkedNameIssues(`${path}[${index}]`, name),
    ]);
}

/** Why Linkerd cannot mesh over Cilium's socket load balancing. */
const SOCKET_LB_WHY = "with kubeProxyReplacement Cilium resolves Services in the pods' sockets, so Linkerd cannot route or split them";

/**
 * Cilium's socket-level load balancing (on with kube-proxy replacement unless `socketLB.hostNamespaceOnly`) hands pods
 * the backend's IP at connect(), so Linkerd never sees the Service and its HTTPRoute split does not apply (Linkerd
 * "cluster configuration"). `hostNamespaceOnly` is the setting as written at `path` (undefined: unset).
 */
export function socketLbIssues(path: string, hostNamespaceOnly: unknown, fix = `set ${path}: true`): ValidationIssue[] {
    if (hostNamespaceOnly === true) {
        return [];
    }
    return [
        issue(path, hostNamespaceOnly, hostNamespaceOnly === undefined ? `but ${SOCKET_LB_WHY}` : `is not true, but ${SOCKET_LB_WHY}`, fix),
    ];
}

/** The CNI facts a `LinkerdInstall` is given (at `path`), by the socket load-balancing rule. */
export function cniIssues(path: string, cni: LinkerdCni | undefined): ValidationIssue[] {
    if (cni?.kind !== LinkerdCniKind.Cilium || cni.kubeProxyReplacement !== true) {
        return [];
    }
    const at = `${path}.socketLbHostNamespaceOnly`;
    return socketLbIssues(at, cni.socketLbHostNamespaceOnly, `set socketLB.hostNamespaceOnly: true in Cilium's values, then ${at}: true`);
}

/**
 * The gateway address at `path`: one IP address and, when the cluster's LoadBalancer pools are known, inside one of
 * them (else no load balancer assigns it and every peer's Link points nowhere).
 */
export function gatewayIpIssues(path: string, ip: string, pools: readonly string[] | undefined): ValidationIssue[] {
    if (pools === undefined) {
        return gatewayAddressIssues(path, ip);
    }
    const problem = gatewayIpProblem(ip, pools);
    return problem ? [issue(path, ip, problem.problem, problem.fix)] : [];
}

// Checks before anything is created: Antrea settings, the escape hatch, the version, and the agent's Multi-cluster rules.
import { addressUseProblem, hostProblem } from "../network/address-checks";
import { parseAddress } from "../network/cidr";
import { Problem, clusterNameProblem } from "../network/value-checks";
import { ValidationIssue, issue } from "../shared/validation";
import { credentialsProblem } from "../shared/value-kinds";
import { escapeHatchIssues } from "./chart-keys";
import { AntreaSettings, MulticlusterAgentSettings } from "./types";

/** Options of {@link validateAntreaSettings}. */
export interface SettingsCheckOptions {
    /** Config path of the settings, e.g. `cni` (messages name `cni.nodePortLocal.portRange`). */
    readonly path: string;
    /** Chart version in use. */
    readonly version: string;
}

function portRangeIssue(range: string, path: string): ValidationIssue[] {
    const match = /^(\d+)-(\d+)$/.exec(range);
    const [first, last] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
    if (match && first >= 1 && first < last && last <= 65535) {
        return [];
    }
    return [issue(path, range, "is not a port range first-last with 1 <= first < last <= 65535", 'write it like "61000-62000"')];
}

/** Oldest Antrea the rendered keys and objects fit: 2.x charts (`antreaProxy.enable`, `flowExporter.enable`, no gates removed in 2.5 needed). */
export const MIN_ANTREA_MAJOR = 2;

/** A release version as the chart and the release asset URLs take it (`2.7.0`, `v2.7.0`, `2.8.0-rc.1`). */
const VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** An issue unless the Antrea version is a release whose chart keys and Multi-cluster objects this project renders. */
export function antreaVersionIssues(version: string, path: string): ValidationIssue[] {
    if (!VERSION.test(version)) {
        return [issue(path, version, "is not an Antrea release version", 'write it like "2.7.0"')];
    }
    const major = Number(/^v?(\d+)\./.exec(version)?.[1] ?? NaN);
    if (major >= MIN_ANTREA_MAJOR) {
        return [];
    }
    return [
        issue(
            path,
            version,
            `is older than Antrea ${MIN_ANTREA_MAJOR}.0, whose chart keys and ClusterSet v1alpha2 this project renders (1.x needs ClusterClaims and other keys)`,
            "use a 2.x release (2.7.0 is pinned)",
        ),
    ];
}

/** A gateway tunnel IP: an IPv4 address (Multi-cluster Gateways carry IPv4 only) that other members can reach. */
export function gatewayIpProblem(ip: string): Problem | undefined {
    if (parseAddress(ip)?.family !== "ipv4") {
        return { problem: "is not an IPv4 address (Multi-cluster Gateways carry IPv4 only)", fix: 'write it like "192.168.110.22"' };
    }
    const use = addressUseProblem(ip);
    return use
        ? {
              problem: use.problem.replace("as this node", "as this cluster's gateway"),
              fix: "use the gateway Node's IPv4 address that the other members reach",
          }
        : undefined;
}

/** Transports the agent's flow exporter speaks (Antrea 2.7 `ParseFlowCollectorAddr`). */
const COLLECTOR_PROTOCOLS = ["tcp", "udp", "tls", "grpc"];
const COLLECTOR_FIX =
    'write it as <host>[:<port>][:<proto>], e.g. "flow-aggregator/flow-aggregator:14739:grpc", "10.0.0.5:4739:tls" or "[fd00::5]:4739:tcp"';

/** A collector host: an IP address (IPv6 in brackets) or DNS name, or `<namespace>/<service>` for an in-cluster Service. */
function collectorHostOk(host: string, bracketed: boolean): boolean {
    if (bracketed) {
        return parseAddress(host) !== undefined;
    }
    const service = /^([^/]+)\/([^/]+)$/.exec(host);
    return service ? !clusterNameProblem(service[1]) && !clusterNameProblem(service[2]) : host !== "" && !hostProblem(host);
}

/**
 * What is wrong with a flow collector address, by the agent's own parser (Antrea 2.7 `ParseFlowCollectorAddr`), after
 * `user:password@` (said first, never shown):
 * `<host>`, `<host>:<port>` or `<host>:[<port>]:<proto>`, an IPv6 host in brackets and followed by a port.
 */
export function collectorAddressProblem(text: string): Problem | undefined {
    const credentials = credentialsProblem(text);
    if (credentials) {
        return credentials;
    }
    const bracketed = /^\[([^\]]*)\]:(.*)$/.exec(text);
    const [host, ...rest] = bracketed ? [bracketed[1], ...bracketed[2].split(":")] : text.split(":");
    const [port, proto] = rest;
    let problem: string | undefined;
    if (rest.length > 2 || (text.startsWith("[") && !bracketed) || (!bracketed && parseAddress(text)?.family === "ipv6")) {
        problem = "is not <host>[:<port>][:<proto>] (an IPv6 host goes in brackets, followed by :<port>)";
    } else if (!collectorHostOk(host, !!bracketed)) {
        problem = "has a host that is not an IP address, a DNS name or <namespace>/<service>";
    } else if (
        port !== undefined &&
        !(port === "" && proto !== undefined) &&
        !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)
    ) {
        problem = "has a port that is not a number from 1 to 65535";
    } else if (proto !== undefined && !COLLECTOR_PROTOCOLS.includes(proto)) {
        problem = `has a protocol other than ${COLLECTOR_PROTOCOLS.join(", ")}`;
    }
    return problem === undefined ? undefined : { problem, fix: COLLECTOR_FIX };
}

function collectorIssues(flowExporter: AntreaSettings["flowExporter"], path: string): ValidationIssue[] {
    const address = flowExporter.collectorAddress;
    if (address.trim() === "") {
        return flowExporter.enable
            ? [
                  issue(
                      path,
                      address,
                      "is empty while the flow exporter is on",
                      'give the collector as "<host>:[<port>][:<proto>]", e.g. "flow-aggregator/flow-aggregator:14739:grpc"',
                  ),
              ]
            : [];
    }
    const problem = collectorAddressProblem(address);
    return problem ? [issue(path, address, problem.problem, problem.fix)] : [];
}

/** Problems of one cluster's Antrea settings, including the escape hatch. */
export function validateAntreaSettings(settings: AntreaSettings, options: SettingsCheckOptions): ValidationIssue[] {
    return [
        ...portRangeIssue(settings.nodePortLocal.portRange, `${options.path}.nodePortLocal.portRange`),
        ...collectorIssues(settings.flowExporter, `${options.path}.flowExporter.collectorAddress`),
        ...escapeHatchIssues(settings.values, { path: `${options.path}.values`, version: options.version }),
    ];
}

/** Config paths the Multi-cluster agent rules name. */
export interface AgentCheckPaths {
    /** Path of the CNI settings (`cni`). */
    readonly cni: string;
    /** Path of the Multi-cluster settings (`mesh`). */
    readonly mesh: string;
}

/** Rules that tie the CNI settings to Antrea Multi-cluster on the ClusterSet's members. */
export function validateMulticlusterAgent(
    settings: AntreaSettings,
    agent: MulticlusterAgentSettings,
    paths: AgentCheckPaths,
): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    if (settings.trafficEncapMode === "networkPolicyOnly") {
        found.push(
            issue(
                `${paths.cni}.trafficEncapMode`,
                settings.trafficEncapMode,
                "needs extra Antrea configuration for the Multi-cluster Gateway (upstream docs/multicluster/policy-only-mode.md) that this project does not render",
                "use encap, noEncap or hybrid on ClusterSet members",
            ),
        );
    }
    found.push(...stretchedPolicyIssues(settings, agent, paths));
    found.push(...wireGuardPortIssues(agent, paths.mesh));
    const intraCluster = settings.values?.trafficEncryptionMode;
    if (intraCluster !== undefined && intraCluster !== "none") {
        found.push(
            issue(
                `${paths.cni}.values.trafficEncryptionMode`,
                intraCluster,
                "encrypts traffic inside a cluster, which Antrea does not support together with the Multi-cluster Gateway",
                `remove it; encrypt cross-cluster traffic with ${paths.mesh}.trafficEncryption: wireGuard instead`,
            ),
        );
    }
    return found;
}

/** Stretched policies need Antrea-native policies and the encap traffic mode. */
function stretchedPolicyIssues(settings: AntreaSettings, agent: MulticlusterAgentSettings, paths: AgentCheckPaths): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    if (agent.stretchedNetworkPolicy && !settings.antreaPolicy) {
        found.push(
            issue(
                `${paths.mesh}.stretchedNetworkPolicy`,
                true,
                `needs ${paths.cni}.antreaPolicy: true (stretched policies are Antrea-native policies)`,
                `set ${paths.cni}.antreaPolicy: true, or ${paths.mesh}.stretchedNetworkPolicy: false`,
            ),
        );
    }
    if (agent.stretchedNetworkPolicy && settings.trafficEncapMode !== "encap") {
        // antrea@v2.7.0 docs/multicluster/user-guide.md: "ingress stretched NetworkPolicy only works with the Antrea encap traffic mode".
        found.push(
            issue(
                `${paths.mesh}.stretchedNetworkPolicy`,
                true,
                `needs ${paths.cni}.trafficEncapMode: encap, but it is ${settings.trafficEncapMode} (Antrea enforces stretched ingress rules only in encap mode)`,
                `set ${paths.cni}.trafficEncapMode: encap, or ${paths.mesh}.stretchedNetworkPolicy: false`,
            ),
        );
    }
    return found;
}

/** The cross-cluster WireGuard port: a UDP port, and set only when cross-cluster WireGuard is on (else refused as ignored). */
function wireGuardPortIssues(agent: MulticlusterAgentSettings, mesh: string): ValidationIssue[] {
    const port = agent.wireGuardPort;
    if (port === undefined) {
        return [];
    }
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
        return [issue(`${mesh}.wireGuardPort`, port, "is not a UDP port from 1 to 65535", "use e.g. 51821 (the chart's default)")];
    }
    return agent.trafficEncryption === "wireGuard"
        ? []
        : [
              issue(
                  `${mesh}.wireGuardPort`,
                  port,
                  `is ignored: cross-cluster traffic is not encrypted (${mesh}.trafficEncryption is ${agent.trafficEncryption})`,
                  `remove it, or set ${mesh}.trafficEncryption: wireGuard`,
              ),
          ];
}

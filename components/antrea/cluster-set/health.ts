// ClusterSet health gates as local bash: fresh status only (written by the running controller Pod), per antrea@v2.7.0.
import { GateOptions, kubectlScriptPreamble } from "../../shared/kubectl-wait";
import { sh } from "../../shared/shell";
import { MC_CONTROLLER, MEMBER_NAMESPACE } from "../release";
import { poll } from "./poll";

/** Resource names the gates read (multicluster.crd.antrea.io v1alpha2 ClusterSet, v1alpha1 Gateway/ClusterInfoImport). */
const CLUSTERSETS = "clustersets.multicluster.crd.antrea.io";
const GATEWAYS = "gateways.multicluster.crd.antrea.io";
const CLUSTERINFOIMPORTS = "clusterinfoimports.multicluster.crd.antrea.io";
const MEMBER_ANNOUNCES = "memberclusterannounces.multicluster.crd.antrea.io";
/** What a member's controller rewrites on its MemberClusterAnnounce at each announcement, every 10 s (RFC 3339). */
const TOUCH = "{.metadata.annotations.touch-ts}";

/** The controller Pods' labels (release manifests' Deployment template). */
const CONTROLLER_SELECTOR = `app=antrea,component=${MC_CONTROLLER}`;

/**
 * `controller_started`: prints when the newest running antrea-mc-controller container of `namespace` started (its
 * Pods are not terminating). Statuses the controller writes carry times from the same Node clock, and the per-cluster
 * conditions are set anew by every controller process (antrea@v2.7.0 commonarea/remote_common_area.go
 * NewRemoteCommonArea/updateRemoteCommonAreaStatus, leader/memberclusterannounce_controller.go
 * addOrUpdateMemberStatus): one older than this start is stale. A member's condition also proves its announcement
 * reached the leader; the leader's is set from any announcement it finds, so its gate also waits for a new one.
 */
export function controllerStartedLines(namespace: string): string[] {
    const template = `{range .items[*]}{.metadata.deletionTimestamp}{"|"}{.status.containerStatuses[?(@.name=="${MC_CONTROLLER}")].state.running.startedAt}{"\\n"}{end}`;
    return [
        "controller_started() {",
        '  local deleting started newest=""',
        "  while IFS='|' read -r deleting started; do",
        '    if [[ -z "$deleting" && -n "$started" && "$started" > "$newest" ]]; then newest="$started"; fi',
        `  done < <(kubectl -n ${sh(namespace)} get pods -l ${sh(CONTROLLER_SELECTOR)} -o jsonpath=${sh(template)} 2>/dev/null)`,
        '  [[ -n "$newest" ]] && echo "$newest"',
        "}",
    ];
}

/** One gateway candidate of a member: a Node and, when pinned, its tunnel IP. */
export interface GatewayCandidate {
    /** Node name. */
    readonly node: string;
    /** The `multicluster.antrea.io/gateway-ip` it is annotated with, if any. */
    readonly ip?: string;
}

/** Options of {@link memberReadyScript}. */
export interface MemberGateOptions extends GateOptions {
    /** ClusterSet ID. */
    readonly clusterSetId: string;
    /** The leader's cluster ID, whose connection the member reports. */
    readonly leaderId: string;
    /** Nodes annotated as gateway candidates. */
    readonly gateways: readonly GatewayCandidate[];
    /** The Service CIDR the controller was configured with ("" when discovered: not checked). */
    readonly serviceCidr: string;
}

function gatewayLines(options: MemberGateOptions): string[] {
    const pinned = options.gateways.filter((gateway) => gateway.ip !== undefined);
    const candidates = ` ${options.gateways.map((gateway) => gateway.node).join(" ")} `;
    const gateways = '{range .items[*]}{.metadata.name}{" "}{.gatewayIP}{" "}{.serviceCIDR}{"\\n"}{end}';
    return [
        "local ip cidr want_ip want_cidr",
        `read -r node ip cidr < <(k get ${GATEWAYS} -o jsonpath=${sh(gateways)} 2>/dev/null) || true`,
        '[[ -n "${node:-}" ]] || { pending="no Gateway yet: is a candidate Node annotated, Ready and with an address?"; return 1; }',
        `[[ ${sh(candidates)} == *" $node "* ]] || { pending="Gateway $node is not one of the candidate Nodes${candidates.trimEnd()}"; return 1; }`,
        `case "$node" in ${pinned.map((gateway) => `${sh(gateway.node)}) want_ip=${sh(gateway.ip ?? "")} ;; `).join("")}*) want_ip="" ;; esac`,
        '[[ -n "${ip:-}" && ( -z "$want_ip" || "$ip" == "$want_ip" ) ]] || { pending="Gateway $node has IP ${ip:-none}${want_ip:+, not the pinned $want_ip}"; return 1; }',
        `want_cidr=${sh(options.serviceCidr)}`,
        '[[ -z "$want_cidr" || "${cidr:-}" == "$want_cidr" ]] || { pending="Gateway $node carries Service CIDR ${cidr:-none}, not $want_cidr"; return 1; }',
    ];
}

/**
 * Member gate: the member's ClusterSet, as last written by the running controller Pod, is connected to the leader
 * (per-leader `Ready` and `IsLeader` True, set after this Pod started; observedGeneration current), and the elected
 * Gateway is one of the candidates with the pinned IP and the configured Service CIDR
 * (antrea@v2.7.0 member/clusterset_controller.go updateStatus, member/node_controller.go).
 */
export function memberReadyScript(options: MemberGateOptions): string {
    const t = options.timeoutSeconds;
    const cs = `${CLUSTERSETS}/${options.clusterSetId}`;
    const head = '{.metadata.generation}{" "}{.status.observedGeneration}{"\\n"}';
    const leader = `{range .status.clusterStatuses[?(@.clusterID=="${options.leaderId}")].conditions[*]}{.type}{" "}{.status}{" "}{.lastTransitionTime}{"\\n"}{end}`;
    const lines = [
        ...kubectlScriptPreamble(
            `ClusterSet gate of member ${options.cluster}: connected to leader ${options.leaderId} now, with an elected Gateway.`,
        ),
        `k() { kubectl -n ${MEMBER_NAMESPACE} "$@"; }`,
        ...controllerStartedLines(MEMBER_NAMESPACE),
        ...poll(
            [
                'local started generation observed type status at ready="" ready_at="" is_leader=""',
                'started="$(controller_started)" || { pending="no antrea-mc-controller Pod runs in kube-system"; return 1; }',
                `read -r generation observed < <(k get ${sh(cs)} -o jsonpath=${sh(head)} 2>/dev/null) || { pending="the ClusterSet cannot be read"; return 1; }`,
                '[[ "${observed:-}" == "$generation" ]] || { pending="the controller has not processed ClusterSet generation $generation yet"; return 1; }',
                "while read -r type status at; do",
                '  case "$type" in Ready) ready="$status" ready_at="$at" ;; IsLeader) is_leader="$status" ;; esac',
                `done < <(k get ${sh(cs)} -o jsonpath=${sh(leader)} 2>/dev/null)`,
                `[[ "$ready" == True && "$is_leader" == True ]] || { pending="leader ${options.leaderId}: Ready=\${ready:-unreported} IsLeader=\${is_leader:-unreported}"; return 1; }`,
                '[[ ! "$ready_at" < "$started" ]] || { pending="Ready dates from $ready_at, before the running controller started ($started): stale status"; return 1; }',
                ...gatewayLines(options),
            ],
            `cluster ${options.cluster}: ClusterSet ${options.clusterSetId} is not connected with a valid Gateway after ${t}s`,
            t,
            `ClusterSet ${options.clusterSetId} in cluster ${options.cluster}`,
        ),
        `echo ${sh(`cluster ${options.cluster}: ClusterSet ${options.clusterSetId} is connected to leader ${options.leaderId}`)}" through Gateway $node"`,
    ];
    return `${lines.join("\n")}\n`;
}

/** What a member must have imported from one peer (its ClusterInfo, through the leader). */
export interface PeerExpectation {
    /** The peer's cluster ID. */
    readonly clusterId: string;
    /** Its Service CIDR ("" when discovered: not checked). */
    readonly serviceCidr: string;
    /** Its IPv4 Pod CIDRs as its controller exports them. */
    readonly podCidrs: readonly string[];
    /** Its pinned gateway IPs (empty: any). */
    readonly gatewayIps: readonly string[];
}

/** Options of {@link peersSeenScript}. */
export interface PeersGateOptions extends GateOptions {
    /** Every other member. */
    readonly peers: readonly PeerExpectation[];
    /** Cross-cluster WireGuard: each peer's ClusterInfo must carry its public key. */
    readonly wireGuard: boolean;
}

function peerFunction(wireGuard: boolean): string[] {
    const info =
        '{.spec.clusterID}{"|"}{.spec.serviceCIDR}{"|"}{.spec.gatewayInfos[*].gatewayIP}{"|"}{.spec.podCIDRs[*]}{"|"}{.spec.wireGuard.publicKey}{"\\n"}';
    return [
        "peer_ok() {",
        "  local id=$1 want_cidr=$2 want_pods=$3 want_ips=$4 cid cidr ips pods key",
        `  IFS='|' read -r cid cidr ips pods key < <(k get ${CLUSTERINFOIMPORTS} "$id-clusterinfo" -o jsonpath=${sh(info)} 2>/dev/null) || { pending="no ClusterInfoImport from member $id yet (is its Gateway elected and its controller connected?)"; return 1; }`,
        '  [[ "$cid" == "$id" ]] || { pending="ClusterInfoImport $id-clusterinfo names cluster ${cid:-none}"; return 1; }',
        '  [[ -n "$ips" ]] || { pending="member $id exports no gateway IP"; return 1; }',
        '  [[ -z "$want_ips" || " $want_ips " == *" ${ips%% *} "* ]] || { pending="member $id exports gateway IP $ips, not one of its pinned $want_ips"; return 1; }',
        '  [[ -z "$want_cidr" || "$cidr" == "$want_cidr" ]] || { pending="member $id exports Service CIDR ${cidr:-none}, not $want_cidr"; return 1; }',
        '  [[ "$pods" == "$want_pods" ]] || { pending="member $id exports Pod CIDRs ${pods:-none}, not $want_pods"; return 1; }',
        `  (( ! ${wireGuard ? 1 : 0} )) || [[ -n "$key" ]] || { pending="member $id exports no WireGuard public key"; return 1; }`,
        "}",
    ];
}

/**
 * Peers gate (user-guide.md "Multi-cluster Gateway Configuration": confirm every Gateway and ClusterInfoImport): the
 * member imported each peer's ClusterInfo (`<id>-clusterinfo`, antrea@v2.7.0 member/clusterinfo_importer.go) with the
 * peer's ID, a gateway IP (the pinned one when set), its Service and Pod CIDRs and, with WireGuard, its key.
 */
export function peersSeenScript(options: PeersGateOptions): string {
    const t = options.timeoutSeconds;
    const lines = [
        ...kubectlScriptPreamble(`Peers gate of member ${options.cluster}: every other member's ClusterInfo is imported.`),
        `k() { kubectl -n ${MEMBER_NAMESPACE} "$@"; }`,
        ...peerFunction(options.wireGuard),
        ...poll(
            options.peers.length === 0
                ? ["true"]
                : options.peers.map(
                      (peer) =>
                          `peer_ok ${[peer.clusterId, peer.serviceCidr, peer.podCidrs.join(" "), peer.gatewayIps.join(" ")].map(sh).join(" ")} || return 1`,
                  ),
            `cluster ${options.cluster}: the other members' ClusterInfo is not imported after ${t}s`,
            t,
            `the peers' ClusterInfo in cluster ${options.cluster}`,
        ),
        `echo ${sh(`cluster ${options.cluster} imported the ClusterInfo of ${options.peers.map((peer) => peer.clusterId).join(", ")}`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

/** Options of {@link leaderCountsMemberScript}. */
export interface LeaderCountOptions extends GateOptions {
    /** Leader namespace. */
    readonly namespace: string;
    /** ClusterSet ID. */
    readonly clusterSetId: string;
    /** The member's cluster ID. */
    readonly memberId: string;
}

/** Lines of the leader gate's check that the member announces itself now: its `touch-ts` moves while the gate watches. */
function announcingLines(memberId: string): string[] {
    const mca = `member-announce-from-${memberId}`;
    return [
        `touch="$(k get ${MEMBER_ANNOUNCES} ${sh(mca)} -o jsonpath=${sh(TOUCH)} 2>/dev/null)" || touch=""`,
        `[[ -n "$touch" ]] || { pending="member ${memberId} has not announced itself yet (no touch-ts on ${mca})"; return 1; }`,
        'first_touch="${first_touch:-$touch}"',
        `[[ "$touch" != "$first_touch" ]] || { pending="member ${memberId} has not announced itself since $first_touch (its controller renews ${mca} every 10s)"; return 1; }`,
    ];
}

/**
 * Leader gate for one member: the leader's ClusterSet, as last written by the running leader controller, counts the
 * member Ready (antrea@v2.7.0 leader/clusterset_controller.go updateStatus), and the member announces itself while the
 * gate watches. A restarted leader marks every announcement it finds Ready at once and keeps it so for 30 s without
 * news (leader/memberclusterannounce_controller.go addOrUpdateMemberStatus, ConnectionTimeout), so only a new
 * `touch-ts` on the announcement (commonarea/remote_common_area.go SendMemberAnnounce, every 10 s) proves the member live.
 */
export function leaderCountsMemberScript(options: LeaderCountOptions): string {
    const t = options.timeoutSeconds;
    const cs = `${CLUSTERSETS}/${options.clusterSetId}`;
    const ready = `{range .status.clusterStatuses[?(@.clusterID=="${options.memberId}")].conditions[?(@.type=="Ready")]}{.status}{" "}{.lastTransitionTime}{"\\n"}{end}`;
    const lines = [
        ...kubectlScriptPreamble(
            `Leader gate: the ClusterSet on leader ${options.cluster} counts member ${options.memberId} as Ready now.`,
        ),
        `k() { kubectl -n ${sh(options.namespace)} "$@"; }`,
        ...controllerStartedLines(options.namespace),
        'first_touch=""',
        ...poll(
            [
                "local started status at touch",
                `started="$(controller_started)" || { pending="no antrea-mc-controller Pod runs in ${options.namespace}"; return 1; }`,
                `read -r status at < <(k get ${sh(cs)} -o jsonpath=${sh(ready)} 2>/dev/null) || { pending="the leader ClusterSet lists no status for member ${options.memberId}"; return 1; }`,
                '[[ "$status" == True ]] || { pending="Ready=${status:-unreported}"; return 1; }',
                '[[ ! "$at" < "$started" ]] || { pending="Ready dates from $at, before the running leader controller started ($started): stale status"; return 1; }',
                ...announcingLines(options.memberId),
            ],
            `leader ${options.cluster}: ClusterSet ${options.clusterSetId} does not count member ${options.memberId} as Ready after ${t}s`,
            t,
            `member ${options.memberId} counted Ready in cluster ${options.cluster}`,
        ),
        `echo ${sh(`leader ${options.cluster} counts member ${options.memberId} as Ready`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

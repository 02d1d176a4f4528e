// The check that LoadBalancer addresses pinned for a kind cluster lie in the real Docker `kind` network (kind does not fix
// its subnet: Docker allocates one, 172.18.0.0/16 only when that range is free), run right after the cluster is created.
import { parseAddress, parseRange } from "../network/cidr";
import { Problem } from "../network/value-checks";
import { sh } from "../shared/shell";

/**
 * The Docker network kind attaches every node to: `fixedNetworkName` in kind@v0.32.0
 * pkg/cluster/internal/providers/docker/network.go, unless `KIND_EXPERIMENTAL_DOCKER_NETWORK` names another
 * (provider.go). kind gives it only an IPv6 subnet of its own; Docker picks the IPv4 one.
 */
export const KIND_NETWORK = "kind";

/** An IPv4 address, range or CIDR as the integers bash compares. */
export interface Ipv4Span {
    /** As written. */
    readonly text: string;
    /** First address as an integer. */
    readonly first: string;
    /** Last address as an integer. */
    readonly last: string;
}

/** A network address, range or CIDR the check understands (undefined when sound). */
export function networkAddressProblem(text: string): Problem | undefined {
    return parseRange(text) || parseAddress(text)
        ? undefined
        : {
              problem: "is not an IP address, an aligned CIDR or a first-last address range",
              fix: 'write it as e.g. "172.18.255.200", "172.18.255.200/29" or "172.18.255.200-172.18.255.219"',
          };
}

/** The IPv4 entries as integer spans (IPv6 ones are left out: bash cannot compare 128-bit numbers). */
export function ipv4Spans(addresses: readonly string[]): Ipv4Span[] {
    return addresses.flatMap((text) => {
        const single = parseAddress(text);
        const range = parseRange(text) ?? (single ? { family: single.family, first: single.value, last: single.value } : undefined);
        return range && range.family === "ipv4" ? [{ text, first: range.first.toString(), last: range.last.toString() }] : [];
    });
}

/** Options of {@link kindNetworkCheckLines}. */
export interface KindNetworkCheck {
    /** The kind cluster (for messages). */
    readonly cluster: string;
    /** The addresses, ranges and CIDRs to check. */
    readonly addresses: readonly string[];
    /** How messages name the setting that holds them (`clusters[0].loadBalancerPools` in a stack). */
    readonly key: string;
}

/**
 * Lines that read the IPv4 subnets of the Docker `kind` network (`docker network inspect`) and stop, naming the
 * network's range and the setting to change, when an address lies outside it or is a node container's or the
 * network gateway's own address (two ARP answers). Only Docker is checked: with another kind provider it says so.
 */
export function kindNetworkCheckLines(check: KindNetworkCheck): string[] {
    const spans = ipv4Spans(check.addresses);
    if (spans.length === 0) {
        return [];
    }
    const outside = `kind cluster ${check.cluster}: ${check.key} has addresses outside the Docker network $network`;
    return [
        "# Every LoadBalancer address pinned for this cluster must lie in the Docker network its nodes are on.",
        `network="\${KIND_EXPERIMENTAL_DOCKER_NETWORK:-${KIND_NETWORK}}"`,
        "# kind uses podman or nerdctl when KIND_EXPERIMENTAL_PROVIDER says so or when there is no docker (pkg/cluster/provider.go).",
        'if [[ "${KIND_EXPERIMENTAL_PROVIDER:-docker}" != docker ]] || ! command -v docker >/dev/null 2>&1; then',
        `  echo "note: kind does not run on docker here, so ${check.key} was not checked against its network" >&2`,
        "else",
        `  subnets=$(docker network inspect "$network" -f '{{range .IPAM.Config}}{{.Subnet}} {{end}}')`,
        `  used=$(docker network inspect "$network" -f '{{range .IPAM.Config}}{{.Gateway}} {{end}}{{range .Containers}}{{.IPv4Address}} {{end}}')`,
        '  ip4() { local a b c d; IFS=. read -r a b c d <<<"${1%/*}"; echo $(( (a << 24) | (b << 16) | (c << 8) | d )); }',
        '  networks="" lows=() highs=()',
        "  for subnet in $subnets; do",
        "    [[ $subnet == *.*/* ]] || continue",
        '    size=$(( 1 << (32 - ${subnet#*/}) )); low=$(( $(ip4 "$subnet") & ~(size - 1) & 0xffffffff ))',
        '    networks="$networks $subnet"; lows+=("$low"); highs+=("$(( low + size - 1 ))")',
        "  done",
        `  [[ -n $networks ]] || { echo "kind cluster ${check.cluster}: the Docker network $network has no IPv4 subnet, so ${check.key} cannot be reached" >&2; exit 1; }`,
        '  bad="" taken=""',
        `  spans=(${spans.map((span) => sh(`${span.text} ${span.first} ${span.last}`)).join(" ")})`,
        '  for span in "${spans[@]}"; do',
        '    read -r text first last <<<"$span"',
        "    inside=0",
        '    for i in "${!lows[@]}"; do (( first >= lows[i] && last <= highs[i] )) && inside=1; done',
        '    (( inside )) || bad="$bad $text"',
        "    for address in $used; do",
        "      [[ $address == *.* ]] || continue",
        '      value=$(ip4 "$address"); (( value >= first && value <= last )) && taken="$taken ${address%/*}"',
        "    done",
        "  done",
        `  [[ -z $bad ]] || { echo "${outside} (` +
            "${networks# }" +
            `):$bad; fix: pick addresses inside it, e.g. from its upper end" >&2; exit 1; }`,
        `  [[ -z $taken ]] || { echo "kind cluster ${check.cluster}: ${check.key} includes addresses Docker gave to the network's gateway or its containers:$taken; fix: pick free addresses from the upper end of$networks" >&2; exit 1; }`,
        "fi",
    ];
}

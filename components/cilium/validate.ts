// Checks a mesh before anything is created: names, IDs, maxConnectedClusters, pod CIDRs, datapath, endpoints.
import { parseAddress, parseCidr } from "../network/cidr";
import { earlierOverlaps } from "../network/overlaps";
import { dnsSubdomainProblem } from "../shared/value-kinds";
import { ValidationIssue, issue, mayBeSecret } from "../shared/validation";
import { MeshPeer } from "./types";

/** The chart's cluster-name rule (templates/validate.yaml). */
const CILIUM_NAME = /^([a-z0-9][-a-z0-9]*)?[a-z0-9]$/;

/** Values `clustermesh.maxConnectedClusters` accepts. */
const MAX_CONNECTED = [255, 511];

const at = (index: number, field: string): string => `clusters[${index}].${field}`;

/** Every problem of the mesh, each as one sentence naming the key, the value and the fix (empty when sound). */
export function validateMesh(peers: readonly MeshPeer[]): ValidationIssue[] {
    if (peers.length === 0) {
        return [issue("clusters", [], "has no cluster to mesh", "list at least one cluster")];
    }
    return [
        ...peers.flatMap(checkName),
        ...checkUnique(peers, (peer) => peer.name, "name", "name", "give every mesh cluster a unique name"),
        ...checkMaxConnected(peers),
        ...peers.flatMap(checkId),
        ...checkUnique(peers, (peer) => peer.id, "id", "ID", "give every mesh cluster a unique ID"),
        ...checkPodCidrs(peers),
        ...checkSame(peers, "routingMode", "datapath mode"),
        ...checkSame(
            peers.filter((peer) => peer.routingMode === "tunnel"),
            "tunnelProtocol",
            "tunnel protocol",
            peers,
        ),
        ...checkSame(peers, "encryption", "encryption mode"),
        ...peers.flatMap(checkEndpoint),
    ];
}

function checkName(peer: MeshPeer, index: number): ValidationIssue[] {
    if (peer.name === "default") {
        return [issue(at(index, "name"), peer.name, "is reserved by Cilium for clusters outside a mesh", "give the cluster its own name")];
    }
    if (peer.name.length > 32 || !CILIUM_NAME.test(peer.name)) {
        const suggestion = peer.name
            .toLowerCase()
            .replace(/[^a-z0-9-]+/g, "-")
            .slice(0, 32)
            .replace(/^-+|-+$/g, "");
        return [
            issue(
                at(index, "name"),
                peer.name,
                "is not a valid Cilium cluster name (lowercase letters, digits and '-', alphanumeric at both ends, at most 32 characters)",
                mayBeSecret(peer.name)
                    ? 'rename it to a short lowercase name like "east"'
                    : `rename it, e.g. "${suggestion || "cluster-a"}"`,
            ),
        ];
    }
    return [];
}

function checkUnique<T>(
    peers: readonly MeshPeer[],
    key: (peer: MeshPeer) => T,
    field: string,
    noun: string,
    fix: string,
): ValidationIssue[] {
    const seen = new Map<T, number>();
    return peers.flatMap((peer, index) => {
        const first = seen.get(key(peer));
        if (first === undefined) {
            seen.set(key(peer), index);
            return [];
        }
        return [issue(at(index, field), key(peer), `is already the ${noun} of clusters[${first}] ("${peers[first].name}")`, fix)];
    });
}

function checkMaxConnected(peers: readonly MeshPeer[]): ValidationIssue[] {
    const invalid = peers.flatMap((peer, index) =>
        MAX_CONNECTED.includes(peer.maxConnectedClusters)
            ? []
            : [
                  issue(
                      at(index, "maxConnectedClusters"),
                      peer.maxConnectedClusters,
                      "is not supported by Cilium",
                      "use 255 or 511 (the same in every cluster)",
                  ),
              ],
    );
    return invalid.length > 0 ? invalid : checkSame(peers, "maxConnectedClusters", "maxConnectedClusters");
}

function checkId(peer: MeshPeer, index: number): ValidationIssue[] {
    const max = MAX_CONNECTED.includes(peer.maxConnectedClusters) ? peer.maxConnectedClusters : 255;
    if (Number.isInteger(peer.id) && peer.id >= 1 && peer.id <= max) {
        return [];
    }
    return [
        issue(at(index, "id"), peer.id, `is outside the Cilium cluster ID range 1..${max}`, `pick an unused integer between 1 and ${max}`),
    ];
}

function checkPodCidrs(peers: readonly MeshPeer[]): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    const blocks = peers.flatMap((peer, index) =>
        peer.podCidrs.map((text, i) => {
            const path = at(index, `podCidrs[${i}]`);
            const cidr = parseCidr(text);
            if (!cidr) {
                found.push(issue(path, text, "is not a CIDR", 'write it like "10.1.0.0/16"'));
            }
            return { path, text, cidr, index };
        }),
    );
    if (peers.some((peer) => peer.podCidrs.length === 0)) {
        const index = peers.findIndex((peer) => peer.podCidrs.length === 0);
        found.push(
            issue(
                at(index, "podCidrs"),
                [],
                "is empty, and Cilium's cluster-pool IPAM needs a pod CIDR",
                "give the cluster its own pod CIDR",
            ),
        );
    }
    const clashes = earlierOverlaps(
        blocks,
        (block) => block.cidr,
        (other, block) => other.index !== block.index,
    );
    return [
        ...found,
        ...clashes.map(({ entry: block, earlier: clash }) =>
            issue(block.path, block.text, `overlaps ${clash.path} ("${clash.text}")`, "give every mesh cluster a distinct pod CIDR"),
        ),
    ];
}

type SameField = "routingMode" | "tunnelProtocol" | "encryption" | "maxConnectedClusters";

/** Every peer must match the first one; `all` gives the indexes when `peers` is a filtered list. */
function checkSame(peers: readonly MeshPeer[], field: SameField, noun: string, all: readonly MeshPeer[] = peers): ValidationIssue[] {
    const first = peers[0];
    if (!first) {
        return [];
    }
    const firstIndex = all.indexOf(first);
    return peers
        .slice(1)
        .filter((peer) => peer[field] !== first[field])
        .map((peer) =>
            issue(
                at(all.indexOf(peer), field),
                peer[field],
                `differs from clusters[${firstIndex}] (${JSON.stringify(first[field])})`,
                `use the same ${noun} in every mesh cluster`,
            ),
        );
}

function checkEndpoint(peer: MeshPeer, index: number): ValidationIssue[] {
    const { ips, address, port } = peer.endpoint;
    const found: ValidationIssue[] = [];
    if ((!ips || ips.length === 0) && !address) {
        found.push(
            issue(
                at(index, "endpoint"),
                peer.endpoint,
                "gives the peers no IP and no address to reach the clustermesh-apiserver",
                "pin node IPs (NodePort), the LoadBalancer IP, or a DNS name",
            ),
        );
    }
    // IPs become host aliases of <peer>.mesh.cilium.io; a name becomes https://<address>:<port> and a server-certificate SAN.
    (ips ?? []).forEach((ip, i) => {
        if (!parseAddress(ip)) {
            found.push(
                issue(
                    at(index, `endpoint.ips[${i}]`),
                    ip,
                    "is not an IP address",
                    "give the node IPs (NodePort) or the pinned LoadBalancer IP",
                ),
            );
        }
    });
    const name = address !== undefined && (!ips || ips.length === 0) ? dnsSubdomainProblem(address) : undefined;
    if (name) {
        found.push(
            issue(
                at(index, "endpoint.address"),
                address,
                name.problem,
                "give the DNS name the peers resolve to this cluster's clustermesh-apiserver",
            ),
        );
    }
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
        found.push(issue(at(index, "endpoint.port"), port, "is not a TCP port", "use the NodePort, or 2379 behind a LoadBalancer"));
    }
    return found;
}

/** The settings rules, re-exported from where they have always been importable. */

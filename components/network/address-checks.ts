// Checks of addresses and ranges by what they are used for: node IPs, SSH hosts, API endpoints, pod and service range sizes.
import { IpFamily, parseAddress, parseCidr, parseRange, rangesOverlap } from "./cidr";
import { Problem } from "./types";

/** Special-purpose blocks that are never a node's, a pod's or a service's address. */
const SPECIAL_BLOCKS: readonly { readonly cidr: string; readonly what: string }[] = [
    { cidr: "0.0.0.0/32", what: "the unspecified address" },
    { cidr: "255.255.255.255/32", what: "the broadcast address" },
    { cidr: "0.0.0.0/8", what: 'in 0.0.0.0/8 ("this network")' },
    { cidr: "127.0.0.0/8", what: "a loopback address" },
    { cidr: "169.254.0.0/16", what: "a link-local address" },
    { cidr: "224.0.0.0/4", what: "a multicast address" },
    { cidr: "240.0.0.0/4", what: "in the reserved block 240.0.0.0/4" },
    { cidr: "::/128", what: "the unspecified address" },
    { cidr: "::1/128", what: "a loopback address" },
    { cidr: "::ffff:0:0/96", what: "an IPv4-mapped address" },
    { cidr: "fe80::/10", what: "a link-local address" },
    { cidr: "ff00::/8", what: "a multicast address" },
];

/** The first special block containing (or, for a range, overlapping) the given one. */
function specialBlock(range: { family: IpFamily; first: bigint; last: bigint }): { cidr: string; what: string } | undefined {
    return SPECIAL_BLOCKS.find((block) => {
        const cidr = parseCidr(block.cidr);
        return cidr !== undefined && rangesOverlap(cidr, range);
    });
}

/** A node (or endpoint) address must be a unicast address other nodes can reach: not loopback, link-local, multicast, ... */
export function addressUseProblem(text: string): Problem | undefined {
    const address = parseAddress(text);
    const block = address && specialBlock({ family: address.family, first: address.value, last: address.value });
    if (!block) {
        return undefined;
    }
    return {
        problem: `is ${block.what}, which no other machine can reach as this node`,
        fix: "use the node's own unicast IP on the network the nodes share",
    };
}

/** A pod or service range, or a LoadBalancer pool (CIDR or first-last), must stay clear of loopback, link-local, multicast and reserved blocks. */
export function rangeUseProblem(text: string): Problem | undefined {
    const range = parseRange(text);
    const block = range && specialBlock(range);
    if (!block) {
        return undefined;
    }
    return {
        problem: `overlaps ${block.cidr} (${block.what.replace(/^(a |an |the |in )/, "")}), which cannot carry cluster traffic`,
        fix:
            range.family === "ipv4"
                ? 'choose a private range, e.g. "10.244.0.0/16"'
                : 'choose a unique local range, e.g. "fd00:10:244::/56"',
    };
}

/** Prefix lengths a pod or service range may have, per family, and why. */
const PREFIX_LIMITS = {
    pod: {
        ipv4: { min: 8, max: 24, example: "10.244.0.0/16" },
        ipv6: { min: 48, max: 112, example: "fd00:10:244::/56" },
        why: "every node gets its own block of it, and kube-controller-manager allows at most 2^16 of them",
    },
    service: {
        ipv4: { min: 12, max: 28, example: "10.96.0.0/16" },
        ipv6: { min: 108, max: 124, example: "fd00:10:96::/112" },
        why: "kube-apiserver allocates at most 2^20 service IPs, and kubeadm gives the cluster DNS the 10th address",
    },
} as const;

/** Whether a pod or service range has a usable size for its family. */
export function prefixProblem(text: string, role: "pod" | "service"): Problem | undefined {
    const cidr = parseCidr(text);
    if (!cidr) {
        return undefined;
    }
    const limits = PREFIX_LIMITS[role];
    const { min, max, example } = limits[cidr.family];
    if (cidr.prefix >= min && cidr.prefix <= max) {
        return undefined;
    }
    const family = cidr.family === "ipv4" ? "IPv4" : "IPv6";
    return {
        problem: `is a /${cidr.prefix}, but a ${role} range must be /${min} to /${max} (${family}): ${limits.why}`,
        fix: `use a /${min} to /${max} range, e.g. "${example}"`,
    };
}

/** RFC 1123 host name (labels of letters, digits and '-', dot-separated). */
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)*\.?$/;

/** What SSH dials: a host name or an IP, nothing else (no scheme, user or port). */
export function hostProblem(text: string): Problem | undefined {
    if (parseAddress(text) || (HOST_NAME.test(text) && !/^[0-9.]+$/.test(text))) {
        return undefined;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
        return {
            problem: "is a URL, but a host is only a name or an IP",
            fix: 'write the host alone, e.g. "172.26.0.141", and put the user and port in ssh.user and ssh.port',
        };
    }
    if (text.includes("@")) {
        return { problem: "names a user, but a host is only a name or an IP", fix: "write the host alone and put the user in ssh.user" };
    }
    if (/^[^:]+:\d+$/.test(text)) {
        return { problem: "names a port, but a host is only a name or an IP", fix: "write the host alone and put the port in ssh.port" };
    }
    return {
        problem: "is not a host name or an IP address",
        fix: 'write a DNS name like "node-1.lab.example" or an IP like "172.26.0.141"',
    };
}

/** Splits `host:port` / `[v6]:port`; undefined when the text has neither form. */
export function splitHostPort(text: string): { host: string; port: number } | undefined {
    const match = /^\[([0-9A-Fa-f:.]+)\]:(\d{1,9})$/.exec(text) ?? /^([^:[\]]+):(\d{1,9})$/.exec(text);
    return match ? { host: match[1], port: Number(match[2]) } : undefined;
}

/** An API endpoint `host:port`: a host name or usable IP, and a TCP port. */
export function endpointProblem(text: string): Problem | undefined {
    const parts = splitHostPort(text);
    const example = 'write it as e.g. "10.0.0.100:6443" or "api.example.internal:6443"';
    if (!parts) {
        return { problem: "is not host:port", fix: example };
    }
    if (parts.port < 1 || parts.port > 65535) {
        return { problem: `has port ${parts.port}, which is not a TCP port (1-65535)`, fix: "use the API server's port, usually 6443" };
    }
    const hostIssue = hostProblem(parts.host);
    if (hostIssue) {
        return { problem: `has a host that ${hostIssue.problem}`, fix: example };
    }
    const use = addressUseProblem(parts.host);
    return use
        ? {
              problem: `has a host that ${use.problem.replace(", which no other machine can reach as this node", ", which the nodes and other clusters cannot reach")}`,
              fix: example,
          }
        : undefined;
}

// Checks of single values (a cluster name, a CIDR, a pool), shared by the plan check and the config schema.
import { mayBeSecret } from "../shared/validation";
import { rangeUseProblem } from "./address-checks";
import { Cidr, IpFamily, parseCidr, parseRange } from "./cidr";
import { Problem } from "./types";

export type { Problem } from "./types";

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Checks a cluster name is a DNS-1123 label. */
export function clusterNameProblem(name: string): Problem | undefined {
    if (name.length <= 63 && dns1123Label.test(name)) {
        return undefined;
    }
    return {
        problem: "is not a DNS-1123 label (lowercase letters, digits and '-', alphanumeric at both ends, at most 63 characters)",
        // A suggestion repeats the value; never for one that could be a secret pasted in the wrong place.
        fix: mayBeSecret(name) ? 'rename it to a short lowercase name like "east"' : `rename it, e.g. "${suggestLabel(name)}"`,
    };
}

/** Checks a pod or service range: a CIDR whose address has no host bits set. */
export function cidrProblem(text: string): Problem | undefined {
    const cidr = parseCidr(text);
    if (!cidr) {
        return { problem: "is not a CIDR", fix: 'write it as address/prefix, e.g. "10.1.0.0/16", or "auto"' };
    }
    if (cidr.hostBitsSet) {
        return {
            problem: `has host bits set, so it really means ${cidr.canonical}`,
            fix: `write "${cidr.canonical}" if that is meant, or choose a block aligned to /${cidr.prefix} that no other range uses`,
        };
    }
    return undefined;
}

/** Checks a CIDR belongs to the family its key is for (dual-stack keeps IPv4 and IPv6 in separate keys). */
export function familyProblem(text: string, family: IpFamily): Problem | undefined {
    const cidr = parseCidr(text);
    if (!cidr || cidr.family === family) {
        return undefined;
    }
    return family === "ipv4"
        ? {
              problem: "is an IPv6 range in an IPv4 key",
              fix: "give an IPv4 range here and put the IPv6 range in the matching ...V6 key (podCidrV6, serviceCidrV6)",
          }
        : {
              problem: "is an IPv4 range in an IPv6 key",
              fix: 'give an IPv6 range here (e.g. "fd00:10:244::/56"), and the IPv4 range in podCidr/serviceCidr',
          };
}

/** Checks a LoadBalancer pool: an aligned CIDR or a `first-last` range, clear of loopback, multicast and the like. */
export function poolProblem(text: string): Problem | undefined {
    const range = parseRange(text);
    if (range && !("hostBitsSet" in range && (range as Cidr).hostBitsSet)) {
        const use = rangeUseProblem(text);
        return use && { problem: use.problem, fix: 'take pool addresses from the node network, e.g. "172.18.255.200/29"' };
    }
    return {
        problem: "is not an aligned CIDR or a first-last address range",
        fix: 'write it as e.g. "172.18.255.200/29" or "172.18.255.200-172.18.255.219"',
    };
}

/** Suggests a DNS-1123 label close to the given text. */
export function suggestLabel(text: string): string {
    const cleaned = text
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, 63);
    return cleaned.replace(/-+$/g, "") || "cluster-a";
}

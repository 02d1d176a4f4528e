// Checks of single values by what they are (DNS names, label keys and values, URLs), for every area's validation.
import { hostProblem } from "../network/address-checks";
import { parseAddress } from "../network/cidr";
import { Problem } from "../network/value-checks";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

/** A Kubernetes object name that must be a DNS-1123 label (namespaces, Services). */
export function dnsLabelProblem(text: string): Problem | undefined {
    return DNS_LABEL.test(text) ? undefined : {
        problem: "is not a DNS-1123 label (lowercase letters, digits and '-', alphanumeric at both ends, at most 63 characters)",
        fix: 'use a name like "web-1"',
    };
}

/** A Kubernetes object name or DNS domain that must be a DNS-1123 subdomain (dot-separated labels, at most 253 characters). */
export function dnsSubdomainProblem(text: string): Problem | undefined {
    return DNS_SUBDOMAIN.test(text) ? undefined : {
        problem: "is not a DNS-1123 subdomain (dot-separated lowercase labels of letters, digits and '-', at most 253 characters)",
        fix: 'use a name like "apps.example.com"',
    };
}

/** A host that a controller or client dials: a host name or an IP, with no scheme, user, port or path. */
export function dialHostProblem(text: string): Problem | undefined {
    const problem = hostProblem(text);
    return problem === undefined ? undefined : { problem: problem.problem, fix: 'write the host alone, e.g. "10.0.0.10" or "controller.example.com"' };
}

/** A label key (`[prefix/]name`; prefix a DNS subdomain, name at most 63 characters). */
export function labelKeyProblem(key: string): Problem | undefined {
    const slash = key.lastIndexOf("/");
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    const prefixOk = prefix === undefined || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix));
    return prefixOk && LABEL_NAME.test(name) ? undefined : {
        problem: "is not a valid label key ([prefix/]name: a DNS subdomain prefix, a name of at most 63 letters, digits, '-', '_' or '.')",
        fix: 'use a key like "app" or "example.com/tier"',
    };
}

/** A label value (at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends; may be empty). */
export function labelValueProblem(value: string): Problem | undefined {
    return LABEL_VALUE.test(value) ? undefined : {
        problem: "is not a valid label value (at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends)",
        fix: 'use a value like "web"',
    };
}

/** Options of {@link urlProblem}. */
export interface UrlRules {
    /** Schemes allowed, without `:` (default `https`). */
    readonly schemes?: readonly string[];
}

/**
 * A URL a component or script will fetch or dial: one of the allowed schemes, a host name or IP, no embedded
 * credentials (they would travel in clear and be printed), no spaces or shell metacharacters.
 */
export function urlProblem(text: string, rules: UrlRules = {}): Problem | undefined {
    const schemes = rules.schemes ?? ["https"];
    const example = `e.g. "${schemes[0]}://registry.example.com/path"`;
    let url: URL | undefined;
    try {
        url = new URL(text);
    } catch {
        url = undefined;
    }
    // Credentials first, also where the text is no URL at all (`user:token@host`): the message must not go on about the scheme.
    if (/^([a-z][a-z0-9+.-]*:\/\/)?[^\s/?#@]+@/i.test(text) || (url !== undefined && (url.username !== "" || url.password !== ""))) {
        return { problem: "carries credentials in the URL, which would be stored and printed in clear", fix: "remove user:password@ and give the credentials as a secret setting" };
    }
    if (url === undefined) {
        return { problem: `is not a URL`, fix: `write a full ${schemes.join(" or ")} URL, ${example}` };
    }
    if (!schemes.includes(url.protocol.replace(/:$/, ""))) {
        return { problem: `uses the scheme ${url.protocol.replace(/:$/, "")}, but only ${schemes.join(" or ")} is allowed here`, fix: `use ${example}` };
    }
    const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
    if (!parseAddress(host) && hostProblem(host) !== undefined) {
        return { problem: "has no valid host name or IP", fix: `use ${example}` };
    }
    return /[\s'"`$;|&<>\\]/.test(text) ? { problem: "contains spaces, quotes or shell characters", fix: `use ${example}` } : undefined;
}

const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
/** `[registry[:port]/]path[:tag][@sha256:<digest>]`, the OCI distribution reference grammar. */
const IMAGE_REFERENCE = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]{1,5})?/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*` +
    "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$");

/** Options of {@link imageReferenceProblem}. */
export interface ImageRules {
    /** Whether the reference must be pinned by `@sha256:` digest (default false). */
    readonly digest?: boolean;
}

/** A container image reference a manifest or chart pulls: `[registry[:port]/]path[:tag][@sha256:<digest>]`, no spaces or shell characters. */
export function imageReferenceProblem(text: string, rules: ImageRules = {}): Problem | undefined {
    if (!IMAGE_REFERENCE.test(text) || text.length > 255) {
        return {
            problem: "is not an image reference ([registry/]name[:tag][@sha256:<digest>], lowercase path, without spaces, quotes or shell characters)",
            fix: 'write it like "registry.example.com/team/app:1.2.3"',
        };
    }
    return rules.digest === true && !/@sha256:[0-9a-f]{64}$/.test(text)
        ? { problem: "is not pinned by digest", fix: 'append the digest: "registry.example.com/team/app:1.2.3@sha256:<64 hex digits>"' } : undefined;
}

/** A TCP or UDP port (1-65535). */
export function portProblem(port: number): Problem | undefined {
    return Number.isInteger(port) && port >= 1 && port <= 65535 ? undefined : { problem: "is not a TCP/UDP port (a whole number from 1 to 65535)", fix: "use a port from 1 to 65535" };
}

/** A duration as Kubernetes and Go read it (`30s`, `5m`, `1h30m`, `500ms`): one or more number-unit pairs, not zero. */
export function durationProblem(text: string): Problem | undefined {
    const valid = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(text) && /[1-9]/.test(text);
    return valid ? undefined : { problem: "is not a duration (number-unit pairs like 30s, 5m or 1h30m, above zero)", fix: 'write it like "30s" or "5m"' };
}

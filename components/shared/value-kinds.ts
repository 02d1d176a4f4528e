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
    return DNS_LABEL.test(text)
        ? undefined
        : {
              problem: "is not a DNS-1123 label (lowercase letters, digits and '-', alphanumeric at both ends, at most 63 characters)",
              fix: 'use a name like "web-1"',
          };
}

/** A Kubernetes object name or DNS domain that must be a DNS-1123 subdomain (dot-separated labels, at most 253 characters). */
export function dnsSubdomainProblem(text: string): Problem | undefined {
    return DNS_SUBDOMAIN.test(text)
        ? undefined
        : {
              problem: "is not a DNS-1123 subdomain (dot-separated lowercase labels of letters, digits and '-', at most 253 characters)",
              fix: 'use a name like "apps.example.com"',
          };
}

/** A host that a controller or client dials: a host name or an IP, with no scheme, user, port or path. */
export function dialHostProblem(text: string): Problem | undefined {
    const problem = hostProblem(text);
    return problem === undefined
        ? undefined
        : { problem: problem.problem, fix: 'write the host alone, e.g. "10.0.0.10" or "controller.example.com"' };
}

/** A label key (`[prefix/]name`; prefix a DNS subdomain, name at most 63 characters). */
export function labelKeyProblem(key: string): Problem | undefined {
    const slash = key.lastIndexOf("/");
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    const prefixOk = prefix === undefined || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix));
    return prefixOk && LABEL_NAME.test(name)
        ? undefined
        : {
              problem:
                  "is not a valid label key ([prefix/]name: a DNS subdomain prefix, a name of at most 63 letters, digits, '-', '_' or '.')",
              fix: 'use a key like "app" or "example.com/tier"',
          };
}

/** A label value (at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends; may be empty). */
export function labelValueProblem(value: string): Problem | undefined {
    return LABEL_VALUE.test(value)
        ? undefined
        : {
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
    if (hasCredentials(text) || (url !== undefined && (url.username !== "" || url.password !== ""))) {
        return {
            problem: "carries credentials in the URL, which would be stored and printed in clear",
            fix: "remove user:password@ and give the credentials as a secret setting",
        };
    }
    if (url === undefined) {
        return { problem: `is not a URL`, fix: `write a full ${schemes.join(" or ")} URL, ${example}` };
    }
    if (!schemes.includes(url.protocol.replace(/:$/, ""))) {
        return {
            problem: `uses the scheme ${url.protocol.replace(/:$/, "")}, but only ${schemes.join(" or ")} is allowed here`,
            fix: `use ${example}`,
        };
    }
    const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
    if (!parseAddress(host) && hostProblem(host) !== undefined) {
        return { problem: "has no valid host name or IP", fix: `use ${example}` };
    }
    return /[\s'"`$;|&<>\\]/.test(text) ? { problem: "contains spaces, quotes or shell characters", fix: `use ${example}` } : undefined;
}

/**
 * True when a text carries `user[:password]@` before its host: a URL's userinfo, or `user:pw@host` without a scheme
 * (an image digest, `name@sha256:...`, is none).
 */
export function hasCredentials(text: string): boolean {
    return /^([a-z][a-z0-9+.-]*:\/\/)?[^\s/?#@]+@(?!sha(256|384|512):)/i.test(text);
}

/** A value that would carry credentials (`user:password@host`): refused before anything else is said about it. */
export function credentialsProblem(text: string): Problem | undefined {
    return hasCredentials(text)
        ? {
              problem: "carries credentials (user:password@), which would be stored and printed in clear",
              fix: "remove user:password@ and give the credentials as a secret setting",
          }
        : undefined;
}

const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
/** The OCI distribution reference grammar's parts: a registry host with optional port, a path, a tag, a digest. */
const IMAGE = {
    registry: `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]{1,5})?`,
    path: `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`,
    tag: "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}",
    digest: "sha256:[0-9a-f]{64}",
} as const;
const whole = (pattern: string): RegExp => new RegExp(`^${pattern}$`);
/** `[registry[:port]/]path[:tag][@sha256:<digest>]`. */
const IMAGE_REFERENCE = whole(`(?:${IMAGE.registry}/)?${IMAGE.path}(?::${IMAGE.tag})?(?:@${IMAGE.digest})?`);
const IMAGE_REPOSITORY = whole(`(?:${IMAGE.registry}/)?${IMAGE.path}`);

/** Options of {@link imageReferenceProblem}. */
export interface ImageRules {
    /** Whether the reference must be pinned by `@sha256:` digest (default false). */
    readonly digest?: boolean;
}

/**
 * A container image reference a manifest or chart pulls: `[registry[:port]/]path[:tag][@sha256:<digest>]`, no spaces or
 * shell characters, and no `user:password@` (said first: the rest of the grammar is beside the point then).
 */
export function imageReferenceProblem(text: string, rules: ImageRules = {}): Problem | undefined {
    const credentials = credentialsProblem(text);
    if (credentials || !IMAGE_REFERENCE.test(text) || text.length > 255) {
        return (
            credentials ?? {
                problem:
                    "is not an image reference ([registry/]name[:tag][@sha256:<digest>], lowercase path, without spaces, quotes or shell characters)",
                fix: 'write it like "registry.example.com/team/app:1.2.3"',
            }
        );
    }
    return rules.digest === true && !/@sha256:[0-9a-f]{64}$/.test(text)
        ? { problem: "is not pinned by digest", fix: 'append the digest: "registry.example.com/team/app:1.2.3@sha256:<64 hex digits>"' }
        : undefined;
}

/** The parts of an image a Helm chart takes in separate keys (`image.registry`, `image.repository`, `image.tag`, ...), and a whole `image`. */
export type ImagePart = "registry" | "repository" | "tag" | "digest" | "image";

/** What a part that does not fit its grammar is, and how to write it. */
const IMAGE_PARTS: Readonly<Record<Exclude<ImagePart, "image">, { readonly grammar: RegExp } & Problem>> = {
    registry: {
        grammar: whole(`${IMAGE.registry}(?:/${IMAGE.path})?`),
        problem:
            "is not an image registry (a host name or IP with an optional :port and /path, without spaces, quotes or shell characters)",
        fix: 'write it like "registry.example.com" or "registry.example.com:5000/mirror"',
    },
    repository: {
        grammar: IMAGE_REPOSITORY,
        problem:
            "is not an image repository ([registry/]path of lowercase letters, digits and separators, without spaces, quotes or shell characters)",
        fix: 'write it like "registry.example.com/team/app"',
    },
    tag: {
        grammar: whole(IMAGE.tag),
        problem: "is not an image tag (at most 128 letters, digits, '_', '.' or '-', not starting with '.' or '-')",
        fix: 'write it like "v1.2.3"',
    },
    digest: {
        grammar: whole(IMAGE.digest),
        problem: "is not an image digest (sha256: and 64 lowercase hex digits)",
        fix: 'write it like "sha256:<64 hex digits>"',
    },
};

/**
 * One part of an image as a chart key takes it, each by its own grammar (a whole `image` as a reference); a registry,
 * repository or image with `user:password@` is refused for that first, and a repository that names a tag or digest for that.
 */
export function imagePartProblem(part: ImagePart, text: string): Problem | undefined {
    if (part === "image") {
        return imageReferenceProblem(text);
    }
    const credentials = part === "tag" || part === "digest" ? undefined : credentialsProblem(text);
    if (credentials || IMAGE_PARTS[part].grammar.test(text)) {
        return credentials;
    }
    const bare = text.split("@")[0];
    const repository = bare.slice(bare.lastIndexOf("/") + 1).includes(":") ? bare.slice(0, bare.lastIndexOf(":")) : bare;
    return part === "repository" && repository !== text && IMAGE_REPOSITORY.test(repository)
        ? {
              problem: "names a tag or digest, but a repository is the image name alone",
              fix: 'write the repository alone, e.g. "registry.example.com/team/app" (the chart adds the tag)',
          }
        : { problem: IMAGE_PARTS[part].problem, fix: IMAGE_PARTS[part].fix };
}

/** A TCP or UDP port (1-65535). */
export function portProblem(port: number): Problem | undefined {
    return Number.isInteger(port) && port >= 1 && port <= 65535
        ? undefined
        : { problem: "is not a TCP/UDP port (a whole number from 1 to 65535)", fix: "use a port from 1 to 65535" };
}

/** A duration as Kubernetes and Go read it (`30s`, `5m`, `1h30m`, `500ms`): one or more number-unit pairs, not zero. */
export function durationProblem(text: string): Problem | undefined {
    const valid = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(text) && /[1-9]/.test(text);
    return valid
        ? undefined
        : { problem: "is not a duration (number-unit pairs like 30s, 5m or 1h30m, above zero)", fix: 'write it like "30s" or "5m"' };
}

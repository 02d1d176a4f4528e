// The Secrets CN2 reads, as typed objects: the registry pull Secret and the crosswise kubeconfig Secrets.
import { Problem } from "../network/value-checks";
import { base64, fromBase64 } from "../shared/base64";
import {
    CENTRAL_KUBECONFIG_SECRET,
    ContrailNamespace,
    KUBECONFIG_KEY,
    KUBEMANAGER_NAMESPACE,
    PULL_SECRET_NAME,
    workloadKubeconfigSecretName,
} from "./names";

/** Object metadata of a Secret this project renders. */
export interface SecretMetadata {
    /** Secret name. */
    readonly name: string;
    /** Namespace. */
    readonly namespace: string;
    /** Labels. */
    readonly labels: Readonly<Record<string, string>>;
}

/** A Secret with `stringData` whose values are `T` (plain text in goldens, secret Outputs in resources). */
export interface StringDataSecret<T> {
    /** Always `v1`. */
    readonly apiVersion: "v1";
    /** Always `Secret`. */
    readonly kind: "Secret";
    /** Name, namespace, labels. */
    readonly metadata: SecretMetadata;
    /** Secret type. */
    readonly type: "kubernetes.io/dockerconfigjson" | "Opaque";
    /** Values by key. */
    readonly stringData: Readonly<Record<string, T>>;
}

/** Label on every object this area creates itself. */
export const MANAGED_BY = { "app.kubernetes.io/managed-by": "pulumi-multicluster-contrail" } as const;

/**
 * The `.dockerconfigjson` of the pull Secret from the `contrailRegistryAuth` value: either a docker config JSON
 * (used as given) or `<username>:<password>` for `host` (the registry of the release or its mirror).
 */
export function dockerConfigJson(host: string, credential: string): string {
    const trimmed = credential.trim();
    if (trimmed.startsWith("{")) {
        return trimmed;
    }
    return JSON.stringify({ auths: { [host]: { auth: base64(trimmed) } } });
}

/** Standard base64 of at least 8 characters (what the guide's `.dockerconfigjson` placeholder asks for). */
const BASE64_TEXT = /^(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The `auths` keys of a docker config JSON that name `host` (bare, or as an https URL as `docker login` writes some). */
function authsEntryFor(auths: Record<string, unknown>, host: string): unknown {
    return Object.entries(auths).find(([key]) => key === host || key.replace(/^https?:\/\//, "").replace(/\/.*$/, "") === host)?.[1];
}

/** Why a docker config JSON cannot pull from `host`, if it cannot. */
function dockerConfigProblem(text: string, host: string): Problem | undefined {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        return {
            problem: "starts like a docker config JSON but is not valid JSON",
            fix: `paste the whole file (e.g. ~/.docker/config.json after docker login ${host}) or <username>:<password>`,
        };
    }
    const auths = parsed !== null && typeof parsed === "object" ? (parsed as { auths?: unknown }).auths : undefined;
    if (auths === null || typeof auths !== "object" || Array.isArray(auths)) {
        return {
            problem: 'is a JSON document without an "auths" map, so it is not a docker config',
            fix: 'paste a docker config ({"auths": {...}}) or <username>:<password>',
        };
    }
    const entry = authsEntryFor(auths as Record<string, unknown>, host);
    const usable =
        entry !== null &&
        typeof entry === "object" &&
        (typeof (entry as { auth?: unknown }).auth === "string" ||
            (typeof (entry as { username?: unknown }).username === "string" &&
                typeof (entry as { password?: unknown }).password === "string"));
    return usable
        ? undefined
        : {
              problem: `is a docker config without usable credentials for ${host}, the registry the CN2 images are pulled from`,
              fix: `add an "auths" entry for ${host} with "auth" (base64 of <username>:<password>) or "username" and "password", or give <username>:<password>`,
          };
}

/**
 * Why a `contrailRegistryAuth` value would not make a working pull Secret for `host`, if it would not: it must be
 * `<username>:<password>` or a docker config JSON with credentials for `host`. The guide's base64 text (a docker
 * config or `user:password` encoded) is refused with what to paste instead. The value itself is never part of the answer.
 */
export function registryAuthProblem(value: string, host: string): Problem | undefined {
    const text = value.trim();
    if (text.startsWith("{")) {
        return dockerConfigProblem(text, host);
    }
    const colon = text.indexOf(":");
    if (colon > 0 && colon < text.length - 1 && !/\s/.test(text.slice(0, colon))) {
        return undefined;
    }
    if (BASE64_TEXT.test(text) && text.length >= 8) {
        const decoded = fromBase64(text);
        if (decoded.trim().startsWith("{")) {
            return {
                problem: "is base64 text of a docker config (what the guide puts in .dockerconfigjson), not the config itself",
                fix: "paste the decoded JSON (base64 -d), or <username>:<password>",
            };
        }
        if (decoded.includes(":")) {
            return {
                problem: "is base64 text of <username>:<password>, not the credential itself",
                fix: "paste <username>:<password> as it is (base64 -d shows it); the project encodes it",
            };
        }
    }
    return {
        problem: "is neither <username>:<password> nor a docker config JSON",
        fix: `give <username>:<password> of your ${host} account, or a docker config JSON with an "auths" entry for it`,
    };
}

/** The `registrypullsecret` of one CN2 namespace (the manifests ship it with a placeholder; this one replaces it). */
export function pullSecretManifest<T>(namespace: ContrailNamespace, dockerConfig: T): StringDataSecret<T> {
    return {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: PULL_SECRET_NAME, namespace, labels: { ...MANAGED_BY } },
        type: "kubernetes.io/dockerconfigjson",
        stringData: { ".dockerconfigjson": dockerConfig },
    };
}

/** `central-kubeconfig` in `contrail-deploy` of a distributed cluster: how its deployer reaches the central cluster. */
export function centralKubeconfigSecretManifest<T>(kubeconfig: T): StringDataSecret<T> {
    return {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { ...CENTRAL_KUBECONFIG_SECRET, labels: { ...MANAGED_BY } },
        type: "Opaque",
        stringData: { [KUBECONFIG_KEY]: kubeconfig },
    };
}

/** `workload-kubeconfig-<cluster>` in `contrail` of the central cluster: how that cluster's Kubemanager reaches it. */
export function workloadKubeconfigSecretManifest<T>(cluster: string, kubeconfig: T): StringDataSecret<T> {
    return {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: workloadKubeconfigSecretName(cluster), namespace: KUBEMANAGER_NAMESPACE, labels: { ...MANAGED_BY } },
        type: "Opaque",
        stringData: { [KUBECONFIG_KEY]: kubeconfig },
    };
}

// Local bash that applies (and deletes) a pinned CN2 manifest: download by URL, verify SHA-256, drop the objects Pulumi owns.
import { kubectlScriptPreamble } from "../shared/kubectl-wait";
import { sh } from "../shared/shell";
import { ContrailManifestRole, ContrailRelease, PinnedManifest, manifestUrl } from "./release";

/** Field manager of the objects the apply scripts create. */
export const FIELD_MANAGER = "pulumi-contrail";

/**
 * awk that drops the documents Pulumi owns from a manifest: Namespaces (created first, so the Secrets can
 * be) and the `registrypullsecret` Secrets, whose published `.dockerconfigjson` is the placeholder text
 * `<base64-encoded-credential>` (not base64, so the API server would reject the whole Secret). Only lines
 * at column 0 count, so the YAML embedded in the central manifest's `contrail-cr` ConfigMap is left alone.
 */
export const DROP_OWNED_AWK = [
    "function owned(d) {",
    "  return d ~ /(^|\\n)kind: Namespace\\n/ || (d ~ /(^|\\n)kind: Secret\\n/ && d ~ /\\n  name: registrypullsecret\\n/)",
    "}",
    "function flush() {",
    '  if (doc != "" && !owned(doc)) printf "%s---\\n", doc',
    '  doc = ""',
    "}",
    "/^---/ { flush(); next }",
    '{ doc = doc $0 "\\n" }',
    "END { flush() }",
].join("\n");

/** What a manifest script works on. */
export interface ManifestScriptInput {
    /** Cluster name, for messages. */
    readonly cluster: string;
    /** The release. */
    readonly release: ContrailRelease;
    /** Which manifest. */
    readonly role: ContrailManifestRole;
    /** Image registry prefix; when it differs from the release's, image references are rewritten to it. */
    readonly registry?: string;
}

/** The pinned manifest of a role (fails for a role the release does not publish). */
export function pinnedManifest(release: ContrailRelease, role: ContrailManifestRole): PinnedManifest {
    const manifest = release.manifests[role];
    if (!manifest) {
        throw new Error(`internal: CN2 ${release.version} publishes no ${role} manifest`);
    }
    return manifest;
}

/** Lines that download, verify and filter the manifest into "$work/apply.yaml". */
function fetchLines(input: ManifestScriptInput): string[] {
    const manifest = pinnedManifest(input.release, input.role);
    const what = `${manifest.file} of CN2 ${input.release.version}`;
    const registry = input.registry ?? input.release.registry;
    const escaped = input.release.registry.replace(/\./g, "\\.");
    return [
        'work="$(mktemp -d)"',
        "trap 'rm -rf \"$work\" \"$kubeconfig\"' EXIT",
        `url=${sh(manifestUrl(input.release, manifest))}`,
        `digest=${sh(manifest.sha256)}`,
        'if ! curl -fsSL --retry 3 --max-time 120 -o "$work/manifest.yaml" "$url"; then',
        `  echo ${sh(`cluster ${input.cluster}: cannot download ${what} from`)} "$url" >&2`,
        "  exit 1",
        "fi",
        'if ! printf \'%s  %s\\n\' "$digest" "$work/manifest.yaml" | sha256sum --check --status; then',
        `  echo ${sh(`cluster ${input.cluster}: the file at`)} "$url" ${sh(`is not the pinned ${what} (its SHA-256 differs)`)} >&2`,
        "  exit 1",
        "fi",
        `awk ${sh(DROP_OWNED_AWK)} "$work/manifest.yaml" >"$work/owned-dropped.yaml"`,
        registry === input.release.registry
            ? 'cp "$work/owned-dropped.yaml" "$work/apply.yaml"'
            : `sed ${sh(`s#${escaped}/#${registry}/#g`)} "$work/owned-dropped.yaml" >"$work/apply.yaml"`,
    ];
}

/** Applies the manifest with server-side apply (idempotent: create and update run the same script). */
export function manifestApplyScript(input: ManifestScriptInput): string {
    const file = pinnedManifest(input.release, input.role).file;
    const lines = [
        ...kubectlScriptPreamble(`Applies ${file} of CN2 ${input.release.version} (pinned URL and SHA-256) to cluster ${input.cluster}, without the objects Pulumi owns.`,
            ["kubectl", "curl", "sha256sum", "awk"]),
        ...fetchLines(input),
        `kubectl apply --server-side --force-conflicts --field-manager=${FIELD_MANAGER} -f "$work/apply.yaml"`,
        `echo ${sh(`cluster ${input.cluster}: applied ${file} of CN2 ${input.release.version}`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

/** Deletes what the manifest created; a cluster that no longer answers is left alone (it is being destroyed too). */
export function manifestDeleteScript(input: ManifestScriptInput): string {
    const file = pinnedManifest(input.release, input.role).file;
    const lines = [
        ...kubectlScriptPreamble(`Deletes the objects of ${file} of CN2 ${input.release.version} from cluster ${input.cluster}.`,
            ["kubectl", "curl", "sha256sum", "awk"]),
        "if ! kubectl get --raw=/readyz >/dev/null 2>&1; then",
        `  echo ${sh(`cluster ${input.cluster} does not answer: the objects of ${file} are left as they are`)} >&2`,
        "  exit 0",
        "fi",
        ...fetchLines(input),
        'if ! kubectl delete --ignore-not-found --wait=false -f "$work/apply.yaml"; then',
        `  echo ${sh(`cluster ${input.cluster}: some objects of ${file} could not be deleted (see above)`)} >&2`,
        "fi",
        `echo ${sh(`cluster ${input.cluster}: deleted the objects of ${file}`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

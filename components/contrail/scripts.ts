// Local bash that applies (and deletes) a pinned CN2 manifest: download by URL, verify SHA-256, drop the objects Pulumi owns.
import { kubectlScriptPreamble } from "../shared/kubectl-wait";
import { sh } from "../shared/shell";
import { APPLY_CONTRAIL_JOB } from "./health";
import { DEPLOYER } from "./names";
import { ContrailManifestRole, ContrailRelease, PinnedManifest, contrailImage, manifestUrl } from "./release";

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
    /** Cluster name, for messages and the distributed Vrouters' `clusterName` (a validated DNS label). */
    readonly cluster: string;
    /** The release. */
    readonly release: ContrailRelease;
    /** Which manifest. */
    readonly role: ContrailManifestRole;
    /** Image registry prefix; when it differs from the release's, image references are rewritten to it. */
    readonly registry?: string;
}

/** Pod-template annotation of the deployer that carries {@link RESTART_STAMP_VARIABLE}: a new value restarts it. */
export const RESTART_ANNOTATION = "multicluster.pulumi.com/restart-stamp";
/** Environment variable with the SHA-256 whose change must restart the deployer (what it reads from Secrets changed). */
export const RESTART_STAMP_VARIABLE = "CONTRAIL_RESTART_STAMP";

/** A Job of a manifest whose pod template names an image of the release (immutable: re-created when it changes). */
interface ManifestJob {
    /** Namespace. */
    readonly namespace: string;
    /** Name. */
    readonly name: string;
    /** Its container's image after the registry rewrite. */
    readonly image: string;
}

/** The Jobs of a manifest: the central one's `contrail/apply-contrail` runs the release's applier image. */
function manifestJobs(input: ManifestScriptInput): ManifestJob[] {
    return input.role === "centralDeployer"
        ? [{ ...APPLY_CONTRAIL_JOB, image: contrailImage(input.release, "contrail-k8s-applier", input.registry ?? input.release.registry) }]
        : [];
}

/** The pinned manifest of a role (fails for a role the release does not publish). */
export function pinnedManifest(release: ContrailRelease, role: ContrailManifestRole): PinnedManifest {
    const manifest = release.manifests[role];
    if (!manifest) {
        throw new Error(`internal: CN2 ${release.version} publishes no ${role} manifest`);
    }
    return manifest;
}

/**
 * sed expressions that fit a verified manifest to the stack: image references moved to a mirror registry, and the
 * distributed Vrouters' `clusterName` (the example's `multi-cluster`) set to the cluster's own name, which the 23.4
 * Vrouter CRD says must match the Kubemanager's `clusterName` (`releases/23.4/ocp/100-dataplane.juniper.net_vrouters.yaml`@99c9a6b).
 */
export function manifestEdits(input: ManifestScriptInput): string[] {
    const registry = input.registry ?? input.release.registry;
    const escaped = input.release.registry.replace(/\./g, "\\.");
    return [
        ...(registry === input.release.registry ? [] : [`s#${escaped}/#${registry}/#g`]),
        ...(input.role === "distributedVrouter" ? [`s/^  clusterName: .*$/  clusterName: ${input.cluster}/`] : []),
    ];
}

/** Lines that download, verify and filter the manifest into "$work/apply.yaml". */
export function fetchLines(input: ManifestScriptInput): string[] {
    const manifest = pinnedManifest(input.release, input.role);
    const what = `${manifest.file} of CN2 ${input.release.version}`;
    const edits = manifestEdits(input);
    return [
        'work="$(mktemp -d)"',
        'trap \'rm -rf "$work" "$kubeconfig"\' EXIT',
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
        edits.length === 0
            ? 'cp "$work/owned-dropped.yaml" "$work/apply.yaml"'
            : `sed ${edits.map((edit) => `-e ${sh(edit)}`).join(" ")} "$work/owned-dropped.yaml" >"$work/apply.yaml"`,
    ];
}

/**
 * Lines: a Job whose image differs from the one about to be applied (a new registry or release) is deleted first,
 * because a Job's pod template is immutable and server-side apply would be refused; the new Job then runs again.
 */
function jobRecreateLines(input: ManifestScriptInput): string[] {
    return manifestJobs(input).flatMap((job) => [
        `desired=${sh(job.image)}`,
        `current="$(kubectl -n ${job.namespace} get job ${job.name} -o jsonpath='{.spec.template.spec.containers[0].image}' 2>/dev/null || true)"`,
        'if [[ -n $current && $current != "$desired" ]]; then',
        `  echo ${sh(`cluster ${input.cluster}: Job ${job.namespace}/${job.name} runs`)} "$current"${sh(`, not ${job.image}: deleting it so the new one runs (a Job's pod template cannot change)`)}`,
        // Foreground: the wait ends once the old Job's pods are gone too, so two appliers never run at once.
        `  kubectl -n ${job.namespace} delete job ${job.name} --cascade=foreground --wait=true --timeout=300s`,
        "fi",
    ]);
}

/** Lines: the distributed deployer's pod template carries the restart stamp, so a new stamp (new central credentials) restarts it. */
function restartLines(input: ManifestScriptInput): string[] {
    if (input.role !== "distributedDeployer") {
        return [];
    }
    const patch = `{"spec":{"template":{"metadata":{"annotations":{"${RESTART_ANNOTATION}":"'"$stamp"'"}}}}}`;
    return [
        `stamp="\${${RESTART_STAMP_VARIABLE}:-}"`,
        "if [[ ! $stamp =~ ^[0-9a-f]{64}$ ]]; then",
        `  echo ${sh(`cluster ${input.cluster}: ${RESTART_STAMP_VARIABLE} is not a SHA-256, so the deployer cannot be restarted when the central cluster's credentials change`)} >&2`,
        "  exit 1",
        "fi",
        `kubectl -n ${DEPLOYER.namespace} patch deployment ${DEPLOYER.name} --type=merge -p '${patch}'`,
    ];
}

/** Applies the manifest with server-side apply (idempotent: create and update run the same script). */
export function manifestApplyScript(input: ManifestScriptInput): string {
    const file = pinnedManifest(input.release, input.role).file;
    const lines = [
        ...kubectlScriptPreamble(
            `Applies ${file} of CN2 ${input.release.version} (pinned URL and SHA-256) to cluster ${input.cluster}, without the objects Pulumi owns.`,
            ["kubectl", "curl", "sha256sum", "awk"],
        ),
        ...fetchLines(input),
        ...jobRecreateLines(input),
        `kubectl apply --server-side --force-conflicts --field-manager=${FIELD_MANAGER} -f "$work/apply.yaml"`,
        ...restartLines(input),
        `echo ${sh(`cluster ${input.cluster}: applied ${file} of CN2 ${input.release.version}`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

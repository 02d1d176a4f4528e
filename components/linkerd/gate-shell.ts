// The shape every Linkerd and ingress gate shares: ONE deadline for the whole gate, every kubectl request bounded, one
// round of checks (shell functions that say what is still missing) retried until they all pass, one sentence on failure.
import { GateOptions, kubectlScriptPreamble } from "../shared/kubectl-wait";
import { progressLine, sh } from "../shared/shell";
import { LINKERD_NAMESPACE } from "./constants";

/** Seconds one kubectl request may take (`--request-timeout`): a hung API connection cannot outlast the gate (N5). */
export const REQUEST_TIMEOUT_SECONDS = 15;

/** The name of Linkerd's proxy container, as a native sidecar or a plain container (charts/partials/templates/_proxy.tpl). */
export const PROXY_CONTAINER = "linkerd-proxy";

/**
 * `rolled_out <namespace> <deployment>`: kubectl's DeploymentStatusViewer rules
 * (k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go) as one bounded read: the controller has seen the newest
 * spec, every replica is updated, no old replica is left, and every updated replica is available.
 */
export const ROLLED_OUT_FUNCTION = [
    "rolled_out() {",
    "  local status generation observed wanted current updated available",
    '  status="$(kc -n "$1" get deployment "$2" -o jsonpath=\'{.metadata.generation}/{.status.observedGeneration}/{.spec.replicas}/{.status.replicas}/{.status.updatedReplicas}/{.status.availableReplicas}\' 2>/dev/null)" ||',
    '    { pending="the Deployment $1/$2 does not exist yet"; return 1; }',
    '  IFS=/ read -r generation observed wanted current updated available <<<"$status"',
    '  if [[ -z "$observed" ]] || (( generation > observed || ${updated:-0} < ${wanted:-1} || ${current:-0} > ${updated:-0} || ${available:-0} < ${updated:-0} )); then',
    '    pending="the Deployment $1/$2 is not rolled out (${available:-0} of ${wanted:-1} replicas updated and available)"',
    "    return 1",
    "  fi",
    "}",
];

/** `ds_rolled_out <namespace> <daemonset>`: kubectl's DaemonSetStatusViewer rules: every desired pod updated and available. */
export const DS_ROLLED_OUT_FUNCTION = [
    "ds_rolled_out() {",
    "  local status generation observed desired updated available",
    '  status="$(kc -n "$1" get daemonset "$2" -o jsonpath=\'{.metadata.generation}/{.status.observedGeneration}/{.status.desiredNumberScheduled}/{.status.updatedNumberScheduled}/{.status.numberAvailable}\' 2>/dev/null)" ||',
    '    { pending="the DaemonSet $1/$2 does not exist yet"; return 1; }',
    '  IFS=/ read -r generation observed desired updated available <<<"$status"',
    '  if [[ -z "$observed" ]] || (( generation > observed || ${updated:-0} < ${desired:-0} || ${available:-0} < ${desired:-0} )); then',
    '    pending="the DaemonSet $1/$2 is not rolled out (${available:-0} of ${desired:-0} pods updated and available)"',
    "    return 1",
    "  fi",
    "}",
];

/** `crd_established <name>`: the CRD exists and its Established condition is True. */
export const CRD_FUNCTION = [
    "crd_established() {",
    '  [[ "$(kc get crd "$1" -o jsonpath=\'{.status.conditions[?(@.type=="Established")].status}\' 2>/dev/null)" == True ]] ||',
    '    { pending="the CRD $1 is not established yet"; return 1; }',
    "}",
];

/**
 * `meshed <namespace> <selector> <what>`: every live pod of the selector carries Linkerd's proxy, found by its name
 * among the init containers (a native sidecar: the default since edge-26.6.3, `proxy.nativeSidecar: true`, inserted
 * after linkerd-init or linkerd-network-validator by charts/patch/templates/patch.json) or the containers (older
 * edges, `nativeSidecar: false`). Pods being deleted or finished are skipped. A pod the injector missed (its webhook
 * fails open) never gets a proxy by waiting, so that stops the gate at once, naming the pods.
 */
export const MESHED_FUNCTION = [
    "meshed() {",
    '  local listing name deleting phase names count=0 bare=""',
    '  listing="$(kc -n "$1" get pods -l "$2" -o jsonpath=\'{range .items[*]}{.metadata.name}{"|"}{.metadata.deletionTimestamp}{"|"}{.status.phase}{"|"}{.spec.initContainers[*].name} {.spec.containers[*].name}{"\\n"}{end}\' 2>/dev/null)" ||',
    '    { pending="cannot list the $3 pods"; return 1; }',
    "  while IFS='|' read -r name deleting phase names; do",
    '    [[ -n "$name" && -z "$deleting" && "$phase" != Succeeded && "$phase" != Failed ]] || continue',
    "    count=$((count + 1))",
    `    [[ " $names " == *" ${PROXY_CONTAINER} "* ]] || bare="$bare $1/$name"`,
    '  done <<<"$listing"',
    '  (( count > 0 )) || { pending="no $3 pod runs yet"; return 1; }',
    '  [[ -z "$bare" ]] || {',
    '    echo "cluster $cluster: the $3 pods$bare carry no Linkerd proxy (neither a native sidecar among the init containers nor a container), so the proxy injector did not mesh them; delete them so that their replacements are meshed" >&2',
    "    exit 1",
    "  }",
    "}",
];

/** Options of {@link gateScript}. */
export interface GateScript extends GateOptions {
    /** What the gate proves, for the script's header ("Linkerd multicluster runs"). */
    readonly purpose: string;
    /** What is not true when the deadline passes, as the start of the failure sentence ("Linkerd multicluster is not running"). */
    readonly failure: string;
    /** Seconds between rounds; @default 3. */
    readonly intervalSeconds?: number;
    /** Tools besides bash the gate needs on the machine running pulumi; @default kubectl. */
    readonly tools?: readonly string[];
    /** Variables and shell functions the checks use. */
    readonly setup: readonly string[];
    /** One round: each line a check that returns 1 (with `pending` set) when something is not true yet; `$deadline` is the gate's end (in `$SECONDS`). */
    readonly checks: readonly string[];
    /** Lines after the gate passed (reports, warnings), the last one saying what is true. */
    readonly after: readonly string[];
}

/**
 * A gate script: the kubeconfig from stdin, `kc` (kubectl with a request timeout), `$cluster`, the setup, then
 * rounds of the checks until all pass or the one deadline is reached; the failure is one sentence naming the
 * cluster, the bound and what is still missing.
 */
export function gateScript(gate: GateScript): string {
    const t = gate.timeoutSeconds;
    const lines = [
        ...kubectlScriptPreamble(gate.purpose, gate.tools ?? ["kubectl"]),
        `kc() { kubectl --request-timeout=${REQUEST_TIMEOUT_SECONDS}s "$@"; }`,
        `cluster=${sh(gate.cluster)}`,
        'pending=""',
        ...gate.setup,
        "gate_passes() {",
        ...gate.checks.map((check) => `  ${check} || return 1`),
        "}",
        `deadline=$((SECONDS + ${t}))`,
        "until gate_passes; do",
        "  if (( SECONDS >= deadline )); then",
        `    echo "cluster $cluster: ${gate.failure} after ${t}s: $pending" >&2`,
        "    exit 1",
        "  fi",
        `  ${progressLine(`the gate in cluster ${gate.cluster}`, '"$pending"')}`,
        `  sleep ${gate.intervalSeconds ?? 3}`,
        "done",
        ...gate.after,
    ];
    return `${lines.join("\n")}\n`;
}

/** Linkerd's expiry warning window (`expirationWarningThresholdInDays = 60`, pkg/healthcheck/healthcheck.go), in seconds. */
export const EXPIRY_WINDOW_SECONDS = 60 * 24 * 3600;

/**
 * `warn_if_expiring <what> <pem>`: prints `warning: ...` when a certificate expires inside Linkerd's 60-day window
 * (openssl `-checkend`); without openssl it says the check was skipped. Never fails the gate.
 */
export const EXPIRY_FUNCTION = [
    "warn_if_expiring() {",
    "  local end",
    '  command -v openssl >/dev/null 2>&1 || { echo "note: openssl is not installed, so the expiry of the $1 of cluster $cluster was not checked"; return 0; }',
    '  end="$(openssl x509 -noout -enddate <<<"$2" 2>/dev/null)" || { echo "note: the $1 of cluster $cluster could not be read"; return 0; }',
    `  openssl x509 -noout -checkend ${EXPIRY_WINDOW_SECONDS} <<<"$2" >/dev/null 2>&1 ||`,
    '    echo "warning: the $1 of cluster $cluster expires on ${end#notAfter=}, within the 60 days before expiry that Linkerd warns about"',
    "}",
];

/** Lines that read the live issuer certificate and trust anchors of the control plane and warn when either expires soon. */
export function expiryLines(): string[] {
    return [
        `issuer_pem="$(kc -n ${LINKERD_NAMESPACE} get secret linkerd-identity-issuer -o jsonpath='{.data.crt\\.pem}' 2>/dev/null)" || issuer_pem=""`,
        `anchors_pem="$(kc -n ${LINKERD_NAMESPACE} get configmap linkerd-identity-trust-roots -o jsonpath='{.data.ca-bundle\\.crt}' 2>/dev/null)" || anchors_pem=""`,
        'if [[ -n "$issuer_pem" ]] && command -v openssl >/dev/null 2>&1; then issuer_pem="$(openssl base64 -d -A <<<"$issuer_pem" 2>/dev/null)" || issuer_pem=""; fi',
        '[[ -z "$issuer_pem" ]] || warn_if_expiring "identity issuer" "$issuer_pem"',
        '[[ -z "$anchors_pem" ]] || warn_if_expiring "trust anchor" "$anchors_pem"',
    ];
}

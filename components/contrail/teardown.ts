// Destroy in Juniper's uninstall order: CN2's custom resources go (and are waited for) while the operator still runs, then the operator.
import { kubectlScriptPreamble } from "../shared/kubectl-wait";
import { sh } from "../shared/shell";
import { DEPLOYER } from "./names";
import { ManifestScriptInput, fetchLines, pinnedManifest } from "./scripts";

/** Default bound of a delete script: every wait of it shares one deadline. */
export const DEFAULT_CONTRAIL_DELETE_SECONDS = 600;

/** One step of the central teardown: resources (`plural.group`) whose objects are deleted in every namespace and waited for. */
export interface TeardownStage {
    /** What goes, in a few words. */
    readonly what: string;
    /** The resource types. */
    readonly resources: readonly string[];
}

/**
 * What the central manifest's Job `contrail/apply-contrail` created (the `contrail-cr` ConfigMap of
 * `central_cluster_deployer_example.yaml`@2a86f70), removed in the order of Juniper's uninstall
 * (`releases/22.4/contrail-tools/uninstall.tar.gz` `uninstall.sh`: certificate managers, then namespace contrail,
 * then the global vRouter and system configs, then namespace contrail-system) before the operator is deleted.
 */
export const CENTRAL_TEARDOWN: readonly TeardownStage[] = [
    { what: "the certificate managers", resources: ["contrailcertificatemanagers.configplane.juniper.net"] },
    {
        what: "the vRouters, Kubemanagers, control nodes and status monitor",
        resources: [
            "vrouters.dataplane.juniper.net",
            "kubemanagers.configplane.juniper.net",
            "controls.controlplane.juniper.net",
            "contrailstatusmonitors.contrailstatus.juniper.net",
        ],
    },
    {
        what: "the global vRouter and system configs",
        resources: ["globalvrouterconfigs.core.contrail.juniper.net", "globalsystemconfigs.core.contrail.juniper.net"],
    },
    { what: "the API server and the controller", resources: ["apiservers.configplane.juniper.net", "controllers.configplane.juniper.net"] },
];

/** The sentence after the list of objects still held: who must release them and the last resort. */
function stuckFix(): string {
    return (
        `the CN2 operator ${DEPLOYER.namespace}/${DEPLOYER.name} must release their finalizers: its log (kubectl -n ${DEPLOYER.namespace} logs deploy/${DEPLOYER.name}) says why it does not, ` +
        'and only if it is gone for good remove a finalizer by hand (kubectl patch <kind> <name> -n <namespace> --type=merge -p \'{"metadata":{"finalizers":null}}\'), then destroy again'
    );
}

/**
 * Shell functions shared by the stages: the stuck report, and `stage`, which deletes every object of the served
 * resources in one call and waits (kubectl's wait follows each deleted object by UID, as Juniper's blocking
 * `kubectl delete` does) until those objects are gone: one the still-running controller re-creates, such as a default
 * global config, is a new object and does not hold the destroy.
 */
function teardownFunctions(cluster: string, timeoutSeconds: number): string[] {
    const listing = "'{range .items[*]}{.kind} {.metadata.namespace}/{.metadata.name} finalizers={.metadata.finalizers}{\"\\n\"}{end}'";
    return [
        `deadline=$((SECONDS + ${timeoutSeconds}))`,
        "remaining() { local left=$((deadline - SECONDS)); echo $((left > 1 ? left : 1)); }",
        'served() { kubectl get "$1" -A -o name >/dev/null 2>&1; }',
        "stuck() {",
        "  local what=$1 resource; shift",
        `  for resource in "$@"; do if served "$resource"; then kubectl get "$resource" -A -o jsonpath=${listing} >&2; fi; done`,
        `  echo "cluster ${cluster}: $what were not deleted within ${timeoutSeconds}s (listed above); "${sh(stuckFix())} >&2`,
        "  exit 1",
        "}",
        "stage() {",
        "  local what=$1 resource kinds=(); shift",
        '  for resource in "$@"; do if served "$resource"; then kinds+=("$resource"); fi; done',
        "  ((${#kinds[@]} > 0)) || return 0",
        '  kubectl delete "$(IFS=,; echo "${kinds[*]}")" --all -A --wait=true --timeout="$(remaining)s" >/dev/null || stuck "$what" "${kinds[@]}"',
        "}",
    ];
}

/** Lines: the central teardown stages, then the aggregated APIServices of CN2's API server, whose backend is gone. */
function centralTeardownLines(input: ManifestScriptInput): string[] {
    if (input.role !== "centralDeployer") {
        return [];
    }
    return [
        ...CENTRAL_TEARDOWN.map((stage) => `stage ${sh(stage.what)} ${stage.resources.map(sh).join(" ")}`),
        "# An APIService left behind without its server would stall every namespace deletion of the cluster.",
        "while read -r apiservice; do",
        '  kubectl delete "$apiservice" --ignore-not-found --wait=true --timeout="$(remaining)s" >/dev/null ||',
        `    { echo "cluster ${input.cluster}: $apiservice (CN2's API, its server gone) was not deleted; "${sh("kubectl describe it for why, then destroy again")} >&2; exit 1; }`,
        "done < <(kubectl get apiservices -o name | grep '\\.core\\.contrail\\.juniper\\.net$' || true)",
    ];
}

/**
 * Deletes what the manifest created and waits (bounded) until it is gone; on the central cluster first what the
 * controller job created, stage by stage, while the operator still runs. Objects a finalizer holds are listed with
 * it and fail the destroy in one sentence. A cluster that no longer answers is left alone (it is being destroyed too).
 */
export function manifestDeleteScript(input: ManifestScriptInput, timeoutSeconds: number = DEFAULT_CONTRAIL_DELETE_SECONDS): string {
    const file = pinnedManifest(input.release, input.role).file;
    const lines = [
        ...kubectlScriptPreamble(
            `Deletes the objects of ${file} of CN2 ${input.release.version} from cluster ${input.cluster}, waiting until they are gone.`,
            ["kubectl", "curl", "sha256sum", "awk"],
        ),
        "if ! kubectl get --raw=/readyz >/dev/null 2>&1; then",
        `  echo ${sh(`cluster ${input.cluster} does not answer: the objects of ${file} are left as they are`)} >&2`,
        "  exit 0",
        "fi",
        ...fetchLines(input),
        ...teardownFunctions(input.cluster, timeoutSeconds),
        ...centralTeardownLines(input),
        'if ! kubectl delete --ignore-not-found --wait=true --timeout="$(remaining)s" -f "$work/apply.yaml"; then',
        `  kubectl get --ignore-not-found -f "$work/apply.yaml" -o jsonpath='{range .items[*]}{.kind} {.metadata.namespace}/{.metadata.name} finalizers={.metadata.finalizers}{"\\n"}{end}' >&2 || true`,
        `  echo ${sh(`cluster ${input.cluster}: objects of ${file} were not deleted within ${timeoutSeconds}s (listed above); ${stuckFix()}`)} >&2`,
        "  exit 1",
        "fi",
        `echo ${sh(`cluster ${input.cluster}: deleted the objects of ${file}`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

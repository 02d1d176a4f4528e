// A pre-upgrade check at `pulumi up`: the version a running workload's image is tagged with against the new version.
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { GateOptions, clusterScript, kubectlScriptPreamble } from "./kubectl-wait";
import { sh } from "./shell";

/** Options of {@link versionJumpScript}. */
export interface VersionJumpScriptOptions extends GateOptions {
    /** Product name in messages (`Cilium`). */
    readonly product: string;
    /** The version about to be applied. */
    readonly version: string;
    /** The workload whose image tells the running version, as `kubectl get` takes it (`ds cilium`). */
    readonly workload: string;
    /** Its namespace. */
    readonly namespace: string;
    /** Its container whose image tag is read. */
    readonly container: string;
    /** Most minors the new version may be above the running one. */
    readonly maxAbove: number;
    /** Most minors it may be below (a rollback); undefined: not checked. */
    readonly maxBelow?: number;
    /** Refuse another major line (else it is not checked). */
    readonly sameMajor: boolean;
    /** The rule as the fix states it (`upgrade one minor at a time`). */
    readonly rule: string;
}

/**
 * Reads the version tag of the workload's image and fails, before the upgrade, when the new version is further from
 * it than the rule allows. No workload: a first install, nothing to check; a tag that is no version (a custom image):
 * not checked, and said so on stderr.
 */
export function versionJumpScript(options: VersionJumpScriptOptions): string {
    const match = /^v?(\d+)\.(\d+)\./.exec(options.version);
    if (!match) {
        throw new Error(`versionJumpScript: ${options.version} is not a ${options.product} release version`);
    }
    const [major, minor] = [Number(match[1]), Number(match[2])];
    const { cluster, version, product } = options;
    const runs = `cluster ${cluster} runs ${product}`;
    const image = `{.spec.template.spec.containers[?(@.name=="${options.container}")].image}`;
    const where = `${options.workload} in namespace ${options.namespace}`;
    const lines = [
        ...kubectlScriptPreamble(`Before ${product} ${version} is applied in cluster ${cluster}: the running ${product} allows the jump.`),
        `deadline=$((SECONDS + ${options.timeoutSeconds}))`,
        'left() { local s=$((deadline - SECONDS)); (( s > 0 )) || s=1; echo "$s"; }',
        'fail() { echo "$1" >&2; exit 1; }',
        `image="$(kubectl -n ${sh(options.namespace)} get ${options.workload} --ignore-not-found --request-timeout="$(left)s" -o jsonpath=${sh(image)})" ||`,
        `  fail ${sh(`cluster ${cluster}: cannot read ${where} (kubectl get failed)`)}`,
        `if [[ -z "$image" ]]; then echo ${sh(`cluster ${cluster} runs no ${product} yet (first install): nothing to check`)}; exit 0; fi`,
        'tag="${image%%@*}"; tag="${tag##*:}"; tag="${tag#v}"',
        'if [[ ! "$tag" =~ ^([0-9]+)\\.([0-9]+)\\. ]]; then',
        `  echo "${runs} image $image, whose tag is no version: the upgrade rule is not checked" >&2`,
        "  exit 0",
        "fi",
        'running_major="${BASH_REMATCH[1]}"; running_minor="${BASH_REMATCH[2]}"',
        ...(options.sameMajor
            ? [
                  `if (( running_major != ${major} )); then fail "${runs} $tag, and ${version} is in another major line; fix: ${options.rule} from $tag"; fi`,
              ]
            : [
                  `if (( running_major != ${major} )); then echo "${runs} $tag: another major line, the upgrade rule is not checked" >&2; exit 0; fi`,
              ]),
        `if (( ${minor} - running_minor > ${options.maxAbove} )); then fail "${runs} $tag, and ${version} is $(( ${minor} - running_minor )) minors above it; fix: ${options.rule}: set the version to ${major}.$((running_minor + ${options.maxAbove})).x first"; fi`,
        ...(options.maxBelow === undefined
            ? []
            : [
                  `if (( running_minor - ${minor} > ${options.maxBelow} )); then fail "${runs} $tag, and ${version} is $(( running_minor - ${minor} )) minors below it; fix: roll back ${options.rule.replace(/^upgrade /, "")}: set the version to ${major}.$((running_minor - ${options.maxBelow})).x first"; fi`,
              ]),
        `echo "${runs} $tag: ${version} is within the upgrade rule"`,
    ];
    return `${lines.join("\n")}\n`;
}

/**
 * The gate `<name>-version-jump` in `cluster`, under `parent`: runs `script` before a release changes and again
 * whenever `version` does (a first install passes at once).
 */
export function versionJumpGate(
    name: string,
    cluster: Cluster,
    script: string,
    version: string,
    parent: pulumi.Resource,
): command.local.Command {
    return clusterScript(`${name}-version-jump`, { cluster, script, triggers: [version] }, parent);
}

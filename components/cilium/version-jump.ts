// The pre-upgrade check of a Cilium release at `pulumi up`: the running agents' version against the new one.
import { GateOptions } from "../shared/kubectl-wait";
import { sh } from "../shared/shell";
import { gatePreamble } from "./health";

/** Options of {@link ciliumVersionJumpScript}. */
export interface VersionJumpScriptOptions extends GateOptions {
    /** The chart version about to be applied. */
    readonly version: string;
}

/** Image of the agent container of DaemonSet kube-system/cilium (chart 1.20.0 `cilium-agent/daemonset.yaml`). */
const AGENT_IMAGE = '{.spec.template.spec.containers[?(@.name=="cilium-agent")].image}';

/**
 * Before the release changes (cilium@v1.20.0 Documentation/operations/upgrade-warning.rst: "Always perform rollbacks
 * and upgrades between one minor release at a time"): reads the version tag of the running agents' image and fails
 * when `version` is in another major line or more than one minor away. No DaemonSet: a first install, nothing to
 * check; a tag that is no version (a custom image): not checked, and said so on stderr.
 */
export function ciliumVersionJumpScript(options: VersionJumpScriptOptions): string {
    const match = /^v?(\d+)\.(\d+)\./.exec(options.version);
    if (!match) {
        throw new Error(`ciliumVersionJumpScript: ${options.version} is not a Cilium release version`);
    }
    const [major, minor] = [Number(match[1]), Number(match[2])];
    const runs = `cluster ${options.cluster} runs Cilium`;
    const fix = (verb: string, next: string) => `; fix: ${verb} one minor at a time: set the version to ${major}.${next}.x first`;
    const lines = [
        ...gatePreamble(
            `Before Cilium ${options.version} is applied in cluster ${options.cluster}: the running Cilium is at most one minor away.`,
            ["kubectl"],
            options.timeoutSeconds,
        ),
        `image="$(k get ds cilium --ignore-not-found --request-timeout="$(left)s" -o jsonpath=${sh(AGENT_IMAGE)})" ||`,
        `  fail ${sh(`cluster ${options.cluster}: cannot read the Cilium DaemonSet kube-system/cilium (kubectl get failed)`)}`,
        `if [[ -z "$image" ]]; then echo ${sh(`cluster ${options.cluster} runs no Cilium yet (first install): nothing to check`)}; exit 0; fi`,
        'tag="${image%%@*}"; tag="${tag##*:}"; tag="${tag#v}"',
        'if [[ ! "$tag" =~ ^([0-9]+)\\.([0-9]+)\\. ]]; then',
        `  echo "${runs} image $image, whose tag is no version: the one-minor rule is not checked" >&2`,
        "  exit 0",
        "fi",
        'running_major="${BASH_REMATCH[1]}"; running_minor="${BASH_REMATCH[2]}"',
        `if (( running_major != ${major} )); then fail "${runs} $tag, and ${options.version} is in another major line; fix: upgrade one minor at a time from $tag"; fi`,
        `if (( ${minor} - running_minor > 1 )); then fail "${runs} $tag, and ${options.version} is $(( ${minor} - running_minor )) minors above it${fix("upgrade", "$((running_minor + 1))")}"; fi`,
        `if (( running_minor - ${minor} > 1 )); then fail "${runs} $tag, and ${options.version} is $(( running_minor - ${minor} )) minors below it${fix("roll back", "$((running_minor - 1))")}"; fi`,
        `echo "${runs} $tag: ${options.version} is at most one minor away"`,
    ];
    return `${lines.join("\n")}\n`;
}

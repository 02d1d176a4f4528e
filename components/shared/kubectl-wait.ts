// Local bounded waits against a cluster: bash run by command.local.Command with the kubeconfig on stdin (never argv, env or log).
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { inSlices, requireTool, scriptPreamble, sh, waitFor } from "./shell";
import { requireClusterAccess } from "./cluster-access";

/** Default bound of every wait, in seconds. */
export const DEFAULT_WAIT_SECONDS = 600;

/**
 * Opening lines of a local script that talks to a cluster: strict mode, required tools, and the kubeconfig
 * read from stdin into a private temp file removed on exit (it never appears on a command line, in the
 * environment or in the log), and the progress helpers of bounded waits.
 */
export function kubectlScriptPreamble(purpose: string, tools: readonly string[] = ["kubectl"]): string[] {
    return [
        scriptPreamble(purpose, { inheritPath: true, waits: true }).trimEnd(),
        ...tools.map((tool) => requireTool(tool, `${tool} is required on the machine running pulumi`)),
        "umask 077",
        'kubeconfig="$(mktemp)"',
        "trap 'rm -f \"$kubeconfig\"' EXIT",
        'cat >"$kubeconfig"',
        'export KUBECONFIG="$kubeconfig"',
        "",
    ];
}

/** Lines that wait until each CRD exists and is established (a controller may register it after it starts). */
export function waitForCrdLines(crds: readonly string[], cluster: string, timeoutSeconds: number): string[] {
    return crds.flatMap((crd) => [
        waitFor(`kubectl get crd ${sh(crd)} >/dev/null 2>&1`, {
            what: `CRD ${crd} in cluster ${cluster}`,
            timeoutSeconds,
            intervalSeconds: 5,
            state: "'not registered yet'",
        }),
        inSlices(`CRD ${crd} in cluster ${cluster}`, timeoutSeconds, `kubectl wait --for condition=established crd/${sh(crd)}`),
    ]);
}

/** A workload to wait for: `kind/name` in a namespace. */
export interface Workload {
    /** `deployment`, `daemonset` or `statefulset`. */
    readonly kind: "deployment" | "daemonset" | "statefulset";
    /** Object name. */
    readonly name: string;
    /** Namespace. */
    readonly namespace: string;
}

/** The `rollout status` command of a workload, without its bound (for {@link inSlices} or a gate's own bound). */
export function rolloutCommand(workload: Workload): string {
    return `kubectl -n ${sh(workload.namespace)} rollout status ${workload.kind}/${sh(workload.name)}`;
}

/** A line that waits until a workload in `cluster` is rolled out (bounded), with progress lines. */
export function rolloutLine(workload: Workload, timeoutSeconds: number, cluster: string): string {
    const what = `${workload.kind} ${workload.namespace}/${workload.name} in cluster ${cluster}`;
    return inSlices(what, timeoutSeconds, rolloutCommand(workload));
}

/** What every gate script is given: the cluster it checks and its bound; a gate that needs more extends it. */
export interface GateOptions {
    /** The cluster the gate checks (its name, for messages). */
    readonly cluster: string;
    /** The gate's bound in seconds (each gate says whether it bounds the whole script or each wait). */
    readonly timeoutSeconds: number;
}

/** Options of {@link rolloutWaitScript}. */
export interface RolloutWaitOptions {
    /** Cluster name, for messages. */
    readonly cluster: string;
    /** What is waited for, in a few words ("Antrea", "the MetalLB controller"). */
    readonly what: string;
    /** Workloads that must be rolled out. */
    readonly workloads: readonly Workload[];
    /** CRDs that must be established. */
    readonly crds?: readonly string[];
    /** Bound of each wait; default {@link DEFAULT_WAIT_SECONDS}. */
    readonly timeoutSeconds?: number;
}

/** A local script that waits until workloads are rolled out and CRDs established, then says so. */
export function rolloutWaitScript(options: RolloutWaitOptions): string {
    const t = options.timeoutSeconds ?? DEFAULT_WAIT_SECONDS;
    const lines = [
        ...kubectlScriptPreamble(`Waits until ${options.what} runs in cluster ${options.cluster}.`),
        ...options.workloads.map((workload) => rolloutLine(workload, t, options.cluster)),
        ...waitForCrdLines(options.crds ?? [], options.cluster, t),
        `echo ${sh(`${options.what} runs in cluster ${options.cluster}`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

/** Inputs of {@link clusterScript}. */
export interface ClusterScriptArgs {
    /** The cluster the script talks to (its kubeconfig goes to stdin). */
    readonly cluster: Cluster;
    /** The bash script (from {@link kubectlScriptPreamble} on); an Output when it names something known only once created. */
    readonly script: pulumi.Input<string>;
    /** What the script waits on besides the cluster being ready. */
    readonly dependsOn?: readonly pulumi.Input<pulumi.Resource>[];
    /** Values whose change re-runs the script (e.g. a release's values checksum); the cluster's incarnation is always one. */
    readonly triggers?: readonly pulumi.Input<unknown>[];
}

/**
 * A local.Command that runs a script against a cluster: bash, kubeconfig on stdin as a secret, only stderr logged
 * (the wait progress lines; stdout, which may carry values, is never logged; no script prints the kubeconfig), re-run when `triggers` change or the cluster is re-created
 * (its incarnation is the first trigger: a check never stays green for a cluster it did not see).
 */
export function clusterScript(name: string, args: ClusterScriptArgs, parent: pulumi.Resource): command.local.Command {
    return new command.local.Command(
        name,
        {
            create: args.script,
            interpreter: ["bash", "-c"],
            stdin: pulumi.secret(args.cluster.kubeconfig),
            logging: "stderr",
            addPreviousOutputInEnv: false,
            triggers: [args.cluster.incarnation, ...(args.triggers ?? [])],
        },
        { parent, dependsOn: [...requireClusterAccess(args.cluster).ready, ...(args.dependsOn ?? [])] },
    );
}

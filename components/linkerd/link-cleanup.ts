// What removing a link leaves behind and `linkerd multicluster unlink` deletes (the mirror Services, the Lease), and the command that deletes it.
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { ClusterAccess } from "../shared/cluster-access";
import { kubectlScriptPreamble } from "../shared/kubectl-wait";
import { sh } from "../shared/shell";
import { CLUSTER_NAME_LABEL, MIRRORED_SERVICE_LABEL, MULTICLUSTER_NAMESPACE } from "./constants";
import { REQUEST_TIMEOUT_SECONDS } from "./gate-shell";

/** Options of {@link linkCleanupScript}. */
export interface LinkCleanupOptions {
    /** The cluster that mirrored (the script runs against it). */
    readonly source: string;
    /** The cluster whose services it mirrored. */
    readonly target: string;
}

/** The Services a link's controller mirrored (`getServiceMirrors` in multicluster/cmd/unlink.go@edge-26.8.3). */
export function mirroredServicesSelector(target: string): string {
    return `${MIRRORED_SERVICE_LABEL}=true,${CLUSTER_NAME_LABEL}=${target}`;
}

/** What the cleanup command does on create: nothing but saying what its delete will do. */
export function linkCleanupArmScript(options: LinkCleanupOptions): string {
    return [
        ...kubectlScriptPreamble(
            `Removing the link ${options.source} -> ${options.target} runs this command's delete, which removes the mirrors.`,
            [],
        ),
        `echo ${sh(`the mirrors of ${options.target} in cluster ${options.source} are removed when the link is`)}`,
        "",
    ].join("\n");
}

/**
 * The delete path of a link, run against the source after its Link is gone: deletes every Service the link's
 * controller mirrored and the controller's `service-mirror-write-<target>` Lease, as `unlink` does (the controller
 * itself only stops its workers when its Link goes: service-mirror/main.go, cluster_watcher.go `Stop(false)`), so
 * `linkerd multicluster check` finds no orphaned mirror. The Link and both credentials Secrets are Pulumi's and go
 * with it. A source that no longer answers (a destroyed cluster) has nothing left to clean.
 */
export function linkCleanupScript(options: LinkCleanupOptions): string {
    const lines = [
        ...kubectlScriptPreamble(
            `Removes the mirrors of cluster ${options.target} from cluster ${options.source} (the link between them is deleted).`,
        ),
        `kc() { kubectl --request-timeout=${REQUEST_TIMEOUT_SECONDS}s "$@"; }`,
        `kc get --raw=/readyz >/dev/null 2>&1 || { echo ${sh(`cluster ${options.source} does not answer: nothing of its link to ${options.target} is left to remove`)}; exit 0; }`,
        `kc delete services --all-namespaces -l ${sh(mirroredServicesSelector(options.target))} --ignore-not-found`,
        `kc -n ${MULTICLUSTER_NAMESPACE} delete lease ${sh(`service-mirror-write-${options.target}`)} --ignore-not-found`,
        `echo ${sh(`cluster ${options.source} no longer mirrors cluster ${options.target}`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

/**
 * The command whose delete removes what the link's controller created on the source (the mirror Services, the Lease).
 * No triggers: only removing the link (or the stack) runs its delete, never a re-created cluster.
 */
export function linkCleanup(name: string, source: ClusterAccess, target: string, parent: pulumi.Resource): command.local.Command {
    return new command.local.Command(
        name,
        {
            create: linkCleanupArmScript({ source: source.name, target }),
            delete: linkCleanupScript({ source: source.name, target }),
            interpreter: ["bash", "-c"],
            stdin: pulumi.secret(source.kubeconfig),
            logging: "none",
            addPreviousOutputInEnv: false,
        },
        { parent, dependsOn: [...source.ready] },
    );
}

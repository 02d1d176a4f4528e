// Records a cluster's Kubernetes version in state and fails `pulumi preview` when it changes (no upgrades yet).
import * as pulumi from "@pulumi/pulumi";

/** Inputs (and outputs) of the version record. */
export interface KubernetesVersionPinArgs {
    /** Cluster name, for the message. */
    readonly cluster: string;
    /** Kubernetes version the cluster was built with. */
    readonly kubernetesVersion: string;
}

/** The refusal sentence for a version change, or undefined when nothing changed (or nothing was recorded yet). */
export function versionChangeProblem(cluster: string, recorded: unknown, wanted: string): string | undefined {
    if (typeof recorded !== "string" || recorded === "" || recorded === wanted) {
        return undefined;
    }
    return (
        `Kubernetes version of cluster ${cluster} changed from ${recorded} to ${wanted}, but KubeadmCluster cannot upgrade ` +
        `a running cluster yet; set it back to ${recorded} (see docs/provisioners.md to adopt a version you upgraded by hand).`
    );
}

/**
 * Provider of the record. `check` runs in every preview with the recorded (old) and configured (new) inputs,
 * so a changed version fails the preview before any step runs; the record itself touches nothing.
 */
export const versionPinProvider: pulumi.dynamic.ResourceProvider = {
    async check(olds: KubernetesVersionPinArgs, news: KubernetesVersionPinArgs) {
        const problem = versionChangeProblem(news.cluster, olds?.kubernetesVersion, news.kubernetesVersion);
        return problem ? { inputs: news, failures: [{ property: "kubernetesVersion", reason: problem }] } : { inputs: news };
    },
    async diff(_id: string, olds: KubernetesVersionPinArgs, news: KubernetesVersionPinArgs) {
        return { changes: olds.kubernetesVersion !== news.kubernetesVersion || olds.cluster !== news.cluster };
    },
    async create(inputs: KubernetesVersionPinArgs) {
        return { id: `${inputs.cluster}-kubernetes-version`, outs: inputs };
    },
    async update(_id: string, _olds: KubernetesVersionPinArgs, news: KubernetesVersionPinArgs) {
        return { outs: news };
    },
};

/** The version record of one cluster (a dynamic resource; it creates nothing outside Pulumi's state). */
export class KubernetesVersionPin extends pulumi.dynamic.Resource {
    constructor(name: string, args: KubernetesVersionPinArgs, opts?: pulumi.CustomResourceOptions) {
        super(versionPinProvider, name, { ...args }, opts);
    }
}
